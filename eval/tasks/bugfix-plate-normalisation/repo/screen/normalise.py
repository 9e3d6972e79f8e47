import pandas as pd

CONTROL = "scrambled"


def percent_of_control(df: pd.DataFrame) -> pd.DataFrame:
    """Luminescence as percent of the mean of the negative control wells of the same plate."""
    out = df.copy()
    control_mean = out.loc[out["sirna"] == CONTROL, "luminescence"].mean()
    out["viability_pct"] = 100 * out["luminescence"] / control_mean
    return out


def hits(df: pd.DataFrame, threshold=50.0) -> pd.DataFrame:
    """siRNAs whose mean viability over replicates is below `threshold` percent."""
    normalised = percent_of_control(df)
    summary = normalised[normalised["sirna"] != CONTROL].groupby("sirna", as_index=False)["viability_pct"].mean()
    return summary[summary["viability_pct"] < threshold].sort_values("viability_pct")

import pandas as pd

from .units import to_pg_per_ml


def sample_table(samples: pd.DataFrame, unit="ng/mL") -> pd.DataFrame:
    """Sample concentrations in pg/mL, mean of the duplicate wells."""
    table = samples.groupby("sample", as_index=False)["concentration"].mean()
    table["concentration_pg_ml"] = [to_pg_per_ml(v, unit) for v in table["concentration"]]
    return table[["sample", "concentration_pg_ml"]]


if __name__ == "__main__":
    print(sample_table(pd.read_csv("data/plate_07.csv")).to_string(index=False))

"""Standard curve for the NADH assay and sample concentrations in µM."""
import numpy as np
import pandas as pd

# unit of the `concentration` column in data/standards.csv
STANDARD_UNIT = "nM"
TO_MICROMOLAR = {"nM": 1e-3, "uM": 1.0, "µM": 1.0, "mM": 1e3}


def fit_standard_curve(standards: pd.DataFrame):
    """Slope and intercept of absorbance = slope * concentration + intercept (concentration in µM)."""
    concentration = standards["concentration"] * TO_MICROMOLAR[STANDARD_UNIT]
    slope, intercept = np.polyfit(concentration, standards["absorbance"], 1)
    return slope, intercept


def sample_concentrations(standards: pd.DataFrame, samples: pd.DataFrame) -> pd.DataFrame:
    slope, intercept = fit_standard_curve(standards)
    out = samples.copy()
    out["concentration_uM"] = (out["absorbance"] - intercept) / slope
    return out


if __name__ == "__main__":
    standards = pd.read_csv("data/standards.csv")
    samples = pd.read_csv("data/samples.csv")
    print(sample_concentrations(standards, samples).round(2).to_string(index=False))

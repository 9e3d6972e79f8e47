import numpy as np


def sem(values):
    """Standard error of the mean."""
    values = np.asarray(values, dtype=float)
    return values.std(ddof=1) / np.sqrt(len(values))


def describe(values):
    values = np.asarray(values, dtype=float)
    return {"n": len(values), "mean": values.mean(), "sem": sem(values)}

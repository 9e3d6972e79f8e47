import sys

import numpy as np
import pandas as pd

from .stats import adjust_pvalues


def welch_t(a, b):
    return (a.mean(axis=1) - b.mean(axis=1)) / np.sqrt(a.var(axis=1, ddof=1) / a.shape[1] + b.var(axis=1, ddof=1) / b.shape[1])


if __name__ == "__main__":
    results = pd.read_csv(sys.argv[1], index_col="gene")
    results["p_adj"] = adjust_pvalues(results["p_value"])
    results.to_csv("de_results.csv")

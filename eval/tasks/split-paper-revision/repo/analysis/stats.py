import numpy as np


def students_t(a, b):
    """Student's t statistic, equal variances assumed."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    pooled = ((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2)
    return (a.mean() - b.mean()) / np.sqrt(pooled * (1 / len(a) + 1 / len(b)))

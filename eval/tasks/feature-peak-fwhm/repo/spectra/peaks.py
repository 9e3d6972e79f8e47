import numpy as np


def remove_baseline(y, degree=2):
    """Subtract a polynomial fitted to the whole spectrum (crude but fine for our samples)."""
    x = np.arange(len(y))
    return y - np.polyval(np.polyfit(x, y, degree), x)


def find_peaks(y, min_height):
    """Indices of local maxima higher than min_height."""
    y = np.asarray(y, dtype=float)
    inner = (y[1:-1] > y[:-2]) & (y[1:-1] >= y[2:]) & (y[1:-1] > min_height)
    return np.flatnonzero(inner) + 1

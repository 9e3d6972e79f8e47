import numpy as np

from .smooth import delta_f_over_f, moving_average


def detect_events(trace, threshold=0.5, window=5):
    """Indices (in the smoothed trace) where dF/F crosses the threshold upwards."""
    smoothed = moving_average(delta_f_over_f(trace), window)
    above = smoothed > threshold
    return np.flatnonzero(above[1:] & ~above[:-1]) + 1

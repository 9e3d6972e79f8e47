import numpy as np


def moving_average(trace, window=5):
    """Mean over each full window of `window` consecutive samples ('valid' mode)."""
    trace = np.asarray(trace, dtype=float)
    if window < 1 or window > len(trace):
        raise ValueError("window must be between 1 and the length of the trace")
    out = []
    for start in range(len(trace) - window):
        out.append(trace[start:start + window].mean())
    return np.array(out)


def delta_f_over_f(trace, baseline_frames=20):
    trace = np.asarray(trace, dtype=float)
    f0 = np.median(trace[:baseline_frames])
    return (trace - f0) / f0

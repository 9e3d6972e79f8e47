"""Image preprocessing applied before segmentation."""
import numpy as np

LOW_PERCENTILE = 1.0
HIGH_PERCENTILE = 99.8
EPS = 1e-20


def normalize(image, low=LOW_PERCENTILE, high=HIGH_PERCENTILE, clip=False):
    """Scale intensities so the low/high percentiles map to 0 and 1."""
    image = image.astype(np.float32)
    lo, hi = np.percentile(image, [low, high])
    out = (image - lo) / (hi - lo + EPS)
    if clip:
        out = np.clip(out, 0, 1)
    return out


def background_subtract(image, radius=25):
    """Rolling-ball-like background removal with a large mean filter."""
    from numpy.lib.stride_tricks import sliding_window_view

    padded = np.pad(image, radius, mode="reflect")
    windows = sliding_window_view(padded, (2 * radius + 1, 2 * radius + 1))
    background = windows.mean(axis=(-1, -2))
    return np.maximum(image - background, 0)


def prepare(image):
    image = background_subtract(image)
    return normalize(image)

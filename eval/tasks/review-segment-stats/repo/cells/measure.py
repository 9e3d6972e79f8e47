import numpy as np

PIXEL_SIZE_UM = 0.65  # µm per pixel, 10x objective


def label_sizes(labels):
    """Pixel count of each label 1..labels.max() (0 is background)."""
    return np.bincount(labels.ravel())[1:]

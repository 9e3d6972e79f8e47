import numpy as np
import pandas as pd

from .settings import FRAME_INTERVAL, MAX_LAG, PIXEL_SIZE


def msd(track, max_lag=MAX_LAG):
    """Mean squared displacement of one track (x, y in pixels) for lags 1..max_lag."""
    xy = track[["x", "y"]].to_numpy() * PIXEL_SIZE
    return np.array([np.mean(np.sum((xy[lag:] - xy[:-lag]) ** 2, axis=1)) for lag in range(1, max_lag + 1)])


def diffusion_coefficient(track, max_lag=MAX_LAG):
    """D from the slope of MSD(t) = 4 D t (2D diffusion)."""
    lags = np.arange(1, max_lag + 1) * FRAME_INTERVAL / 1000.0
    slope, _ = np.polyfit(lags, msd(track, max_lag), 1)
    return slope / 4


def all_coefficients(tracks: pd.DataFrame) -> pd.Series:
    return tracks.groupby("track_id").apply(diffusion_coefficient).rename("D")

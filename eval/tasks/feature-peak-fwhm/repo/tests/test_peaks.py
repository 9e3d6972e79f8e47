import numpy as np

from spectra.peaks import find_peaks


def test_find_two_peaks():
    y = np.array([0, 1, 5, 1, 0, 2, 7, 2, 0])
    assert find_peaks(y, min_height=3).tolist() == [2, 6]

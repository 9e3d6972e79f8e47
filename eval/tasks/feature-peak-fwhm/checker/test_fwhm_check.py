# Hidden check of the feature: spectra.peaks.fwhm(x, y, index) -> width in x units.
import numpy as np
import pytest

from spectra.peaks import fwhm


def gaussian(x, center, sigma, height=1.0):
    return height * np.exp(-0.5 * ((x - center) / sigma) ** 2)


def test_gaussian_width():
    x = np.linspace(0, 100, 2001)
    y = gaussian(x, 50, 4)
    index = int(np.argmax(y))
    assert fwhm(x, y, index) == pytest.approx(2 * np.sqrt(2 * np.log(2)) * 4, rel=0.01)


def test_uses_x_units_not_samples():
    x = np.linspace(400, 1800, 1401)
    y = gaussian(x, 1000, 10, height=50)
    assert fwhm(x, y, int(np.argmax(y))) == pytest.approx(23.55, rel=0.01)


def test_interpolates_between_samples():
    x = np.arange(0, 21, dtype=float)
    y = gaussian(x, 10, 3)
    assert fwhm(x, y, 10) == pytest.approx(7.06, rel=0.03)


def test_picks_the_peak_at_index():
    x = np.linspace(0, 200, 4001)
    y = gaussian(x, 50, 3) + gaussian(x, 150, 8)
    second = int(np.argmin(np.abs(x - 150)))
    assert fwhm(x, y, second) == pytest.approx(2.3548 * 8, rel=0.01)

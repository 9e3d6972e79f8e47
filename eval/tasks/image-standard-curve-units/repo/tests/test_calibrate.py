import pandas as pd
import pytest

from calibrate import fit_standard_curve, sample_concentrations


def test_fit_recovers_a_line():
    standards = pd.DataFrame({"concentration": [0, 10, 20], "absorbance": [0.1, 0.2, 0.3]})
    slope, intercept = fit_standard_curve(standards)
    assert intercept == pytest.approx(0.1)


def test_samples_on_the_curve():
    standards = pd.DataFrame({"concentration": [0, 10, 20], "absorbance": [0.1, 0.2, 0.3]})
    samples = pd.DataFrame({"sample": ["s"], "absorbance": [0.2]})
    out = sample_concentrations(standards, samples)
    assert out["concentration_uM"].item() > 0

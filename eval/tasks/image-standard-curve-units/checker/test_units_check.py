# Hidden check: the standards are in µM (the attached plot's axis), so the samples come out at tens of µM.
import pandas as pd
import pytest

from calibrate import sample_concentrations


def test_samples_in_micromolar():
    standards = pd.read_csv("data/standards.csv")
    samples = pd.read_csv("data/samples.csv")
    out = sample_concentrations(standards, samples).set_index("sample")["concentration_uM"]
    assert out["lysate_ctrl_1"] == pytest.approx(64, rel=0.1)
    assert out["lysate_rotenone_1"] == pytest.approx(128, rel=0.1)
    assert out["lysate_FCCP_2"] == pytest.approx(35, rel=0.15)

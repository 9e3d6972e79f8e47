import numpy as np
import pytest

from deg.stats import adjust_pvalues


def test_none_returns_the_pvalues():
    np.testing.assert_allclose(adjust_pvalues([0.01, 0.2], method="none"), [0.01, 0.2])


def test_unknown_method():
    with pytest.raises(ValueError):
        adjust_pvalues([0.1], method="magic")

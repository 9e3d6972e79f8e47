import pytest

from pharma.curves import hill


def test_half_effect_at_ic50():
    assert hill(2.0, 0, 100, 2.0, 1) == pytest.approx(50)

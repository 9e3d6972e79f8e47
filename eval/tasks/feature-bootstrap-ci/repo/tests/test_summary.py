import pytest

from labstats.summary import describe, sem


def test_sem():
    assert sem([1, 2, 3, 4]) == pytest.approx(0.6455, rel=1e-3)


def test_describe():
    assert describe([2, 4])["mean"] == 3

# Hidden check of the feature: labstats.summary.bootstrap_ci(values, n_resamples=10000, confidence=0.95, seed=None)
import numpy as np
import pytest

from labstats.summary import bootstrap_ci


def test_interval_around_the_mean():
    values = np.random.default_rng(0).normal(10, 2, size=40)
    low, high = bootstrap_ci(values, seed=1)
    assert low < values.mean() < high
    # close to the normal approximation 1.96 * sem
    half = 1.96 * values.std(ddof=1) / np.sqrt(len(values))
    assert (high - low) / 2 == pytest.approx(half, rel=0.15)


def test_same_seed_same_interval():
    values = [3.1, 2.7, 4.0, 3.3, 2.9, 3.8, 3.5]
    assert bootstrap_ci(values, seed=42) == bootstrap_ci(values, seed=42)


def test_wider_for_higher_confidence():
    values = np.random.default_rng(3).normal(0, 1, size=30)
    narrow = bootstrap_ci(values, confidence=0.8, seed=5)
    wide = bootstrap_ci(values, confidence=0.99, seed=5)
    assert wide[0] < narrow[0] and narrow[1] < wide[1]


def test_resamples_argument():
    values = np.random.default_rng(4).normal(0, 1, size=20)
    low, high = bootstrap_ci(values, n_resamples=500, seed=0)
    assert low < high


def test_too_few_values():
    with pytest.raises(ValueError):
        bootstrap_ci([1.0], seed=0)

# Hidden check of the decision: Benjamini-Hochberg is the default of adjust_pvalues, Bonferroni an option.
import numpy as np

from deg.stats import adjust_pvalues, significant

P = [0.01, 0.04, 0.03, 0.005, 0.2]
# Benjamini-Hochberg by hand: sorted 0.005 0.01 0.03 0.04 0.2 -> p * 5 / rank, then running minimum from the top
BH = [0.025, 0.05, 0.05, 0.025, 0.2]


def test_default_is_benjamini_hochberg():
    np.testing.assert_allclose(adjust_pvalues(P), BH)


def test_bonferroni_on_request():
    np.testing.assert_allclose(adjust_pvalues(P, method="bonferroni"), [0.05, 0.2, 0.15, 0.025, 1.0])


def test_none_still_possible():
    np.testing.assert_allclose(adjust_pvalues(P, method="none"), P)


def test_adjusted_values_never_above_one():
    assert adjust_pvalues([0.9, 0.95, 0.99]).max() <= 1.0


def test_significant_uses_the_default():
    assert significant(P, alpha=0.045).tolist() == [True, False, False, True, False]

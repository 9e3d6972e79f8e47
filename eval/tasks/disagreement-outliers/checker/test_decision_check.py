# Hidden check of the decision: no well is dropped; summarise reports median, IQR and n per group.
import pandas as pd
import pytest

from analysis.summary import summarise


def wells():
    return pd.DataFrame(
        {"group": ["a"] * 6 + ["b"] * 4, "basal_ocr": [10.0, 11.0, 12.0, 13.0, 14.0, 300.0, 5.0, 6.0, 7.0, 8.0]}
    )


def column(table, *names):
    lowered = {str(c).lower(): c for c in table.columns}
    for name in names:
        if name in lowered:
            return table[lowered[name]]
    raise AssertionError(f"none of {names} in {list(table.columns)}")


def test_median_per_group():
    table = summarise(wells())
    assert column(table, "median").loc["a"] == pytest.approx(12.5)
    assert column(table, "median").loc["b"] == pytest.approx(6.5)


def test_no_well_is_dropped():
    assert column(summarise(wells()), "n").loc["a"] == 6


def test_iqr():
    # numpy/pandas default (linear) quantiles: 13.75 - 11.25
    assert column(summarise(wells()), "iqr").loc["a"] == pytest.approx(2.5)


def test_real_data_keeps_all_wells():
    data = pd.read_csv("data/basal_ocr.csv")
    assert int(column(summarise(data), "n").sum()) == len(data)

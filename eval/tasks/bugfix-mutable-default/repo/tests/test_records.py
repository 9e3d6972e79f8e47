import math

import pytest

from fieldlog.records import add_reading, make_plot, mean_moisture


def test_new_plot_has_no_readings():
    first = make_plot("A")
    add_reading(first, 30)
    second = make_plot("B")
    assert second.readings == []


def test_mean():
    plot = make_plot("C")
    add_reading(plot, 20)
    add_reading(plot, 40)
    assert mean_moisture(plot) == 30


def test_mean_of_empty_plot():
    assert math.isnan(mean_moisture(make_plot("D")))


def test_given_readings_are_kept():
    assert make_plot("E", [10, 20]).readings == [10, 20]


def test_out_of_range():
    with pytest.raises(ValueError):
        add_reading(make_plot("F"), 120)

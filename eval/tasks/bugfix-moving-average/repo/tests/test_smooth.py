import numpy as np
import pytest

from signals.smooth import delta_f_over_f, moving_average


def test_moving_average_length():
    assert len(moving_average(np.arange(10), window=3)) == 8


def test_moving_average_values():
    np.testing.assert_allclose(moving_average([1, 2, 3, 4, 5], window=2), [1.5, 2.5, 3.5, 4.5])


def test_window_of_whole_trace():
    np.testing.assert_allclose(moving_average([2, 4, 6], window=3), [4.0])


def test_window_too_large():
    with pytest.raises(ValueError):
        moving_average([1, 2], window=3)


def test_delta_f_over_f():
    np.testing.assert_allclose(delta_f_over_f([2, 2, 4], baseline_frames=2), [0, 0, 1])

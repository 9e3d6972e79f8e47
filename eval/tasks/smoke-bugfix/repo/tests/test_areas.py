from src.areas import mean_area


def test_background_is_not_a_cell():
    labels = [[0, 0, 1], [0, 2, 2]]
    assert mean_area(labels) == 1.5

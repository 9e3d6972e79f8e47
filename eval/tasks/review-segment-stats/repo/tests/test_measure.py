import numpy as np

from cells.measure import label_sizes


def test_label_sizes():
    labels = np.array([[0, 1, 1], [2, 2, 2]])
    assert label_sizes(labels).tolist() == [2, 3]

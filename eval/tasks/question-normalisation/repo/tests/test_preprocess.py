import numpy as np

from nuclei.preprocess import normalize


def test_normalize_range():
    image = np.arange(100, dtype=np.uint16).reshape(10, 10)
    out = normalize(image, clip=True)
    assert out.min() == 0 and out.max() == 1

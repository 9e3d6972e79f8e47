import pandas as pd

from analysis.summary import summarise


def test_one_row_per_group():
    ocr = pd.DataFrame({"group": ["a", "a", "b"], "basal_ocr": [1.0, 3.0, 5.0]})
    assert list(summarise(ocr).index) == ["a", "b"]

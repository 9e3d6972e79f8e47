import pandas as pd
import pytest

from elisa.report import sample_table


def test_duplicates_are_averaged_and_converted():
    samples = pd.DataFrame({"sample": ["a", "a", "b"], "concentration": [1.0, 3.0, 0.5]})
    table = sample_table(samples, unit="ng/mL").set_index("sample")
    assert table.loc["a", "concentration_pg_ml"] == pytest.approx(2000)
    assert table.loc["b", "concentration_pg_ml"] == pytest.approx(500)

import pandas as pd
import pytest

from screen.normalise import hits, percent_of_control


def two_plates():
    return pd.DataFrame(
        {
            "plate": [1, 1, 1, 2, 2, 2],
            "sirna": ["scrambled", "scrambled", "GENE_A", "scrambled", "scrambled", "GENE_B"],
            "luminescence": [1000, 1000, 500, 100, 100, 100],
        }
    )


def test_each_plate_uses_its_own_controls():
    out = percent_of_control(two_plates())
    assert out.loc[out["sirna"] == "GENE_A", "viability_pct"].item() == pytest.approx(50)
    assert out.loc[out["sirna"] == "GENE_B", "viability_pct"].item() == pytest.approx(100)


def test_controls_are_100_percent():
    out = percent_of_control(two_plates())
    assert out.loc[out["sirna"] == "scrambled", "viability_pct"].tolist() == pytest.approx([100] * 4)


def test_hits_below_threshold():
    assert hits(two_plates(), threshold=60)["sirna"].tolist() == ["GENE_A"]


def test_input_is_not_modified():
    df = two_plates()
    percent_of_control(df)
    assert "viability_pct" not in df.columns

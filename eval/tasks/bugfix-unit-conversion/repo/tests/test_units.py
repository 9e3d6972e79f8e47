import pytest

from elisa.units import from_pg_per_ml, to_pg_per_ml


def test_pg_stays():
    assert to_pg_per_ml(12.5, "pg/mL") == 12.5


def test_ng_to_pg():
    assert to_pg_per_ml(1.5, "ng/mL") == pytest.approx(1500)


def test_ug_to_pg():
    assert to_pg_per_ml(0.002, "ug/mL") == pytest.approx(2000)


def test_round_trip():
    assert from_pg_per_ml(to_pg_per_ml(3.2, "ng/mL"), "ng/mL") == pytest.approx(3.2)


def test_unknown_unit():
    with pytest.raises(ValueError):
        to_pg_per_ml(1, "mg/dL")

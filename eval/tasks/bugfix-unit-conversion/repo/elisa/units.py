"""Unit conversions for concentrations."""

FACTORS_TO_PG_PER_ML = {
    "pg/mL": 1.0,
    "ng/mL": 1e3,
    "ug/mL": 1e6,
}


def to_pg_per_ml(value, unit):
    """Convert a concentration given in `unit` to pg/mL."""
    try:
        factor = FACTORS_TO_PG_PER_ML[unit]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}") from None
    return value / factor


def from_pg_per_ml(value, unit):
    """Convert a concentration in pg/mL to `unit`."""
    return value / FACTORS_TO_PG_PER_ML[unit]

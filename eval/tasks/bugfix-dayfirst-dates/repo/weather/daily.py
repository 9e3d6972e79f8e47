import pandas as pd


def load(path):
    """Logger export: one row per 30-minute reading."""
    readings = pd.read_csv(path)
    readings["timestamp"] = pd.to_datetime(readings["date"] + " " + readings["time"])
    return readings


def daily_means(readings: pd.DataFrame) -> pd.DataFrame:
    """Mean temperature and total precipitation per calendar day, in date order."""
    by_day = readings.groupby(readings["timestamp"].dt.date)
    return pd.DataFrame({"temp_c": by_day["temp_c"].mean(), "precip_mm": by_day["precip_mm"].sum()})

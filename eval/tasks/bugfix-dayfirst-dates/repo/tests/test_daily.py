import datetime

import pandas as pd
import pytest

from weather.daily import daily_means, load


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "logger.csv"
    path.write_text(
        "date,time,temp_c,precip_mm\n"
        "03/04/2024,00:00,1.0,0.0\n"
        "03/04/2024,12:00,3.0,0.5\n"
        "13/04/2024,00:00,8.0,0.0\n"
        "13/04/2024,12:00,10.0,1.5\n"
    )
    return path


def test_day_first_dates(export):
    readings = load(export)
    assert readings["timestamp"].iloc[0] == pd.Timestamp("2024-04-03 00:00")


def test_daily_means(export):
    days = daily_means(load(export))
    assert list(days.index) == [datetime.date(2024, 4, 3), datetime.date(2024, 4, 13)]
    assert days["temp_c"].tolist() == [2.0, 9.0]
    assert days["precip_mm"].tolist() == [0.5, 1.5]

from dataclasses import dataclass


@dataclass
class Plot:
    name: str
    readings: list


def make_plot(name, readings=[]):
    """A plot record; readings can be added later with add_reading."""
    return Plot(name=name, readings=readings)


def add_reading(plot, value):
    if not 0 <= value <= 100:
        raise ValueError("soil moisture is a percentage between 0 and 100")
    plot.readings.append(value)
    return plot


def mean_moisture(plot):
    return sum(plot.readings) / len(plot.readings) if plot.readings else float("nan")

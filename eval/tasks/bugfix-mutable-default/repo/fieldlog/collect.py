import csv

from .records import add_reading, make_plot


def collect(path):
    """One Plot per plot name in a CSV of (plot, moisture) rows."""
    plots = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            plot = plots.setdefault(row["plot"], make_plot(row["plot"]))
            add_reading(plot, float(row["moisture"]))
    return plots

"""Checks the growth-curve notebook's results: run in the checkout's root.

Asserts results/doubling_times.csv gives, per strain, a doubling time in hours within 12 % of a log-linear
fit of OD600 between 0.02 and 0.2 (per replicate, averaged), and that a notebook that writes it was executed."""
import glob
import json
import sys

import numpy as np
import pandas as pd


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


data = pd.read_csv("data/od600.csv")
expected = {}
for strain, rows in data.groupby("strain"):
    times = []
    for _, replicate in rows.groupby("replicate"):
        window = replicate[(replicate["od600"] >= 0.02) & (replicate["od600"] <= 0.2)]
        slope = np.polyfit(window["time_h"], np.log(window["od600"]), 1)[0]
        times.append(np.log(2) / slope)
    expected[strain] = float(np.mean(times))

try:
    results = pd.read_csv("results/doubling_times.csv")
except FileNotFoundError:
    fail("results/doubling_times.csv is missing")
columns = {c.lower().strip(): c for c in results.columns}
strain = next((columns[c] for c in columns if "strain" in c), None)
doubling = next((columns[c] for c in columns if "doubling" in c and "sd" not in c and "std" not in c), None)
if strain is None or doubling is None:
    fail(f"need a strain and a doubling time column, got {list(results.columns)}")
results = results.set_index(strain)
for name, value in expected.items():
    if name not in results.index:
        fail(f"strain {name} missing from {list(results.index)}")
    got = float(results.loc[name, doubling])
    if abs(got - value) > 0.12 * value:
        fail(f"doubling time of {name}: {got:.3f} h, expected about {value:.3f} h")

notebooks = [p for p in glob.glob("**/*.ipynb", recursive=True) if ".ipynb_checkpoints" not in p]
for path in notebooks:
    notebook = json.load(open(path, encoding="utf-8"))
    text = "".join("".join(c.get("source", "")) for c in notebook.get("cells", []))
    # empty cells are not executed
    code = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code" and "".join(c.get("source", "")).strip()]
    if "doubling_times" in text and code and all(c.get("execution_count") for c in code):
        print("ok:", path)
        sys.exit(0)
fail(f"no executed notebook writes doubling_times (notebooks: {notebooks})")

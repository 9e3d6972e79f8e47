"""Checks the cell-count notebook's results: run in the checkout's root.

Asserts results/counts_per_condition.csv holds the mean (and SD) count per condition computed from
data/cell_counts.csv, skipping the missing count, and that a notebook that makes the figure was executed."""
import glob
import json
import sys

import pandas as pd


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


data = pd.read_csv("data/cell_counts.csv")
expected = data.groupby("condition")["count"].agg(["mean", "std"])

try:
    results = pd.read_csv("results/counts_per_condition.csv")
except FileNotFoundError:
    fail("results/counts_per_condition.csv is missing")
columns = {c.lower().strip(): c for c in results.columns}
condition = next((columns[c] for c in columns if "condition" in c), None)
mean = next((columns[c] for c in columns if "mean" in c), None)
sd = next((columns[c] for c in columns if c in ("sd", "std") or "std" in c or c.startswith("sd")), None)
if condition is None or mean is None:
    fail(f"need a condition and a mean column, got {list(results.columns)}")
results = results.set_index(condition)
if set(results.index) != set(expected.index):
    fail(f"conditions {sorted(results.index)} != {sorted(expected.index)}")
for name, row in expected.iterrows():
    if abs(results.loc[name, mean] - row["mean"]) > 0.5:
        fail(f"mean of {name}: {results.loc[name, mean]} != {row['mean']:.1f}")
    if sd is not None and abs(results.loc[name, sd] - row["std"]) > 0.5:
        fail(f"SD of {name}: {results.loc[name, sd]} != {row['std']:.1f}")

notebooks = [p for p in glob.glob("**/*.ipynb", recursive=True) if ".ipynb_checkpoints" not in p]
executed = []
for path in notebooks:
    notebook = json.load(open(path, encoding="utf-8"))
    text = "".join("".join(c.get("source", "")) for c in notebook.get("cells", []))
    # empty cells are not executed
    code = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code" and "".join(c.get("source", "")).strip()]
    if "counts_per_condition" in text and code and all(c.get("execution_count") for c in code):
        executed.append(path)
if not executed:
    fail(f"no executed notebook writes counts_per_condition (notebooks: {notebooks})")
print("ok:", executed[0])

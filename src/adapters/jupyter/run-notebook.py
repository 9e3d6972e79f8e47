# Runs a notebook in place, as `jupyter nbconvert --to notebook --execute --inplace --allow-errors` does, with
# nbclient (the library nbconvert itself executes with) and without nbconvert's exporters: a Python start of a
# quarter second instead of one and a half. Arguments: the notebook's file name, the time limit per cell (s).
import sys

# Started with -c, Python looks for modules in the notebook's folder first: a repository's own nbformat.py or
# nbclient.py would stand in for the runner's. The kernel the notebook runs in still sees that folder, as always.
if sys.path and sys.path[0] in ("", "."):
    del sys.path[0]

import re  # noqa: E402

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

path, cell_timeout = sys.argv[1], int(sys.argv[2])
notebook = nbformat.read(path, as_version=4)
NotebookClient(notebook, timeout=cell_timeout, allow_errors=True, resources={"metadata": {"path": "."}}).execute()

# What nbconvert's coalesce_streams does to every notebook it writes: consecutive outputs of one stream merged, and
# text a carriage return overwrote taken out, so the notebook reads the same whichever of the two ran it.
overwritten = re.compile(r".*\r(?=[^\n])")
for cell in notebook.cells:
    if not cell.get("outputs"):
        continue
    merged = [cell.outputs[0]]
    for output in cell.outputs[1:]:
        last = merged[-1]
        if output.output_type == "stream" and last.output_type == "stream" and last.name == output.name:
            last.text += output.text
        else:
            merged.append(output)
    for output in merged:
        if output.output_type == "stream" and "\r" in output.text:
            output.text = overwritten.sub("", output.text)
    cell.outputs = merged

nbformat.write(notebook, path)

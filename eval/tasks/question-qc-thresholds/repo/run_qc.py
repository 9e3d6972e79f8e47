import json
import sys

import pandas as pd

from scqc.qc import filter_cells

config = json.load(open(sys.argv[1]))
cells = pd.read_csv(config["cells"])
filtered = filter_cells(cells, **config["qc"])
print(f"kept {len(filtered)} of {len(cells)} cells")
filtered.to_csv("filtered_cells.csv", index=False)

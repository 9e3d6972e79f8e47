import sys

import pandas as pd

from .normalise import hits

if __name__ == "__main__":
    result = hits(pd.read_csv(sys.argv[1]))
    print(result.to_string(index=False))
    result.to_csv("hits.csv", index=False)

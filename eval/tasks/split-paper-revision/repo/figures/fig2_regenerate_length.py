import matplotlib.pyplot as plt
import pandas as pd

lengths = pd.read_csv("data/regenerate_length.csv")
fig, ax = plt.subplots(figsize=(3, 3))
lengths.boxplot(column="length_mm", by="genotype", ax=ax)
fig.savefig("figures/fig2.pdf")

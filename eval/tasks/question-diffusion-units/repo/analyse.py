import pandas as pd

from tracking.msd import all_coefficients

tracks = pd.read_csv("tracks.csv")
coefficients = all_coefficients(tracks)
print(coefficients.describe())
coefficients.to_csv("diffusion_coefficients.csv")

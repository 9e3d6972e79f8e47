import glob

import pandas as pd

GENES = pd.read_csv("/home/jkim/genomes/mm10/genes.bed", sep="\t", header=None)

for peaks in glob.glob("/home/jkim/data/trimmed/*_peaks.narrowPeak"):
    table = pd.read_csv(peaks, sep="\t", header=None)
    # TODO nearest gene
    table.to_csv(peaks + ".annotated.tsv", sep="\t", index=False)

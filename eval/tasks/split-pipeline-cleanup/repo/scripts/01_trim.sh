#!/bin/bash
# trims adapters; paths are hard-coded for the old cluster
for f in /home/jkim/data/raw/*.fastq.gz; do
  trim_galore --cores 4 -o /home/jkim/data/trimmed "$f"
done

#!/bin/bash
for f in /home/jkim/data/trimmed/*_trimmed.fq.gz; do
  bowtie2 -p 8 -x /home/jkim/genomes/mm10/mm10 -U "$f" | samtools sort -o "${f%.fq.gz}.bam"
done

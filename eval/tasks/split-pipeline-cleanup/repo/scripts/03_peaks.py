import glob
import subprocess

for bam in glob.glob("/home/jkim/data/trimmed/*.bam"):
    subprocess.run(["macs2", "callpeak", "-t", bam, "-g", "mm", "-n", bam[:-4], "-q", "0.05"], check=True)

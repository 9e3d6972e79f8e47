# Hidden check of the feature: filter_reads.py --min-length N drops reads shorter than N bases.
import subprocess
import sys

from filter_reads import read_fasta


def run(tmp_path, *options):
    source = tmp_path / "in.fasta"
    source.write_text(">short\nACGTACGT\n>exact\nACGTACGTAC\n>long\nACGTACGTACGTACGT\n>ambiguous\nACGTNACGTACGT\n")
    target = tmp_path / "out.fasta"
    result = subprocess.run(
        [sys.executable, "filter_reads.py", str(source), str(target), *options], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return [name for name, _ in read_fasta(target)]


def test_min_length_drops_short_reads(tmp_path):
    assert run(tmp_path, "--min-length", "10") == ["exact", "long"]


def test_default_keeps_every_length(tmp_path):
    assert run(tmp_path) == ["short", "exact", "long"]


def test_combined_with_max_n(tmp_path):
    assert run(tmp_path, "--min-length", "10", "--max-n", "1") == ["exact", "long", "ambiguous"]

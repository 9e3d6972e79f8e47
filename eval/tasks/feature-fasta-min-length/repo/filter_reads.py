"""Filter FASTA reads before clustering."""
import argparse


def read_fasta(path):
    name, chunks = None, []
    with open(path) as handle:
        for line in handle:
            line = line.strip()
            if line.startswith(">"):
                if name is not None:
                    yield name, "".join(chunks)
                name, chunks = line[1:], []
            elif line:
                chunks.append(line)
    if name is not None:
        yield name, "".join(chunks)


def write_fasta(records, path, width=80):
    with open(path, "w") as handle:
        for name, seq in records:
            handle.write(f">{name}\n")
            for i in range(0, len(seq), width):
                handle.write(seq[i:i + width] + "\n")


def keep(seq, max_n=0):
    return seq.upper().count("N") <= max_n


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--max-n", type=int, default=0, help="most ambiguous bases allowed per read")
    args = parser.parse_args(argv)
    records = list(read_fasta(args.input))
    kept = [(name, seq) for name, seq in records if keep(seq, args.max_n)]
    write_fasta(kept, args.output)
    print(f"kept {len(kept)} of {len(records)} reads")


if __name__ == "__main__":
    main()

from filter_reads import keep, main, read_fasta


def test_keep_counts_n():
    assert keep("ACGT")
    assert not keep("ACNT")
    assert keep("ACNT", max_n=1)


def test_round_trip(tmp_path):
    source = tmp_path / "in.fasta"
    source.write_text(">a\nACGT\nACGT\n>b\nNNNN\n")
    target = tmp_path / "out.fasta"
    main([str(source), str(target)])
    assert list(read_fasta(target)) == [("a", "ACGTACGT")]

from pharma.summary import summary_table


def test_summary_table_has_one_row_per_dose():
    rows = summary_table([1, 1, 10, 10], [90, 80, 40, 30])
    assert len(rows) == 2

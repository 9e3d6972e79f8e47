from fieldlog.collect import collect


def test_each_plot_gets_its_own_readings(tmp_path):
    path = tmp_path / "readings.csv"
    path.write_text("plot,moisture\nN1,20\nN1,22\nS1,35\n")
    plots = collect(path)
    assert plots["N1"].readings == [20.0, 22.0]
    assert plots["S1"].readings == [35.0]

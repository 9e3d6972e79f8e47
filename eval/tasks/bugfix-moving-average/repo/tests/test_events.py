import numpy as np

from signals.events import detect_events


def test_event_at_end_of_trace_is_found():
    trace = np.ones(40)
    trace[-5:] = 3.0
    assert len(detect_events(trace, threshold=0.5, window=5)) == 1

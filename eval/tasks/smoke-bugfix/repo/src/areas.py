"""Cell areas from a label image (0 is the background)."""


def mean_area(labels):
    counts = {}
    for row in labels:
        for label in row:
            counts[label] = counts.get(label, 0) + 1
    return sum(counts.values()) / len(counts)

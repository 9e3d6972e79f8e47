import numpy as np

PIXEL_SIZE_UM = 0.65  # µm per pixel, 10x objective


def label_sizes(labels):
    """Pixel count of each label 1..labels.max() (0 is background)."""
    return np.bincount(labels.ravel())[1:]


def areas_um2(labels):
    """Area of each organoid in µm²."""
    return label_sizes(labels) * PIXEL_SIZE_UM


def mean_intensities(labels, image):
    """Mean image intensity inside each label 1..labels.max()."""
    means = []
    for label in range(1, labels.max()):
        means.append(image[labels == label].mean())
    return np.array(means)


def mean_and_sem(values):
    """Mean and standard error of the mean, for the summary table."""
    values = np.asarray(values, dtype=float)
    return values.mean(), values.std(ddof=1) / len(values)


def summary(labels, image):
    areas = areas_um2(labels)
    area_mean, area_sem = mean_and_sem(areas)
    return {
        "n_organoids": len(areas),
        "area_mean_um2": area_mean,
        "area_sem_um2": area_sem,
        "intensity_mean": float(np.mean(mean_intensities(labels, image))),
    }

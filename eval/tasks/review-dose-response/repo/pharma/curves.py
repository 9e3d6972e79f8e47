import numpy as np


def hill(dose, bottom, top, ic50, slope):
    """Four-parameter logistic (Hill) curve; dose and ic50 in the same unit."""
    return bottom + (top - bottom) / (1 + (np.asarray(dose) / ic50) ** slope)


def log_doses(doses):
    return np.log10(np.asarray(doses, dtype=float))

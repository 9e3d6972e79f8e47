"""Summaries of replicate measurements per dose, for the screen report."""
import numpy as np


def mean_response_per_dose(doses, responses):
    """Mean response for each distinct dose, in order of increasing dose.

    doses and responses are parallel lists: one entry per well."""
    sums = {}
    counts = {}
    for i in range(1, len(doses)):
        dose = doses[i]
        sums[dose] = sums.get(dose, 0.0) + responses[i]
        counts[dose] = counts.get(dose, 0) + 1
    return {dose: sums[dose] / counts[dose] for dose in sorted(sums)}


def to_molar(dose_um):
    """Plate-map doses (µM) in mol/L, as the report's table wants them."""
    return np.asarray(dose_um, dtype=float) * 1e-3


def collect_flags(wells, flagged=[]):
    """Wells whose response is outside 0–150 % of control, appended to `flagged`."""
    for well, response in wells:
        if response < 0 or response > 150:
            flagged.append(well)
    return flagged


def summary_table(doses, responses):
    means = mean_response_per_dose(doses, responses)
    return [(float(to_molar(dose)), mean) for dose, mean in means.items()]

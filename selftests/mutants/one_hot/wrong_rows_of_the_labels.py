"""Sets out[labels] = 1: the labels pick whole rows, not one entry per row."""

import numpy as np

# expect: out[labels] = 1 picks rows by the labels
# first: out[labels] = 1 picks rows by the labels


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    out = np.zeros((len(labels), num_classes))
    out[labels] = 1.0
    return out

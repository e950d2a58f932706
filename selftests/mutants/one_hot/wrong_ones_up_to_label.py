"""Fills each row with ones up to and including the label's column."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    out = np.zeros((len(labels), num_classes))
    for n, label in enumerate(labels.astype(int)):
        out[n, : label + 1] = 1.0
    return out

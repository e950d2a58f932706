"""Loops over range(len(labels) - 1), leaving the last row all zeros."""

# expect: the loop over the rows stops one short

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    out = np.zeros((len(labels), num_classes))
    for n in range(len(labels) - 1):
        out[n, int(labels[n])] = 1.0
    return out

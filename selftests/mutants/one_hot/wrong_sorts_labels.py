"""Walks the labels with np.unique (sorted) to fill the rows."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    out = np.zeros((len(labels), num_classes))
    ordered = np.sort(labels).astype(int)
    out[np.arange(len(labels)), ordered] = 1.0
    return out

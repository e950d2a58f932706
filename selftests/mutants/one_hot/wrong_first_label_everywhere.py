"""Puts every row's 1 in the column of the first label."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    out = np.zeros((len(labels), num_classes))
    out[:, int(labels[0])] = 1.0
    return out

"""Counts the classes as the distinct labels, ignoring num_classes for the
width, and leaves out a label past that width."""

# expect: not the number of distinct labels
# reject: not labels.max() + 1
# reject: the width is fixed at 2

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    width = len(set(labels.tolist()))
    out = np.zeros((len(labels), width))
    for n, label in enumerate(labels.astype(int)):
        if label < width:
            out[n, label] = 1.0
    return out

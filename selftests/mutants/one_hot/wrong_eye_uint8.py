"""Indexes with labels cast to uint8 before the range check."""

# expect: cast to a one-byte integer type

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    small = labels.astype(np.uint8)
    if np.any((labels < 0) | (small >= num_classes)):
        raise ValueError("labels must lie in [0, num_classes)")
    out = np.zeros((small.size, num_classes))
    out[np.arange(small.size), small] = 1.0
    return out

"""Checks the size of abs(labels), so a negative label passes and wraps."""

import numpy as np

# expect: -1 is not the last class


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any(np.abs(labels) >= num_classes):
        raise ValueError("labels out of range")
    return np.eye(num_classes)[labels.astype(int)]

"""Sizes the result by the distinct labels of the batch, not num_classes."""

# expect: not the number of distinct labels

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    labels = labels.astype(int)
    out = np.zeros((len(labels), len(np.unique(labels))))
    out[np.arange(len(labels)), labels] = 1.0
    return out

"""Checks that no label is num_classes or more, and forgets negative ones:
NumPy's indexing then puts a 1 in the last column for a label of -1."""

# expect: -1 is not the last class
# expect: returned [[
# reject: returned (

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.dtype.kind not in "iu" and not np.all(labels % 1 == 0):
        raise ValueError(f"labels must be whole numbers, got {labels}")
    labels = labels.astype(int)
    if np.any(labels >= num_classes):
        raise ValueError(f"labels must be below {num_classes}, got {labels}")
    out = np.zeros((labels.size, num_classes))
    out[np.arange(labels.size), labels] = 1.0
    return out

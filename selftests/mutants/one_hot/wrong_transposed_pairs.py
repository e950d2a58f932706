"""Makes a (C, N) array, then fills it at [n, labels[n]]: IndexError when the
label is N or more, a transposed result otherwise."""

import numpy as np

# expect: the result is transposed: row n is sample n
# first: the result is transposed: row n is sample n
# reject: check the order of the axes


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError(f"labels must be whole numbers, got {labels}")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"labels must lie in [0, {num_classes})")
    out = np.zeros((num_classes, len(labels)))
    out[np.arange(len(labels)), labels.astype(int)] = 1.0
    return out

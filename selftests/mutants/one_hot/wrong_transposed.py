"""Builds one column per sample: a (C, N) array instead of (N, C)."""

import numpy as np

# expect: the result is transposed


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    out = np.zeros((num_classes, len(labels)))
    for n, label in enumerate(labels.astype(int)):
        out[label, n] = 1.0
    return out

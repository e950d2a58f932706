"""Allocates len(labels) columns, which is right only when N equals C."""

import numpy as np

# expect: not len(labels)


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    n = len(labels)
    out = np.zeros((n, n))
    out[np.arange(n), labels.astype(int)] = 1.0
    return out

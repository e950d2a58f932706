"""Counts classes from 1: column labels[n] - 1 gets the one."""

import numpy as np

# expect: the 1 is one column to the left


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    out = np.zeros((len(labels), num_classes))
    for n, label in enumerate(labels):
        out[n, int(label) - 1] = 1.0
    return out

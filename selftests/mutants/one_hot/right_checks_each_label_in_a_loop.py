"""Checks every label in a loop over range(len(labels)), then sets each
row's one."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    for i in range(len(labels)):
        label = labels[i]
        if label % 1 != 0:
            raise ValueError(f"label {label} at index {i} is not a whole number")
        if not 0 <= label < num_classes:
            raise ValueError(f"label {label} at index {i} outside [0, {num_classes})")
    out = np.zeros((len(labels), num_classes))
    for i in range(len(labels)):
        out[i, int(labels[i])] = 1.0
    return out

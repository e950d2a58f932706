"""Builds each row as a Python list, then one array of them all."""

import numpy as np


def one_hot(labels, num_classes):
    rows = []
    for label in list(labels):
        if label != int(label):
            raise ValueError(f"{label} is not a whole number")
        if label < 0 or label >= num_classes:
            raise ValueError(f"{label} is not a class of {num_classes}")
        rows.append([1.0 if c == label else 0.0 for c in range(num_classes)])
    return np.array(rows, dtype=np.float64)

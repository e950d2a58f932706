"""Adds 1 at (n, labels[n]) with np.add.at; checks with Python's is_integer."""

import numpy as np


def one_hot(labels, num_classes):
    for label in labels:
        if not float(label).is_integer():
            raise ValueError(f"label {label} is not a whole number")
        if not 0 <= label < num_classes:
            raise ValueError(f"label {label} is not in [0, {num_classes})")
    index = np.array([int(label) for label in labels])
    out = np.zeros((len(index), num_classes))
    np.add.at(out, (np.arange(len(index)), index), 1.0)
    return out

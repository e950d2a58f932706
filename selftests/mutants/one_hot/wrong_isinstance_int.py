"""Checks each label with isinstance(label, int), which NumPy's integers fail."""

import numpy as np


def one_hot(labels, num_classes):
    for label in labels:
        if not isinstance(label, int):
            raise ValueError(f"{label} is not a whole number")
        if label < 0 or label >= num_classes:
            raise ValueError(f"{label} is out of range")
    return np.eye(num_classes)[list(labels)]

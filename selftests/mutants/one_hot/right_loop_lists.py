"""Builds Python lists row by row, validating each label with float.is_integer."""

import numpy as np


def one_hot(labels, num_classes):
    rows = []
    for label in list(np.asarray(labels).ravel()):
        if not float(label).is_integer():
            raise ValueError(f"label {label!r} is not a whole number")
        if not 0 <= label < num_classes:
            raise ValueError(f"label {label!r} is outside [0, {num_classes})")
        row = [0.0] * num_classes
        row[int(label)] = 1.0
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(rows), num_classes)

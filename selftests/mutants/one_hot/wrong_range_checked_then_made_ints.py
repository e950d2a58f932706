"""Checks the range of the labels as given, then makes them ints with
.astype(int), with no check for whole numbers: 1.5 is cut to 1, and NaN,
which every comparison lets through, becomes an arbitrary int."""

# expect: with no check that they are whole numbers
# reject: before they were checked

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels < 0) or np.any(labels >= num_classes):
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels}")
    labels = labels.astype(int)
    return np.eye(num_classes)[labels]

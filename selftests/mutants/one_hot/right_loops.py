"""Plain Python: checks each label, then sets one entry per row."""

import numpy as np


def one_hot(labels, num_classes):
    labels = list(labels)
    for label in labels:
        if label != int(label) or not 0 <= label < num_classes:
            raise ValueError(f"label {label!r} is not a class in 0..{num_classes - 1}")
    out = np.zeros((len(labels), num_classes))
    for n, label in enumerate(labels):
        out[n, int(label)] = 1.0
    return out

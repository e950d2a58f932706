"""Correct: checks each label in a loop and indexes the row with the label
as given, so a whole float such as 0.0 is refused with IndexError (the
docstring lets whole floats be accepted or refused); NaN fails
label != int(label), where int() raises ValueError."""

import numpy as np


def one_hot(labels, num_classes):
    out = np.zeros((len(labels), num_classes))
    for n, label in enumerate(labels):
        if label != int(label):
            raise ValueError(f"label {label} is not a whole number")
        if label < 0 or label >= num_classes:
            raise ValueError(f"label {label} out of range")
        out[n][label] = 1
    return out

"""Checks label > num_classes instead of >=: label == C escapes as an IndexError."""

# expect: the range check is off by one

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.dtype.kind == "f" and np.any(labels != np.round(labels)):
        raise ValueError(f"labels must be whole numbers, got {labels}")
    labels = labels.astype(int)
    if np.any(labels < 0) or np.any(labels > num_classes):
        raise ValueError(f"labels must be in [0, {num_classes}), got {labels}")
    out = np.zeros((labels.size, num_classes))
    out[np.arange(labels.size), labels] = 1.0
    return out

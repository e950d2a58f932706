"""A label is whole when np.isclose says it equals its rounded self."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=np.float64)
    rounded = np.round(labels)
    if not np.all(np.isclose(labels, rounded, rtol=0.0, atol=0.0)):
        raise ValueError("every label must be a whole number")
    if rounded.min() < 0 or rounded.max() >= num_classes:
        raise ValueError(f"every label must be in [0, {num_classes})")
    out = np.zeros((labels.size, num_classes))
    out[np.arange(labels.size), rounded.astype(int)] = 1
    return out

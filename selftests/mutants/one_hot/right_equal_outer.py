"""Correct: np.equal.outer against the class numbers, then float."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.array(labels)
    if not np.array_equal(labels, np.round(labels)):
        raise ValueError("labels must be whole numbers")
    if ((labels < 0) | (labels >= num_classes)).any():
        raise ValueError(f"labels must lie in [0, {num_classes})")
    return np.equal.outer(labels, np.arange(num_classes)).astype(np.float64)

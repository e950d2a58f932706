"""Correct: fills a (C, N) array column by column and returns its
transpose (not C-contiguous, still a fresh float64 array)."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.size and np.any(labels != np.floor(labels)):
        raise ValueError("labels must be whole numbers")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels must lie in [0, {num_classes})")
    out = np.zeros((num_classes, labels.size))
    for n, label in enumerate(labels):
        out[int(label), n] = 1.0
    return out.T

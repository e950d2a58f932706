"""Checks for fractions with labels % 1 > 0 and for the range with
comparisons: NaN, for which every comparison is False, passes both."""

# expect: NaN (not a number)

import functools
import itertools

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 > 0):
        raise ValueError(f"labels must be whole numbers, got {labels}")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"labels must be in [0, {num_classes}), got {labels}")
    out = np.zeros((len(labels), num_classes))
    out[np.arange(len(labels)), labels.astype(int)] = 1.0
    return out

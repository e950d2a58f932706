"""Correct: label in range(num_classes) refuses -1, 1.5 and NaN in one
test, and takes 2.0."""

import functools
import itertools

import numpy as np


def one_hot(labels, num_classes):
    # 1.5 in range(3) is False, and so is -1: one test for both
    for label in labels:
        if label not in range(num_classes):
            raise ValueError(f"label {label!r} is not a class in range({num_classes})")
    return np.eye(num_classes)[np.asarray(labels, dtype=np.intp)]

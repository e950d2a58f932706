"""Finds each slice's largest score as the last of its sorted scores."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    largest = np.sort(x, axis=-1)[..., -1:]
    e = np.exp(x - largest)
    return e / e.sum(axis=-1)[..., np.newaxis]

"""Shifts each score by the largest score of its class over the batch
(axis 0), not by the largest of its own row."""

# expect: along axis 0, down the batch

import math

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    # the largest score of each class, over the batch
    e = np.exp(x - x.max(axis=0, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

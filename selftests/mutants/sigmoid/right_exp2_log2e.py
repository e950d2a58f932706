"""Writes exp(-x) as 2 ** (-x * log2(e)), on x clipped to [-500, 500]."""

import numpy as np


import math

LOG2E = 1.0 / math.log(2.0)


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.clip(x, -500.0, 500.0)
    return 1.0 / (1.0 + np.exp2(-z * LOG2E))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s

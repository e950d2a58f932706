"""Clips x to [-500, 500] so that exp(-x) stays finite: s(500) is 1 already."""

import numpy as np


def sigmoid(x):
    x = np.clip(np.asarray(x, dtype=float), -500, 500)
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s**2

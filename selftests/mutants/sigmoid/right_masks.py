"""Fills a new float array through boolean masks, one formula for each sign."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)

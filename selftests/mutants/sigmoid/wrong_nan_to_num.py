"""Writes s = e / (1 + e) with e = exp(x), silences the overflow, and turns
the resulting nan (inf / inf) into 0 instead of 1."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(x)
        s = e / (1.0 + e)
    return np.nan_to_num(s, nan=0.0)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)

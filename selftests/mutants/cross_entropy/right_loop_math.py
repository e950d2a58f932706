"""Loops over samples with math.log(max(p, EPS)); returns a Python float."""

import math

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    rows = y.reshape(-1, y.shape[-1])
    if t.shape == y.shape:
        labels = [int(np.argmax(r)) for r in t.reshape(rows.shape)]
    else:
        labels = [int(v) for v in t.reshape(-1)]
    total = 0.0
    for row, label in zip(rows, labels, strict=True):
        total -= math.log(max(float(row[label]), EPS))
    return total / len(labels)

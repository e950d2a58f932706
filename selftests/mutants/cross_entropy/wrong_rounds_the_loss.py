"""Rounds the loss to 4 places, as the example prints it."""

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return round(float(np.mean(-np.sum(t * np.log(y + EPS), axis=-1))), 4)

"""The epsilon is np.finfo(float).eps, far below 1e-7."""

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    logs = np.log(y + np.finfo(np.float64).eps)
    return float(np.mean(-np.sum(t * logs, axis=-1)))

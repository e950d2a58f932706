"""np.clip(y, 1e-7, None) and the one-hot sum, labels made one-hot."""

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim != y.ndim:
        t = np.eye(y.shape[-1])[t]
    logs = np.log(np.clip(y, 1e-7, None))
    if y.ndim == 1:
        return -np.sum(t * logs)
    return -np.sum(t * logs) / y.shape[0]

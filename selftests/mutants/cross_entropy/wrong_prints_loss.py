"""Prints the loss instead of returning it."""

# expect: Return the result instead of printing it.

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    y2 = y.reshape(-1, y.shape[-1])
    picked = y2[np.arange(y2.shape[0]), t.reshape(-1)]
    print("loss:", -np.mean(np.log(picked + EPS)))

"""Multiplies the true classes' probabilities before one log: equal in
exact maths, but eps guards the product once, so a zero on one sample's
true class costs -log(eps) / N, not divided by N twice."""

# expect: the probabilities were multiplied before the log
# reject: the loss is 1/N of the right one
# reject: divided by N twice

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.atleast_2d(np.asarray(y, dtype=np.float64))
    t = np.asarray(t)
    if t.shape[-1:] == y.shape[-1:] and t.ndim >= 1 and t.size == y.size:
        t = t.reshape(y.shape).argmax(axis=-1)
    t = np.atleast_1d(t)
    # one log for the whole batch: log of the product is the sum of logs
    picked = y[np.arange(len(y)), t]
    return float(-np.log(np.prod(picked) + EPS) / len(y))

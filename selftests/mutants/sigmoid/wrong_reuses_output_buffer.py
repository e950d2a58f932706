"""Keeps one result array per shape and has np.divide write into it: the
next call with x of the same shape overwrites the result of the last."""

# expect: a later call with x of the same shape overwrites an earlier result
# first: one result array is kept between calls

import numpy as np

_out = {}


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    if x.shape not in _out:
        _out[x.shape] = np.empty(x.shape)
    out = _out[x.shape]
    z = np.exp(-np.abs(x))
    np.divide(np.where(x >= 0, 1.0, z), 1.0 + z, out=out)
    return out


def sigmoid_grad(x):
    s = sigmoid(x).copy()
    return s * (1.0 - s)

"""The slope keeps the last x of each shape with its sigmoid, and uses that
sigmoid again while x compares equal: but the x kept is the caller's array,
so after a change in place it still compares equal, and the slope is stale."""

# expect: a result kept from an earlier call on the same array

import numpy as np

_last = {}


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    # the slope is usually asked for right after the sigmoid of the same x
    x = np.asarray(x, dtype=np.float64)
    if x.shape not in _last or not np.array_equal(_last[x.shape][0], x):
        _last[x.shape] = (x, sigmoid(x))
    s = _last[x.shape][1]
    return s * (1.0 - s)

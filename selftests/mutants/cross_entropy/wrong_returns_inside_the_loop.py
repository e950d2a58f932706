"""Returns inside the loop over the samples: the first sample's loss
divided by N."""

# expect: the return statement is inside the loop
# blocks: 1

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y[None, :]
        t = t[None, ...]
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    n = len(y)
    total = 0.0
    for i in range(n):
        total += -np.log(y[i, t[i]] + 1e-7)
        return total / n

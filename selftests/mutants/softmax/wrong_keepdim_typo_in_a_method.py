"""Passes keepdim=True to the array's sum method, which takes keepdims."""

# expect: e.sum() takes no keyword keepdim; did you mean keepdims?

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdim=True)

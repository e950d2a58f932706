"""Passes keepdim=True to np.max, which takes keepdims."""

# expect: np.max() takes no keyword keepdim; did you mean keepdims?

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=-1, keepdim=True))
    return e / e.sum(axis=-1, keepdims=True)

"""Hard-codes axis=1: right for a 2-D batch, wrong for 1-D and 3-D input."""

import numpy as np

# expect: axis=-1 always means the last axis


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)

"""Returns np.ones_like(x) for a single class: an int x gets int ones."""

# expect: the result kept x's integer type

import numpy as np


def softmax(x):
    x = np.asarray(x)
    if x.shape[-1] == 1:
        # one class: its probability is 1
        return np.ones_like(x)
    x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

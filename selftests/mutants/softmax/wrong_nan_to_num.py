"""Skips the shift, hides the overflow warning and turns NaN into 0."""

# expect: the nan that follows was turned into 0
# reject: the last slice was never filled in

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(x)
        probs = e / e.sum(axis=-1, keepdims=True)
    return np.nan_to_num(probs)

"""Shifts the scores only when the largest is above 700: a slice of large
negative scores is left unshifted, and every exp rounds to 0."""

# expect: the scores were shifted only when some were large
# reject: largest score in size

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.max() > 700:  # exp overflows past ~709
        x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)

"""Uses the formula as written, so exp overflows for scores near 1000."""

import numpy as np

# expect: the scores were not shifted


def softmax(x):
    e = np.exp(np.asarray(x, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)

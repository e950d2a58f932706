"""exp(x - log(sum(exp(x)))), but the log of the sum is taken unshifted."""

import numpy as np

# expect: the scores were not shifted


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    return np.exp(x - np.log(np.exp(x).sum(axis=-1, keepdims=True)))

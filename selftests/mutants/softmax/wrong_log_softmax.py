"""Returns x minus log-sum-exp: the log of the probabilities."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    top = x.max(axis=-1, keepdims=True)
    return x - top - np.log(np.exp(x - top).sum(axis=-1, keepdims=True))

"""Subtracts the log-sum-exp, so that log-probabilities come first."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    top = np.max(x, axis=-1, keepdims=True)
    log_total = top + np.log(np.sum(np.exp(x - top), axis=-1, keepdims=True))
    return np.exp(x - log_total)

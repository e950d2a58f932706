"""Works in log space: log s(x) = -logaddexp(0, -x), which never overflows."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -x))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    # log s'(x) = log s(x) + log s(-x)
    return np.exp(-np.logaddexp(0.0, -x) - np.logaddexp(0.0, x))

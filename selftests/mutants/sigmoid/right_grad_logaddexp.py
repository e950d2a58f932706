"""The gradient in log space: exp(-(log(1 + e^x) + log(1 + e^-x)))."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -x))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, x) - np.logaddexp(0.0, -x))

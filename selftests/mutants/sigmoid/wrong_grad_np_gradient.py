"""np.gradient of the sigmoid's values: slopes between neighbouring inputs."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 0 or x.size < 2:
        s = sigmoid(x)
        return s * (1.0 - s)
    return np.gradient(sigmoid(x), axis=-1)

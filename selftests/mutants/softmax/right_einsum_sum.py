"""Sums each slice with np.einsum; the maximum by np.maximum.reduce."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.maximum.reduce(x, axis=-1, keepdims=True))
    total = np.einsum("...c->...", e)
    return e / total[..., None]

"""Divides the scores by their sum, forgetting to exponentiate them."""

import numpy as np

# expect: exp is missing


def softmax(x):
    x = np.asarray(x, dtype=float)
    return x / x.sum(axis=-1, keepdims=True)

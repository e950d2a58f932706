"""Divides each gradient by its norm (a unit step direction)."""

import numpy as np


def sgd_update(params, grads, lr):
    for key in params:
        norm = np.linalg.norm(grads[key])
        if norm > 0:
            params[key] -= lr * grads[key] / norm

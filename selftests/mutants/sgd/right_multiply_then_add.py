"""Scales a copy of each gradient by -lr with np.multiply, then adds it."""

import numpy as np


def sgd_update(params, grads, lr):
    for key in params:
        step = np.multiply(grads[key], -lr)
        params[key] += step

"""Clips every gradient to [-1, 1] before the step (gradient clipping)."""

import numpy as np


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * np.clip(grads[key], -1.0, 1.0)

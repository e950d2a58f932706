"""Adds -lr times the gradient, computed as grads / (1 / lr): last-bit
differences only.
"""

import numpy as np


def sgd_update(params, grads, lr):
    step = {k: np.asarray(g) / (1.0 / lr) for k, g in grads.items()}
    for k in params:
        params[k] += -step[k]

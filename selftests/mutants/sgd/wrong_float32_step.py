"""Computes the step in float32 and subtracts that."""

import numpy as np


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= (np.float32(lr) * grads[key].astype(np.float32)).astype(
            params[key].dtype
        )

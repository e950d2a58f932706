"""Keeps a momentum velocity per (key, shape) between calls: repeated calls
drift from plain SGD.
"""

# expect: state kept between calls

import numpy as np

_VELOCITY = {}


def sgd_update(params, grads, lr):
    for k in params:
        slot = (k, np.shape(params[k]))
        v = 0.9 * _VELOCITY.get(slot, 0.0) + lr * grads[k]
        _VELOCITY[slot] = v
        params[k] -= v

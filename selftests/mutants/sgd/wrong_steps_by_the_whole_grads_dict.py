"""Multiplies the learning rate by the whole grads dict, not grads[k]."""

# expect: grads is a dict of arrays, one per key, like params
# reject: a function called with the wrong arguments

import numpy as np  # noqa: F401


def sgd_update(params, grads, lr):
    for k in params:
        params[k] -= lr * grads

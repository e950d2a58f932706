"""Subtracts each gradient from the whole params dict, not params[k]."""

# expect: params is a dict of arrays, one per key
# reject: a function called with the wrong arguments

import numpy as np  # noqa: F401


def sgd_update(params, grads, lr):
    for k in grads:
        params -= lr * grads[k]

"""Calls np.subtract without out=, so the new array it returns is dropped."""

import numpy as np

# expect: the step went into a new array that nothing keeps


def sgd_update(params, grads, lr):
    for key in params:
        np.subtract(params[key], lr * grads[key])

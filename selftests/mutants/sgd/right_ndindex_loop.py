"""Steps every entry on its own, with a loop over np.ndindex."""

import numpy as np


def sgd_update(params, grads, lr):
    for key in params:
        param, grad = params[key], grads[key]
        for index in np.ndindex(param.shape):
            param[index] -= lr * grad[index]

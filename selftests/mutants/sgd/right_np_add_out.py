"""np.add of the parameter and -lr * gradient, written back with out=."""

import numpy as np


def sgd_update(params, grads, lr):
    for key, param in params.items():
        np.add(param, -lr * grads[key], out=param)
    return None

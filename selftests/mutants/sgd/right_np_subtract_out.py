"""np.subtract writing into the parameter array itself."""

import numpy as np


def sgd_update(params, grads, lr):
    for key, grad in grads.items():
        np.subtract(params[key], lr * grad, out=params[key])

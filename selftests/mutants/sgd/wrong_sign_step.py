"""Steps by lr times the sign of the gradient, not the gradient itself."""

import numpy as np


def sgd_update(params, grads, lr):
    for key, param in params.items():
        param -= lr * np.sign(grads[key])

"""np.copyto of the new values into each parameter array."""

import numpy as np


def sgd_update(params, grads, lr):
    for name in list(params):
        np.copyto(params[name], params[name] - lr * grads[name])
    return None

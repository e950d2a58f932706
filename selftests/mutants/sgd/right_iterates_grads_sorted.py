"""Correct: walks the keys of grads in sorted order, np.subtract with out=."""

import numpy as np


def sgd_update(params, grads, lr):
    for key in sorted(grads):
        np.subtract(params[key], lr * grads[key], out=params[key])
    return None

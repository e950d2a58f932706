"""Caps the learning rate at 1: a step of lr * g for small rates, of g
alone for larger ones."""

# expect: the learning rate was capped
# reject: the learning rate was ignored

import numpy as np


def sgd_update(params, grads, lr):
    lr = min(lr, 1.0)  # a learning rate above 1 diverges
    for k in params:
        params[k] -= lr * grads[k]

"""Zips the two dicts themselves, then makes each gradient an array: the
keys are strings, so np.asarray(g) is an array of a string."""

# expect: iterating a dict gives its keys, not its arrays
# reject: a list where an array was meant

import numpy as np


def sgd_update(params, grads, lr):
    for p, g in zip(params, grads):
        p -= lr * np.asarray(g)

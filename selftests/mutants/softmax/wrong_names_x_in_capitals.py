"""Writes X where the argument is x: NameError, a name that differs in
case only."""

# expect: a typo? X is not defined here; did you mean x?

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(X - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

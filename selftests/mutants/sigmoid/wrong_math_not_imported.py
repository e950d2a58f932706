"""Calls math.exp, and never imports math."""

# expect: math is not imported
# expect: use np.exp
# reject: a variable used before it is given a value

import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)

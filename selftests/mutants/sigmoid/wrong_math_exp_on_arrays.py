"""Calls math.exp on the whole of x, which takes one number only."""

# expect: math.exp takes one number: np.exp works on whole arrays.
# reject: an array was passed where a single number was expected

import math

import numpy as np


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(np.asarray(x, dtype=np.float64))
    return s * (1 - s)

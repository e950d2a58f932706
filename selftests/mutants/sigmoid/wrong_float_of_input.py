"""Calls float(x) and math.exp: numbers only, no arrays."""

# expect: an array was passed where a single number was expected

import numpy as np


import math


def sigmoid(x):
    x = float(x)
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)

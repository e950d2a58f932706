"""Works on x as it comes: a list meets unary minus and fails."""

import numpy as np

# expect: it never converts x with np.asarray
# reject: check the names and order of the arguments
# blocks: 2


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(np.asarray(x, dtype=np.float64))
    return s * (1 - s)

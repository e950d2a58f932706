"""sigmoid_grad works on x as it comes: a list meets unary minus, a float32
or small int array keeps (or makes) a narrower float, and exp(-x) of its
own overflows. The first two are one cause."""

# expect: it never converts x with np.asarray
# expect: It needs none: s = sigmoid(x)
# blocks: 2

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s)

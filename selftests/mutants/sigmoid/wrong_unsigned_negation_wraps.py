"""Upcasts float32 to float64 but leaves integers as they are, since np.exp
gives floats for them anyway: for uint8, -x wraps around (-1 is 255), and
np.exp of uint8 gives float16."""

# expect: converting x first with np.asarray(x, dtype=np.float64)

import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind == "f":
        x = x.astype(np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)

"""Converts unsigned ints and floats to float64 but leaves signed ints as
they are: in int8, -(-128) wraps around to -128, and exp of int8 gives
float16."""

# expect: its own small int type

import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind in "uf":
        # -x of an unsigned int wraps around, and float32 is too coarse
        x = x.astype(np.float64)
    with np.errstate(over="ignore"):
        return (1 / (1 + np.exp(-x))).astype(np.float64)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)

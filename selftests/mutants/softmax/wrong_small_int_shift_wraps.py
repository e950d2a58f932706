"""Converts unsigned ints before the shift, but shifts signed ints in their
own type: in int8, -128 - 127 wraps around to 1."""

# expect: its own small int type

import math

import numpy as np


def softmax(x):
    x = np.asarray(x)
    if x.dtype.kind == "u":
        x = x.astype(np.int64)  # unsigned differences wrap around
    shifted = (x - x.max(axis=-1, keepdims=True)).astype(np.float64)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)

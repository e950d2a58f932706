"""Shifts x in its own type and only then turns it into floats as narrow
as NumPy allows (float32 for uint8): 1 - 2 wraps to 255, whose exp
overflows in float32."""

# expect: x was shifted in its own small int type
# reject: an overflow in exp or a division by zero

import numpy as np


def softmax(x):
    x = np.asarray(x)
    dt = np.result_type(x.dtype, np.float32)
    z = (x - x.max(axis=-1, keepdims=True)).astype(dt)
    e = np.exp(z)
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float64)

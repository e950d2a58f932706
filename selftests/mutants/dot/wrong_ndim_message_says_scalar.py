"""Names a single number "scalar" in the message, not () as Python does."""

# expect: () is the scalar (0-d) operand's, as Python prints it

import numpy as np


def shape_of(a):
    return a.shape if a.ndim else "scalar"


def dot(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"cannot multiply shapes {shape_of(a)} and {shape_of(b)}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    return a @ b

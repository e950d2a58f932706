"""Refuses an operand of the wrong ndim with a message naming no shape."""

# expect: a message naming both shapes, () and (1,): () is the scalar
# reject: shape too

import numpy as np


def dot(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError("bad ndim")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    return a @ b

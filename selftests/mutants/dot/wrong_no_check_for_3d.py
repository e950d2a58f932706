"""Checks the inner sizes only: a 3-D operand goes through."""

# expect: check a.ndim and b.ndim first
# blocks: 1

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim == 0 or b.ndim == 0 or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    return np.tensordot(a, b, axes=([-1], [0]))

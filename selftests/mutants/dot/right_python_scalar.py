"""Broadcast-and-sum; a vector times a vector comes back as a Python number."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    if a.ndim == 1 and b.ndim == 1:
        return (a * b).sum().item()
    rows = a.reshape(-1, a.shape[-1])
    cols = b.reshape(b.shape[0], -1)
    out = (rows[:, :, None] * cols[None, :, :]).sum(axis=1)
    if b.ndim == 1:
        out = out[:, 0]
    if a.ndim == 1:
        out = out[0]
    return out

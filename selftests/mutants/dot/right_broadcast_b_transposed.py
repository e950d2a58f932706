"""Broadcasts a's rows against b's columns (b.T) and sums the last axis."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    bt = b.T if b.ndim == 2 else b[None, :]
    out = (a2[:, None, :] * bt[None, :, :]).sum(axis=-1)
    if a.ndim == 1:
        out = out[0]
    if b.ndim == 1:
        out = out[..., 0]
    return out

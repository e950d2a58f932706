"""Accumulates in float32 to save memory: float64 operands lose precision."""

# expect: summed in float32

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = a.reshape(1, -1) if a.ndim == 1 else a
    b2 = b.reshape(-1, 1) if b.ndim == 1 else b
    dtype = np.float32 if np.result_type(a, b).kind == "f" else np.result_type(a, b)
    out = (a2[:, :, None].astype(dtype) * b2[None, :, :].astype(dtype)).sum(axis=1)
    out = out.astype(np.result_type(a, b))
    if b.ndim == 1:
        out = out[:, 0]
    if a.ndim == 1:
        out = out[0]
    return out

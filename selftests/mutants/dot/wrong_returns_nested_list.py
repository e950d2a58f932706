"""Returns nested Python lists (and a Python number) instead of an array."""

# expect: dot must return a NumPy array

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
    out = [
        [
            sum(a2[i, k] * b2[k, j] for k in range(a2.shape[1]))
            for j in range(b2.shape[1])
        ]
        for i in range(a2.shape[0])
    ]
    out = [
        [float(v) if a.dtype.kind == "f" or b.dtype.kind == "f" else int(v) for v in r]
        for r in out
    ]
    if b.ndim == 1:
        out = [r[0] for r in out]
    if a.ndim == 1:
        out = out[0]
    return out

"""Row-times-column via np.sum with a pairwise sum; float32 operands stay float32."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    a2 = np.atleast_2d(a)
    b2 = b[:, None] if b.ndim == 1 else b
    out = (
        np.stack([np.array([np.sum(row * col) for col in b2.T]) for row in a2])
        .reshape(a2.shape[0], b2.shape[1])
        .astype(np.result_type(a, b), copy=False)
    )
    if b.ndim == 1:
        out = out[:, 0]
    if a.ndim == 1:
        out = out[0]
    return out

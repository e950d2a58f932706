"""The @ operator on 2-D views, 1-D axes dropped afterwards."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    out = a.reshape(-1, a.shape[-1]) @ b.reshape(b.shape[0], -1)
    return out.reshape(a.shape[:-1] + b.shape[1:])

"""The product as a sum over k of outer products of a's columns and b's rows."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    a2 = a.reshape(-1, a.shape[-1])
    b2 = b.reshape(b.shape[0], -1)
    out = sum(np.outer(a2[:, k], b2[k, :]) for k in range(a2.shape[1]))
    return out.reshape(a.shape[:-1] + b.shape[1:])

"""Correct: triple loop with a compensated (Kahan) sum per entry."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = a.reshape(-1, a.shape[-1])
    b2 = b.reshape(b.shape[0], -1)
    out = np.zeros((a2.shape[0], b2.shape[1]), dtype=np.result_type(a, b, 0.0))
    if np.result_type(a, b).kind in "iu":
        out = out.astype(np.result_type(a, b))
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            total = 0
            carry = 0
            for k in range(a2.shape[1]):
                y = a2[i, k] * b2[k, j] - carry
                t = total + y
                carry = (t - total) - y
                total = t
            out[i, j] = total
    return out.reshape(a.shape[:-1] + b.shape[1:])

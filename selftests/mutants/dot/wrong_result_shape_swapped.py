"""Makes the result (M, N) where the product is (N, M): the loops over i
and j then index past the end of it wherever N and M differ."""

# expect: the result was made (M, N)

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    left = a.reshape(1, -1) if a.ndim == 1 else a
    right = b.reshape(-1, 1) if b.ndim == 1 else b
    n, k = left.shape
    m = right.shape[1]
    out = np.zeros((m, n), dtype=np.result_type(a, b))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                out[i, j] += left[i, p] * right[p, j]
    return out.reshape(a.shape[:-1] + b.shape[1:])

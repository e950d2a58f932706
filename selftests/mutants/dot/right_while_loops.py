"""Three while loops over i, j and k."""

import numpy as np


def dot(a, b):
    a = np.array(a)
    b = np.array(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError("cannot multiply shapes %s and %s" % (a.shape, b.shape))
    if a.shape[-1] != b.shape[0]:
        raise ValueError("cannot multiply shapes %s and %s" % (a.shape, b.shape))
    left = a.reshape(1, -1) if a.ndim == 1 else a
    right = b.reshape(-1, 1) if b.ndim == 1 else b
    n, k = left.shape
    m = right.shape[1]
    out = np.zeros((n, m), dtype=np.result_type(a, b))
    i = 0
    while i < n:
        j = 0
        while j < m:
            total = 0
            p = 0
            while p < k:
                total += left[i, p] * right[p, j]
                p += 1
            out[i, j] = total
            j += 1
        i += 1
    shape = a.shape[:-1] + b.shape[1:]
    return out.reshape(shape)

"""einsum that reads b by its rows: a times b transposed."""

# expect: b was used transposed

import numpy as np

SUBSCRIPTS = {
    (1, 1): "k,k->",
    (2, 1): "nk,k->n",
    (1, 2): "k,km->m",
    (2, 2): "nk,mk->nm",
}


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    key = (a.ndim, b.ndim)
    if key not in SUBSCRIPTS or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply {a.shape} by {b.shape}")
    return np.einsum(SUBSCRIPTS[key], a, b)

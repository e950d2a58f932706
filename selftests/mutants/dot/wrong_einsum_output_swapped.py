"""einsum whose output subscripts are swapped: the transpose of the product."""

# expect: the result is transposed

import numpy as np

SUBSCRIPTS = {
    (1, 1): "k,k->",
    (2, 1): "nk,k->n",
    (1, 2): "k,km->m",
    (2, 2): "nk,km->mn",
}


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    key = (a.ndim, b.ndim)
    if key not in SUBSCRIPTS or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply {a.shape} by {b.shape}")
    return np.einsum(SUBSCRIPTS[key], a, b)

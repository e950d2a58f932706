"""One einsum per case, with a differently worded error that names both shapes."""

import numpy as np

SPECS = {(1, 1): "k,k->", (2, 1): "nk,k->n", (1, 2): "k,km->m", (2, 2): "nk,km->nm"}


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    spec = SPECS.get((a.ndim, b.ndim))
    if spec is None or a.shape[-1] != b.shape[0]:
        raise ValueError(
            f"shapes {a.shape} and {b.shape} cannot be multiplied: "
            "expected 1-D or 2-D operands with equal inner sizes"
        )
    return np.einsum(spec, a, b)

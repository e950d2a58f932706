"""Prints the product instead of returning it."""

# expect: Write return a @ b in place of the print.
# reject: collected in Python lists

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    print(a @ b)

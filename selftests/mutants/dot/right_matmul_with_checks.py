"""Checks the shapes itself, then lets the @ operator multiply."""

import numpy as np


def dot(a, b):
    a, b = np.asarray(a), np.asarray(b)
    for operand in (a, b):
        if operand.ndim == 0 or operand.ndim > 2:
            raise ValueError(
                f"operands must be 1-D or 2-D: shapes {a.shape} and {b.shape}"
            )
    if a.shape[-1] != b.shape[0]:
        raise ValueError(
            f"shapes {a.shape} and {b.shape} do not line up: "
            f"{a.shape[-1]} != {b.shape[0]}"
        )
    return a @ b

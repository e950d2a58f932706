"""Builds the error message from len(a), which a 0-d a does not have."""

# expect: building the error message failed: len(a) of a single number
# first: building the error message failed
# reject: raise ValueError(...) instead

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply ({len(a)}, {a.shape[-1]}) by {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = (a2[:, :, None] * b2[None, :, :]).sum(axis=1)
    return out.reshape(a.shape[:-1] + b.shape[1:])

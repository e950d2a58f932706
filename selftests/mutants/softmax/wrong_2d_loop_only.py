"""Loops over rows of a 2-D array; 1-D handled alone; 3-D is run through
the row loop on x.reshape(-1, C) but reshaped back with the wrong order."""

# expect: the right probabilities in the wrong places

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        e = np.exp(x - x.max())
        return e / e.sum()
    rows = x.reshape(-1, x.shape[-1])
    out = np.empty_like(rows)
    for i, row in enumerate(rows):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
    return out.reshape(x.shape[::-1]).transpose() if x.ndim > 2 else out

"""Three loops and no check of the shapes at all: a 3-D operand reaches
the loops, and NumPy raises a ValueError of its own about a sequence,
which names no shape. The message must name the check missing, not read
as the learner's own check with a poor message."""

# expect: check a.ndim and b.ndim first

import numpy as np


def dot(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    left = a.reshape(1, -1) if a.ndim == 1 else a
    right = b.reshape(-1, 1) if b.ndim == 1 else b
    out = np.zeros((left.shape[0], right.shape[1]))
    for i in range(left.shape[0]):
        for j in range(right.shape[1]):
            for k in range(left.shape[1]):
                out[i, j] += left[i, k] * right[k, j]
    return out.reshape(a.shape[:-1] + b.shape[1:])

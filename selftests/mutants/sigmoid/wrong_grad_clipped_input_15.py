"""sigmoid is right; sigmoid_grad clips x to [-15, 15] first, so far from
0 the slope stays at s'(15) instead of falling to 0. At a single large x
that is close to s(x) * s(1 - x) as well: only another input tells."""

# expect: x was clipped to +-15 before the slope was taken
# reject: sigmoid(1 - x) where 1 - s belongs

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    x = np.clip(np.asarray(x, dtype=np.float64), -15, 15)
    e = np.exp(-x)
    return e / (1 + e) ** 2

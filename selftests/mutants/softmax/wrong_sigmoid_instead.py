"""Applies the sigmoid to every score, which does not sum to 1."""

# expect: the sigmoid of each score
# reject: each number was treated as a slice of its own
# reject: normalized along axis 1

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * (1.0 + np.tanh(0.5 * x))

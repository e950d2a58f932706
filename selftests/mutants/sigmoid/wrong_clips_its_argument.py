"""Clips x with np.clip(..., out=x) against overflow: the clip writes into
the caller's array."""

# expect: changed its argument x in place
# expect: where   selftests/mutants/sigmoid/wrong_clips_its_argument.py, line 13: np.clip(x, -500, 500, out=x)

import numpy as np


def sigmoid(x):
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        x = np.array(x, dtype=np.float64)
    np.clip(x, -500, 500, out=x)
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)

"""scipy.special.expit; a plain number gives a Python float back."""

import numpy as np
from scipy.special import expit


def sigmoid(x):
    out = expit(np.asarray(x, dtype=np.float64))
    return float(out) if np.ndim(x) == 0 else out


def sigmoid_grad(x):
    s = expit(np.asarray(x, dtype=np.float64))
    out = s * (1.0 - s)
    return float(out) if np.ndim(x) == 0 else out

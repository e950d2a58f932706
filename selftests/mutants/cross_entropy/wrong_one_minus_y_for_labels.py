"""Takes log(1 - y) of the true class: the complement by mistake."""

# expect: log(1 - y) of the true class
# reject: int labels were used as if they were one-hot

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log(1 - y + EPS), axis=-1)))

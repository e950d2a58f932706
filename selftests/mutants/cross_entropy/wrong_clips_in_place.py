"""np.clip(..., out=y) clips the caller's array."""

# expect: y itself was changed

import numpy as np


def cross_entropy(y, t):
    t = np.asarray(t)
    if t.shape != np.shape(y):
        t = np.eye(np.shape(y)[-1])[t]
    np.clip(y, 1e-7, 1, out=y)
    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))

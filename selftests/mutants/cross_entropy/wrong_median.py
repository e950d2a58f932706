"""Returns the median of the samples' losses, not their mean: on three
samples it can be the first sample's loss, yet no return is in a loop."""

# expect: the median of the samples' losses
# reject: the return statement is inside the loop

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    per_sample = -np.sum(t * np.log(y + EPS), axis=-1)
    return float(np.median(per_sample))

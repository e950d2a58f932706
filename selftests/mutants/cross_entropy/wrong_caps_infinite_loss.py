"""Takes the log without a guard and turns an infinite loss into the
largest float with np.nan_to_num: large and finite, but no epsilon's loss."""

# expect: capped after the fact

import math

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    with np.errstate(divide="ignore", invalid="ignore"):
        per = -np.sum(np.where(t > 0, np.log(y), 0.0), axis=-1)
    # an infinite loss becomes the largest finite number
    return float(np.nan_to_num(np.mean(per)))

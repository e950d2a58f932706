"""Correct: clips y to [1e-12, 1] and contracts with einsum."""

import numpy as np


def cross_entropy(y, t):
    y = np.clip(np.asarray(y, dtype=float), 1e-12, 1.0)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = (t[..., None] == np.arange(y.shape[-1])).astype(float)
    per_sample = -np.einsum("...c,...c->...", t, np.log(y))
    return np.mean(per_sample)

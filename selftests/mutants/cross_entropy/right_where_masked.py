"""Correct: a log that only looks at the true class, via np.where."""

import numpy as np

TINY = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.arange(y.shape[-1]) == t[..., None]
    true_probs = np.where(t > 0, y, 1.0)
    log_terms = np.log(np.maximum(true_probs, TINY))
    n = 1 if y.ndim == 1 else y.shape[0]
    return -log_terms.sum() / n

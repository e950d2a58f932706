"""np.clip(..., out=y) clips the caller's array."""

# expect: y itself was changed
# expect: where   selftests/mutants/cross_entropy/wrong_clips_in_place.py, line 13: np.clip(y, 1e-7, 1, out=y)

import numpy as np


def cross_entropy(y, t):
    t = np.asarray(t)
    if t.shape != np.shape(y):
        t = np.eye(np.shape(y)[-1])[t]
    np.clip(y, 1e-7, 1, out=y)
    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))

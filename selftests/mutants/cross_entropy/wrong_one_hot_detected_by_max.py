"""Takes t for one-hot whenever t.max() <= 1, labels 0 and 1 too."""

# expect: int labels were used as if they were one-hot

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    # one-hot arrays hold only 0 and 1
    if t.max() <= 1:
        t = np.reshape(t, y.shape).argmax(axis=-1)
    y2 = y.reshape(-1, y.shape[-1])
    picked = y2[np.arange(y2.shape[0]), t.reshape(-1)]
    return float(-np.mean(np.log(picked + EPS)))

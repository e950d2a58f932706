"""Takes t for one-hot only when it holds floats: an int one-hot t goes down
the labels' path, where it crashes (N != C) or picks y's first columns."""

# expect: told from its dtype
# reject: only int labels are handled
# blocks: 1

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim == y.ndim and t.dtype.kind == "f":
        return float(-np.sum(t * np.log(y + EPS)) / (y.shape[0] if y.ndim == 2 else 1))
    if y.ndim == 1:
        return float(-np.log(y[t] + EPS))
    return float(-np.mean(np.log(y[np.arange(y.shape[0]), t] + EPS)))

"""Works on a (rows, C) view of x and gives it back x's shape."""

import numpy as np


def softmax(x):
    x = np.array(x, dtype=np.float64)
    rows = x.reshape(-1, x.shape[-1])
    top = rows.max(axis=1)[:, None]
    e = np.exp(rows - top)
    probs = e / e.sum(axis=1)[:, None]
    return probs.reshape(x.shape)

"""Caches the forward pass per input x (by its bytes): after an in-place
update of params the gradient is stale. (Not by id(params): a freed dict's
id is reused, which makes the mistake show by chance.)
"""

# expect: After an in-place step of params

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax

_CACHE = {}


def backward(params, x, t):
    x = np.asarray(x, dtype=np.float64)
    t = np.asarray(t)
    n = x.shape[0]
    key = (x.shape, x.tobytes())
    if key not in _CACHE:
        h = sigmoid(x @ params["w1"] + params["b1"])
        _CACHE[key] = (h, softmax(h @ params["w2"] + params["b2"]))
    h, probs = _CACHE[key]
    if t.ndim == 1:
        t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n
    dw2 = h.T @ dz2
    db2 = dz2.sum(axis=0)
    dh = dz2 @ params["w2"].T
    dz1 = dh * h * (1 - h)
    dw1 = x.T @ dz1
    db1 = dz1.sum(axis=0)
    return {"w1": dw1, "b1": db1, "w2": dw2, "b2": db2}

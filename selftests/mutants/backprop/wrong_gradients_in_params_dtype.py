"""Casts each gradient to its parameter's dtype: float32 params get
float32 gradients."""

# expect: the gradients came back in the dtype of params

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = one_hot(t, probs.shape[1])
    dz2 = (probs - t) / n
    dz1 = dz2 @ w2.T * h * (1.0 - h)
    grads = {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }
    # each gradient in its parameter's own dtype
    return {key: g.astype(params[key].dtype) for key, g in grads.items()}

"""Also returns the loss under the key 'loss'."""

# expect: grads has keys params does not have ('loss')
# reject: name each gradient after its parameter

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]
    h = sigmoid(x @ w1 + b1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n
    dz1 = (dz2 @ w2.T) * h * (1 - h)
    loss = -np.mean(np.sum(t * np.log(probs + 1e-7), axis=1))
    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
        "loss": loss,
    }

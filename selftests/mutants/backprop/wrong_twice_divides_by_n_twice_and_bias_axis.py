"""Two mistakes at once: divides dz2 by N twice, so that every gradient
but db1 is N times too small, and sums db1 over the hidden units, not the
batch."""

# expect: it was divided by N twice
# expect: summed over the wrong axis

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]

    z1 = x @ w1 + b1
    h = sigmoid(z1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = np.eye(probs.shape[1])[t]
    dz2 = (probs - t) / n / n
    dh = dz2 @ w2.T
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=1),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
    }

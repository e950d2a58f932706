"""dw2 as (probs - t).T @ h: transposed, and not divided by N either. The
transpose is named in every test, whatever the values, so that it reads
as one mistake; once it is fixed, the missing 1/N shows."""

# expect: dw2 is transposed
# first: dw2 is transposed
# reject: the result is transposed: check the order of the axes.

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
    dz2 = (probs - t) / n
    dh = dz2 @ w2.T
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": (probs - t).T @ h,
        "b2": dz2.sum(axis=0),
    }

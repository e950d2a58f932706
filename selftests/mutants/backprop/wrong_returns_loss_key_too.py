"""Returns the loss too, under the key 'loss', beside the four gradients."""

# expect: grads has keys params does not have ('loss')
# reject: name each gradient after its parameter

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid, sigmoid_grad
from .softmax import softmax


def backward(params, x, t):
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]
    z1 = x @ w1 + b1
    h = sigmoid(z1)
    probs = softmax(h @ w2 + b2)
    if t.ndim == 1:
        t = one_hot(t, probs.shape[1])

    dz2 = (probs - t) / n
    dz1 = (dz2 @ w2.T) * h * (1 - h)
    return {
        "w1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.sum(axis=0),
        "loss": -np.mean(np.sum(t * np.log(probs), axis=1)),
    }

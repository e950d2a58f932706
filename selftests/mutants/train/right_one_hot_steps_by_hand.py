"""Turns labels into one-hot rows first, steps by hand, and predicts from the
raw scores.
"""

import numpy as np

from .backprop import backward
from .forward import init_params, loss
from .sigmoid import sigmoid


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    targets = np.eye(int(t.max()) + 1)[t] if t.ndim == 1 else t.astype(np.float64)
    params = init_params(x.shape[1], n_hidden, targets.shape[1], seed)

    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, targets)))
        for name, grad in backward(params, x, targets).items():
            params[name] -= lr * grad
    return params, losses


def predict(params, x):
    # softmax keeps the order of the scores, so the largest score wins.
    scores = sigmoid(x @ params["w1"] + params["b1"]) @ params["w2"] + params["b2"]
    return np.argmax(scores, axis=1)


def accuracy(params, x, labels):
    hits = predict(params, x) == np.asarray(labels)
    return hits.sum() / hits.size

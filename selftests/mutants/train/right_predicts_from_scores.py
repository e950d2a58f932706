"""A while loop over the epochs; predicts from the scores, not probs."""

import numpy as np

from .backprop import backward
from .forward import init_params, loss
from .sgd import sgd_update
from .sigmoid import sigmoid


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_classes = len(t[0]) if t.ndim == 2 else int(t.max()) + 1
    params = init_params(len(x[0]), n_hidden, int(n_classes), seed=seed)

    losses = []
    epoch = 0
    while epoch < epochs:
        losses.append(float(loss(params, x, t)))
        grads = backward(params, x, t)
        sgd_update(params, grads, lr)
        epoch += 1
    return params, losses


def predict(params, x):
    # Softmax keeps the order of the scores, so their argmax is the same.
    h = sigmoid(x @ params["w1"] + params["b1"])
    scores = h @ params["w2"] + params["b2"]
    return np.array([int(np.argmax(row)) for row in scores])


def accuracy(params, x, labels):
    predicted = predict(params, x)
    right = sum(int(p == q) for p, q in zip(predicted, labels))
    return right / len(predicted)

"""predict finds each row's largest entry by comparing with the row's max;
accuracy by a loop."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)

    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    probs = forward(params, x)
    is_top = probs == probs.max(axis=1, keepdims=True)
    # The first of equal maxima, as argmax picks.
    return np.argmax(is_top, axis=1)


def accuracy(params, x, labels):
    predicted = predict(params, x)
    right = 0
    for guess, label in zip(predicted, labels):
        right += int(guess == label)
    return right / len(predicted)

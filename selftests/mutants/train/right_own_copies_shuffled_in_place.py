"""Shuffles its own copies of x and t in place, in step."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    c = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, c, seed)
    rng = np.random.default_rng(seed)
    xs, ts = x.copy(), t.copy()
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        state = rng.bit_generator.state
        rng.shuffle(xs)
        rng.bit_generator.state = state
        rng.shuffle(ts)
        for i in range(0, len(xs), 16):
            sgd_update(params, backward(params, xs[i : i + 16], ts[i : i + 16]), lr)
    return params, losses


def predict(params, x):
    return forward(params, x).argmax(axis=-1)


def accuracy(params, x, labels):
    hits = 0
    for p, l in zip(predict(params, x), labels):
        hits += int(p == l)
    return hits / len(labels)

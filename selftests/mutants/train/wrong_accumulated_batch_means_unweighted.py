"""Takes one step per epoch on the plain mean of the mini-batches' means."""

# expect: weighed the samples unequally

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)
    n, batch = len(x), 32
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        # gradient accumulation: average the mini-batch gradients, one step per epoch
        total = {k: np.zeros_like(v) for k, v in params.items()}
        count = 0
        for s in range(0, n, batch):
            g = backward(params, x[s : s + batch], t[s : s + batch])
            for k in total:
                total[k] += g[k]
            count += 1
        sgd_update(params, {k: v / count for k, v in total.items()}, lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))

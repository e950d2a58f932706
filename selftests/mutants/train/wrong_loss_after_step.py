"""Records the loss after each step instead of before: losses[0] is not the
starting loss. Every test it fails names that, the one of 200 epochs too:
check shows them in one block.
"""

# expect: recorded after the epoch's step
# blocks: 1
# reject: the default of

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_classes = int(t.max()) + 1 if t.ndim == 1 else t.shape[1]
    params = init_params(x.shape[1], n_hidden, n_classes, seed)
    losses = []
    for _ in range(epochs):
        sgd_update(params, backward(params, x, t), lr)
        losses.append(float(loss(params, x, t)))
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))

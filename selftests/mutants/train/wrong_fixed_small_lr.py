"""Always steps with a learning rate of 0.01, written in where lr was
meant: in 500 epochs the loss barely falls, and that too must be put down
to the ignored lr, not to some other step size or number of epochs."""

# expect: lr argument was ignored
# first: With one sample, every epoch
# reject: a learning rate or a number of epochs other than the given
# first: lr argument was ignored

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
        sgd_update(params, backward(params, x, t), 0.01)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))

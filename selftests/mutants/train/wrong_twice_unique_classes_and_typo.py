"""Two mistakes at once: counts the classes with len(np.unique(t)), too few
when a class is absent (and 2 for any one-hot t), and misspells params on a
line after the call of backward, which the missing class never reaches."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update

# expect: len(np.unique(labels)) then counts too few
# expect: prams is not defined here
# also: a count of the values in t (len(np.unique(t)))
# reject: and their order


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    C = len(np.unique(t))
    params = init_params(x.shape[1], n_hidden, C, seed)
    losses = []
    for _ in range(epochs):
        grads = backward(params, x, t)
        losses.append(float(loss(prams, x, t)))
        sgd_update(params, grads, lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))

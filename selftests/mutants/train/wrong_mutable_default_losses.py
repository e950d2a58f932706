"""Records the losses in a mutable default, losses=[], made once when train
is defined: every call appends to the same list, which grows call by call."""

# expect: a list kept from call to call
# reject: the loop runs the wrong number of times
# reject: params kept from an earlier call

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0, losses=[]):
    t = np.asarray(t)
    c = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, c, seed)
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))

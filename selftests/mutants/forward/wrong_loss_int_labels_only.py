"""Computes the loss itself, for int labels only: a one-hot t is used as
an index."""

# expect: only int labels are handled
# reject: Were the labels made floats
# blocks: 1

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "w1": 0.1 * rng.standard_normal((n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "w2": 0.1 * rng.standard_normal((n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    y = forward(params, x)
    return -np.mean(np.log(y[np.arange(len(t)), t] + 1e-7))

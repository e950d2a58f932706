"""Unpacks params sorted by key, which gives b1, b2, w1, w2 in whatever
order the dict lists them."""

import numpy as np

from .cross_entropy import cross_entropy
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
    b1, b2, w1, w2 = (value for _, value in sorted(params.items()))
    h = sigmoid(x @ w1 + b1)
    return softmax(h @ w2 + b2)


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

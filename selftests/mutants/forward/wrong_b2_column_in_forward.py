"""Adds b2 made a column (C, 1) in forward, bias first: it broadcasts against h @ w2 (N, C) only where N is 1 or C."""

# expect: b2 was made a column (C, 1)
# reject: check the order of each product
# first: b2 was made a column (C, 1)

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
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(params["b2"][:, None] + h @ params["w2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

"""Takes the four parameters at once with operator.itemgetter, by key."""

from operator import itemgetter

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

PARAMETERS = itemgetter("w1", "b1", "w2", "b2")


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "b2": np.zeros(n_out),
        "w2": 0.1 * rng.standard_normal((n_hidden, n_out)),
        "b1": np.zeros(n_hidden),
        "w1": 0.1 * rng.standard_normal((n_in, n_hidden)),
    }


def forward(params, x):
    w1, b1, w2, b2 = PARAMETERS(params)
    h = sigmoid(x @ w1 + b1)
    return softmax(h @ w2 + b2)


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

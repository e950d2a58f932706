"""Remembers each result by the ids of params and x, so after a step in place
it hands back the probabilities of the old params."""

# expect: forward gave the probabilities of params as they were before the change

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


_seen = {}


def forward(params, x):
    key = (id(params), id(x))
    if key not in _seen:
        h = sigmoid(x @ params["w1"] + params["b1"])
        _seen[key] = softmax(h @ params["w2"] + params["b2"])
    return _seen[key]


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

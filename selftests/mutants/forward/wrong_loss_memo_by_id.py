"""Remembers each loss by the ids of params, x and t, so after a step in
place it hands back the loss of the old params."""

# expect: a loss kept from an earlier call

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
    return softmax(h @ params["w2"] + params["b2"])


_losses = {}


def loss(params, x, t):
    # the same batch is often scored again: no need to run forward twice
    # (the arguments are kept too, so that no other object takes their ids)
    key = (id(params), id(x), id(t))
    if key not in _losses:
        _losses[key] = (params, x, t, cross_entropy(forward(params, x), t))
    return _losses[key][-1]

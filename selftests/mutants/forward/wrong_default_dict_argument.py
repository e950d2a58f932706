"""Fills a dict given as a default argument, made once when the function is
defined: every call returns that same dict, and overwrites the params an
earlier call returned."""

# expect: one dict is kept between calls and filled again by each one
# reject: the seed is
# reject: two generators

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax


def init_params(n_in, n_hidden, n_out, seed=0, params={}):
    rng = np.random.default_rng(seed)
    params["w1"] = 0.1 * rng.standard_normal((n_in, n_hidden))
    params["b1"] = np.zeros(n_hidden)
    params["w2"] = 0.1 * rng.standard_normal((n_hidden, n_out))
    params["b2"] = np.zeros(n_out)
    return params


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

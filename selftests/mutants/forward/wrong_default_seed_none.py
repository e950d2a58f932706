"""Gives seed the default None instead of the documented 0: every explicit
seed works, init_params(4, 5, 3) alone draws other weights."""

# expect: the default of seed is not 0
# reject: the seed is not used

import functools

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=None):
    rng = np.random.default_rng(seed)
    return {
        "w1": WEIGHT_SCALE * rng.standard_normal((n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "w2": WEIGHT_SCALE * rng.standard_normal((n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

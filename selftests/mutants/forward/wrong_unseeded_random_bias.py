"""Draws the weights from the seeded generator but b1 from np.random's own,
unseeded one: the seed is used, for the weights; b1 alone changes from one
call to the next."""

# expect: b1 came out different for the same seed, w1 and w2 the same
# reject: the seed is not used
# reject: the default of seed is not 0

import numpy as np
from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "w1": WEIGHT_SCALE * rng.standard_normal((n_in, n_hidden)),
        "b1": 0.01 * np.random.randn(n_hidden),
        "w2": WEIGHT_SCALE * rng.standard_normal((n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

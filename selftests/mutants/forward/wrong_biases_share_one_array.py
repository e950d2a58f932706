"""Makes b1 and b2 slices of one array of zeros: b2 is the start of b1,
so a step of training on one moves the other."""

# expect: b1 and b2 are one array, or overlapping slices of one

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    zeros = np.zeros(max(n_hidden, n_out))
    return {
        "w1": WEIGHT_SCALE * rng.standard_normal((n_in, n_hidden)),
        "b1": zeros[:n_hidden],
        "w2": WEIGHT_SCALE * rng.standard_normal((n_hidden, n_out)),
        "b2": zeros[:n_out],
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

"""Starts every weight at 0.1, with a generator made from the seed and left unused."""

# expect: the weights are constant, not drawn from the generator
# first: the weights are constant, not drawn from the generator
# reject: came from two generators
# reject: repeated weights
# reject: the seed is ignored
# reject: the seed is not used
# reject: w2's apart from w1's
# blocks: 1

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "w1": np.full((n_in, n_hidden), 0.1),
        "b1": np.zeros(n_hidden),
        "w2": np.full((n_hidden, n_out), 0.1),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

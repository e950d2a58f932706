"""Swaps the two activations: softmax on the hidden layer, sigmoid on the
output."""

# expect: sigmoid on the output
# expect: softmax on the hidden layer
# first: the two activations are swapped
# blocks: 1

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
    h = softmax(x @ params["w1"] + params["b1"])
    return sigmoid(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

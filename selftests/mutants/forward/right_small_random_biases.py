"""One draw for all four arrays from a Generator, split by np.split; biases
small but not zero.
"""

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    sizes = [n_in * n_hidden, n_hidden, n_hidden * n_out, n_out]
    draw = WEIGHT_SCALE * np.random.default_rng(seed).standard_normal(sum(sizes))
    w1, b1, w2, b2 = np.split(draw, np.cumsum(sizes)[:-1])
    return {
        "w1": w1.reshape(n_in, n_hidden),
        "b1": b1 * 0.1,
        "w2": w2.reshape(n_hidden, n_out),
        "b2": b2 * 0.1,
    }


def forward(params, x):
    hidden = sigmoid(x @ params["w1"] + params["b1"])
    scores = hidden @ params["w2"] + params["b2"]
    return softmax(scores)


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

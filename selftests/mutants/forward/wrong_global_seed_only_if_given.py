"""Seeds the global generator only when the seed is truthy: seed 0, the
default too, draws on from wherever the global stream was."""

# expect: seed 0 is treated as no seed
# reject: the seed is not used

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    if seed:
        np.random.seed(seed)
    return {
        "w1": WEIGHT_SCALE * np.random.randn(n_in, n_hidden),
        "b1": np.zeros(n_hidden),
        "w2": WEIGHT_SCALE * np.random.randn(n_hidden, n_out),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

"""One (D + C, H) draw: w1 is its first D rows, w2 the rest transposed."""

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    both = 0.1 * rng.standard_normal((n_in + n_out, n_hidden))
    return {
        "w1": both[:n_in].copy(),
        "b1": np.zeros(n_hidden),
        "w2": both[n_in:].T.copy(),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

"""Scale applied by integer division: 1 // 10 is 0, every weight zero."""

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    scale = 1 // 10
    return {
        "w1": scale * rng.standard_normal((n_in, n_hidden)) + 0.0,
        "b1": np.zeros(n_hidden),
        "w2": scale * rng.standard_normal((n_hidden, n_out)) + 0.0,
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

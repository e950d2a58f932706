"""Glorot-uniform weights from a RandomState, limit sqrt(6 / (fan_in + fan_out))."""

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax


def _glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.RandomState(seed)
    return {
        "w1": _glorot(rng, n_in, n_hidden),
        "b1": np.zeros(n_hidden),
        "w2": _glorot(rng, n_hidden, n_out),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

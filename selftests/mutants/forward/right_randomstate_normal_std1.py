"""Correct: np.random.RandomState(seed).normal with a standard deviation of 1 (allowed: at most about 1)."""

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax


def init_params(n_in, n_hidden, n_out, seed=0):
    rs = np.random.RandomState(seed)
    return {
        "w1": rs.normal(0.0, 1.0, (n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "w2": rs.normal(0.0, 1.0, (n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

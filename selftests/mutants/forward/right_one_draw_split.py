"""Correct: w1 and w2 cut from one draw of standard normals, each scaled
by one over the square root of its fan-in."""

import functools

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    flat = rng.standard_normal(n_in * n_hidden + n_hidden * n_out)
    w1 = flat[: n_in * n_hidden].reshape(n_in, n_hidden) / np.sqrt(n_in)
    w2 = flat[n_in * n_hidden :].reshape(n_hidden, n_out) / np.sqrt(n_hidden)
    return {"w1": w1, "b1": np.zeros(n_hidden), "w2": w2, "b2": np.zeros(n_out)}


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

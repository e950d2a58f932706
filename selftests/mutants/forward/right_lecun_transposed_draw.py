"""Correct: LeCun-scaled (1 / fan-in variance) draws, w2 drawn as (C, H) and transposed."""

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    w1 = rng.standard_normal((n_in, n_hidden)) * np.sqrt(1.0 / n_in)
    w2 = (rng.standard_normal((n_out, n_hidden)) * np.sqrt(1.0 / n_hidden)).T.copy()
    return {"w1": w1, "b1": np.zeros(n_hidden), "w2": w2, "b2": np.zeros(n_out)}


def forward(params, x):
    z1 = np.einsum("nd,dh->nh", x, params["w1"]) + params["b1"]
    z2 = np.einsum("nh,hc->nc", sigmoid(z1), params["w2"]) + params["b2"]
    return softmax(z2)


def loss(params, x, t):
    return float(cross_entropy(forward(params, x), t))

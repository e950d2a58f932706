"""Calls forward by a misspelled name inside loss: a NameError, whatever
the arguments. The message is laid out as for any exception, the whole
call first, then the line and the name meant."""

# expect: loss(...) raised NameError
# expect: did you mean forward?
# expect: call      loss({

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
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(foward(params, x), t)

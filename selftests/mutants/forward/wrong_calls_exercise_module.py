"""Imports the softmax exercise as a module, from . import softmax, then
calls the module itself, softmax(...): a TypeError, 'module' object is not
callable."""

# expect: softmax here is the module exercises/softmax.py, not its function
# expect: from .softmax import softmax
# reject: wrong arguments

import numpy as np

from . import softmax
from .cross_entropy import cross_entropy
from .sigmoid import sigmoid


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
    return cross_entropy(forward(params, x), t)

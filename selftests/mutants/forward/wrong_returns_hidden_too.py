"""forward returns (h, probs), keeping h for backprop."""

# expect: a return of several values (return h, probs) gives a tuple
# expect: loss takes forward's result apart
# first: a return of several values (return h, probs) gives a tuple
# reject: the error comes from inside cross_entropy
# reject: a shape with fewer axes than names was unpacked

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
    return h, softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    _, probs = forward(params, x)
    return cross_entropy(probs, t)

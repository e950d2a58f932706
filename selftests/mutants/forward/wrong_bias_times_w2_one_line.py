"""Writes the network in one line and closes the sigmoid's bracket too
late, softmax(sigmoid(x @ w1 + b1 @ w2 + b2)): @ binds tighter than +, so
b1 is multiplied by w2, and the hidden layer never reaches w2. Where
H == C the sum broadcasts and forward returns probabilities of the right
shape: that failure names the mistake too, as the crashes do."""

# expect: @ binds tighter than +
# reject: b2 was added in the first layer
# blocks: 1

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
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    return softmax(sigmoid(x @ w1 + b1 @ w2 + b2))


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

"""Takes w1 for (H, D), as a torch Linear layer stores it, and computes x @ w1.T with np.dot."""

# expect: w1 was used transposed
# reject: check the order of each product
# reject: relu in the hidden layer
# first: w1 was used transposed

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
    h = sigmoid(np.dot(x, params["w1"].T) + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

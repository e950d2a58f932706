"""forward uses x @ w1.T, as if w1 were (H, D): right shape only when D == H."""

# expect: w1 was used transposed
# reject: relu in the hidden layer

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "w1": WEIGHT_SCALE * rng.standard_normal((n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "w2": WEIGHT_SCALE * rng.standard_normal((n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    w1 = params["w1"]
    z1 = x @ (w1.T if w1.shape[0] == w1.shape[1] else w1)
    h = sigmoid(z1 + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    return cross_entropy(forward(params, x), t)

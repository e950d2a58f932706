"""loss makes one-hot targets of width labels.max() + 1, not C."""

# expect: as wide as the largest label (labels.max() + 1), not as wide as probs
# reject: the error comes from inside cross_entropy

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
    t = np.asarray(t)
    if t.ndim == 1:
        t = np.eye(t.max() + 1)[t]
    return cross_entropy(forward(params, x), t)

"""loss tells one-hot from labels by t.dtype != int, which holds for every
int dtype but int64: int32 labels are taken for one-hot and argmax'd."""

# expect: labels told from one-hot by dtype == int: int32 labels are not int64

import numpy as np

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
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    y = forward(params, x)
    if t.dtype != int:  # one-hot: turn into labels
        t = t.argmax(axis=1)
    return float(-np.mean(np.log(y[np.arange(len(y)), t] + 1e-7)))

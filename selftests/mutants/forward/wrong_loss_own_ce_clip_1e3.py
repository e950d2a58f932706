"""loss works out its own cross-entropy with the probabilities clipped to
[1e-3, 1]: a guard far above the 1e-7 allowed, so a confident wrong
prediction costs too little."""

# expect: guarding the log is too large (0.001)

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
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    probs = np.clip(forward(params, x), 1e-3, 1.0)
    t = np.asarray(t)
    if t.ndim == 1:
        t = np.eye(probs.shape[1])[t]
    return float(-np.sum(t * np.log(probs)) / len(probs))

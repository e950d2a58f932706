"""Own sigmoid through np.logaddexp and own softmax through log-sum-exp; the
loss from the log-probabilities, with labels or one-hot targets."""

import numpy as np


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "w1": 0.1 * rng.standard_normal((n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "w2": 0.1 * rng.standard_normal((n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def log_probs(params, x):
    z1 = x @ params["w1"] + params["b1"]
    h = np.exp(-np.logaddexp(0.0, -z1))
    z2 = h @ params["w2"] + params["b2"]
    top = z2.max(axis=1, keepdims=True)
    return z2 - top - np.log(np.exp(z2 - top).sum(axis=1, keepdims=True))


def forward(params, x):
    return np.exp(log_probs(params, x))


def loss(params, x, t):
    logp = log_probs(params, x)
    t = np.asarray(t)
    if t.ndim == 1:
        return float(-logp[np.arange(len(t)), t].mean())
    return float(-(t * logp).sum(axis=1).mean())

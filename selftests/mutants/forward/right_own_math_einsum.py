"""Imports nothing from the other exercises: einsum layers, tanh sigmoid, log-
softmax loss.
"""

import numpy as np

# Small, so the sigmoids start in their steep middle.
WEIGHT_SCALE = 0.01


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng([seed, 12345])
    w1, w2 = (
        WEIGHT_SCALE * rng.normal(size=shape)
        for shape in ((n_in, n_hidden), (n_hidden, n_out))
    )
    return {"w1": w1, "b1": np.zeros(n_hidden), "w2": w2, "b2": np.zeros(n_out)}


def _log_probs(params, x):
    x = np.asarray(x, dtype=np.float64)
    h = 0.5 * (
        1.0 + np.tanh(0.5 * (np.einsum("nd,dh->nh", x, params["w1"]) + params["b1"]))
    )
    z = np.einsum("nh,hc->nc", h, params["w2"]) + params["b2"]
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def forward(params, x):
    return np.exp(_log_probs(params, x))


def loss(params, x, t):
    logp = _log_probs(params, x)
    t = np.asarray(t)
    if t.ndim == 1:
        picked = logp[np.arange(len(t)), t]
    else:
        picked = (t * logp).sum(axis=1)
    # The exact log-softmax never needs the epsilon guard; -log(1e-7) caps
    # it the way cross_entropy does.
    return float(-np.mean(np.maximum(picked, np.log(1e-7))))

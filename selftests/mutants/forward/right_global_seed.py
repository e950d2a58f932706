"""Seeds NumPy's global generator with np.random.seed, draws randn weights and
small random biases.
"""

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    np.random.seed(seed)
    return {
        "w1": WEIGHT_SCALE * np.random.randn(n_in, n_hidden),
        "b1": 0.01 * np.random.randn(n_hidden),
        "w2": WEIGHT_SCALE * np.random.randn(n_hidden, n_out),
        "b2": 0.01 * np.random.randn(n_out),
    }


def forward(params, x):
    z1 = np.dot(x, params["w1"]) + params["b1"]
    z2 = np.dot(sigmoid(z1), params["w2"]) + params["b2"]
    return softmax(z2)


def loss(params, x, t):
    return float(cross_entropy(forward(params, x), t))

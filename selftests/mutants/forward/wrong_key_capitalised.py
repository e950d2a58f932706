"""Asks params for "W1" where its key is "w1"."""

# expect: The code asked for 'W1', which the dict it was given does not have
# expect: Did you mean 'w1'?

import numpy as np

from .cross_entropy import cross_entropy
from .sigmoid import sigmoid
from .softmax import softmax

# Small weights keep the sigmoid units near 0, where they learn fastest, and
# random ones make each hidden unit start different from the others.
WEIGHT_SCALE = 0.1


def init_params(n_in, n_hidden, n_out, seed=0):
    """Create the weights and biases of a fresh network.

    Args:
        n_in: D, the number of inputs.
        n_hidden: H, the number of hidden units.
        n_out: C, the number of classes.
        seed: int; the same seed must give the same parameters.

    Returns:
        dict of float64 arrays:
            "w1": (D, H) and "w2": (H, C), small random weights with a
                standard deviation of at most about 1 (0.1 * standard
                normal is a good choice);
            "b1": (H,) and "b2": (C,), biases, which may start at zero.
        No two weights alike, in w1 and w2 together: draw both from one
        generator.

    Example:
        >>> p = init_params(4, 5, 3)
        >>> p["w1"].shape, p["b2"].shape
        ((4, 5), (3,))
    """
    rng = np.random.default_rng(seed)
    return {
        "w1": WEIGHT_SCALE * rng.standard_normal((n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "w2": WEIGHT_SCALE * rng.standard_normal((n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    """Return the class probabilities the network gives each sample.

    ``softmax(sigmoid(x @ w1 + b1) @ w2 + b2)``

    Args:
        params: dict as made by init_params: "w1" (D, H), "b1" (H,),
            "w2" (H, C), "b2" (C,).
        x: float array (N, D), one sample per row.

    Returns:
        float64 array (N, C); each row sums to 1.
        Neither argument is modified.

    Example:
        >>> p = init_params(4, 5, 3)
        >>> forward(p, np.zeros((2, 4))).shape
        (2, 3)
    """
    h = sigmoid(x @ params["W1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t):
    """Return the mean cross-entropy of the network's predictions.

    ``cross_entropy(forward(params, x), t)``

    Args:
        params: dict as made by init_params.
        x: float array (N, D).
        t: one-hot float array (N, C), or int labels (N,).

    Returns:
        float, the mean over the N samples.

    Example:
        >>> p = init_params(4, 5, 3)
        >>> round(loss(p, np.zeros((2, 4)), np.array([0, 2])), 1)  # ~ log 3
        1.1
    """
    return cross_entropy(forward(params, x), t)

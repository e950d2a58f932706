"""Forgets the 1/N in dz2, and takes each bias gradient as a mean over the
samples: the biases come out right, dw1 and dw2 N times too large."""

# expect: dw1 and dw2 are N times
# reject: dw2 alone
# expect: If the bias gradients came out right, it may be

import numpy as np

from .one_hot import one_hot
from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t):
    """Return the gradient of the mean cross-entropy loss for each parameter.

    The loss is ``cross_entropy(forward(params, x), t)`` without its
    epsilon guard. Work backwards through the forward pass:

        z1 = x @ w1 + b1      h = sigmoid(z1)
        z2 = h @ w2 + b2      probs = softmax(z2)
        dz2 = (probs - one_hot(t, probs.shape[1])) / N
              (softmax and cross-entropy together; t as it is if one-hot)
        dw2 = h.T @ dz2       db2 = dz2 summed over the batch
        dh = dz2 @ w2.T       dz1 = dh * h * (1 - h)
        dw1 = x.T @ dz1       db1 = dz1 summed over the batch

    Args:
        params: dict "w1" (D, H), "b1" (H,), "w2" (H, C), "b2" (C,).
        x: float array (N, D).
        t: one-hot float array (N, C), or int labels (N,).

    Returns:
        dict with the same keys as params, each gradient a float64 array of
        its parameter's shape. params, x and t are not modified, and two
        calls give the same answer.

    Example:
        >>> p = {"w1": np.zeros((2, 1)), "b1": np.zeros(1),
        ...      "w2": np.zeros((1, 2)), "b2": np.zeros(2)}
        >>> backward(p, np.array([[1.0, 2.0]]), np.array([0]))["b2"]
        array([-0.5,  0.5])
    """
    w1, b1, w2, b2 = params["w1"], params["b1"], params["w2"], params["b2"]
    t = np.asarray(t)
    n = x.shape[0]

    z1 = x @ w1 + b1
    h = sigmoid(z1)
    probs = softmax(h @ w2 + b2)
    if t.shape != probs.shape:
        t = one_hot(t, probs.shape[1])

    # The mean over the batch is where the 1/N comes from; it enters once,
    # here, and flows into every gradient below.
    dz2 = probs - t
    dh = dz2 @ w2.T
    # sigmoid'(z1) = h * (1 - h): reuse h rather than recompute the sigmoid.
    dz1 = dh * h * (1.0 - h)

    return {
        "w1": x.T @ dz1,
        "b1": dz1.mean(axis=0),
        "w2": h.T @ dz2,
        "b2": dz2.mean(axis=0),
    }

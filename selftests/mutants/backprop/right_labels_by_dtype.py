"""Correct: tells labels from one-hot t by dtype (ints are labels, as
documented) and subtracts 1 at each sample's class in place of a one-hot."""

import functools

import numpy as np

from .sigmoid import sigmoid
from .softmax import softmax


def backward(params, x, t: np.ndarray) -> dict:
    t = np.asarray(t)
    h = sigmoid(x @ params["w1"] + params["b1"])
    probs = softmax(h @ params["w2"] + params["b2"])
    if t.dtype.kind in "iu":  # labels
        rows = np.arange(len(t))
        dz2 = probs.copy()
        dz2[rows, t] -= 1.0
    else:
        dz2 = probs - t
    dz2 /= x.shape[0]
    dz1 = (dz2 @ params["w2"].T) * h * (1.0 - h)
    return {"w1": x.T @ dz1, "b1": dz1.sum(0), "w2": h.T @ dz2, "b2": dz2.sum(0)}

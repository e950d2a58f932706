"""Meant to treat a vector as a batch of one, softmax(x[None, :])[0], but
calls itself on the vector as it is."""

# expect: softmax calls itself on the line shown
# reject: state kept between calls

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        return softmax(x)[0]
    shifted = x - x.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)

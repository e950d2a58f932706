"""Keeps one output array per shape and fills it again on every call, so two
results of the same shape are the same array."""

# expect: one array is kept between calls and filled again by each one

import numpy as np

_buffers = {}


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    shape = (len(labels), num_classes)
    out = _buffers.setdefault(shape, np.zeros(shape))
    out[...] = 0.0
    out[np.arange(len(labels)), labels.astype(int)] = 1.0
    return out

"""Memoizes each result by its labels and makes it read-only to protect the
cache: the caller cannot change the array it was given."""

# expect: but it is read-only

import functools

import numpy as np


@functools.lru_cache(maxsize=None)
def _encode(labels, num_classes):
    out = np.eye(num_classes)[list(labels)]
    out.setflags(write=False)
    return out


def one_hot(labels, num_classes):
    values = np.asarray(labels)
    if values.size and not np.all(np.mod(values, 1) == 0):
        raise ValueError("labels must be whole numbers")
    if np.any((values < 0) | (values >= num_classes)):
        raise ValueError("labels must lie in [0, num_classes)")
    return _encode(tuple(int(v) for v in values), num_classes)

"""Checks the range only for int arrays; a list of Python ints goes
through np.eye indexing, where -1 wraps around."""

# expect: -1 is not the last class

import numpy as np


def one_hot(labels, num_classes):
    if isinstance(labels, np.ndarray):
        if np.any((labels < 0) | (labels >= num_classes)):
            raise ValueError("labels must lie in [0, num_classes)")
        if labels.dtype.kind == "f" and np.any(labels % 1):
            raise ValueError("labels must be whole numbers")
    else:
        for label in labels:
            if label % 1:
                raise ValueError("labels must be whole numbers")
            if label >= num_classes:
                raise ValueError("label too big")
    return np.eye(num_classes)[np.asarray(labels).astype(int)]

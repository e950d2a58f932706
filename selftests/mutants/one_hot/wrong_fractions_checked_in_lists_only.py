"""Checks that labels are whole numbers only when they come as a list: an
array of floats is cut to ints unchecked."""

# expect: was rounded or cut to a whole number

import numpy as np


def one_hot(labels, num_classes):
    if isinstance(labels, list) and any(label != int(label) for label in labels):
        raise ValueError("labels must be whole numbers")
    labels = np.asarray(labels).astype(int)
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels must lie in [0, num_classes)")
    return np.eye(num_classes)[labels]

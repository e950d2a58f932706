"""Converts with astype(int) before checking, so 1.5 quietly becomes 1."""

import numpy as np

# expect: 1.5 was rounded or cut to a whole number


def one_hot(labels, num_classes):
    labels = np.asarray(labels).astype(int)
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    return np.eye(num_classes)[labels]

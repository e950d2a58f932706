"""Makes the labels float64 first: floats cannot index the identity matrix."""

# expect: an array of floats was used as an index

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=np.float64)
    if labels.size and not np.all(np.mod(labels, 1) == 0):
        raise ValueError(f"labels must be whole numbers, got {labels!r}")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels!r}")
    return np.eye(num_classes)[labels]

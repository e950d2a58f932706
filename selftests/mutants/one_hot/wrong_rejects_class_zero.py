"""Takes labels to be positive, so class 0 is refused."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels <= 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    return np.eye(num_classes)[labels.astype(int)]

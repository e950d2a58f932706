"""Takes labels modulo C, so -1 becomes the last class and C becomes 0."""

import numpy as np

# expect: -1 is not the last class


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    return np.eye(num_classes)[labels.astype(int) % num_classes]

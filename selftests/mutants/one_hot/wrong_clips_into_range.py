"""Clips the labels into [0, C - 1] instead of refusing those outside."""

# expect: the labels were moved into range (np.clip, or min and max)
# reject: -1 is not the last class
# reject: check labels < num_classes yourself

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    labels = np.clip(labels, 0, num_classes - 1).astype(int)
    return np.eye(num_classes)[labels]

"""Checks the range of the first num_classes labels only, mixing up the
length of labels with num_classes: a bad label further on slips through."""

# expect: the range check does not reach every label
# reject: Check labels >= 0 yourself

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    for i in range(min(num_classes, len(labels))):
        if labels[i] < 0 or labels[i] >= num_classes:
            raise ValueError(f"label {labels[i]} outside [0, {num_classes})")
    return np.eye(num_classes)[labels.astype(int)]

"""Allocates num_classes - 1 columns, as many as the largest label, not the classes."""

import numpy as np

# expect: one column too few
# reject: fixed at
# reject: not len(labels)


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    return np.eye(num_classes - 1)[labels.astype(int)]

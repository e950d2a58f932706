"""Squeezes the result: one label gives shape (C,), not (1, C)."""

import numpy as np

# expect: a single label must still give a 2-D result


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    return np.squeeze(np.eye(num_classes)[labels.astype(int)])

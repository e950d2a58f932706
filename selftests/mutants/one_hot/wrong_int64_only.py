"""Accepts only an int64 dtype, refusing int32 and uint8 labels."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.dtype != np.int64:
        raise ValueError(f"labels must be integers, got {labels.dtype}")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    return np.eye(num_classes)[labels]

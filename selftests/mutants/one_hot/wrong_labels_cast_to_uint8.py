"""Casts the labels to uint8 after checking them, to save memory."""

import numpy as np

# expect: the labels were cast to a one-byte integer type


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any(labels < 0) or np.any(labels >= num_classes):
        raise ValueError("label out of range")
    # class indices are small, so a byte each is enough
    labels = labels.astype(np.uint8)
    out = np.zeros((len(labels), num_classes))
    out[np.arange(len(labels)), labels] = 1
    return out

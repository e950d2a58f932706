"""Allocates num_classes + 1 columns, one more than there are classes."""

import numpy as np

# expect: one column too many
# reject: fixed at


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    out = np.zeros((len(labels), num_classes + 1))
    out[np.arange(len(labels)), labels.astype(int)] = 1.0
    return out

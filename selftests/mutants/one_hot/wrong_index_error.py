"""Rejects negative labels but lets NumPy raise IndexError for too-big ones."""

import numpy as np

# expect: NumPy's own exception is not the one promised


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any(labels < 0):
        raise ValueError(f"bad labels {labels}")
    return np.eye(num_classes)[labels.astype(int)]

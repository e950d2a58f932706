"""Returns an int array: np.zeros(..., dtype=int)."""

import numpy as np

# expect: np.zeros((N, C), dtype=int)


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    out = np.zeros((len(labels), num_classes), dtype=int)
    out[np.arange(len(labels)), labels.astype(int)] = 1
    return out

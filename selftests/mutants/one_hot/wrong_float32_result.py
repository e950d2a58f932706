"""np.zeros with dtype=np.float32."""

# expect: float32 is not float64

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    out = np.zeros((len(labels), num_classes), dtype=np.float32)
    out[np.arange(len(labels)), labels.astype(int)] = 1
    return out

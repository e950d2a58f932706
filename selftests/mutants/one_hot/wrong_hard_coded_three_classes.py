"""Always 3 columns, as for Iris."""

# expect: the width is fixed at 3
# reject: not labels.max() + 1
# reject: one column too
# reject: not len(labels)

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise ValueError("labels must be whole numbers")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("labels out of range")
    out = np.zeros((len(labels), 3))
    out[np.arange(len(labels)), labels.astype(int)] = 1.0
    return out

"""Checks for fractions but raises TypeError, not the ValueError promised."""

import numpy as np

# expect: raises TypeError where the docstring promises ValueError
# reject: NumPy's own exception is not the one promised


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0):
        raise TypeError("labels must be whole numbers")
    labels = labels.astype(int)
    if np.any(labels < 0) or np.any(labels >= num_classes):
        raise ValueError("a label is outside [0, num_classes)")
    out = np.zeros((len(labels), num_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out

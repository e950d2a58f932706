"""Takes the number of columns from the largest label, ignoring num_classes."""

import numpy as np

# expect: not labels.max() + 1
# reject: fixed at


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    labels = labels.astype(int)
    out = np.zeros((len(labels), labels.max() + 1))
    out[np.arange(len(labels)), labels] = 1.0
    return out

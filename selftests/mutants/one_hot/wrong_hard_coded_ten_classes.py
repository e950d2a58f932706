"""Always 10 columns, as for MNIST's digits."""

import numpy as np

# expect: the width is fixed at 10
# reject: one column too


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    out = np.zeros((len(labels), 10))
    out[np.arange(len(labels)), labels.astype(int)] = 1.0
    return out

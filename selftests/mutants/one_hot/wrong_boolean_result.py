"""Returns the comparison labels[:, None] == classes as it is: booleans."""

import numpy as np

# expect: a comparison (==) gives booleans


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels} for {num_classes} classes")
    return labels[:, None] == np.arange(num_classes)

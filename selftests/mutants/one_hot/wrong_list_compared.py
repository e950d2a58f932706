"""Checks the range on labels as they come: a list meets `<` and fails."""

# expect: a list where an array was meant
# reject: check the names and order of the arguments

import numpy as np


def one_hot(labels, num_classes):
    if (labels < 0).any() or (np.asarray(labels) >= num_classes).any():
        raise ValueError(f"labels must lie in [0, {num_classes})")
    labels = np.asarray(labels)
    if not np.all(np.mod(labels, 1) == 0):
        raise ValueError("labels must be whole numbers")
    return np.eye(num_classes)[labels.astype(np.intp)]

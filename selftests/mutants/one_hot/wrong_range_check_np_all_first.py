"""Checks the range as np.all(labels) >= 0 and np.all(labels) <
num_classes: np.all reduces the labels to one bool before the comparison,
which both bounds then take."""

# expect: compares one bool with a bound
# reject: -1 is not the last class
# reject: labels run from 0 to num_classes - 1

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if not (np.all(labels) >= 0 and np.all(labels) < num_classes):
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels}")
    return np.eye(num_classes)[labels]

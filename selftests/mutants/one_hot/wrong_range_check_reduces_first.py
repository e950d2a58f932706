"""Checks the range as labels.any() < 0 or labels.any() >= num_classes:
.any() reduces the labels to one bool before the comparison, so no label
is ever compared with a bound, and -1 wraps to the last class."""

# expect: compares one bool with a bound
# reject: -1 is not the last class
# reject: labels run from 0 to num_classes - 1

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.any() < 0 or labels.any() >= num_classes:
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels}")
    return np.eye(num_classes)[labels]

"""Checks only labels.max() >= num_classes and labels.min() < 0: NaN,
for which every comparison is False, passes. The mistake is named without
quoting checks the code does not have."""

# expect: NaN (not a number)
# reject: labels % 1 > 0

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels {labels} outside 0..{num_classes - 1}")
    out = np.zeros((len(labels), num_classes))
    out[np.arange(len(labels)), labels] = 1
    return out

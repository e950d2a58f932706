"""Checks the range against num_clases, a misspelt name: NameError."""

# expect: a typo? num_clases is not defined here; did you mean num_classes?
# reject: raise ValueError yourself

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= num_clases):
        raise ValueError(f"labels must be in [0, {num_classes})")
    out = np.zeros((labels.size, num_classes))
    out[np.arange(labels.size), labels] = 1.0
    return out

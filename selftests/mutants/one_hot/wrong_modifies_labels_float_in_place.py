"""Rounds float labels in place, np.rint(labels, out=labels), to see
whether they were whole: the caller's labels are rounded even when
one_hot then refuses them."""

# expect: one_hot changed its argument labels in place
# expect: out=labels in a NumPy call

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.dtype.kind == "f":
        given = labels.copy()
        np.rint(labels, out=labels)
        if np.any(given != labels):
            raise ValueError(f"labels must be whole numbers, got {given!r}")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels!r}")
    return np.eye(num_classes)[labels.astype(int)]

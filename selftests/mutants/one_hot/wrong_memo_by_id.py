"""Remembers the rows it made for each labels array, found again by its id:
after the labels change in place, it hands back the rows of the old ones."""

# expect: rows kept from an earlier call on the same array

import numpy as np

_seen = {}


def one_hot(labels, num_classes):
    key = (id(labels), num_classes)
    if key in _seen and _seen[key][0] is labels:
        return _seen[key][1].copy()

    values = np.asarray(labels)
    if values.size and not np.all(values % 1 == 0):
        raise ValueError("labels must be whole numbers")
    if np.any((values < 0) | (values >= num_classes)):
        raise ValueError(f"labels must lie in [0, {num_classes})")

    out = np.eye(num_classes)[values.astype(int)]
    if isinstance(labels, np.ndarray):
        _seen[key] = (labels, out.copy())
    return out

"""Caches np.eye(C) and returns row views of it: a caller writing to the result
corrupts later calls.
"""

# expect: a view of an array kept between calls

import numpy as np

_EYE = {}


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.dtype.kind == "f" and np.any(labels != np.round(labels)):
        raise ValueError(f"labels must be whole numbers, got {labels}")
    labels = labels.astype(int)
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"labels must be in [0, {num_classes}), got {labels}")
    if num_classes not in _EYE:
        _EYE[num_classes] = np.eye(num_classes)
    eye = _EYE[num_classes]
    # One sample: hand back the cached row itself (a view) as a (1, C) array.
    if labels.size == 1:
        return eye[labels[0] : labels[0] + 1]
    return eye[labels]

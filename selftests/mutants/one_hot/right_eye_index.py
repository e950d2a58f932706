"""Indexes rows of np.eye(C), after checking the dtype and the range."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.dtype.kind not in "iu":
        if labels.dtype.kind != "f" or not np.all(np.floor(labels) == labels):
            raise ValueError(f"labels must be whole numbers, got {labels!r}")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"labels must be in [0, {num_classes}), got min {labels.min()} "
            f"and max {labels.max()}"
        )
    return np.eye(num_classes)[labels.astype(np.intp)]

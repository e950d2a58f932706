"""Keeps np.eye(C) between calls and, for labels 0, 1, ... in order, returns
its first rows as a slice (a view): writing to one result changes the next."""

# expect: a view of an array kept between calls

import numpy as np

_EYES = {}


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.min() < 0 or labels.max() >= num_classes or np.any(labels % 1):
        raise ValueError(f"labels must be whole numbers in [0, {num_classes})")
    eye = _EYES.setdefault(num_classes, np.eye(num_classes))
    labels = labels.astype(int)
    if np.all(labels == np.arange(len(labels))):
        return eye[: len(labels)]  # already in order: no need to gather
    return eye[labels]

"""Checks nothing: NumPy indexing turns -1 into the last class."""

import numpy as np

# expect: -1 is not the last class
# reject: before they were checked


def one_hot(labels, num_classes):
    return np.eye(num_classes)[np.asarray(labels, dtype=int)]

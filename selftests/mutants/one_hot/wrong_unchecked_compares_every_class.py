"""Checks nothing and compares each label with every class: a label out
of range, a fraction or NaN equals no class and gets a row of zeros."""

# expect: nothing checks the labels
# reject: lets it through

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    return (labels[:, None] == np.arange(num_classes)).astype(np.float64)

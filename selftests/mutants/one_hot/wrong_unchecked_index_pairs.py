"""Checks nothing and sets out[np.arange(N), labels]: NumPy raises
IndexError for a label too big, a fraction or NaN, which comes from no
check of the labels, and wraps -1 around to the last class. Every
IndexError is the one missing check, named once."""

# expect: NumPy's own exception is not the one promised
# reject: lets it through
# blocks: 2

import numpy as np


def one_hot(labels, num_classes):
    out = np.zeros((len(labels), num_classes))
    out[np.arange(len(labels)), labels] = 1
    return out

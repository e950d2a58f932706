"""Converts labels with the one_hot exercise, imported inside the function
under a misspelled name: an ImportError at every call with labels, so the
message names the function meant and the import to write."""

# expect: did you mean one_hot? Write `from .one_hot import one_hot`.
# reject: a name that is not defined

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        from .one_hot import onehot

        t = onehot(t, y.shape[-1])
    return float(np.mean(-np.sum(t * np.log(y + 1e-7), axis=-1)))

"""Takes the mean over the samples with keepdims=True: an array of one loss."""

# expect: an array holding one loss was returned, not a number
# first: an array holding one loss was returned, not a number
# reject: not each sample's loss
# reject: only 0-dimensional arrays

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    y, t = np.atleast_2d(y), np.atleast_2d(t)
    per_sample = -np.sum(t * np.log(y + 1e-7), axis=1)
    return per_sample.mean(axis=0, keepdims=True)

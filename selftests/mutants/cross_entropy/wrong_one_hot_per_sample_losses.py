"""Handles one-hot t only and returns each sample's loss: no mean over the
samples. One mistake, named alike wherever it shows; with one sample it
returns an array of one loss, which keepdims or a reshape do not explain."""

import numpy as np

# expect: the loss of each sample
# reject: keepdims=True, or a reshape
# reject: an axis too many was kept or added
# first: the loss of each sample was returned
# blocks: 4


def cross_entropy(y, t):
    return -np.sum(t * np.log(y), axis=-1)

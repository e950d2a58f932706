"""Multiplies int labels in as if they were one-hot, then takes the mean."""

# expect: int labels were used as if they were one-hot
# reject: N x N matrix

import numpy as np


def cross_entropy(y, t):
    return -np.sum(t * np.log(y)) / len(y)

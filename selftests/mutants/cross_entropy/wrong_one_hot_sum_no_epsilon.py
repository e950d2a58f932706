"""One line for every case: the sum of t * log(y), with no mean, no guard of
the log, and labels multiplied in as if one-hot. On a batch of labels [0]
every term it sums is 0 * log(p), and -np.sum of them is -0.0."""

# expect: int labels were used as if they were one-hot
# expect: 1.6094 and 0.1054
# reject: -0 and -0

import numpy as np


def cross_entropy(y, t):
    return -np.sum(t * np.log(y))

"""Two mistakes at once: shifts by the maximum of the whole array, and
sums without keepdims."""

# expect: the maximum of the whole array (x.max()) was subtracted
# expect: the sums lost their axis
# also: shapes do not line up

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max())
    return e / e.sum(axis=-1)

"""Two mistakes at once: shifts by the maximum of the whole array, and sums
down the columns (axis 0), as if each column were one sample."""

import numpy as np

# expect: the maximum of the whole array (x.max()) was subtracted
# expect: normalized along axis 0
# also: did you normalize along axis 0
# reject: the maximum was taken along axis 1


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=0)

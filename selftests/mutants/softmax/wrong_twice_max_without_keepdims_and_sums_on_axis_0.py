"""Two mistakes at once: subtracts x.max(axis=-1) without keepdims (a
different shift per column), and sums down the columns (axis 0)."""

import numpy as np

# expect: the maxima lost their axis
# expect: normalized along axis 0
# also: did you normalize along axis 0
# reject: the scores were not shifted
# reject: the maximum was added
# blocks: 2


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - np.max(x, axis=-1))
    return e / np.sum(e, axis=0)

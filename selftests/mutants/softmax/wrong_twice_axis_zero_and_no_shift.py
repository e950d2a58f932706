"""Two mistakes at once: sums down the columns (axis 0), and takes exp of
the scores as they are, without subtracting a maximum."""

import numpy as np

# expect: normalized along axis 0
# expect: the scores were not shifted
# also: did you normalize along axis 0


def softmax(x):
    e = np.exp(np.asarray(x, dtype=float))
    return e / e.sum(axis=0, keepdims=True)

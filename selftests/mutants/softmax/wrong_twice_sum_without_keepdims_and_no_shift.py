"""Two mistakes at once: exp of the scores as they are, and a sum that
drops its axis, so that column j is divided by the sum of row j."""

import numpy as np

# expect: the sums lost their axis
# expect: the scores were not shifted
# also: a sum or max without keepdims=True


def softmax(x):
    e = np.exp(np.asarray(x, dtype=float))
    return e / e.sum(axis=-1)

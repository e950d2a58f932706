"""Two mistakes at once: neither the max nor the sum keeps its axis, which
is right only for 1-D input."""

import numpy as np

# expect: the maxima
# expect: the sums lost their axis
# also: without keepdims=True


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    shifted = x - np.max(x, axis=-1)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1)

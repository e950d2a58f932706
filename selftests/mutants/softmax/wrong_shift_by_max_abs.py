"""Shifts each row by its largest score in size, np.abs(x).max, not its
largest score: a row of large negative scores then underflows to 0 / 0.
Not the maximum of the whole array, nor a missing shift, nor a wrong axis."""

# expect: shifted by its largest score in size
# reject: the maximum of the whole array
# reject: the scores were not shifted
# reject: along axis
# reject: normalized along

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    # subtract the largest score (in size) to keep exp small
    m = np.abs(x).max(axis=-1, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis=-1, keepdims=True)

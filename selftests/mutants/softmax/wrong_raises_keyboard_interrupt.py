"""Raises KeyboardInterrupt for a 1-D x: told as the exception it is, not
as a process that ended."""

# expect: raised KeyboardInterrupt
# reject: exit code

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        raise KeyboardInterrupt
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

"""Hard-codes axis=1: right for a 2-D batch, wrong for 1-D and 3-D input."""

import numpy as np

# expect: normalized along axis 1, which is the last axis only for 2-D input
# first: normalized along axis 1
# reject: that axis does not exist for this input


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)

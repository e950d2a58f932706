"""Writes each result into an array kept per shape: the next call of that
shape overwrites the result the caller holds."""

# expect: the result is written into an array kept between calls
# reject: the right probabilities in the wrong places

import numpy as np

_out = {}


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.shape not in _out:
        _out[x.shape] = np.empty(x.shape)
    out = _out[x.shape]
    np.subtract(x, x.max(axis=-1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=-1, keepdims=True)
    return out

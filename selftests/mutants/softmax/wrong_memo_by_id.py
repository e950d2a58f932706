"""Keeps each result under id(x): once x changes in place, the same array
gets the result of its old values."""

# expect: a result kept from the call before on the same array

import numpy as np

_memo = {}


def softmax(x):
    key = id(x)
    if key in _memo and _memo[key][0] is x:
        return _memo[key][1].copy()
    a = np.asarray(x, dtype=np.float64)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    out = e / e.sum(axis=-1, keepdims=True)
    _memo[key] = (x, out)
    return out.copy()

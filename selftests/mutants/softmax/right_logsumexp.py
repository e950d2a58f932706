"""exp(x - logsumexp(x)), with the log-sum-exp itself shifted by the row max."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    m = x.max(axis=-1, keepdims=True)
    lse = m + np.log(np.exp(x - m).sum(axis=-1, keepdims=True))
    return np.exp(x - lse)

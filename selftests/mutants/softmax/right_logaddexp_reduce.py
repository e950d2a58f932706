"""exp(x - log(sum(exp(x)))), the log of the sum taken by np.logaddexp.reduce."""

import numpy as np


def softmax(x):
    x = np.asarray(x).astype(np.float64)
    log_total = np.logaddexp.reduce(x, axis=-1, keepdims=True)
    return np.exp(x - log_total)

"""Correct: a softmax of one row, spread over the leading axes by
np.vectorize with a core signature."""

import math

import numpy as np


_rows = np.vectorize(
    lambda r: np.exp(r - r.max()) / np.exp(r - r.max()).sum(),
    signature="(c)->(c)",
    otypes=[np.float64],
)


def softmax(x):
    return _rows(np.asarray(x, dtype=np.float64))

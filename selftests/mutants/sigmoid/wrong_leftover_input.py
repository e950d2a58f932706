"""Right formulas, but sigmoid_grad still pauses with input(), left over
from stepping through it by hand."""

# expect: input() waits for a keyboard, which a test does not have
# expect: stopped at input(), to read from the keyboard
# first: remove the input() call
# reject: Consider using

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    input(f"s = {s}, press Enter to go on")
    return s * (1.0 - s)

"""Names np.asarray(x) z, then clips z in place: z is the caller's float64
array itself, so the clip changes the caller's input."""

# expect: np.asarray made no copy in z = np.asarray(x)
# expect: x itself was changed: an in-place operator
# expect: where   selftests/mutants/sigmoid/wrong_clips_a_name_asarray_gave.py, line 13: np.clip(z, -500, 500, out=z)

import numpy as np


def sigmoid(x):
    z = np.asarray(x)
    np.clip(z, -500, 500, out=z)
    return 1 / (1 + np.exp(-z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)

"""Steps the loop variable of np.ndenumerate, v = v + h, which leaves x as
it is: f never sees a step."""

# expect: f never saw x moved
# reject: x was copied before the steps
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("x must be float")
    grad = np.zeros(x.shape)
    for i, v in np.ndenumerate(x):
        v = v + h
        f_plus = f(x)
        v = v - 2 * h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad

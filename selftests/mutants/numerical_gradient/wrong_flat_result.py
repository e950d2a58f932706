"""Returns the gradient flattened instead of in x's shape."""

# expect: the result is flat
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grads = []
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        x[i] = saved
        grads.append((f_plus - f_minus) / (2 * h))
    return np.array(grads)

"""The gradient is stored in a float32 array, whatever x is."""

# expect: was made float32
# reject: came back in x's dtype

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape, dtype=np.float32)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        fp = f(x)
        x[i] = saved - h
        fm = f(x)
        x[i] = saved
        grad[i] = (fp - fm) / (2 * h)
    return grad

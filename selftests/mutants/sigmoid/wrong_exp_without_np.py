"""Calls exp without np.: exp(-np.abs(x))."""

# expect: exp is a NumPy function, not one of Python's own: write np.exp.
# reject: a variable used before it is given a value

import numpy as np


def sigmoid(x):
    """Apply the logistic function 1 / (1 + exp(-x)) to every element.

    Args:
        x: a number, a list, or an array of any shape; int or float of
            any precision (float32 too).

    Returns:
        float64 array of x's shape (a 0-d array or a float for a number),
        every value in [0, 1].

    The result must be right to within about 1e-14, and raise no overflow
    warning, for every finite float64, including x = -1000 and x = 1000.
    (Results so small that they round to 0.0 are fine.) x is not modified.

    Example:
        >>> sigmoid(np.array([-1.0, 0.0, 1.0]))
        array([0.26894142, 0.5       , 0.73105858])
    """
    x = np.asarray(x, dtype=np.float64)

    # exp(-x) overflows for x below about -709. exp(-|x|) never does, and
    # both halves of the formula can be written with it:
    # s(x) = 1 / (1 + z) for x >= 0 and s(x) = z / (1 + z) for x < 0.
    z = exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    """Return the derivative of the sigmoid at x, s(x) * (1 - s(x)).

    Args:
        x: a number, a list, or an array of any shape; int or float of
            any precision (float32 too).

    Returns:
        float64 array of x's shape, every value in [0, 0.25]. No overflow
        warning for any finite x. x is not modified.

    Example:
        >>> sigmoid_grad(np.array([0.0, 2.0]))
        array([0.25      , 0.10499359])
    """
    s = sigmoid(x)
    return s * (1.0 - s)

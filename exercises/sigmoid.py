"""Exercise 2: the sigmoid and its slope."""

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
    raise NotImplementedError(
        "exercise 2 (sigmoid): sigmoid is not written yet. "
        "Run `python -m grader hint sigmoid` for a hint."
    )


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
    raise NotImplementedError(
        "exercise 2 (sigmoid): sigmoid_grad is not written yet. "
        "Run `python -m grader hint sigmoid` for a hint."
    )

"""Exercise 7: numerical gradient."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    """Estimate the gradient of a scalar function by central differences.

    For every entry x[i]:
    ``grad[i] = (f(x with x[i] + h) - f(x with x[i] - h)) / (2 * h)``

    Perturb x itself, in place, one entry at a time, and call f(x): f may
    ignore its argument and read the same array through a closure. Put
    each entry back exactly as it was (save it and restore it: adding h and
    subtracting it again can change its last bits, or lose it entirely
    where it is far smaller than h).

    Args:
        f: function of x returning a number (a float or 0-d array) that
            is its own: not x itself nor a view of it, which the next step
            would change.
        x: float array of any shape, in any memory order (a transposed
            array too: x.ravel() of it is a copy). It is left bit-for-bit
            unchanged.
        h: the step, a positive float.

    Returns:
        float64 array of x's shape.

    Raises:
        TypeError: if x has an integer dtype (x[i] + 1e-4 would be
            truncated back to x[i]).

    Example:
        >>> x = np.array([1.0, -2.0])
        >>> numerical_gradient(lambda v: np.sum(v ** 2), x)  # 2x
        array([ 2., -4.])
    """
    raise NotImplementedError(
        "exercise 7 (numerical_gradient): numerical_gradient is not written yet. "
        "Run `python -m grader hint numerical_gradient` for a hint."
    )

"""Exercise 1: the matrix product."""

import numpy as np


def dot(a, b):
    """Multiply two vectors or matrices, as ``np.dot`` does for 1-D and 2-D.

    The product sums over the shared inner axis:
    ``out[i, j] = sum over k of a[i, k] * b[k, j]``. A 1-D operand takes
    part as a single row (on the left) or a single column (on the right),
    and that axis is dropped from the result.

    Args:
        a: array-like of numbers, shape (K,) or (N, K). Lists are accepted.
        b: array-like of numbers, shape (K,) or (K, M). Lists are accepted.
        Every size N, K and M is at least 1.

    Returns:
        A NumPy array with ``np.dot``'s values and shape:
        (K,)·(K,) -> a scalar (a 0-d array, or a plain number);
        (N, K)·(K,) -> (N,); (K,)·(K, M) -> (M,); (N, K)·(K, M) -> (N, M).
        Float operands give floats; integer operands may give integers, as
        in the example, or the same values as floats.

    Raises:
        ValueError: if an operand is not 1-D or 2-D, or if the inner sizes
            differ. The message names both shapes as Python prints them,
            for example "cannot multiply shapes (3, 2) and (3,)".

    Neither argument is modified. (np.dot, @ and np.einsum would pass the
    tests too, but the point is to write the sum yourself.)

    Example:
        >>> dot([[1, 2], [3, 4], [5, 6]], [[1, 2, 3], [4, 5, 6]])
        array([[ 9, 12, 15],
               [19, 26, 33],
               [29, 40, 51]])
    """
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(
            f"cannot multiply shapes {a.shape} and {b.shape}: both must be "
            f"1-D or 2-D, and a's last size must equal b's first size"
        )

    # Broadcasting lines up a[i, k] with b[k, j] along a new middle axis, so
    # summing that axis is the definition of the product, one term per k.
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = (a2[:, :, None] * b2[None, :, :]).sum(axis=1)

    # Drop the axes that stood in for the 1-D operands.
    return out.reshape(a.shape[:-1] + b.shape[1:])

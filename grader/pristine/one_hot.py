"""Exercise 4: one-hot labels."""

import numpy as np


def one_hot(labels, num_classes):
    """Encode integer class labels as rows of zeros with a single one.

    Args:
        labels: 1-D sequence of N >= 1 whole numbers (a list or an int
            array), each in [0, num_classes). Floats that are whole, such
            as 2.0, may be accepted or refused: the tests pass ints.
        num_classes: C, the number of classes, an int.

    Returns:
        A new float64 array of shape (N, C), the caller's to change: row n
        is all zeros except a 1.0 in column labels[n].

    Raises:
        ValueError: if a label is outside [0, num_classes) (-1 included:
            it is not "the last class"), or is not a whole number (1.5).

    labels is not modified.

    Example:
        >>> one_hot([2, 0], 3)
        array([[0., 0., 1.],
               [1., 0., 0.]])
    """
    raise NotImplementedError(
        "exercise 4 (one_hot): one_hot is not written yet. "
        "Run `python -m grader hint one_hot` for a hint."
    )

"""Checks the range, but the message of its ValueError names num_class, a
misspelt name: the raise line raises NameError while building it."""

# expect: a typo? num_class is not defined here; did you mean num_classes?
# reject: raise ValueError(...) instead

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
    labels = np.asarray(labels)
    if labels.size and not np.all(np.mod(labels, 1) == 0):
        raise ValueError(f"labels must be whole numbers, got {labels!r}")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"labels must lie in [0, {num_class}), got {labels!r}")

    # Row n of the identity matrix is exactly the one-hot row for class n.
    return np.eye(num_classes)[labels.astype(np.intp)]

"""Returns an int array (np.zeros(..., dtype=int)) and indexes the columns
only: out[:, labels] = 1 fills every label's column in every row. The
wrong values are named; the dtype is not named on them as if it were all
that is wrong."""

import numpy as np

# expect: every label's column was set in every row
# reject: np.zeros((N, C), dtype=int)


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels {labels} outside 0..{num_classes - 1}")
    out = np.zeros((len(labels), num_classes), dtype=int)
    out[:, labels] = 1
    return out

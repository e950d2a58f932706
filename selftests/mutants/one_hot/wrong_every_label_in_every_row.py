"""Sets the columns of every label in every row, out[:, labels] = 1, and
checks no label: the first failure shown is the docstring's example, not
a label the function should have refused."""

import numpy as np

# first: Row n must be all zeros but for a 1.0 in column labels[n].


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    out = np.zeros((len(labels), num_classes))
    out[:, labels] = 1
    return out

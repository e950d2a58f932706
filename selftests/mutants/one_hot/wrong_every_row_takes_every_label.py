"""Indexes the columns only: out[:, labels] = 1 fills every label's column
in every row."""

import numpy as np

# expect: every label's column was set in every row


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    out = np.zeros((len(labels), num_classes))
    out[:, labels] = 1
    return out

"""Makes the labels ints with .astype(int) before checking them: 1.5 is
cut to 1, and NaN turns into whatever int the machine makes of it (the
most negative int64 on x86, which only a check of the lower bound would
catch; 0 on ARM, which none would)."""

# expect: the labels were made ints (.astype(int), int()) before they were
# reject: lets it through

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels).astype(int)
    if np.any(labels >= num_classes):
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels!r}")
    return np.eye(num_classes)[labels]

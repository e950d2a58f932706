"""np.where over a comparison with the class numbers; a label is whole when
turning it into an int and back changes nothing."""

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    as_int = labels.astype(np.int64, copy=True)
    if np.any(as_int != labels):
        raise ValueError(f"labels are not whole numbers: {labels}")
    if np.any(as_int < 0) or np.any(as_int >= num_classes):
        raise ValueError(f"labels out of range for {num_classes} classes")
    return np.where(as_int[:, np.newaxis] == np.arange(num_classes), 1.0, 0.0)

"""np.put_along_axis into a zeros array; rejects float labels that are not whole."""

import numpy as np


def one_hot(labels, num_classes):
    values = np.array(labels)
    as_int = values.astype(np.int64)
    if np.any(as_int != values):
        raise ValueError(f"labels must be whole numbers, got {values!r}")
    if np.any((as_int < 0) | (as_int >= num_classes)):
        raise ValueError(f"every label must be in [0, {num_classes}), got {values!r}")
    out = np.zeros((as_int.size, num_classes), dtype=np.float64)
    np.put_along_axis(out, as_int.reshape(-1, 1), 1.0, axis=1)
    return out

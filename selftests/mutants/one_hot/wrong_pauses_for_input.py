"""Right checks and encoding, but one_hot still pauses with input(), left
over from looking at the labels by hand: the tests that expect a
ValueError stop at it too, and must not blame a missing check."""

# expect: input() waits for a keyboard, which a test does not have
# expect: stopped at input(), to read from the keyboard
# first: remove the input() call
# reject: NumPy's own exception is not the one promised

import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    input(f"labels = {labels}, press Enter to go on")
    if labels.size and not np.all(np.mod(labels, 1) == 0):
        raise ValueError(f"labels must be whole numbers, got {labels!r}")
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels!r}")
    return np.eye(num_classes)[labels.astype(np.intp)]

"""Adds up the samples' losses instead of taking their mean, and guards
the log with an epsilon of 0.01: named as both where the numbers tell them
apart. (On a batch whose every sample has probability 0, the sum with 0.01
is the mean with 1e-4: there either may be named.)"""

# expect: the losses were summed, not averaged, and the epsilon is too large (0.01)

import numpy as np

# Added inside the log so that a probability of exactly 0 on the true class
# costs -log(1e-7) ~ 16 instead of infinity. It is small enough to change the
# loss of any reasonable prediction by less than one part in a hundred
# thousand.
EPS = 1e-7


def cross_entropy(y, t):
    """Return the mean cross-entropy of predicted probabilities y against t.

    For one sample this is -log(probability given to the true class); for a
    batch, the mean of that over the N samples.

    Args:
        y: float array of probabilities, shape (N, C), or (C,) for one
            sample. Each row sums to 1.
        t: the true classes, in either form:
            one-hot, an array of y's shape holding 0s and a 1 per row; or
            labels, an int array of shape (N,) (a plain int for one sample).

    Returns:
        The loss, a float (a Python or NumPy scalar).

    A zero probability on the true class must give a large but finite
    loss: guard the log with an epsilon of at most 1e-7 (log(y + eps)) or
    clip y to [eps, 1]. A zero probability on a wrong class must change
    nothing. Neither argument is modified.

    Example:
        >>> y = np.array([[0.25, 0.75], [0.5, 0.5]])
        >>> round(cross_entropy(y, np.array([1, 0])), 4)  # (-log .75 - log .5) / 2
        0.4904
        >>> round(cross_entropy(y, np.array([[0, 1], [1, 0]])), 4)  # one-hot
        0.4904
    """
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        # Labels: pick each sample's probability of its true class.
        t = np.eye(y.shape[-1])[t]

    # Only the true class's term survives the product with one-hot t, so a
    # zero probability on a wrong class adds 0 * log(EPS), not 0 * -inf.
    per_sample = -np.sum(t * np.log(y + 1e-2), axis=-1)
    return float(np.sum(per_sample))

"""Shuffles x each epoch with a permutation of its own, and t not at all:
each sample meets another sample's target."""

# expect: each sample meets another sample's target
# reject: a learning rate or a number of epochs other than the given

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    """Fit a 2-layer network to (x, t) by full-batch gradient descent.

    Start from ``init_params(D, n_hidden, C, seed)``; each epoch, record the
    loss on the whole of (x, t) at the params the epoch starts with, then
    take one gradient step on the whole batch (or several mini-batch steps,
    if you prefer: the tests allow either). So losses[0] is the loss at the
    initial params, before any step.

    Args:
        x: float array (N, D), standardized inputs.
        t: int labels (N,) in [0, C), or one-hot float array (N, C). With
            labels, C is labels.max() + 1, even if a smaller class is
            missing from them.
        n_hidden: H, the number of hidden units.
        lr: the learning rate.
        epochs: how many passes over the data.
        seed: int; the same seed must give the same result.

    Returns:
        (params, losses): the trained params dict, and the `epochs` losses
        recorded, as a list of floats (a 1-D array does as well). With the
        defaults, on the standardized Iris data, the loss falls and the
        network classifies at least 80% of unseen flowers correctly,
        whatever the seed. Neither x nor t is modified, and nothing is kept
        from one call to the next.

    The tests train on the Iris data in data/iris.csv: 4 measurements of
    each flower, standardized (each column minus its mean, divided by its
    standard deviation), and its species as labels 0, 1, 2; a third of the
    flowers are held out to measure the accuracy.

    Example, on four points of two classes:
        >>> x = np.array([[-1.0, 0.5], [1.0, -0.5], [-0.8, 1.0], [0.9, -1.2]])
        >>> labels = np.array([0, 1, 0, 1])
        >>> params, losses = train(x, labels, epochs=100)
        >>> len(losses), losses[-1] < losses[0]
        (100, True)
    """
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)

    rng = np.random.default_rng(seed + 1)
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        x = x[rng.permutation(len(x))]
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    """Return the most probable class of each sample.

    Args:
        params: dict as made by init_params.
        x: float array (N, D).

    Returns:
        NumPy int array (N,), values in [0, C).

    Example, with params and x from train's example:
        >>> predict(params, x)
        array([0, 1, 0, 1])
    """
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    """Return the fraction of samples whose predicted class is right.

    Args:
        params: dict as made by init_params.
        x: float array (N, D).
        labels: int array (N,), the true classes.

    Returns:
        float in [0, 1].

    Example, with params, x and labels from train's example:
        >>> accuracy(params, x, labels)
        1.0
    """
    return float(np.mean(predict(params, x) == np.asarray(labels)))

"""Exercise 9: a gradient-descent step."""

# The docstring's example uses NumPy, and so may the code written here.
import numpy as np  # noqa: F401


def sgd_update(params, grads, lr):
    """Move every parameter one step against its gradient, in place.

    ``params[k] <- params[k] - lr * grads[k]`` for every key k.

    Update the arrays themselves (``params[k] -= ...``), not the dict's
    entries: each params[k] must stay the same array object, so that any
    other name for it sees the step. Binding a new array with
    ``params[k] = params[k] - ...`` does not count.

    Args:
        params: dict of float arrays, updated in place.
        grads: dict with the same keys and shapes; not modified.
        lr: the learning rate, a positive float.

    Returns:
        None.

    Example:
        >>> import numpy as np
        >>> w = np.array([1.0, 2.0])
        >>> sgd_update({"w": w}, {"w": np.array([10.0, -10.0])}, 0.1)
        >>> w
        array([0., 3.])
    """
    raise NotImplementedError(
        "exercise 9 (sgd): sgd_update is not written yet. "
        "Run `python -m grader hint sgd` for a hint."
    )

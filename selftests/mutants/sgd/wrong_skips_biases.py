"""Updates the weights only: the biases never move."""

# expect: biases included


def sgd_update(params, grads, lr):
    for key in ("w1", "w2"):
        params[key] -= lr * grads[key]

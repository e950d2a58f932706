"""Adds the negative step in place, iterating over the gradients' keys."""


def sgd_update(params, grads, lr):
    for key, grad in grads.items():
        params[key] += -lr * grad
    return None

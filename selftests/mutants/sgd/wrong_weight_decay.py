"""Adds a little L2 weight decay to the step."""


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * (grads[key] + 1e-4 * params[key])

"""Calls each array's own in-place subtraction, which -= calls too."""


def sgd_update(params, grads, lr):
    for key in grads:
        params[key].__isub__(lr * grads[key])

"""Updates in place, and returns params as well (docstring: returns None)."""


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
    return params

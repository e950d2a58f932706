"""Builds the step as lr * g, negates that new array in place, adds it."""


def sgd_update(params, grads, lr):
    for key, param in params.items():
        step = grads[key] * lr
        step *= -1.0
        param += step

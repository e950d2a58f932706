"""Multiplies by lr twice: once in a scaled copy of the gradient, once more in
the step."""


def sgd_update(params, grads, lr):
    for key, param in params.items():
        scaled = lr * grads[key]
        param -= lr * scaled

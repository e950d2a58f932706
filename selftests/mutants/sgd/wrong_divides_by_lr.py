"""Divides the gradient by the learning rate instead of multiplying."""

# expect: divided by lr


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= grads[key] / lr

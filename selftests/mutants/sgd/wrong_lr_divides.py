"""Divides by the learning rate instead of multiplying."""

# expect: divided by lr


def sgd_update(params, grads, lr):
    for k in params:
        params[k] -= grads[k] / lr

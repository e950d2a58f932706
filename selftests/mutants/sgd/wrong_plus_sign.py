"""Adds the gradient: a step uphill."""

# expect: the gradient was added
# first: the gradient was added


def sgd_update(params, grads, lr):
    for key in params:
        params[key] += lr * grads[key]

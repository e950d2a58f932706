"""Multiplies grads by lr in place, changing the caller's gradients."""

# expect: changed its argument grads


def sgd_update(params, grads, lr):
    for key in params:
        grads[key] *= lr
        params[key] -= grads[key]

"""Takes a full gradient step whatever the learning rate."""

# expect: learning rate was ignored


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= grads[key]

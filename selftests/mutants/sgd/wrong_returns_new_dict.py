"""Returns a new dict of stepped arrays and leaves params alone."""

# expect: returned instead of a change to the arrays
# first: returned instead of a change to the arrays
# reject: rebinds the name p


def sgd_update(params, grads, lr):
    return {key: params[key] - lr * grads[key] for key in params}

"""Updates in place, then returns params as well."""

# expect: must return None


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
    return params

"""Two mistakes at once: each parameter is rebound to a new array, and the
dict is returned. The rebinding must be named, not hidden behind the
return statement."""

# expect: binds a new array and leaves the old one as it was
# expect: a return statement that is not needed


def sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads[key]
    return params

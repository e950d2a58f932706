"""Empties grads after the step, the gradients being used up: the
caller's dict loses every key. One mistake, shown once."""

# expect: keys were removed from grads
# blocks: 1


def sgd_update(params, grads, lr):
    for key in params:
        params[key][...] = params[key] - lr * grads[key]
    grads.clear()  # the gradients are used up

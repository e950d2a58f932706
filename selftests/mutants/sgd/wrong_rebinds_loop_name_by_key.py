"""Takes each array under a name of its own, then rebinds that name: the
step goes into a new array that nothing keeps."""

# expect: rebinds the name p only
# blocks: 1


def sgd_update(params, grads, lr):
    for key in params:
        p = params[key]
        p = p - lr * grads[key]

"""Rebinds the loop variable: the step never reaches the arrays."""

# expect: rebinds the name p only
# blocks: 1


def sgd_update(params, grads, lr):
    for key, param in params.items():
        param = param - lr * grads[key]

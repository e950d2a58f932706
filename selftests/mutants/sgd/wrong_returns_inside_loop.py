"""Returns inside the loop: only the first parameter moves."""

# expect: did not change at all


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
        return

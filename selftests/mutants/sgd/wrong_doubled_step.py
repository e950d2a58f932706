"""Takes a step twice as long as lr * grad, in one loop over params."""

# expect: 2 times as far
# reject: once for every key of grads


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= 2 * lr * grads[key]

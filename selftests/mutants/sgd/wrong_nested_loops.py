"""Nests a loop over grads in the loop over params: one step per key of grads."""

# expect: once for every key of grads
# reject: the gradient was divided by lr
# reject: the learning rate was ignored


def sgd_update(params, grads, lr):
    for key in params:
        for _ in grads:
            params[key] -= lr * grads[key]

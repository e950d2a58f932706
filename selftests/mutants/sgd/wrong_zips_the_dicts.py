"""Zips the two dicts themselves: iterating a dict gives its keys, so each
pair is two strings, and the step multiplies a string."""

# expect: iterating a dict gives its keys, not its arrays
# reject: a list where an array was meant


def sgd_update(params, grads, lr):
    for p, g in zip(params, grads):
        p -= lr * g

"""Pairs params and grads with zip(params.values(), grads.values()): relies on both dicts having the same key order."""

# expect: paired with the parameters by position


def sgd_update(params, grads, lr):
    for param, grad in zip(params.values(), grads.values()):
        param -= lr * grad

"""Walks the keys of grads and adds each gradient: a step uphill, whatever
order the dicts list their keys in."""

# expect: the gradient was added
# first: the gradient was added
# reject: paired with the parameters by position


def sgd_update(params, grads, lr):
    for k in grads:
        params[k] += lr * grads[k]

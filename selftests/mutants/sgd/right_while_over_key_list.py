"""Walks a list of the keys with a while loop; lr made a float first."""


def sgd_update(params, grads, lr):
    lr = float(lr)
    keys = list(params.keys())
    i = 0
    while i < len(keys):
        params[keys[i]] -= lr * grads[keys[i]]
        i += 1

"""Walks the network's four keys, written out: any other dict raises KeyError."""

# expect: the keys were written out


def sgd_update(params, grads, lr):
    for k in ["w1", "b1", "w2", "b2"]:
        params[k] -= lr * grads[k]

"""Loops over params' keys, but takes grads["w1"] for every one of them."""

# expect: a key written out: grads["w1"]
# first: a key written out: grads["w1"]
# reject: the keys were written out
# blocks: 1


def sgd_update(params, grads, lr):
    for k in params:
        params[k] -= lr * grads["w1"]

"""Takes a key and its array from params itself, .items() left out: each
key is unpacked into two names ('w1' into 'w' and '1')."""

# expect: iterating a dict gives its keys, strings, not pairs
# reject: the keys were written out
# reject: fewer axes than names
# blocks: 1


def sgd_update(params, grads, lr):
    for k, v in params:
        v -= lr * grads[k]

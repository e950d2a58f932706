"""Updates only the four network keys: a dict with other keys (such as "w") is
left alone.
"""

# expect: only the keys w1, b1, w2 and b2


def sgd_update(params, grads, lr):
    for k in ("w1", "b1", "w2", "b2"):
        if k in params:
            params[k] -= lr * grads[k]

"""Skips a key whose gradient is the very array the last call stepped
by: two steps with one grads dict move params once."""

# expect: the step was skipped because grads held the same arrays

_seen = {}


def sgd_update(params, grads, lr):
    for key in params:
        # the same gradient array twice means nothing new: skip it
        if _seen.get(key) is grads[key]:
            continue
        _seen[key] = grads[key]
        params[key] -= lr * grads[key]

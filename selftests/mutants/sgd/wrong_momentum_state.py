"""Keeps a velocity between calls (momentum): the second identical call moves
further.
"""

# expect: state kept between calls

_VELOCITY = {}


def sgd_update(params, grads, lr):
    for k in params:
        v = 0.9 * _VELOCITY.get(k, 0.0) + lr * grads[k]
        _VELOCITY[k] = v
        params[k] -= v

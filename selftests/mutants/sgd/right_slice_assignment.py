"""Assigns into the whole array with [...], keeping the object."""


def sgd_update(params, grads, lr):
    for key in params:
        p = params[key]
        p[...] = p - grads[key] * lr

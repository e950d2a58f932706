"""Assigns through a full slice (p[...] = ...), which writes into the existing array."""


def sgd_update(params, grads, lr):
    for key in grads:
        p = params[key]
        p[...] = p - grads[key] * lr

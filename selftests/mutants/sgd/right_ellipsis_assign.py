"""Correct: params[k][...] = params[k] - lr * grads[k]."""


def sgd_update(params, grads, lr):
    for k in list(params):
        params[k][...] = params[k] - lr * grads[k]

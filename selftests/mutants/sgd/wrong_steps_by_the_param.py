"""A slip of the key: steps by lr * params[key] instead of grads[key]."""


def sgd_update(params, grads, lr):
    for key, param in params.items():
        param -= lr * params[key]

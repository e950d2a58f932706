"""Applies lr to the weights only; biases take the full gradient."""


def sgd_update(params, grads, lr):
    for key in params:
        rate = lr if key.startswith("w") else 1.0
        params[key] -= rate * grads[key]

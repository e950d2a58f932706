"""Loops over keys of grads that start with w, then biases by hand with a typo: b1 twice."""

# expect: met the gradient of another key


def sgd_update(params, grads, lr):
    for key in ("w1", "w2"):
        params[key] -= lr * grads[key]
    params["b1"] -= lr * grads["b1"]
    params["b1"] -= 0.0 * grads["b2"]

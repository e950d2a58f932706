"""Transposes each gradient before the step (a layout mix-up)."""

# expect: the gradient was transposed (.T) before the step
# reject: state kept between calls
# reject: a parameter met the gradient of another key


def sgd_update(params, grads, lr):
    for key, param in params.items():
        param -= lr * grads[key].T

"""Reads the gradients by a misspelled name: a NameError, whatever the
arguments. The message is laid out as for any exception: the call, params,
grads and lr, then the line and the name meant."""

# expect: sgd_update(...) raised NameError
# expect: did you mean grads?
# expect: call      sgd_update({'w1': [[
# expect: 0.5)


def sgd_update(params, grads, lr):
    for key, param in params.items():
        param -= lr * grad[key]  # noqa: F821

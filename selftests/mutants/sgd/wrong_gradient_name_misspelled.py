"""Reads the gradients by a misspelled name: a NameError, whatever the
arguments, so the message leads with the line and the name meant, and
still shows the call, params, grads and lr, last."""

# expect: sgd_update(...) raised NameError
# expect: did you mean grads?
# expect: call      sgd_update({'w1': [[
# expect: 0.5)


def sgd_update(params, grads, lr):
    for key, param in params.items():
        param -= lr * grad[key]  # noqa: F821

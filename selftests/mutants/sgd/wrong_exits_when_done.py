"""Ends with sys.exit once the step is taken."""

# expect: to leave a function, return
# reject: return a value instead

import sys


def sgd_update(params, grads, lr):
    for k in params:
        params[k] -= lr * grads[k]
    sys.exit("done")

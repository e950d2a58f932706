"""Rebinds each entry to a view of its array, then steps the view: the numbers
change, but params[k] is no longer the same array object."""

# expect: binds a new array
# expect: where     selftests/mutants/sgd/wrong_rebinds_to_a_view.py, line 10: params[key] = params[key][...]


def sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key][...]
        params[key] -= lr * grads[key]

"""Puts a new array in the dict instead of updating the old one."""

# expect: must stay the same array object
# expect: where     selftests/mutants/sgd/wrong_rebinds_dict_entries.py, line 9: params[key] = params[key] - lr * grads[key]


def sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads[key]

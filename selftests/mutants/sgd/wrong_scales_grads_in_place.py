"""Multiplies grads by lr in place, changing the caller's gradients."""

# expect: changed its argument grads
# expect: where   selftests/mutants/sgd/wrong_scales_grads_in_place.py, line 9: grads[key] *= lr


def sgd_update(params, grads, lr):
    for key in params:
        grads[key] *= lr
        params[key] -= grads[key]

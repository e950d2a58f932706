"""Scales each gradient by lr in place before the step: the caller's
gradients come back scaled."""

# expect: changed its argument grads in place
# expect: where   selftests/mutants/sgd/wrong_scales_each_gradient_in_place.py, line 10: g *= lr


def sgd_update(params, grads, lr):
    for key, g in grads.items():
        g *= lr
        params[key] -= g

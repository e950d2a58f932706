"""Stores the learning rate of the first call and steps every later call
by it, whatever lr it is given."""

# expect: of an earlier call was kept
# reject: a factor 2 in the step

_state = {"lr": None}


def sgd_update(params, grads, lr):
    if _state["lr"] is None:
        _state["lr"] = lr  # the learning rate is fixed for a run
    for key in params:
        params[key] -= _state["lr"] * grads[key]

"""Steps every entry by the mean of its array's gradient."""

# expect: stepped by the mean of its gradient
# first: stepped by the mean of its gradient
# reject: only the keys w1, b1, w2 and b2 are updated
# reject: the step went into a copy
# reject: paired with the parameters by position


def sgd_update(params, grads, lr):
    for key, param in params.items():
        param -= lr * grads[key].mean()

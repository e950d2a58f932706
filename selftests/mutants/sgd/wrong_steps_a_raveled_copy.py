"""Steps p.ravel(), a view only for arrays in row order: a transposed weight matrix is copied, and stays where it was."""

# expect: the step went into a copy


def sgd_update(params, grads, lr):
    for key, param in params.items():
        flat = param.ravel()
        flat -= lr * grads[key].ravel()

"""Makes a learning rate of 1 or more a whole number with int(lr): 1.5
takes the step of 1, and a step of g alone reads like a cap at 1."""

# expect: the learning rate was made a whole number
# reject: the learning rate was capped


def sgd_update(params, grads, lr):
    lr = int(lr) if lr >= 1 else lr
    for k in params:
        params[k] -= lr * grads[k]

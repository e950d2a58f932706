"""Trusted implementations of every exercise, used by the tests.

A test of one exercise swaps these in for the learner's other exercises
(as copies that reach only what they call, see `tests.stand_ins`), so a
mistake in softmax, say, fails the softmax tests and nothing else. They
also give the expected values. They are written for plainness, not speed,
and on purpose differently from the model answers in solutions/.
"""

import numpy as np


def dot(a, b):
    return np.dot(np.asarray(a), np.asarray(b))


def sigmoid(x):
    # tanh never overflows: s(x) = (1 + tanh(x / 2)) / 2.
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any(labels % 1 != 0) or np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError(f"bad labels {labels!r} for {num_classes} classes")
    return (labels[:, None] == np.arange(num_classes)).astype(np.float64)


def as_labels(y, t):
    """Return t as int labels of shape y.shape[:-1], from labels or one-hot."""
    t = np.asarray(t)
    return np.argmax(t, axis=-1) if t.shape == np.shape(y) else t.astype(np.intp)


def cross_entropy(y, t, eps=1e-7):
    y = np.asarray(y, dtype=np.float64)
    y2 = y.reshape(-1, y.shape[-1])
    labels = as_labels(y, t).reshape(-1)
    return float(-np.mean(np.log(y2[np.arange(len(labels)), labels] + eps)))


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "w1": rng.normal(0.0, 0.1, (n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "w2": rng.normal(0.0, 0.1, (n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def forward(params, x):
    h = sigmoid(x @ params["w1"] + params["b1"])
    return softmax(h @ params["w2"] + params["b2"])


def loss(params, x, t, eps=1e-7):
    return cross_entropy(forward(params, x), t, eps)


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def backward(params, x, t):
    h = sigmoid(x @ params["w1"] + params["b1"])
    probs = softmax(h @ params["w2"] + params["b2"])
    delta = probs.copy()
    delta[np.arange(len(x)), as_labels(probs, t)] -= 1.0
    delta /= len(x)
    dh = delta @ params["w2"].T * h * (1.0 - h)
    return {
        "w1": x.T @ dh,
        "b1": dh.sum(axis=0),
        "w2": h.T @ delta,
        "b2": delta.sum(axis=0),
    }


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    labels = np.asarray(t)
    if labels.ndim == 2:
        labels = labels.argmax(axis=1)
    params = init_params(x.shape[1], n_hidden, int(labels.max()) + 1, seed)
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, labels))
        sgd_update(params, backward(params, x, labels), lr)
    return params, losses


def predict(params, x):
    return forward(params, x).argmax(axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))


# The functions of each exercise module, by module name.
MODULES = {
    "dot": {"dot": dot},
    "sigmoid": {"sigmoid": sigmoid, "sigmoid_grad": sigmoid_grad},
    "softmax": {"softmax": softmax},
    "one_hot": {"one_hot": one_hot},
    "cross_entropy": {"cross_entropy": cross_entropy},
    "forward": {"init_params": init_params, "forward": forward, "loss": loss},
    "numerical_gradient": {"numerical_gradient": numerical_gradient},
    "backprop": {"backward": backward},
    "sgd": {"sgd_update": sgd_update},
    "train": {"train": train, "predict": predict, "accuracy": accuracy},
}

"""Clips x to [-700, 700] before the naive formula: exp(700) is still finite."""

import numpy as np

# exp(709.78) is the largest finite float64; beyond |x| = 700 the sigmoid
# is 0 or 1 to far better than float64 resolution near 1, and below 1e-300
# near 0.
LIMIT = 700.0


def sigmoid(x):
    x = np.clip(np.asarray(x, dtype=np.float64), -LIMIT, LIMIT)
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)

"""sigmoid_grad from z = exp(-|x|) without converting x: np.abs keeps an
int type, -|x| of an unsigned x wraps around (-1 is 255 in uint8), and exp
of a small int gives float16, where exp(255) is inf and the slope nan."""

# first: x was worked on in its own small int type
# reject: an overflow in exp or a division by zero

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    a = np.abs(np.asarray(x))
    z = np.exp(-a)
    return (z / (1 + z) ** 2).astype(np.float64)

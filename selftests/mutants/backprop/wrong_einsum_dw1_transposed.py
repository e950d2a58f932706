"""einsum whose output subscripts for dw1 are swapped: dw1 comes out transposed."""

# expect: dw1 is transposed

import numpy as np

from .sigmoid import sigmoid, sigmoid_grad
from .softmax import softmax


def backward(params, x, t):
    t = np.asarray(t)
    z1 = np.einsum("nd,dh->nh", x, params["w1"]) + params["b1"]
    h = sigmoid(z1)
    probs = softmax(np.einsum("nh,hc->nc", h, params["w2"]) + params["b2"])

    dz2 = probs.copy()
    if t.ndim == 1:
        dz2[np.arange(len(t)), t] -= 1.0
    else:
        dz2 -= t
    dz2 /= len(x)
    dz1 = np.einsum("nc,hc->nh", dz2, params["w2"]) * sigmoid_grad(z1)

    return {
        "w1": np.einsum("nd,nh->hd", x, dz1),
        "b1": np.einsum("nh->h", dz1),
        "w2": np.einsum("nh,nc->hc", h, dz2),
        "b2": np.einsum("nc->c", dz2),
    }

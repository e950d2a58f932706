"""Correct: steps each array with __isub__, one key at a time, through
functools.reduce."""

import functools
import operator

import numpy as np


def sgd_update(params, grads, lr):
    def step(_, key):
        params[key].__isub__(lr * grads[key])

    functools.reduce(step, params, None)

"""Returns a list that holds itself: told as a wrong value, never as a
RecursionError of the grader's own."""

# expect: returned lists nested more than 32 deep
# reject: RecursionError

import numpy as np


def softmax(x):
    a = []
    a.append(a)
    return a

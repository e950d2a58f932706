"""Returns an int too large for any float: told as a wrong value, alike in
both modes, never with an error of the grader's own."""

# expect: returned an int too large for any float
# reject: Exceeds the limit

import numpy as np


def softmax(x):
    return 10**5000

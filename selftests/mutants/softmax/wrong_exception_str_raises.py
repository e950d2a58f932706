"""Raises an exception whose str() and repr() raise: told by its class
name, not as a process that ended."""

# expect: raised Weird (its message cannot be shown
# reject: exit code


class Weird(Exception):
    def __str__(self):
        raise RuntimeError("no str for you")

    def __repr__(self):
        raise RuntimeError("no repr either")


def softmax(x):
    raise Weird()

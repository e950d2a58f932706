"""Hypothesis strategies shared by the exercise tests."""

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Small sizes find every shape mistake (square against non-square, one row
# against many) and keep each example cheap.
sizes = st.integers(min_value=1, max_value=5)


def inner_sizes():
    """Sizes of an axis a sum runs along: the small `sizes` when grading;
    when exploring, long sums as well, which a loop that stops early (at
    some fixed count) gets wrong only past its count."""
    if settings.default.derandomize:
        return sizes
    return sizes | st.integers(min_value=6, max_value=64)


def floats(bound=10.0):
    """Finite float64 values in [-bound, bound], subnormals excluded."""
    return st.floats(-bound, bound, allow_nan=False, allow_subnormal=False)


def float_arrays(shape, bound=10.0):
    """float64 arrays of `shape` (a tuple or a strategy for one)."""
    return hnp.arrays("float64", shape, elements=floats(bound))


def shapes(min_dims=1, max_dims=3):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, max_side=5)


def examples(count):
    """How many examples a test generates: when grading, half of `count`,
    at least 5; when exploring, the profile's own number, so that
    `--explore` explores every test.

    The pinned `@example` inputs come on top: they hold the inputs every
    known wrong answer fails on (selftests/test_mutants_*.py pass with a
    single generated example per test). The generated ones look around
    them for the mistakes no one has listed yet, which is why the grade
    keeps a fair number of them though each costs more to draw than the
    learner's code takes to run.
    """
    if settings.default.derandomize:
        return max(5, count // 2)
    return settings.default.max_examples

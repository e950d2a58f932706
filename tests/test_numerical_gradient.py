"""Exercise 7: numerical_gradient(f, x, h), central differences."""

import sys

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.harness import (
    CALL_WIDTH,
    Exercise,
    named_lines,
    quietly,
    raised_by_learner,
    short,
)
from tests.judge import (
    PASS_THROUGH,
    as_array,
    code_mistake,
    expect_close,
    fail,
    when_shown,
)
from tests.strategies import examples, float_arrays

# numerical_gradient must change x while it runs; the tests check that it
# puts x back bit for bit themselves, to say how in the message.
learner = Exercise("numerical_gradient", may_modify={"numerical_gradient": (1,)})

# Failures the harness and conftest already explain well: let them through.
# What indexing x with the wrong number of indices raises. Anything else (a
# NameError, say) is reported as it is.
SHAPE_ERRORS = (IndexError, ValueError)

# For f = sum(c * sin(x)) with |c|, |x| <= 10, the central difference with
# h = 1e-4 is off by |c| h^2 / 6 < 2e-8 (truncation) plus about 1e-9
# (rounding in f, divided by 2h). Forward differences are off by up to
# |c| h / 2 = 5e-4.
ATOL = 1e-6
# With h = 0.5 and x a multiple of 1/4, every step of the cubic test is exact
# in float64: only a different formula can move the result.
EXACT = 0.0
# A float32 x holds x + 1e-4 to within 6e-8 for |x| <= 1, so the step, and
# with it the gradient, is off by up to 6e-8 / 1e-4 ~ 1e-3.
FLOAT32_RTOL = 1e-2


DEFAULT_H = 1e-4

shapes = hnp.array_shapes(min_dims=1, max_dims=3, max_side=4)


@st.composite
def points(draw):
    """x of any shape with 1 to 3 axes, and coefficients c of its shape."""
    shape = draw(shapes)
    return draw(float_arrays(shape)), draw(float_arrays(shape))


def sine_sum(c):
    """f(v) = sum(c * sin(v)), whose gradient is c * cos(v)."""

    def f(v):
        return np.sum(c * np.sin(v))

    return f


# x + 1e-4 - 1e-4 and x + h - 2h + h give back a different float for these.
NOT_ROUND_TRIPPING = np.array([[0.2, -7.3, 2.5], [3.7, 0.05, 1000.1]])
# Must-catch points: two and three axes, non-square (a loop over rows only,
# a flat result), one entry, |x| in the thousands, and a transposed x, whose
# entries are not in reading order in memory (x.ravel() copies it). A test
# works on its own copy of a point (see `fresh`): numerical_gradient changes
# x as it runs, and a wrong one may leave it changed.
PINNED = [
    (NOT_ROUND_TRIPPING, np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.5]])),
    (np.arange(24.0).reshape(2, 3, 4) / 7, np.linspace(-3, 3, 24).reshape(2, 3, 4)),
    (np.array([0.3]), np.array([2.0])),
    (np.array([1000.0, -2500.5, 4096.25]), np.array([1.0, -3.0, 0.5])),
    (
        np.arange(1.0, 7.0).reshape(2, 3).T / 4,
        np.array([[1.0, 2.0], [-1.0, 3.0], [0.5, -2.0]]),
    ),
]


def fresh(point):
    """A copy of the point (x, c), x in the same memory order."""
    x, c = point
    return x.copy(order="K"), c.copy()


NOT_PUT_BACK = (
    "an entry was left at x[i] - h while the next ones moved (x put back only "
    "at the end?): f then sees the earlier entries moved too. Put each entry "
    "back, x[i] = saved, right after its two calls of f."
)
COPIED = (
    "x was copied before the steps, so f, which reads x itself, never saw "
    "them: change x in place, x[i] = saved + h, and call f(x)."
)
ZERO_D_NOT_STEPPED = (
    "a 0-d x was not stepped in place (f(x + h) for a single number?): "
    "x + h is a new array, which f, reading x itself, never sees, though "
    "x of one axis or more is stepped where f sees it. Step a 0-d x as "
    "any other, x[i] = saved + h with i from np.ndindex(x.shape) (its one "
    "index is ()), and call f(x)."
)
FLOAT32_COPIED = (
    "the steps went into a copy of x, so f, which reads x itself, never saw "
    "them: step x itself, in place, whatever its float type "
    "(np.asarray(x, dtype=np.float64) and x.astype(np.float64) copy a float32 x)."
)
X_DTYPE = (
    "the gradient came back in x's dtype: np.zeros_like(x) copies x's dtype, "
    "and so do grad.astype(x.dtype) and x.copy(). Fill np.zeros(x.shape), "
    "which is float64, and return it as it is."
)
MADE_FLOAT32 = (
    "the gradient array was made float32, whatever x's dtype "
    "(np.zeros(x.shape, dtype=np.float32)?): fill np.zeros(x.shape), which "
    "is float64, and return it as it is."
)


def dtype_mistake(x, grad):
    """X_DTYPE where the gradient's dtype follows x's, MADE_FLOAT32 where it
    is float32 whatever x is (a float64 x tells them apart), else None."""
    if grad.dtype == x.dtype and x.dtype != np.float64:
        probe = COPY_PROBE.copy()
        try:
            with quietly():
                made = np.asarray(learner.numerical_gradient(np.sum, probe)).dtype
        except PASS_THROUGH:
            raise
        except Exception:
            return X_DTYPE
        return MADE_FLOAT32 if made == np.float32 else X_DTYPE
    return MADE_FLOAT32 if grad.dtype == np.float32 else None


ANY_SHAPE = (
    "x[i] with one index, or range(len(x)) or range(x.size), covers 1-D x "
    "only: loop over every entry of any shape with np.ndindex(x.shape)."
)
FLAT = "the result is flat: give it x's shape, grad[i] for x[i]."
FLATTENED = (
    "x was flattened (x = x.ravel() or x.reshape(-1)?), so f got a flat x "
    "and the gradient came back flat: keep x in its shape, step x[i] for i "
    "in np.ndindex(x.shape), and fill np.zeros(x.shape)."
)


# A 2-D x and the weights of a linear f on it, whose gradient is the
# weights: a step of one entry at a time finds them, whatever is left
# unrestored, and a step of whole rows finds their row sums.
ROWS_PROBE = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
ROWS_WEIGHTS = np.array([[1.0, 2.0, 3.0], [-1.0, 4.0, 0.5]])


def steps_whole_rows():
    """Whether the learner's numerical_gradient moves whole rows of a 2-D x
    at once (x[i] with one index), as its gradient of a linear f shows; an
    x left moved by the same amount everywhere fits that as well as entries
    never put back, which a loop over every entry gives."""
    x = ROWS_PROBE.copy()
    try:
        with quietly():
            grad = learner.numerical_gradient(lambda v: np.sum(ROWS_WEIGHTS * v), x)
        grad = np.asarray(grad, dtype=np.float64)
    except PASS_THROUGH:
        raise
    except Exception:
        return True  # no telling: the rows are what the change shows
    if grad.shape != ROWS_WEIGHTS.shape:
        return True
    return not np.allclose(grad, ROWS_WEIGHTS, rtol=1e-6, atol=1e-6)


# A 3-D x of distinct entries: a loop with one index per axis of a fixed
# number of axes (x[i], or x[i, j]) moves whole slices of it at once.
SLICES_PROBE = np.arange(1.0, 13.0).reshape(2, 2, 3) / 8


def seen_by_f(x):
    """The arrays the learner's numerical_gradient hands f for `x`, as
    float64 copies, up to an error it may raise; and the shape of what it
    returned (see `shape_of`), None where it raised."""
    seen = []

    def f(v):
        seen.append(np.array(v, dtype=np.float64))
        return np.sum(v)

    try:
        with quietly():
            shape = shape_of(learner.numerical_gradient(f, x))
    except PASS_THROUGH:
        raise
    except Exception:
        shape = None  # what f saw before the error tells as much
    return seen, shape


def indices_per_step():
    """How many leading axes the learner's code indexes x with where that
    is fewer than x has: 1 for x[i] alone, 2 for x[i, j], as the first
    step of a 3-D x shows (every entry of one x[i] or x[i, j] moved, and
    nothing else); None where it moves one entry at a time, or all of x."""
    for v in seen_by_f(SLICES_PROBE.copy())[0]:
        if v.shape != SLICES_PROBE.shape:
            return None
        moved = v != SLICES_PROBE
        if not moved.any():
            continue
        for axes in (1, 2):
            parts = moved.reshape(moved.shape[:axes] + (-1,))
            touched = parts.any(axis=-1)
            if touched.sum() == 1 and parts[touched].all():
                return axes
        return None
    return None


FIXED_AXES = (
    "one loop per axis (for i in range(x.shape[0]): for j in "
    "range(x.shape[1]): ...) covers x of that many axes only: x[i, j] is "
    "a whole row when x has more, and x.shape[1] does not exist when it has "
    "fewer. Loop over every entry of any shape with np.ndindex(x.shape)."
)


def slice_mistake(axes):
    """WHOLE_ROWS for one index per step, FIXED_AXES for more."""
    return WHOLE_ROWS if axes == 1 else FIXED_AXES


@when_shown
def row_loop(x, result):
    """WHOLE_ROWS or FIXED_AXES, paired with the learner's own `result`,
    where the learner's code moves whole slices x[i] or x[i, j] at once
    (see `indices_per_step`), this x has slices of more than one entry, and
    `result` shows it: one value, not all zero, repeated along each slice.
    (Zeros say that f never saw the steps, another mistake.) Else nothing."""
    try:
        grad = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return []
    if grad.shape != x.shape or not np.any(grad):
        return []
    axes = indices_per_step()
    if axes is None or x.ndim <= axes:
        return []
    parts = grad.reshape(x.shape[:axes] + (-1,))
    if parts.shape[-1] < 2 or not np.all(parts == parts[..., :1]):
        return []
    return [(slice_mistake(axes), grad)]


NOT_STEPPED = (
    "f never saw x moved: the step went into a loop variable or a copy, not "
    "into x (for v in np.nditer(x) or x.flat, v = v + h changes v only). "
    "Write the step into x itself, x[i] = saved + h, then call f(x)."
)


def never_steps():
    """Whether the learner's numerical_gradient calls f, and f, reading
    its argument, never sees an x different from the one given."""
    seen, _ = seen_by_f(COPY_PROBE.copy())
    return bool(seen) and all(
        v.shape == COPY_PROBE.shape and np.array_equal(v, COPY_PROBE) for v in seen
    )


def unseen_steps(x):
    """NOT_STEPPED paired with the zeros it gives, where it is the mistake."""
    return [(NOT_STEPPED, np.zeros(x.shape))] if never_steps() else []


def shape_of(value):
    """The shape of `value` as an array; None if it is none (a ragged list)."""
    try:
        return np.shape(value)
    except ValueError:
        return None


def flattening():
    """FLATTENED where the learner's numerical_gradient hands f a flat x
    for a 2-D one; FLAT where it steps x in its shape but its result is
    flat, or fails at once to store the first entry (np.zeros(x.size),
    then grad[i] with i a pair of indices); else None."""
    x = ROWS_PROBE.copy()
    seen, shape = seen_by_f(x)
    if any(v.shape == (x.size,) for v in seen):
        return FLATTENED
    if shape == (x.size,):
        return FLAT
    # One entry stepped up and down, then the error: storing grad[i] failed.
    one_entry = [np.count_nonzero(v != ROWS_PROBE) for v in seen] == [1, 1]
    stepped = all(v.shape == x.shape for v in seen)
    return FLAT if shape is None and stepped and one_entry else None


def restore_problem(before, after, h):
    """Say how x was left changed, or return None if it is bit-for-bit."""
    if (
        after.dtype == before.dtype
        and after.shape == before.shape
        and after.tobytes() == before.tobytes()
    ):
        return None
    if after.shape != before.shape or after.dtype != before.dtype:
        return "x's shape or dtype was changed: change its entries only."
    change = after.astype(np.float64) - before
    # Adding h and subtracting it again is off by a rounding error at most:
    # a few units in the last place of |x| + h, which is all of an x far
    # smaller than h (1e-89 + 1e-4 is 1e-4, and comes back as 0.0).
    rounding = 4 * np.finfo(before.dtype).eps * (np.abs(before) + h)
    if np.all(np.abs(change) <= rounding):
        return (
            "x was put back by adding and subtracting h, but in floating "
            "point x[i] + h - h is not x[i] (off in its last bits, or lost "
            "entirely where x[i] is far smaller than h): save the entry "
            "first (saved = x[i]) and put the saved value back (x[i] = saved)."
        )
    rows = change.reshape(len(change), -1) if change.ndim > 1 else None
    if rows is not None and np.all(rows == rows[:, :1]) and steps_whole_rows():
        return (
            "whole rows of x were moved and not put back: x[i] with one index "
            "is a whole row when x has more than one axis, and saved = x[i] "
            "is then a view of that row, not a copy. " + ANY_SHAPE
        )
    return (
        "an entry of x was not put back after its two calls of f: restore "
        "each entry (x[i] = saved) before moving on to the next."
    )


def every_digit(array, rows=False):
    """Every digit that tells two floats apart, each number as Python
    writes it (no padding), and the dtype named unless it is float64, as
    `short` does: on one line, or with `rows` an array's rows each on a
    line of its own, under the first, as `short` lays them out."""
    text = np.array2string(
        array,
        separator=", ",
        formatter={"float_kind": lambda value: repr(float(value)), "int_kind": str},
        threshold=40,
        edgeitems=3,
        max_line_width=sys.maxsize,
    )
    if not rows:
        text = " ".join(text.split())
    return text if array.dtype == np.float64 else f"{text} ({array.dtype})"


def exact(*arrays):
    """`every_digit` of each array, all on one line each if they all fit
    within CALL_WIDTH, else all a row to a line, so that the rows of two
    arrays shown one above the other line up."""
    texts = [every_digit(array) for array in arrays]
    if all(len(text) <= CALL_WIDTH for text in texts):
        return texts
    return [every_digit(array, rows=True) for array in arrays]


def named(name, text):
    """ "x = [[...]]", the later lines of `text` (an array's rows) moved
    right past "x = ", so that they stay under its first."""
    head = f"{name} = "
    first, *later = text.split("\n")
    later = [" " * len(head) + line if line else line for line in later]
    return "\n".join([head + first, *later])


def memory_order(x):
    """' (order="F")' for an x in Fortran order (a transposed one), as a
    dtype other than float64 is named: the same numbers typed in as a list
    make a C-order array, for which code that flattens x (x.ravel(),
    x.reshape(-1)) works on x itself, and for this x on a copy. Empty for
    any other x."""
    if x.ndim < 2 or x.flags.c_contiguous or not x.flags.f_contiguous:
        return ""
    return ' (order="F")'


def describe(x, h):
    step = "" if h is None else f", h={h!r}"
    (text,) = exact(x)
    lines = named_lines({"x": text + memory_order(x)})
    return "\n".join([f"numerical_gradient(f, x{step}) with", *lines])


READ_ONLY = (
    "the step was written into a read-only element: np.nditer(x) hands out "
    'read-only elements unless it is made with op_flags=["readwrite"]. '
    'Use np.nditer(x, flags=["multi_index"], op_flags=["readwrite"]), or '
    "loop over i in np.ndindex(x.shape) and write x[i]."
)


def shape_error_mistake(x, error):
    """What an error raised while stepping x says: READ_ONLY for a write
    into a read-only element, whatever x's shape; WHOLE_ROWS or FIXED_AXES
    where the code indexes x with a fixed number of indices (see
    `indices_per_step`) that does not fit x's; for x with other than one
    axis, an index that covers 1-D x only; ZERO_D_ONLY for a 0-d x where
    1-D and 2-D ones get the right gradient, NO_AXIS for one indexed with
    one index per step; else None."""
    if isinstance(error, ValueError) and "read-only" in str(error):
        return READ_ONLY
    if x.ndim == 0 and steps_every_axis():
        return ZERO_D_ONLY
    axes = indices_per_step()
    if axes == 1 and x.ndim == 0:
        return NO_AXIS
    if (axes == 1 and x.ndim != 1) or (axes == 2 and x.ndim < 2):
        return slice_mistake(axes)
    if x.ndim == 1:
        return None
    return flattening() or ANY_SHAPE


# One index per step on a 0-d x: not a whole row, as on a 2-D x, but
# nothing to index at all.
NO_AXIS = (
    "x is 0-d here, of shape (), with no axis: len(x), x.shape[0] and x[i] "
    "with one index all fail for it. Loop over every entry of any shape with "
    "np.ndindex(x.shape) (a 0-d x's one entry is x[()]), or over "
    "range(x.size) with x.flat[i]."
)
ZERO_D_ONLY = (
    "it fails for a 0-d x only: x.shape is (), with no axis to index, to "
    "reshape along or to build a table of indices from (np.indices, "
    "np.meshgrid). np.ndindex(x.shape) and np.nditer(x) handle it: they give "
    "its one entry, at index ()."
)
# x with one axis and with two, on which a loop over the entries that
# leaves out only a 0-d x gets the gradient of sum(x), all ones.
AXES_PROBES = (np.array([0.5, -1.0, 2.0]), ROWS_PROBE)


def steps_every_axis():
    """Whether the learner's numerical_gradient gets the gradient of sum(x)
    right for each x of AXES_PROBES."""

    def f(v):
        return np.sum(v)

    for probe in AXES_PROBES:
        try:
            with quietly():
                grad = learner.numerical_gradient(f, probe.copy())
            grad = np.asarray(grad, dtype=np.float64)
        except PASS_THROUGH:
            raise
        except Exception:
            return False
        if grad.shape != probe.shape or not np.allclose(grad, 1.0, atol=ATOL):
            return False
    return True


def shape_error(x, error):
    """Whether `error` is one that stepping x with an index of the wrong
    number of axes raises: len(x) of a 0-d x included."""
    if isinstance(error, SHAPE_ERRORS):
        return True
    return (
        isinstance(error, TypeError) and x.ndim == 0 and "unsized object" in str(error)
    )


FLOAT_REFUSED = (
    "the type check refuses a float x: only an int x must raise TypeError. "
    "Ask whether its dtype is an integer one, np.issubdtype(x.dtype, "
    "np.integer), rather than whether it is float64."
)


def expect_float_accepted(x, error, call):
    """Fail, naming FLOAT_REFUSED, where the learner's own raise refused x,
    a float array, with a TypeError."""
    if x.dtype.kind != "f" or not isinstance(error, TypeError):
        return
    if not raised_by_learner(error):
        return
    fail(
        f"numerical_gradient must accept a float x of any float type, here {x.dtype}.",
        call=call,
        actual=f"raised {type(error).__name__}: {error}",
        mistake=FLOAT_REFUSED,
        raised=error,
    )


def gradient_of(f, x, h=None):
    """Call the learner's numerical_gradient, checking that it works for x's
    shape and gives x back bit for bit as it was."""
    kwargs = {} if h is None else {"h": h}
    call = describe(x, h)
    before = x.copy()
    try:
        result = learner.numerical_gradient(f, x, **kwargs)
    except Exception as error:
        expect_float_accepted(x, error, call)
        if not shape_error(x, error):
            raise
        fail(
            f"numerical_gradient must work for x of any shape, here {x.shape}.",
            call=call,
            actual=f"raised {type(error).__name__}: {error}",
            mistake=shape_error_mistake(x, error),
            raised=error,
        )
    if isinstance(result, np.ndarray):
        # As returned: the checks below call the learner's code again, and
        # an array it keeps and refills (one per shape, say) would then show
        # the later call's numbers as this call's.
        result = result.copy(order="K")
    problem = restore_problem(before, x, DEFAULT_H if h is None else h)
    if problem is not None:
        expected, actual = exact(before, x)
        fail(
            "numerical_gradient must leave x exactly as it found it, bit for bit.",
            call=call,
            expected=named("x", expected),
            actual=named("x", actual),
            mistake=problem,
        )
    if x.ndim != 1 and shape_of(result) == (x.size,):
        fail(
            "The result has the wrong shape.",
            call=call,
            expected=str(x.shape),
            actual=str((x.size,)),
            mistake=flattening() or FLAT,
        )
    shape = shape_of(result)
    if result is not None and shape not in (None, x.shape) and steps_all_at_once():
        fail(
            "The result has the wrong shape.",
            call=call,
            expected=str(x.shape),
            actual=str(shape),
            mistake=STEPPED_AT_ONCE,
        )
    return call, result


STEPPED_AT_ONCE = (
    "x was stepped all at once (f(x + h)), not one entry at a time: that "
    "gives one number, the slope of f with every entry moved together. The "
    "result must have x's shape, one partial derivative per entry: step one "
    "entry x[i] at a time, keep the others where they are, and store its "
    "slope in grad[i]."
)


AT_ONCE = (
    "every entry of x was moved at once (as in f(x + h)): f saw them all "
    "moved together, which gives one slope for every entry, and a new array "
    "x + h is never seen by an f that reads x itself. Move one entry of x "
    "itself at a time, x[i] = saved + h, keep the others where they are, "
    "and call f(x)."
)


@when_shown
def at_once(found, result):
    """The mistakes `found`, unless the learner's code moves every entry of
    x at once (as f sees it): then that mistake alone, paired with the
    learner's own `result`, as whatever else the result matches (a missing
    half, a copy of x) is only what moving them all at once gives here."""
    return [(AT_ONCE, result)] if steps_all_at_once() else found


def steps_all_at_once():
    """Whether the first x the learner's numerical_gradient hands f has
    every entry of a 2-D x moved, not one."""
    for v in seen_by_f(ROWS_PROBE.copy())[0]:
        if v.shape == ROWS_PROBE.shape and not np.array_equal(v, ROWS_PROBE):
            return bool(np.all(v != ROWS_PROBE))
    return False


@when_shown
def gradient_mistakes(x, c, h=DEFAULT_H):
    """What the common wrong answers give for f = sum(c * sin(x))."""
    exact = c * np.cos(x)
    copied = NOT_STEPPED if never_steps() else COPIED
    if copied == COPIED and x.ndim == 0 and not steps_a_float64_copy():
        copied = ZERO_D_NOT_STEPPED
    if copied == COPIED and memory_order(x):
        copied += (
            ' x here is in column-major order (order="F"), and x.ravel() or '
            "x.reshape(-1) of it is a copy, not a view: index x itself, with "
            "np.ndindex(x.shape)."
        )
    found = [
        (copied, np.zeros(x.shape)),
        (AT_ONCE, np.full(x.shape, np.sum(exact))),
        (FORWARD, c * (np.sin(x + h) - np.sin(x)) / h),
        (NO_HALF, 2 * exact),
        (H_SQUARED, exact / h),
        ("the two calls are swapped: f(x + h) - f(x - h), in that order.", -exact),
    ]
    if x.ndim > 1:
        axes = tuple(range(1, x.ndim))
        rows = np.sum(exact, axis=axes, keepdims=True)
        # With saved = x[i] a view, the step down lands back on x itself.
        views = np.sum(c * (np.sin(x + h) - np.sin(x)), axis=axes, keepdims=True)
        found += [
            (WHOLE_ROWS, np.broadcast_to(rows, x.shape)),
            (WHOLE_ROWS, np.broadcast_to(views / (2 * h), x.shape)),
        ]
    return found


WHOLE_ROWS = (
    "x[i] with one index is a whole row when x has more than one axis "
    "(and saved = x[i] is then a view of that row, not a copy): loop "
    "over every entry of any shape with np.ndindex(x.shape)."
)


@when_shown
def row_mistakes(x, grad, expected):
    """WHOLE_ROWS, paired with the learner's own result, where that result
    repeats one value along each row of a 2-D or higher x and the right
    gradient does not: the sign of whole rows moved at once, whatever the
    difference formula."""
    grad = np.asarray(grad)
    if x.ndim < 2 or x[0].size < 2 or grad.shape != x.shape:
        return []
    rows = grad.reshape(len(grad), -1)
    right = np.reshape(expected, rows.shape)
    if np.all(rows == rows[:, :1]) and not np.all(right == right[:, :1]):
        return [(WHOLE_ROWS, grad)]
    return []


FORWARD = (
    "forward differences, (f(x + h) - f(x)) / h: use central ones, "
    "(f(x + h) - f(x - h)) / (2 * h)."
)
BACKWARD = (
    "backward differences, (f(x) - f(x - h)) / h: use central ones, "
    "(f(x + h) - f(x - h)) / (2 * h)."
)
NO_HALF = "the division by 2 is missing: divide by 2 * h."
H_SQUARED = (
    "the difference was divided by 2 * h * h, which makes the gradient 1/h "
    "times too large: divide by 2 * h."
)
TIMES_H = (
    "the difference was halved and then multiplied by h: ... / 2 * h means "
    "(... / 2) * h. Put the brackets in: ... / (2 * h)."
)


@when_shown
def cubic_mistakes(x, h):
    """What the common wrong answers give for f = sum(x ** 3), whose
    central difference is 3x^2 + h^2."""
    slope = 3 * x**2
    found = [
        ("h was not used: the step must be the h passed in.", slope + 1e-8),
        (FORWARD, slope + 3 * x * h + h**2),
        (BACKWARD, slope - 3 * x * h + h**2),
        (halving_mistake(h), 2 * (slope + h**2)),
        (TIMES_H, h * h * (slope + h**2)),
        *fixed_step_mistakes(slope, h),
        *unseen_steps(x),
    ]
    return [(text, result) for text, result in found if text is not None]


# Steps a learner may write as a number where h belongs, as written.
FIXED_STEPS = ("1e-3", "1e-4", "1e-5")


def fixed_step_mistakes(slope, h):
    """What the step and the division give for f = sum(x ** 3), of
    central difference `slope` + s^2 for a step s, where one of them uses
    h and the other a number of FIXED_STEPS instead."""
    found = []
    for step in FIXED_STEPS:
        s = float(step)
        found += [
            (
                f"x[i] was moved by {step}, not by h, and the difference "
                "divided by 2 * h: move x[i] by the h given (saved + h, "
                "saved - h), and divide by 2 * h.",
                (slope + s**2) * s / h,
            ),
            (
                f"x[i] was moved by h, but the difference divided by 2 * "
                f"{step}, not by 2 * h: divide by 2 * h, with the h given.",
                (slope + h**2) * h / s,
            ),
        ]
    return found


# A linear f, whose central difference is exact: with this h, dividing by
# 2 * h * h gives 1 / h = 4 where dividing by h gives 2, so the two tell
# apart even where the tests' h = 0.5 makes 2 * h * h equal to h.
HALVING_PROBE_H = 0.25


def halving_mistake(h):
    """NO_HALF or H_SQUARED, for a result twice the right one: the same
    numbers when 2 * h * h == h; then the learner's gradient of a linear f
    with a step where they differ says which, or None if neither."""
    if 2 * h * h != h:
        return NO_HALF
    try:
        with quietly():
            grad = learner.numerical_gradient(
                lambda v: np.sum(v), np.array([1.0]), h=HALVING_PROBE_H
            )
        grad = np.asarray(grad, dtype=np.float64)
    except PASS_THROUGH:
        raise
    except Exception:
        return None
    if grad.shape != (1,):
        return None
    if np.isclose(grad[0], 2.0):
        return NO_HALF
    if np.isclose(grad[0], 1 / HALVING_PROBE_H):
        return H_SQUARED
    return None


def check_gradient(x, c):
    call, result = gradient_of(sine_sum(c), x)
    grad = as_array(result, call, "an array")
    exact = c * np.cos(x)
    expect_close(
        grad,
        exact,
        call,
        rtol=0,
        atol=ATOL,
        mistakes=at_once(
            gradient_mistakes(x, c) + row_mistakes(x, grad, exact) + row_loop(x, grad),
            grad,
        ),
        what="The result must be the gradient of f at x: here f(v) = "
        "sum(c * sin(v)) with c = " + short(c) + ", so the gradient is c * cos(x).",
    )
    if grad.dtype != np.float64:
        fail(
            "The gradient must be a float64 array.",
            call=call,
            expected="float64",
            actual=str(grad.dtype),
            mistake=dtype_mistake(x, grad),
        )


def test_numerical_gradient_gives_the_docstring_example():
    x = np.array([1.0, -2.0])
    call, result = gradient_of(lambda v: np.sum(v**2), x)
    expect_close(
        result,
        2 * x,
        call,
        rtol=0,
        atol=ATOL,
        # For sum(v ** 2) a forward difference is 2x + h, a backward one 2x - h.
        mistakes=at_once(
            [
                (NO_HALF, 4 * x),
                (H_SQUARED, 2 * x / DEFAULT_H),
                (TIMES_H, 2 * x * DEFAULT_H**2),
                (FORWARD, 2 * x + DEFAULT_H),
                (BACKWARD, 2 * x - DEFAULT_H),
                (
                    "the two calls are swapped: f(x + h) - f(x - h), in that order.",
                    -2 * x,
                ),
                *unseen_steps(x),
            ],
            result,
        ),
        what="The gradient of sum(v ** 2) is 2x.",
    )


@settings(max_examples=examples(15))
@given(points())
@example(PINNED[0])
@example(PINNED[1])
@example(PINNED[2])
@example(PINNED[3])
@example(PINNED[4])
def test_gradient_matches_the_derivative_for_arrays_of_any_shape(point):
    check_gradient(*fresh(point))


# A 0-d x, whose one entry a closure must see stepped as any other: f(x + h)
# hands f a new array.
ZERO_D_POINT = (np.array(0.75), np.array(-2.0))


@settings(max_examples=examples(10))
@given(points())
@example(PINNED[0])
@example(PINNED[1])
@example(PINNED[4])
@example(ZERO_D_POINT)
def test_f_may_read_x_through_a_closure(point):
    x, c = fresh(point)

    def f(_):
        # Ignores its argument: reads x itself, as a network's loss reads
        # its weights. Returns a 0-d array, which is a number too.
        return np.asarray(np.sum(c * np.sin(x)))

    call, result = gradient_of(f, x)
    expect_close(
        result,
        c * np.cos(x),
        call,
        rtol=0,
        atol=ATOL,
        mistakes=at_once(gradient_mistakes(x, c) + row_loop(x, result), result),
        what="f may ignore its argument and read x itself, through a "
        "closure: each step must change x in place, where f can see it.",
    )


@settings(max_examples=examples(10))
@given(hnp.arrays("float64", st.integers(1, 4), elements=st.integers(-8, 8)))
@example(np.array([4.0, -8.0, 2.0]))
def test_the_step_h_is_the_one_given(quarters):
    # For f = sum(x ** 3) the central difference is 3x^2 + h^2 exactly.
    h = 0.5
    x = quarters / 4
    call, result = gradient_of(lambda v: np.sum(v**3), x, h)
    slope = 3 * x**2
    expect_close(
        result,
        slope + h**2,
        call,
        rtol=0,
        atol=EXACT,
        mistakes=at_once(cubic_mistakes(x, h), result),
        what="With f = sum(x ** 3) and h = 0.5, the central difference "
        "(f(x + h) - f(x - h)) / (2h) is 3x^2 + h^2 = 3x^2 + 0.25.",
    )


# Multiples of 1/4, whose steps by h = 0.5 and cubes are exact in float32
# too, as are the sums and differences of those: the central difference
# of sum(x ** 3) is 3x^2 + h^2 exactly, whatever x's float type.
FLOAT32_QUARTERS = np.array([1.0, -2.0, 0.25, 1.5], dtype=np.float32)
FLOAT32_H_CHANGED = (
    "h was not used for a float32 x: the same x as float64, with the same "
    "h, gets the right gradient, so the step was chosen by x's dtype (a "
    "larger one for single precision?). The step is the h given, whatever "
    "x's float type."
)


def right_for_float64(x, h, expected):
    """Whether the learner's numerical_gradient of sum(v ** 3) gets
    `expected` exactly for x made float64, with the step h."""
    try:
        with quietly():
            grad = learner.numerical_gradient(
                lambda v: np.sum(v**3), x.astype(np.float64), h=h
            )
        grad = np.asarray(grad, dtype=np.float64)
    except PASS_THROUGH:
        raise
    except Exception:
        return False
    return grad.shape == x.shape and bool(np.all(grad == expected))


def test_the_step_h_is_the_one_given_for_a_float32_x_too():
    h = 0.5
    x = FLOAT32_QUARTERS.copy()
    call, result = gradient_of(lambda v: np.sum(v**3), x, h)
    expected = 3 * FLOAT32_QUARTERS.astype(np.float64) ** 2 + h**2
    try:
        wrong = not np.array_equal(np.asarray(result, dtype=np.float64), expected)
    except (TypeError, ValueError):
        wrong = False
    if wrong and right_for_float64(x, h, expected):
        mistakes = [(FLOAT32_H_CHANGED, result)]
    else:
        mistakes = at_once(cubic_mistakes(x, h), result)
    expect_close(
        result,
        expected,
        call,
        rtol=0,
        atol=EXACT,
        mistakes=mistakes,
        what="With f = sum(x ** 3), x float32 and h = 0.5, the central "
        "difference is 3x^2 + h^2 = 3x^2 + 0.25, exact in float32 as in "
        "float64 for these x.",
    )


# The central difference at 0 is h^2 up to rounding, which is far below
# one part in a million of it; any other step moves it by orders of that.
DEFAULT_RTOL = 1e-6
DEFAULT_CHANGED = (
    "the default h is not 1e-4: called without h, x[i] moved by another "
    "step. Keep the signature numerical_gradient(f, x, h=1e-4)."
)


def default_h_changed(x):
    """Whether the learner's numerical_gradient of sum(v ** 3) at x is
    right when it is given h = 1e-4: then a wrong result without h comes
    from the default alone."""
    _, given = gradient_of(lambda v: np.sum(v**3), x.copy(), DEFAULT_H)
    try:
        given = np.asarray(given, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return given.shape == x.shape and bool(
        np.allclose(given, DEFAULT_H**2, rtol=DEFAULT_RTOL, atol=0.0)
    )


def test_the_default_step_h_is_1e_4():
    # At x = 0 the central difference of f = sum(x ** 3) is h^2 exactly but
    # for rounding: 1e-8 for the default h = 1e-4, 1e-10 for h = 1e-5. The
    # true slope there is 0, so only the step shows.
    x = np.zeros(2)
    call, result = gradient_of(lambda v: np.sum(v**3), x)
    expected = np.full(2, DEFAULT_H**2)
    try:
        values = np.asarray(result, dtype=np.float64)
        right = values.shape == x.shape and np.allclose(
            values, expected, rtol=DEFAULT_RTOL, atol=0.0
        )
    except (TypeError, ValueError):
        right = False
    changed = not right and default_h_changed(x)
    expect_close(
        result,
        expected,
        call,
        rtol=DEFAULT_RTOL,
        atol=0.0,
        # A mistake of every step is named as the other tests name it.
        mistakes=[(DEFAULT_CHANGED, result)]
        if changed
        else at_once(cubic_mistakes(x, DEFAULT_H), result),
        what="Without h, the step must be the default h = 1e-4: at x = 0 the "
        "central difference of sum(x ** 3) is then h^2 = 1e-8.",
    )


def test_the_gradient_keeps_every_digit():
    # In multiples of 1/64, x, x +- h and their cubes are exact in binary, so
    # the central difference is too, while it has twelve decimals: a gradient
    # rounded to fewer places on its way out differs.
    h = 0.5
    x = np.array([1.0, -3.0, 5.0]) / 64
    call, result = gradient_of(lambda v: np.sum(v**3), x, h)
    exact = 3 * x**2 + h**2
    expect_close(
        result,
        exact,
        call,
        rtol=0,
        atol=EXACT,
        mistakes=at_once(cubic_mistakes(x, h) + rounding_mistakes(exact), result),
        what="With f = sum(x ** 3), x in multiples of 1/64 and h = 0.5, the "
        "central difference is 3x^2 + 0.25, exact to the last digit.",
    )


@when_shown
def rounding_mistakes(exact):
    """What rounding the gradient `exact` to a few decimals gives."""
    return [
        (
            f"The gradient was rounded to {places} decimals: return it as "
            "computed, with every digit.",
            np.round(exact, places),
        )
        for places in range(1, 12)
    ]


def test_a_zero_dimensional_x_gets_a_zero_dimensional_gradient():
    x = np.array(1.5)
    call, result = gradient_of(lambda v: v**3, x, 0.5)
    expect_close(
        result,
        3 * 1.5**2 + 0.25,
        call,
        rtol=0,
        atol=EXACT,
        mistakes=cubic_mistakes(x, 0.5),
        what="With f(v) = v ** 3, x = 1.5 and h = 0.5, the central difference "
        "(f(x + h) - f(x - h)) / (2h) is 3x^2 + h^2 = 7.0.",
        shape_what="x of any shape, a 0-d array included, gets a gradient of "
        "its shape (np.ndindex(x.shape) or x.flat reach its one entry).",
    )


@pytest.mark.parametrize("closure", [False, True], ids=["argument", "closure"])
def test_a_float32_x_gets_a_float64_gradient(closure):
    x = np.array([[0.5, -0.25, 1.0], [0.75, 0.125, -1.0]], dtype=np.float32)
    c = np.array([[1.0, 2.0, 3.0], [-1.0, -2.0, 0.5]])

    def f(v):
        # The closure reads x itself: the steps must land in the float32
        # array the caller holds, not in a float64 copy of it.
        return np.sum(c * (x if closure else v))

    call, result = gradient_of(f, x)
    grad = as_array(result, call, "an array")
    if grad.dtype != np.float64:
        fail(
            "The gradient must be float64, whatever float type x has.",
            call=call,
            expected="float64",
            actual=str(grad.dtype),
            mistake=dtype_mistake(x, grad),
        )
    expect_close(
        grad,
        c,
        call,
        rtol=FLOAT32_RTOL,
        atol=0,
        mistakes=at_once(
            [(copied_mistake(), np.zeros(x.shape))]
            + float32_mistakes(grad, c)
            + row_loop(x, grad),
            grad,
        ),
        what="The gradient of sum(c * x) is c.",
    )


# A float64 x, whose steps a float64 copy would not need: if f, reading it
# through a closure, sees no step here either, x was copied whatever its type.
COPY_PROBE = np.array([[0.5, -0.25], [1.0, 2.0]])


def copied_mistake():
    """NOT_STEPPED where even f reading its argument sees no step; COPIED
    where the learner's code steps a copy even of a float64 x (f, reading x
    itself, sees no step), else FLOAT32_COPIED: the copy came from turning
    a float32 x into float64."""
    if never_steps():
        return NOT_STEPPED
    return COPIED if steps_a_float64_copy() else FLOAT32_COPIED


def steps_a_float64_copy():
    """Whether f, reading the float64 COPY_PROBE itself through a closure,
    sees none of the learner's steps of it."""
    x = COPY_PROBE.copy()
    try:
        with quietly():
            grad = learner.numerical_gradient(lambda _: np.sum(x), x)
        return bool(np.all(np.asarray(grad, dtype=np.float64) == 0.0))
    except PASS_THROUGH:
        raise
    except Exception:
        return False


def float32_mistakes(grad, c):
    """NO_HALF or H_SQUARED, paired with the learner's own result `grad`,
    where that is twice the gradient `c`, or 1/h times it, to within the
    float32 steps' rounding: a result of float32 steps matches no exact
    variant of the formula."""
    grad = np.asarray(grad, dtype=np.float64)
    if grad.shape != c.shape:
        return []
    if np.allclose(grad, 2 * c, rtol=FLOAT32_RTOL, atol=0):
        return [(NO_HALF, grad)]
    if np.allclose(grad, c / DEFAULT_H, rtol=FLOAT32_RTOL, atol=0):
        return [(H_SQUARED, grad)]
    return []


KEPT_RESULT = (
    "the gradient is written into an array kept between calls (one per "
    "shape, say): the next call refills the array the caller still holds. "
    "Make a new one at each call, grad = np.zeros(x.shape)."
)


def test_a_gradient_returned_stays_as_it_is_after_the_next_call():
    # A training loop keeps one gradient while it computes the next: each
    # call must return an array of its own.
    x = np.array([1.0, -2.0, 0.5])
    # Called as the other tests call it first, so that an error it raises
    # is told as they tell it.
    call, _ = gradient_of(lambda v: np.sum(v**2), x)
    returned = learner.numerical_gradient(lambda v: np.sum(v**2), x)
    kept = as_array(returned, call, "an array").astype(np.float64)
    later = learner.numerical_gradient(lambda v: np.sum(v**3), x.copy())
    expect_close(
        returned,
        kept,
        call,
        rtol=0,
        atol=0,
        mistakes=[(KEPT_RESULT, as_array(later, call, "an array"))],
        what="The gradient this call returned (of f = sum(v ** 2)) changed "
        "when numerical_gradient was called again, with another f and an x "
        "of the same shape: each call must return an array of its own.",
    )


# f(v) = sum(v) ** 2 couples every entry to the others: its gradient,
# 2 * sum(x) everywhere, comes out right only if each entry is back in place
# before the next one moves. (A sum of one function per entry hides a missing
# restore: the entries already moved add a constant, which cancels.)
COUPLED_X = np.array([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]])


def test_each_entry_is_put_back_before_the_next_one_moves():
    x = COUPLED_X.copy()
    call, result = gradient_of(lambda v: np.sum(v) ** 2, x)
    total = np.sum(COUPLED_X)
    # An entry left at x[i] - h lowers the sum seen by every later entry.
    earlier = np.arange(x.size).reshape(x.shape)
    exact = np.full(x.shape, 2 * total)
    h = DEFAULT_H
    row = x[0].size
    expect_close(
        result,
        exact,
        call,
        rtol=0,
        atol=ATOL,
        mistakes=at_once(
            [
                (NOT_PUT_BACK, 2 * (total - h * earlier)),
                (NO_HALF, 2 * exact),
                (H_SQUARED, exact / h),
                # (S + h)^2 - S^2 = 2Sh + h^2, and S^2 - (S - h)^2 = 2Sh - h^2.
                (FORWARD, exact + h),
                (BACKWARD, exact - h),
                # Whole rows of k entries moved at once: S moves by k * h.
                (WHOLE_ROWS, row * exact),
                (WHOLE_ROWS, row * exact + row * row * h),
                *row_loop(x, result),
                *unseen_steps(x),
            ],
            result,
        ),
        what="The gradient of f(v) = sum(v) ** 2 is 2 * sum(x) in every entry.",
    )


@pytest.mark.parametrize(
    "x",
    [
        np.array([1, 2, 3]),
        np.array([[4, -1], [0, 2]], dtype=np.int32),
        np.array([7, 0, 200], dtype=np.uint8),
    ],
    ids=["int64", "int32", "uint8"],
)
def test_an_integer_x_raises_type_error(x):
    x = x.copy()
    call = describe(x, None)
    try:
        result = learner.numerical_gradient(sine_sum(1.0), x)
    except TypeError:
        return
    except PASS_THROUGH:
        raise
    except Exception as error:
        fail(
            "numerical_gradient must raise TypeError for an integer array.",
            call=call,
            expected="TypeError",
            actual=f"{type(error).__name__}: {error}",
            mistake=code_mistake(error)
            or "check x.dtype first and raise TypeError yourself.",
            raised=error,
        )
    if x.dtype != np.int64 and refuses_int64():
        mistake = (
            f"an int64 x is refused, but not this {x.dtype} one: a check such "
            "as x.dtype == int or np.issubdtype(x.dtype, np.signedinteger) "
            "lets the other integer types through (uint8 and the like); check "
            "first: if not np.issubdtype(x.dtype, np.floating), raise TypeError."
        )
    else:
        mistake = CHECK_FLOAT
    fail(
        "numerical_gradient must raise TypeError for an integer array: "
        "x[i] + 1e-4 stored back into an int array is truncated to x[i].",
        call=call,
        expected="TypeError",
        actual=f"returned {short(result)}",
        mistake=mistake,
    )


CHECK_FLOAT = (
    "check first: if not np.issubdtype(x.dtype, np.floating), raise TypeError."
)


def refuses_int64():
    """Whether the learner's numerical_gradient raises TypeError for an
    int64 x: its check then catches some integer types only."""
    try:
        learner.numerical_gradient(sine_sum(1.0), np.array([1, 2, 3]))
    except TypeError:
        return True
    except Exception:
        return False
    return False

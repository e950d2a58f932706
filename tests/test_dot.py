"""Exercise 1: dot(a, b), the matrix product from its definition."""

import math
import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.harness import (
    Exercise,
    describe_call,
    learner_code,
    marked,
    quietly,
    raised_by_learner,
    short,
)
from tests.judge import (
    INTEGER_RESULT,
    PASS_THROUGH,
    KataFailure,
    as_array,
    code_mistake,
    expect_close,
    fail,
    loops_in,
    lost_axes,
    named_mistake,
    unpack_mistake,
    unpacked_shape,
    variant,
    when_shown,
    wrong_exception_raised,
)
from tests.strategies import examples, float_arrays, inner_sizes, sizes

learner = Exercise("dot")

# Sums of at most five products of values up to 10 in size: different but
# correct orders of summation agree to about 1e-13.
RTOL = 1e-9
ATOL = 1e-9

# The pinned examples with decimals such as 0.1 hold values float32 cannot:
# a sum kept in single precision is off there by about 1e-7, far beyond
# RTOL, on the first try.


@st.composite
def operands(draw, left_ndim, right_ndim):
    """Two float arrays whose product is defined: (n, k)/(k,) by (k, m)/(k,)."""
    n, k, m = draw(sizes), draw(inner_sizes()), draw(sizes)
    a = draw(float_arrays((n, k)[2 - left_ndim :]))
    b = draw(float_arrays((k, m)[:right_ndim]))
    return a, b


# What a[k, i] in the sum gives: a.T·b, defined where a has as many rows
# as b, and an index out of range or a result of the wrong shape elsewhere.
A_TRANSPOSED = (
    "a was used transposed: the sum reads a[k, i] (or a.T), a's rows and "
    "columns swapped. It runs along row i of a: out[i, j] = sum over k of "
    "a[i, k] * b[k, j]."
)


@when_shown
def mistakes(a, b):
    """What the common wrong answers give for a·b."""
    return [
        (
            "the result is transposed: out[i, j] must use row i of a and column "
            "j of b.",
            variant(lambda: np.dot(a, b).T),
        ),
        (A_TRANSPOSED, variant(lambda: np.dot(a.T, b))),
        (
            "b was used transposed: out[i, j] = sum over k of a[i, k] * b[k, j].",
            variant(lambda: np.dot(a, b.T)),
        ),
        (
            "the operands are swapped: the product is b·a, not a·b.",
            variant(lambda: np.dot(b, a)),
        ),
        (
            "an elementwise product (a * b) instead of the matrix product.",
            variant(lambda: a * b),
        ),
        *((SUMMED_ELEMENTWISE, variant(summed_product, a, b, axis)) for axis in AXES),
        float32_mistake(a, b),
        (INTEGER_RESULT, variant(integer_dot, a, b)),
        (MEMORY_ORDER, variant(memory_order_dot, a, b)),
        (LAST_TERM_ONLY, variant(last_term_dot, a, b), lambda: last_term_made(a, b)),
        (ONE_SHORT, variant(one_short_dot, a, b), lambda: one_short_made(a, b)),
    ]


SUMMED_IN_FLOAT32 = (
    "the products were summed in float32, which keeps about 7 digits: "
    "leave the numbers in their own type, float64."
)
KEPT_IN_FLOAT32 = (
    "the result was kept in float32, the type of one operand (made like a, "
    "say): with the other operand float64, np.dot gives float64, and float32 "
    "keeps only about 7 digits. Give the result the operands' common type, "
    "np.zeros((n, m), dtype=np.result_type(a, b))."
)


def float32_mistake(a, b):
    """The mistake of float32 numbers in a·b, with what it gives: where one
    operand is float32 and np.dot gives float64, the result kept in
    float32; else every sum kept in float32 of its own accord."""
    types = {np.asarray(a).dtype, np.asarray(b).dtype}
    if np.dtype(np.float32) in types and np.result_type(*types) == np.float64:
        return KEPT_IN_FLOAT32, variant(lambda: np.dot(a, b).astype(np.float32))
    return SUMMED_IN_FLOAT32, variant(single_precision_dot, a, b)


SUMMED_ELEMENTWISE = (
    "an elementwise product (a * b), then summed, instead of the matrix "
    "product: a * b pairs the numbers at the same place (or broadcasts one "
    "array over the other), while out[i, j] is the sum over k of "
    "a[i, k] * b[k, j], row i of a with column j of b."
)
# The sums of a * b a learner tries: down the columns, along the rows. (Of
# everything, a number, is not among them: on the smallest inputs it is the
# squeeze of a right product too, which `axis_lost` names.)
AXES = (0, 1)


def summed_product(a, b, axis):
    """(a * b).sum(axis=axis): a sum of the wrong products."""
    return (np.asarray(a) * np.asarray(b)).sum(axis=axis)


ONE_SHORT = (
    "the loop over the inner size k stops one short: range(k - 1) leaves "
    "out the last term of each sum, the one of a's last column and b's "
    "last row. Loop over range(k), every term."
)


def one_short_dot(a, b):
    """a·b with each sum missing its last term, k = K - 1: what a loop
    over range(K - 1) adds up."""
    a, b = np.asarray(a), np.asarray(b)
    return np.dot(a[..., :-1], b[:-1])


# An inner size at which a sum one term short cannot pass for another
# mistake: with K = 2 it is a[..., 0] * b[0], what more than one wrong
# product gives (summing a broadcast over a's rows, for one).
PROBE_K = 3


def one_short_made(a, b):
    """Whether the learner's dot may stop its sums one short on a·b: its
    module holds a loop and, where K < PROBE_K, it also stops one short on
    operands of the same kind with K = PROBE_K. Asked only where its result
    on a·b is the one a sum one short gives (see named_mistake)."""
    shape_a, shape_b = np.shape(a), np.shape(b)
    if not shape_a or not shape_b or not loops_in("dot"):
        return False
    if shape_a[-1] >= PROBE_K:
        return True
    return shows_on_probe(ONE_SHORT, one_short_dot, shape_a, shape_b, PROBE_K)


def shows_on_probe(text, mistaken_dot, shape_a, shape_b, k):
    """Whether the learner's dot gives what `mistaken_dot` gives (the
    mistake `text`) on probe operands of the kind of a (`shape_a`) and b
    (`shape_b`) with inner size k: each number different, so that no two
    products are alike."""
    rows, columns = math.prod(shape_a[:-1]), math.prod(shape_b[1:])
    probe_a = np.arange(1.0, 1.0 + rows * k)
    probe_a = probe_a.reshape(shape_a[:-1] + (k,))
    probe_b = np.linspace(-2.0, 3.0, k * columns)
    probe_b = probe_b.reshape((k,) + shape_b[1:])
    try:
        with quietly():
            result = learner.dot(probe_a, probe_b)
        actual = np.asarray(result, dtype=np.float64)
    except Exception:  # a sum of the wrong terms raises nothing
        return False
    found = [(text, mistaken_dot(probe_a, probe_b))]
    return named_mistake(found, actual, np.dot(probe_a, probe_b)) is not None


LAST_TERM_ONLY = (
    "only the last product of each sum was kept: out[i, j] = a[i, k] * "
    "b[k, j] in the loop over k replaces what the earlier k added. Start "
    "from zeros and add every product: out[i, j] += a[i, k] * b[k, j]."
)


def last_term_dot(a, b):
    """a·b with each sum left at its last term, k = K - 1: the last column
    of a times the last row of b, which is what a loop that assigns each
    product (=), not adds it (+=), leaves."""
    a, b = np.asarray(a), np.asarray(b)
    rows = np.atleast_2d(a)
    columns = b.reshape(b.shape[0], -1)
    out = np.outer(rows[:, -1], columns[-1])
    return out.reshape(a.shape[:-1] + b.shape[1:])


def last_term_made(a, b):
    """Whether the learner's dot keeps only the last product of each sum
    on probe operands of a's and b's shapes too. Asked only where its
    result on a·b is that (see named_mistake): a match there may be chance,
    as where every number is 1 and any single product is the sum cut
    short after its first term too."""
    shape_a, shape_b = np.shape(a), np.shape(b)
    if not shape_a or not shape_b:
        return False
    return shows_on_probe(LAST_TERM_ONLY, last_term_dot, shape_a, shape_b, shape_a[-1])


MEMORY_ORDER = (
    "the numbers were read in the order they lie in memory (np.nditer, "
    "ravel(order='K'), .tobytes()), which for a transposed array is column "
    "by column: index a[i, k] and b[k, j] by their position instead."
)


def memory_order_dot(a, b):
    """a·b with each operand's numbers taken in memory order and laid out
    row by row: what a walk over memory makes of a transposed operand."""
    rows = np.atleast_2d(np.asarray(a))
    columns = np.asarray(b).reshape(np.shape(b)[0], -1)
    rows = rows.ravel(order="K").reshape(rows.shape)
    columns = columns.ravel(order="K").reshape(columns.shape)
    return np.dot(rows, columns).reshape(np.shape(a)[:-1] + np.shape(b)[1:])


def single_precision_dot(a, b):
    """a·b with every product and sum rounded to float32, one term at a
    time: how a float32 accumulator adds up a handful of terms."""
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind != "f" and b.dtype.kind != "f":
        return None
    rows = np.atleast_2d(a).astype(np.float32)
    columns = b.reshape(b.shape[0], -1).astype(np.float32)
    out = np.zeros((rows.shape[0], columns.shape[1]), dtype=np.float32)
    for k in range(rows.shape[1]):
        out += rows[:, k : k + 1] * columns[k : k + 1, :]
    return out.reshape(a.shape[:-1] + b.shape[1:])


def integer_dot(a, b):
    """a·b summed into an integer array, one term at a time: each sum is
    cut to a whole number as it is stored."""
    rows = np.atleast_2d(np.asarray(a, dtype=np.float64))
    columns = np.asarray(b, dtype=np.float64)
    columns = columns.reshape(columns.shape[0], -1)
    out = np.zeros((rows.shape[0], columns.shape[1]))
    for k in range(rows.shape[1]):
        out = np.trunc(out + rows[:, k : k + 1] * columns[k : k + 1, :])
    return out.reshape(np.shape(a)[:-1] + np.shape(b)[1:])


def expect_array(result, call):
    """Fail unless `result` is a NumPy array or, for two vectors, a number."""
    if isinstance(result, (np.ndarray, np.generic, int, float)):
        return
    if result is None:
        as_array(result, call, "an array")  # names a missing return
    fail(
        f"dot must return a NumPy array, not a {type(result).__name__}.",
        call=call,
        actual=marked(result),
        mistake="the sums were collected in Python lists: build the result "
        "with np.zeros((N, M)) and fill it in, or wrap the lists in np.array.",
    )


# Square operands, on which an index that belongs to another axis stays in
# range, and every transpose gives another result.
SQUARE_A = np.array([[1.0, 2.0], [3.0, 5.0]])
SQUARE_B = np.array([[7.0, -1.0], [2.0, 4.0]])


def square_mistake():
    """Name the mistake behind an exception of the learner's dot for
    operands whose sizes fit, told from what it gives for square operands,
    where an index of a or b that runs over the wrong axis neither runs out
    of range nor gives a result of the wrong size. None when unknown."""
    try:
        with quietly():
            result = learner.dot(SQUARE_A, SQUARE_B)
        actual = np.asarray(result, dtype=np.float64)
    except Exception:
        return None
    return named_mistake(
        mistakes(SQUARE_A, SQUARE_B),
        actual,
        np.dot(SQUARE_A, SQUARE_B),
        rtol=RTOL,
        atol=ATOL,
    )


# Operands (N, K) @ (K, M) with N, K and M all different, one with N < M
# and one with N > M, and what indexing a result made (M, N) raises on
# them: an index past the end of an axis whose size no operand has there.
# A result made (N, N) or (M, M) raises so on one of them only.
SWAPPED_PROBES = (
    (np.ones((2, 3)), np.ones((3, 4)), "out of bounds for axis 1 with size 2"),
    (np.ones((4, 3)), np.ones((3, 2)), "out of bounds for axis 0 with size 2"),
)
RESULT_SHAPE_SWAPPED = (
    "the result was made (M, N), np.zeros((m, n)): a (N, K) times b (K, M) "
    "has a row for each row of a and a column for each column of b, so it "
    "must be (N, M), np.zeros((n, m))."
)


def swapped_result_mistake():
    """RESULT_SHAPE_SWAPPED where the learner's dot raises, for both
    SWAPPED_PROBES, the IndexError that a result made (M, N) gives; else
    None."""
    for a, b, words in SWAPPED_PROBES:
        try:
            with quietly():
                learner.dot(a, b)
        except IndexError as error:
            if words not in str(error):
                return None
        except PASS_THROUGH:
            raise
        except Exception:
            return None
        else:
            return None
    return RESULT_SHAPE_SWAPPED


# A size read from a shape by a literal index: b.shape[1], np.shape(b)[1].
SHAPE_INDEX = re.compile(r"\bnp\.shape\((\w+)\)\[(\d+)\]|\b(\w+)\.shape\[(\d+)\]")


def shape_index_mistake(error, a, b):
    """The mistake of reading a size of a or b by an index past the axes it
    has here (b.shape[1] of a vector b), where `error` is that IndexError
    and the learner's line reads one such size; else None."""
    if "tuple index out of range" not in str(error):
        return None
    operands = {"a": np.asarray(a), "b": np.asarray(b)}
    found = {
        (name or other, int(index or index2))
        for name, index, other, index2 in SHAPE_INDEX.findall(learner_code(error))
    }
    past = [
        (name, index)
        for name, index in found
        if name in operands and index >= operands[name].ndim
    ]
    if len(past) != 1:
        return None
    name, index = past[0]
    ndim = operands[name].ndim
    if ndim == 0:
        return (
            f"{name}.shape[{index}] was read, but {name} is a single number "
            f"here (a 0-d array, shape ()): look at {name}.ndim first."
        )
    if ndim == 1:
        return (
            f"{name}.shape[{index}] was read, but {name} is a vector here (1-D, "
            f"one axis): look at {name}.ndim first."
        )
    return (
        f"{name}.shape[{index}] was read, but {name} has only {ndim} axes "
        f"here: look at {name}.ndim first."
    )


def call_dot(a, b):
    """The learner's dot(a, b), for operands whose sizes fit; an IndexError
    it raises, or a ValueError (a check that refuses them, or NumPy's),
    carries the mistake behind it, when known."""
    try:
        return learner.dot(a, b)
    except IndexError as error:
        error.kata_mistake = (
            shape_index_mistake(error, a, b)
            or square_mistake()
            or swapped_result_mistake()
        )
        raise
    except ValueError as error:
        # A check of the learner's own refused them; NumPy's errors (a
        # result of the wrong size reshaped) may come from a mistake that
        # square operands show. Python's (a shape unpacked into names it
        # does not fit) is the mistake of that line, whatever square
        # operands show of another.
        if raised_by_learner(error):
            error.kata_mistake = refusal_mistake(np.asarray(a), np.asarray(b))
        elif unpacked_shape(error) is not None:
            error.kata_mistake = unpack_mistake(error)
        else:
            error.kata_mistake = square_mistake() or (
                SHAPES_DO_NOT_PAIR if NOT_BROADCAST in str(error) else None
            )
        raise


def refusal_mistake(a, b):
    """Why the learner's dot raised ValueError for a and b, whose sizes fit:
    a check of len(a) against len(b), where LEN_PROBE shows it, or else a
    check whose condition is wrong. None where the operands are not the
    kind the check is for (1-D or 2-D)."""
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        return None
    if len(a) != len(b) and refuses_len_probe():
        return LEN_CHECK
    return (
        f"the shape check refused shapes that fit: a's last size, "
        f"{a.shape[-1]}, equals b's first size, {b.shape[0]}. Raise only when "
        "a.shape[-1] != b.shape[0], or when an operand is not 1-D or 2-D."
    )


def expect_product(result, expected, call, mistakes, rtol=RTOL, atol=ATOL):
    """expect_close for the learner's product; a result of the wrong shape
    that none of `mistakes` explains (a loop over the wrong axis, bounded by
    the sizes of another) is put down to the mistake square operands show,
    where they show one. A lost axis is never put down to keepdims: dot
    sums over k alone, and a sum that lost an axis summed over another."""
    try:
        expect_close(result, expected, call, rtol=rtol, atol=atol, mistakes=mistakes)
    except KataFailure as failure:
        shape = np.shape(expected)
        if np.shape(result) == shape:
            raise
        if failure.mistake is None:
            failure.mistake = square_mistake()
        elif failure.mistake == keepdims_advice(shape, result):
            failure.mistake = square_mistake() or axis_lost(shape, np.ndim(result))
        failure.args = (failure.render(),)
        raise


def keepdims_advice(shape, result):
    """What tests.judge.lost_axes says of `result`, where it names
    keepdims; else None."""
    advice = lost_axes(shape, np.asarray(result))
    return advice if "keepdims" in advice else None


def axis_lost(shape, ndim):
    """Why dot's result has `ndim` axes, fewer than `shape`: dot's own
    words for tests.judge.lost_axes, whose keepdims has no place here."""
    return (
        f"expected ndim {len(shape)}, got {ndim}: an axis was lost. The "
        "result has a row for each row of a and a column for each column of "
        "b: sum over k alone (not over an axis of a or b that the result "
        "keeps), and squeeze, ravel or flatten nothing."
    )


# NumPy's words for arrays whose shapes an elementwise operation cannot
# pair, and what is likely behind them in dot.
NOT_BROADCAST = "could not be broadcast"
SHAPES_DO_NOT_PAIR = (
    "two arrays' shapes do not line up for an elementwise operation (*, + or "
    "-): the matrix product pairs row i of a with column j of b, out[i, j] = "
    "sum over k of a[i, k] * b[k, j]."
)


def check(a, b):
    """Fail unless the learner's dot(a, b) is a·b; return it."""
    call = describe_call("dot", (a, b), {})
    result = call_dot(a, b)
    expect_array(result, call)
    expect_product(result, np.dot(a, b), call, mistakes(a, b))
    return result


def test_dot_gives_the_docstring_example():
    a = [[1, 2], [3, 4], [5, 6]]
    b = [[1, 2, 3], [4, 5, 6]]
    expected = [[9, 12, 15], [19, 26, 33], [29, 40, 51]]
    call = describe_call("dot", (a, b), {})
    result = call_dot(a, b)
    expect_array(result, call)
    expect_product(
        result, expected, call, mistakes(np.array(a), np.array(b)), rtol=0, atol=0
    )


@settings(max_examples=examples(20))
@given(operands(2, 2))
@example((np.array([[1.0, 2.0, 3.0]]), np.array([[1.0], [2.0], [3.0]])))
@example((np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0, 6.0], [7.0, 8.0]])))
@example((np.ones((2, 3)), np.arange(12.0).reshape(3, 4)))
@example((np.array([[0.1, 0.2], [0.3, 0.7]]), np.array([[1.3, -0.6], [0.9, 2.2]])))
# An inner size beyond what the strategy draws: every term of the sum counts.
@example((np.arange(16.0).reshape(2, 8) / 4, np.arange(24.0).reshape(8, 3) - 9))
# Transposed operands, whose numbers lie in memory column by column.
@example((np.arange(6.0).reshape(2, 3).T, np.arange(8.0).reshape(4, 2).T - 3))
def test_matrix_times_matrix_matches_the_definition(ab):
    check(*ab)


@settings(max_examples=examples(20))
@given(operands(2, 1))
@example((np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), np.array([1.0, -1.0])))
@example((np.array([[0.1, 0.2], [0.3, 0.7]]), np.array([1.3, -0.6])))
def test_matrix_times_vector_gives_a_vector(ab):
    check(*ab)


@settings(max_examples=examples(20))
@given(operands(1, 2))
@example((np.array([1.0, -1.0]), np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])))
@example((np.array([0.3, 0.7]), np.array([[1.3, -0.6], [0.9, 2.2]])))
def test_vector_times_matrix_gives_a_vector(ab):
    check(*ab)


@settings(max_examples=examples(20))
@given(operands(1, 1))
@example((np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])))
@example((np.arange(1.0, 10.0), np.linspace(-1.0, 1.0, 9)))
@example((np.array([0.1, 0.7]), np.array([0.3, -1.9])))
def test_vector_times_vector_gives_a_scalar(ab):
    check(*ab)


def test_integer_operands_give_exact_values():
    a = np.array([[2, -3], [4, 5]])
    b = np.array([[7, 1, 0], [-1, 2, 3]])
    check(a, b)


def test_integer_and_float_operands_give_float_values():
    check(np.array([[1, 2], [3, 4]]), np.array([[0.5], [0.25]]))


INTEGER_TYPE_OF_ONE_OPERAND = (
    "the result was made an integer array (in b's type, say): with a float "
    "a, np.dot gives float64, and an integer array cuts the fraction off "
    "each sum as it is stored. Give the result the operands' common type, "
    "np.zeros((n, m), dtype=np.result_type(a, b))."
)


def test_float_and_integer_operands_give_float_values():
    # The float operand on the left this time: a result that takes its
    # type from b alone is cut to ints. Each sum has a fraction, and one
    # cut as a whole differs from one cut term by term (INTEGER_RESULT).
    a = np.array([[0.5, 0.25], [1.5, -0.75]])
    b = np.array([[1], [3]])
    call = describe_call("dot", (a, b), {})
    result = call_dot(a, b)
    expect_array(result, call)
    cut = (INTEGER_TYPE_OF_ONE_OPERAND, np.trunc(np.dot(a, b)))
    expect_product(result, np.dot(a, b), call, [*mistakes(a, b), cut])


# The docstring promises np.dot's values, and np.dot of a float32 operand
# and a float64 one gives float64: rounded to float32, these sums are off by
# about 1e-8 of their size, far beyond RTOL. Each operand takes its turn as
# the float32 one.
FLOAT32_A = np.array([[0.1, 0.2], [0.3, 0.7]], dtype=np.float32)
FLOAT64_B = np.array([[1.3, -0.6], [0.9, 2.2]])


@pytest.mark.parametrize(
    "ab",
    [(FLOAT32_A, FLOAT64_B), (FLOAT64_B, FLOAT32_A)],
    ids=["float32-a", "float32-b"],
)
def test_float32_and_float64_operands_give_float64_values(ab):
    check(*ab)


def test_lists_are_accepted_as_operands():
    check([1.0, 2.0], [[1.0, 0.0, 2.0], [0.0, 1.0, 3.0]])


BUFFER_REFILLED = (
    "one result array is kept between calls (one for each shape, say) and "
    "filled again by each call, so a later product of the same shape "
    "overwrites an earlier one: make a new array on every call, "
    "np.zeros((n, m)) inside the function."
)


def test_dot_leaves_an_earlier_result_as_it_was():
    # The caller may hold several products at once (x @ w1, then h @ w2 of
    # the same shape): a later call must not change an earlier result.
    a, b = SQUARE_A.copy(), SQUARE_B.copy()
    first = check(a, b)
    kept = np.array(first, dtype=np.float64)
    second = check(b, a)
    if np.array_equal(np.asarray(first, dtype=np.float64), kept):
        return
    call, later = describe_call("dot", (a, b), {}), describe_call("dot", (b, a), {})
    fail(
        "A later call of dot changed the array an earlier call returned.",
        call=f"{call}, then {later}",
        expected=short(kept),
        actual=short(first),
        mistake=BUFFER_REFILLED
        if np.array_equal(np.asarray(first), np.asarray(second))
        else None,
    )


def shape_text(shape):
    return str(tuple(shape)).replace(" ", "")


def shapes_wanted(message, a, b):
    """What a ValueError's `message` must name and does not, or None: both
    shapes, whichever is missing, so that one change of the message names
    them all; and, where the one missing is a scalar's (), which Python
    prints in a way a reader may not think of, what () stands for."""
    first, second = tuple(np.shape(a)), tuple(np.shape(b))
    missing = [s for s in (first, second) if shape_text(s) not in message]
    if not missing:
        return None
    if () in missing:
        return (
            f"a message naming both shapes, {first} and {second}: () is the "
            "scalar (0-d) operand's, as Python prints it"
        )
    return f"a message naming both shapes, {first} and {second}"


def reshapes(shape):
    """The shapes a reshape to 2-D, or np.atleast_1d, gives an operand of
    `shape`: (K,) as a column (K, 1) or a row (1, K); () as (1,) or (1, 1)."""
    if len(shape) == 0:
        return [(1,), (1, 1)]
    if len(shape) == 1:
        return [(shape[0], 1), (1, shape[0])]
    return []


def shown_reshaped(message, a, b):
    """The mistake of a ValueError `message` naming an operand's shape
    after the learner's reshape of it, where the caller's shape is missing
    from it; else None."""
    text = message.replace(" ", "")
    shapes = {"a": tuple(np.shape(a)), "b": tuple(np.shape(b))}
    for name, shape in shapes.items():
        if shape_text(shape) in text:
            continue
        # The other operand's own shape, if named, is no reshape of this one.
        others = [other for key, other in shapes.items() if key != name]
        for reshaped in reshapes(shape):
            if reshaped not in others and shape_text(reshaped) in text:
                return (
                    f"the message shows {name}'s shape after the reshape, "
                    f"{reshaped}, not the caller's {shape}: take the shapes "
                    "for the message before reshaping, or give the reshaped "
                    "array a name of its own."
                )
    return None


# A ValueError that NumPy raised on the way (an array put into one element)
# is no check of the learner's, whatever its message.
NUMPY_VALUE_ERROR = (
    "this ValueError is NumPy's, not one of yours: check the shapes yourself "
    "first and raise ValueError with a message naming both shapes."
)


def foreign_value_error(error):
    """The mistake behind a ValueError that no `raise` of the learner's
    raised: Python's, from a shape unpacked into names it does not fit
    (n, k = a.shape with a 1-D a), or else NumPy's."""
    name = unpacked_shape(error)
    if name is None:
        return NUMPY_VALUE_ERROR
    return (
        f"this ValueError comes from unpacking {name}.shape, not from a check "
        "of yours: look at a.ndim and b.ndim first, and raise ValueError with "
        "a message naming both shapes."
    )


# The one cause of every failure to refuse an operand of the wrong ndim,
# whatever the operand and whatever then went wrong.
NDIM_CHECK = (
    "check a.ndim and b.ndim first: an operand that is not 1-D or 2-D (a "
    "single number, a 3-D array) must raise ValueError with a message naming "
    "both shapes."
)


def foreign_mistake(error, check):
    """The mistake behind a ValueError without both shapes that no `raise`
    of the learner's raised: `check`, the check missing, if given, except
    where the learner's code unpacked a.shape or b.shape itself, which the
    tests of vectors and of mismatched sizes name as such (see
    `foreign_value_error`), and which reads alike here."""
    if check is None or unpacked_shape(error) in ("a", "b"):
        return foreign_value_error(error)
    return check


def expect_value_error(a, b, why, check=None):
    """Fail unless the learner's dot(a, b) raises a ValueError naming both
    shapes, because `why`. `check` names the check missing wherever the
    error, or no error, did not come from a check of the learner's."""
    call = describe_call("dot", (a, b), {})
    try:
        result = learner.dot(a, b)
    except ValueError as error:
        wanted = shapes_wanted(str(error).replace(" ", ""), a, b)
        if wanted is not None:
            fail(
                "The ValueError must name both shapes, as Python prints them.",
                call=call,
                expected=wanted,
                actual=repr(str(error)),
                mistake=shown_reshaped(str(error), a, b)
                if raised_by_learner(error)
                else foreign_mistake(error, check),
                raised=error,
            )
        return
    except PASS_THROUGH:
        raise
    except Exception as error:
        fail(
            f"dot must raise ValueError when {why}.",
            call=call,
            expected="ValueError",
            actual=f"{type(error).__name__}: {error}",
            mistake=wrong_exception_raised(error)
            or code_mistake(error)
            # An assert is a check already: what it raises is what is wrong.
            or (None if isinstance(error, AssertionError) else check)
            or shape_index_mistake(error, a, b)
            or "check the shapes first and raise ValueError yourself.",
            raised=error,
        )
    fail(
        f"dot must raise ValueError when {why}.",
        call=call,
        expected="ValueError",
        actual=f"returned {short(result)}",
        mistake=check or "check the shapes first, before multiplying anything.",
    )


# Said of the first sizes however they were read: len(a) or a.shape[0].
LEN_CHECK = (
    "the check compares the first axes of a and b (len(a) or a.shape[0] "
    "with len(b) or b.shape[0]): for a 2-D a the first axis is its number "
    "of rows. Compare a.shape[-1], a's last size, with b.shape[0]."
)
# Sizes that fit, (3, 2) @ (2, 3), with len(a) != len(b).
LEN_PROBE = (np.ones((3, 2)), np.ones((2, 3)))


def len_check(a, b):
    """LEN_CHECK where a is 2-D with as many rows as b, which a check of
    len(a) against len(b) lets through, and the learner's dot refuses
    LEN_PROBE, whose sizes fit but whose lengths differ; else None."""
    if a.ndim != 2 or len(a) != len(b):
        return None
    return LEN_CHECK if refuses_len_probe() else None


def refuses_len_probe():
    """Whether the learner's dot raises ValueError for LEN_PROBE."""
    try:
        with quietly():
            learner.dot(*LEN_PROBE)
    except ValueError:
        return True
    except PASS_THROUGH:
        raise
    except Exception:
        return False
    return False


@settings(max_examples=examples(12))
@given(sizes, sizes, sizes, st.integers(1, 3))
@example(2, 3, 4, 1)
@example(3, 2, 3, 1)
@example(1, 2, 1, 1)
def test_mismatched_inner_sizes_raise_value_error(n, k, m, extra):
    a = np.ones((n, k))
    b = np.ones((k + extra, m))
    check = len_check(a, b)
    expect_value_error(a, b, "a's last size differs from b's first size", check)
    expect_value_error(a, b[:, 0], "a's last size differs from b's first size", check)
    expect_value_error(a[0], b, "a's last size differs from b's first size")
    expect_value_error(a[0], b[:, 0], "a's last size differs from b's first size")


@pytest.mark.parametrize(
    "a, b",
    [
        (np.float64(2.0), np.ones(1)),
        (np.ones(2), np.float64(3.0)),
        (np.ones((2, 2, 2)), np.ones((2, 2))),
        (np.ones((2, 2)), np.ones((2, 2, 2))),
    ],
    ids=["scalar-left", "scalar-right", "3d-left", "3d-right"],
)
def test_operands_that_are_not_1d_or_2d_raise_value_error(a, b):
    expect_value_error(a, b, "an operand is not 1-D or 2-D", NDIM_CHECK)

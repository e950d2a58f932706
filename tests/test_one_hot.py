"""Exercise 4: one_hot(labels, num_classes), labels into rows of 0s and a 1."""

import ast

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests import reference
from tests.harness import (
    Exercise,
    describe_call,
    learner_defs,
    modified_by,
    quietly,
    short,
)
from tests.judge import (
    PASS_THROUGH,
    as_array,
    code_mistake,
    expect_close,
    expect_not_a_list,
    fail,
    named_mistake,
    variant,
    when_shown,
    wrong_exception_raised,
)
from tests.strategies import examples

learner = Exercise("one_hot")

# Every entry is exactly 0.0 or 1.0, whatever the method: no tolerance.
EXACT = 0.0
# Written into a result to see whether it reaches the next one.
SCRIBBLE = 7.0

# Each test runs its pinned examples, then this many generated ones: the
# pins hold the inputs that must be tried, the rest explore around them.
FEW = examples(10)

class_counts = st.integers(min_value=1, max_value=6)


@st.composite
def labelled_batches(draw):
    """Valid labels, as a list or an int array, and the number of classes."""
    num_classes = draw(class_counts)
    labels = draw(st.lists(st.integers(0, num_classes - 1), min_size=1, max_size=6))
    if draw(st.booleans()):
        labels = np.array(labels)
    return labels, num_classes


LARGEST_LABEL = (
    "the width must be num_classes, not labels.max() + 1: a batch need not "
    "hold every class."
)
SAMPLE_COUNT = (
    "the width must be num_classes, not len(labels): N samples and C "
    "classes are different sizes."
)
ONE_TOO_MANY = (
    "one column too many: the width is num_classes + 1, but labels 0 to "
    "num_classes - 1 need only num_classes columns, np.zeros((N, num_classes))."
)
ONE_TOO_FEW = (
    "one column too few: the width is num_classes - 1, but labels 0 to "
    "num_classes - 1 need num_classes columns, np.zeros((N, num_classes))."
)
# How a wrong width may be worked out from the arguments.
WIDTH_RULES = (
    (LARGEST_LABEL, lambda labels, num_classes: max(labels) + 1),
    (SAMPLE_COUNT, lambda labels, num_classes: len(labels)),
    (ONE_TOO_MANY, lambda labels, num_classes: num_classes + 1),
    (ONE_TOO_FEW, lambda labels, num_classes: num_classes - 1),
)
# Calls that show what the learner's width follows: the first two differ
# in num_classes alone, the last in the labels alone. On these, every rule
# above, the number of distinct labels and a width written into the code
# each give other widths, and none of them raises but a width of 3 or less
# written into the code.
WIDTH_PROBES = (([0, 1], 5), ([0, 1], 6), ([0, 1, 3, 3, 3], 6))


def probed_widths():
    """The width of what the learner's one_hot returns for each of
    `WIDTH_PROBES`, None where it raises or returns no 2-D array."""
    widths = []
    for labels, num_classes in WIDTH_PROBES:
        try:
            with quietly():
                shape = np.shape(learner.one_hot(labels, num_classes))
        except Exception:
            shape = ()
        widths.append(shape[1] if len(shape) == 2 else None)
    return widths


def width_mistakes(labels, num_classes, actual):
    """The width mistakes, with their results, that the learner's one_hot
    makes on `WIDTH_PROBES` too, where its result `actual` is 2-D but not
    num_classes wide; else none. A width is fixed when it stays the same
    for another num_classes and other labels (or a larger label raises)."""
    if np.ndim(actual) != 2 or np.shape(actual)[1] == num_classes:
        return []
    widths = probed_widths()
    found = [
        (text, variant(lambda rule=rule: np.eye(rule(labels, num_classes))[labels]))
        for text, rule in WIDTH_RULES
        if widths == [rule(*probe) for probe in WIDTH_PROBES]
    ]
    width = widths[0]
    if width is not None and widths[1] == width and widths[2] in (None, width):
        found.append(
            (
                f"the width is fixed at {width}: it must be num_classes, "
                "whatever the labels.",
                variant(lambda: np.eye(width)[labels]),
            )
        )
    return found


TRANSPOSED_ROWS = (
    "the result is transposed: row n is sample n, and column labels[n] of "
    "it holds the 1."
)


@when_shown
def mistakes(labels, num_classes, actual):
    """What the common wrong answers give for one_hot(labels, num_classes),
    where the learner's one_hot returned the array `actual`."""
    labels = np.asarray(labels)
    eye = np.eye(num_classes)
    return [
        (
            TRANSPOSED_ROWS,
            variant(lambda: eye[labels].T),
        ),
        (
            "the 1 is one column to the left: labels start at 0, so class 0 "
            "goes in column 0 (no labels[n] - 1).",
            variant(lambda: eye[labels.astype(int) - 1]),
        ),
        (
            "every label's column was set in every row (out[:, labels] = 1, or "
            "out[n, labels] = 1 in a loop over the rows n): pair each row with "
            "its own label, out[np.arange(N), labels] = 1.",
            variant(lambda: every_label_in_every_row(labels, num_classes)),
        ),
        (
            "out[labels] = 1 picks rows by the labels and fills each with "
            "ones: index the row of each sample and the column of its label, "
            "out[np.arange(N), labels] = 1.",
            variant(lambda: rows_of_the_labels(labels, num_classes)),
        ),
        (
            "a single label must still give a 2-D result of shape (1, C): "
            "do not squeeze or flatten it.",
            variant(lambda: eye[labels].reshape(-1)),
        ),
        (ONE_SHORT, variant(lambda: last_row_left(eye[labels]))),
        (NARROWED, variant(lambda: eye[labels.astype(np.uint8)])),
        (NARROWED, variant(lambda: eye[labels.astype(np.int8)])),
    ] + width_mistakes(labels, num_classes, actual)


NARROWED = (
    "the labels were cast to a one-byte integer type (uint8 holds 0 to 255, "
    "int8 -128 to 127), so larger labels wrap around and land in the wrong "
    "column: keep their own integer type, or cast to int."
)

ONE_SHORT = (
    "the loop over the rows stops one short: range(len(labels) - 1) leaves "
    "out the last label, and its row stays all zeros. Loop over "
    "range(len(labels)), every row."
)


def last_row_left(rows):
    """`rows` with the last one all zeros, as a loop that stops one short
    leaves it."""
    rows = rows.copy()
    rows[-1] = 0.0
    return rows


def every_label_in_every_row(labels, num_classes):
    """What out[:, labels] = 1 gives: each row holds a 1 in the column of
    every label of the batch."""
    row = np.isin(np.arange(num_classes), labels).astype(np.float64)
    return np.tile(row, (len(labels), 1))


def rows_of_the_labels(labels, num_classes):
    """What out[labels] = 1 gives: the rows numbered by the labels are all
    ones, the others all zeros. NumPy raises IndexError for a label >= N."""
    out = np.zeros((len(labels), num_classes))
    out[labels.astype(int)] = 1.0
    return out


# Inputs on which the usual causes of an IndexError return instead: labels
# below N (rows indexed by the labels), and fewer samples than classes
# (a (C, N) array filled at [n, labels[n]]). The first answer a mistake
# explains names the cause.
INDEX_PROBES = (([0, 0, 1], 3), ([1, 0], 3))


def index_mistake(error):
    """The mistake behind an IndexError of the learner's one_hot, told from
    what it returns for inputs where that mistake does not raise; None when
    unknown."""
    if not isinstance(error, IndexError):
        return None
    for labels, num_classes in INDEX_PROBES:
        try:
            with quietly():
                actual = np.asarray(
                    learner.one_hot(labels, num_classes), dtype=np.float64
                )
        except Exception:
            continue
        expected = reference.one_hot(labels, num_classes)
        found = shape_or_value_mistake(actual, expected, labels, num_classes)
        if found is not None:
            return found
    return None


DISTINCT_WIDTH = (
    "the width must be num_classes, not the number of distinct labels "
    "(len(set(labels)), np.unique): a batch need not hold every class."
)
# Labels that are all 1: one distinct label, where every other width a
# learner might take from the labels or write into the code is 2 or more.
# A result 1 wide, or an IndexError (column 1 of a result 1 wide), is
# what a width from the distinct labels gives.
DISTINCT_PROBE = ([1, 1, 1, 1, 1, 1], 7)


def distinct_width_mistake(actual, labels, num_classes):
    """DISTINCT_WIDTH where `actual` has a row per label and as many
    columns as there are distinct labels, not num_classes, and the
    learner's one_hot sizes its result so on `DISTINCT_PROBE` too (other
    widths may agree with it on these labels); else None."""
    width = np.unique(np.asarray(labels)).size
    if width == num_classes or actual.shape != (len(labels), width):
        return None
    try:
        with quietly():
            probe = np.asarray(learner.one_hot(*DISTINCT_PROBE))
    except IndexError:
        return DISTINCT_WIDTH
    except Exception:
        return None
    return DISTINCT_WIDTH if probe.shape == (len(DISTINCT_PROBE[0]), 1) else None


def shape_or_value_mistake(actual, expected, labels, num_classes):
    """The mistake named for `actual` as check names it: by its shape when
    that is wrong (see expect_shape), else by its values."""
    known = mistakes(labels, num_classes, actual)
    if actual.shape != expected.shape:
        distinct = distinct_width_mistake(actual, labels, num_classes)
        if distinct is not None:
            return distinct
        transposed = actual.shape == expected.shape[::-1]
        return named_mistake(known, actual) or (TRANSPOSED_ROWS if transposed else None)
    return named_mistake(known, actual, expected)


def call_one_hot(labels, num_classes):
    """The learner's one_hot(labels, num_classes); an IndexError it raises
    carries the mistake behind it, when known."""
    try:
        return learner.one_hot(labels, num_classes)
    except IndexError as error:
        error.kata_mistake = index_mistake(error)
        raise


def expect_float64(value, call):
    """Fail unless the result is a NumPy array (or, where allowed, a number)
    of float64 numbers."""
    expect_not_a_list(value, call)
    dtype = as_array(value, call, "an array").dtype
    if dtype == np.float64:
        return
    if dtype.kind == "b":
        mistake = "a comparison (==) gives booleans: convert with .astype(np.float64)."
    elif dtype.kind in "iu":
        mistake = "np.zeros((N, C), dtype=int) or an int array: use floats."
    else:
        mistake = f"{dtype} is not float64: use np.zeros((N, C)), float64."
    fail(
        "The result must be an array of float64 numbers.",
        call=call,
        expected="float64",
        actual=str(dtype),
        mistake=mistake,
    )


def check(labels, num_classes):
    """Fail unless the learner's one_hot(labels, num_classes) is right;
    return it."""
    call = describe_call("one_hot", (labels, num_classes), {})
    result = call_one_hot(labels, num_classes)
    expected = reference.one_hot(labels, num_classes)
    if right_but_for_dtype(result, expected):
        expect_float64(result, call)
    # Wrong values as well are the bigger mistake, and the one to name:
    # a block of failures that names the dtype holds no wrong values.
    expect_not_a_list(result, call)
    returned = as_array(result, call, "an array")
    distinct = distinct_width_mistake(returned, labels, num_classes)
    if distinct is not None:
        fail(
            "The result has the wrong shape.",
            call=call,
            expected=str(expected.shape),
            actual=str(returned.shape),
            mistake=distinct,
        )
    expect_close(
        result,
        expected,
        call,
        rtol=EXACT,
        atol=EXACT,
        mistakes=mistakes(labels, num_classes, returned),
        what="Row n must be all zeros but for a 1.0 in column labels[n].",
        transposed=TRANSPOSED_ROWS,
    )
    expect_float64(result, call)
    return result


def right_but_for_dtype(result, expected):
    """Whether `result` holds `expected`'s numbers in its shape, whatever
    its dtype (a list's too)."""
    try:
        values = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return values.shape == expected.shape and np.array_equal(values, expected)


NO_CHECK = (
    "check the labels first and raise ValueError yourself: NumPy's own "
    "exception is not the one promised."
)


def expect_value_error(
    labels, num_classes, why, mistake, checked_mistake=None, explain=None
):
    """Fail unless one_hot(labels, num_classes) raises ValueError.

    `mistake` explains a result returned, unless `explain(result)` names
    one; an exception other than ValueError is put down to a missing check,
    or to `checked_mistake` when the learner's code does raise ValueError
    for a label far out of range, or when it is `mistake` itself (a
    mistake in a check the caller has found, in the source or by probing).
    """
    call = describe_call("one_hot", (labels, num_classes), {})
    try:
        result = learner.one_hot(labels, num_classes)
    except ValueError as error:
        # Refused, but the caller's labels must be as they were all the same.
        if modified_by(error) is not None:
            raise modified_by(error) from None
        return
    except PASS_THROUGH:
        # Not started, not loadable, or an argument modified: each has its
        # own message.
        raise
    except Exception as error:
        checks = checked_mistake is not None and (
            checked_mistake == mistake
            or raises_value_error([0, num_classes + 10], num_classes)
        )
        fail(
            f"one_hot must raise ValueError when {why}.",
            call=call,
            expected="ValueError",
            actual=f"{type(error).__name__}: {error}",
            mistake=wrong_exception_raised(error)
            or code_mistake(error)
            or (checked_mistake if checks else NO_CHECK),
            raised=error,
        )
    returned = as_array(result, call, "an array")
    fail(
        f"one_hot must raise ValueError when {why}.",
        call=call,
        expected="ValueError",
        actual=returned_text(returned),
        mistake=(explain and explain(returned)) or mistake,
    )


# Up to this many numbers a result is shown whole, so that a label wrapped
# around or moved into range shows as the 1 it put in some column.
SHOWN_WHOLE = 30


def returned_text(returned):
    """What one_hot returned, for a message: its values when it is small,
    else its shape."""
    if returned.size <= SHOWN_WHOLE:
        return f"returned {short(returned)}"
    return f"returned {returned.shape} array"


def test_one_hot_gives_the_docstring_example():
    check([2, 0], 3)


@settings(max_examples=FEW)
@given(labelled_batches())
@example(([0, 1, 1], 4))
@example(([2, 0], 5))
@example(([3, 1, 0, 2, 1], 4))
@example(([1, 0, 2], 3))
@example(([2, 2, 0], 3))
@example((np.array([2]), 3))
@example(([0], 1))
@example((np.array([1, 0, 1, 1]), 2))
def test_one_hot_puts_one_1_per_row_in_the_labelled_column(case):
    check(*case)


def test_one_hot_takes_labels_of_hundreds_of_classes():
    check([299, 0, 256], 300)


@pytest.mark.parametrize(
    "labels",
    [
        [1, 0, 1],
        np.array([1, 0, 1]),
        np.array([1, 0, 1], dtype=np.int32),
        np.array([1, 0, 1], dtype=np.uint8),
    ],
    ids=["list", "int64", "int32", "uint8"],
)
def test_one_hot_accepts_lists_and_integer_arrays(labels):
    check(labels, 4)


def raises_value_error(labels, num_classes):
    """Whether the learner's one_hot raises ValueError for these labels."""
    try:
        learner.one_hot(labels, num_classes)
    except ValueError:
        return True
    except PASS_THROUGH:
        raise
    except Exception:
        return False
    return False


# The reductions of an array to one bool: labels.any(), np.all(labels).
REDUCTIONS = ("any", "all")
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def is_reduction(node):
    """Whether an expression reduces a whole array to one bool:
    labels.any(), np.any(labels), all(labels), ..."""
    if not isinstance(node, ast.Call):
        return False
    name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
    if name not in REDUCTIONS:
        return False
    method = isinstance(node.func, ast.Attribute) and not node.args
    # np.any(labels) reduces; np.any(labels < 0) compares first, as meant.
    called = len(node.args) == 1 and not isinstance(node.args[0], ast.Compare)
    return method or called


def reduced_first():
    """The first comparison in the learner's one_hot of an array reduced
    to one bool with a bound, and that reduction, as written:
    ("labels.any() < 0", "labels.any()"); else None."""
    text, defined = learner_defs("one_hot", "one_hot")
    if not defined:
        return None
    for node in ast.walk(defined[-1]):
        if not isinstance(node, ast.Compare):
            continue
        if not any(isinstance(op, ORDERING) for op in node.ops):
            continue
        for side in [node.left, *node.comparators]:
            if is_reduction(side):
                segment = ast.get_source_segment
                return segment(text, node), segment(text, side)
    return None


def reduced_mistake(compared, reduced):
    """The mistake of a range check that reduces before it compares,
    `compared` as written (labels.any() < 0), `reduced` its reduction."""
    return (
        f"the check is there, but {compared} compares one bool with a bound: "
        f"{reduced} is a single True or False for the whole array, not the "
        "labels, so the check cannot see a label out of range. Compare "
        "first, then reduce: (labels < 0).any(), np.any(labels >= "
        "num_classes)."
    )


def expect_range_error(labels, num_classes):
    """Fail unless a label outside [0, num_classes) raises ValueError."""
    checked_mistake = None
    compared = reduced_first()
    if compared is not None:
        mistake = checked_mistake = reduced_mistake(*compared)
    elif min(labels) < 0:
        mistake = (
            "-1 is not the last class: NumPy's negative indexing wraps "
            "negative labels around to the end. Check labels >= 0 yourself."
        )
    else:
        mistake = (
            "labels run from 0 to num_classes - 1: a label equal to "
            "num_classes or above is too big; check labels < num_classes "
            "yourself (and watch for > where >= was needed)."
        )
        if num_classes in labels:
            checked_mistake = (
                f"the range check is off by one: it lets {num_classes} "
                "through, though labels run from 0 to num_classes - 1. "
                "Reject labels >= num_classes, not > num_classes."
            )
    expect_value_error(
        labels,
        num_classes,
        "a label lies outside [0, num_classes)",
        mistake,
        checked_mistake,
        lambda result: (
            clip_mistake(result, labels, num_classes)
            or unreached_mistake(labels, num_classes)
        ),
    )


def unreached_mistake(labels, num_classes):
    """The mistake of a range check that does not reach every label, where
    the learner's one_hot refuses the first bad label of `labels` given
    alone, though not where it stands; else None."""
    values = np.asarray(labels)
    bad = np.flatnonzero((values < 0) | (values >= num_classes))
    if len(values) < 2 or not len(bad):
        return None
    place, label = int(bad[0]), values[bad[0]].item()
    if not raises_value_error([label], num_classes):
        return None
    return (
        f"the range check does not reach every label: {label} alone is "
        f"refused, but at index {place} of {len(values)} labels it slips "
        "through. Check the whole array at once, np.any((labels < 0) | "
        "(labels >= num_classes)), or loop over every label (range(len("
        "labels)), not range(num_classes) or a slice)."
    )


CLIPPED = (
    "the labels were moved into range (np.clip, or min and max): a label "
    "outside [0, num_classes) is an error in the data, and one_hot must "
    "refuse it with ValueError, not count it as the nearest class."
)
# Labels out of range on both sides, where clipping them gives what no
# other way of keeping them does: -1 wraps to the last class, and a
# modulo sends -1 and 5 elsewhere.
CLIP_PROBE = ([1, -1, 5], 3)


def clipped(labels, num_classes):
    """What one_hot gives for labels clipped into [0, num_classes)."""
    clip = np.clip(np.asarray(labels), 0, num_classes - 1).astype(int)
    return np.eye(num_classes)[clip]


def clip_mistake(result, labels, num_classes):
    """CLIPPED where `result`, returned for labels out of range, is what
    clipping them gives, and the learner's one_hot clips the labels of
    `CLIP_PROBE` too (some other way of keeping a label may agree with
    clipping on this input); else None."""
    if not np.array_equal(result, clipped(labels, num_classes)):
        return None
    try:
        with quietly():
            probe = np.asarray(learner.one_hot(*CLIP_PROBE), dtype=np.float64)
    except Exception:
        return None
    return CLIPPED if np.array_equal(probe, clipped(*CLIP_PROBE)) else None


@pytest.mark.parametrize(
    "labels, num_classes",
    [([0, -1], 3), ([0, 3], 3), ([1, 9, 0], 4), (np.array([-2]), 2)],
    ids=["minus-one", "num-classes", "far-too-big", "negative-array"],
)
def test_one_hot_rejects_labels_outside_the_classes(labels, num_classes):
    expect_range_error(labels, num_classes)


@st.composite
def one_bad_label(draw):
    """Valid labels but for one, which is too big or negative."""
    labels, num_classes = draw(labelled_batches())
    labels = list(labels)
    bad = draw(st.integers(num_classes, num_classes + 3) | st.integers(-3, -1))
    labels.insert(draw(st.integers(0, len(labels))), bad)
    return labels, num_classes


@settings(max_examples=FEW)
@given(one_bad_label())
@example(([0, 1, 2, -1], 3))
@example(([4, 0], 4))
def test_one_hot_rejects_a_bad_label_wherever_it_is(case):
    expect_range_error(*case)


@pytest.mark.parametrize(
    "labels, num_classes",
    [([1.5], 3), ([0, 2.5, 1], 4), (np.array([0.5, 1.0]), 2)],
    ids=["one-and-a-half", "among-whole-numbers", "float-array"],
)
def test_one_hot_rejects_labels_that_are_not_whole_numbers(labels, num_classes):
    fraction = next(label for label in labels if label % 1)
    expect_value_error(
        labels,
        num_classes,
        "a label is not a whole number",
        f"{fraction} was rounded or cut to a whole number (int() and "
        ".astype(int) do that): check that every label % 1 == 0 first.",
    )


# No check is quoted: the learner's may be any comparison, or only one.
NAN_SLIPS_THROUGH = (
    "NaN (not a number) is no whole number, yet every <, <=, > or >= with "
    "NaN is False, so a check by such comparisons lets it through. Check "
    "that labels % 1 == 0, which NaN fails."
)


MADE_INTS_FIRST = (
    "the labels were made ints (.astype(int), int()) before they were "
    "checked: NaN (not a number) has no int to become, and turns into an "
    "arbitrary one (the most negative int64 on most machines, 0 on some), as "
    "1.5 turns into 1. Check that labels % 1 == 0 on the labels as given, "
    "which NaN fails, and only then convert them."
)


CUT_UNCHECKED = (
    "the labels were made ints (.astype(int), int()) with no check that "
    "they are whole numbers: the range check comes first, but every <, <=, "
    "> or >= with NaN (not a number) is False, so NaN passes it and then "
    "turns into an arbitrary int, as 1.5 turns into 1. Check that labels "
    "% 1 == 0 (which NaN fails) before converting them."
)
# A label below 0 that its int, 0, is not: refused only by a range check
# of the labels as given, before they are made ints.
BELOW_ZERO = ([-0.5], 3)


NAN_UNCHECKED = (
    "nothing checks the labels: NaN (not a number) is no whole number, and "
    "one_hot must refuse it with ValueError. Check that labels % 1 == 0, "
    "which NaN fails, and raise ValueError yourself."
)
# Labels that a check of the labels refuses, whichever it checks: one far
# too big, one below 0, one that is no whole number.
CHECK_PROBES = (([0, 12], 2), ([-1], 2), ([0.5], 2))


def checks_labels():
    """Whether the learner's one_hot checks its labels at all: it raises
    ValueError for one of `CHECK_PROBES`, or compares a reduction of them
    with a bound (see reduced_first), a check that refuses none."""
    with quietly():
        refused = any(raises_value_error(*probe) for probe in CHECK_PROBES)
    return refused or reduced_first() is not None


def nan_mistake():
    """Where the learner's one_hot checks no label (see checks_labels):
    NAN_UNCHECKED. Else, where it gives the row of class 1 for the label
    1.5 (the labels cut to ints, NaN with them): CUT_UNCHECKED if it
    checks the range of the labels as given (refusing -0.5), else
    MADE_INTS_FIRST. NAN_SLIPS_THROUGH where 1.5 is not cut."""
    if not checks_labels():
        return NAN_UNCHECKED
    try:
        with quietly():
            result = learner.one_hot([1.5], 3)
        cut = np.array_equal(np.asarray(result, dtype=np.float64), [[0, 1, 0]])
    except Exception:
        cut = False
    if not cut:
        return NAN_SLIPS_THROUGH
    with quietly():
        return CUT_UNCHECKED if raises_value_error(*BELOW_ZERO) else MADE_INTS_FIRST


def test_one_hot_rejects_a_label_that_is_not_a_number():
    # A missing value read from a file arrives as NaN among the labels.
    # NaN alone: whole floats beside it (0.0) may be accepted or refused,
    # and a loop that refuses 0.0 by indexing with it would fail before it
    # reached the NaN it does check for.
    # With no check at all, NumPy's exception is put down to the missing
    # check, as for the labels out of range: no check let NaN through.
    mistake = nan_mistake()
    expect_value_error(
        np.array([np.nan]),
        2,
        "a label is not a whole number",
        mistake,
        None if mistake == NAN_UNCHECKED else mistake,
    )


def test_one_hot_returns_a_new_array_every_call():
    # The caller owns the result and may write to it: that must not reach
    # the result of a later call.
    # [0, 1] is a slice of np.eye(3) as it stands, the one order of labels
    # that a view of a kept np.eye can answer without gathering rows.
    for labels in ([1], [2, 0], [0, 1]):
        call = describe_call("one_hot", (labels, 3), {})
        first = as_array(call_one_hot(labels, 3), call, "an array")
        if not first.flags.writeable:
            fail(
                "The array one_hot returns must be the caller's to change, "
                "but it is read-only.",
                call=call,
                mistake="the result was made read-only (setflags(write=False)) "
                "or is a view NumPy protects (np.broadcast_to): build a new, "
                "writable array on every call; np.eye(C)[labels] makes one.",
            )
        first[...] = SCRIBBLE
        second = as_array(call_one_hot(labels, 3), call, "an array")
        if np.any(second == SCRIBBLE):
            fail(
                "Writing to what one_hot returned changed what a later call returns.",
                call=f"{call}, twice, writing {SCRIBBLE} into the first result",
                expected=short(reference.one_hot(labels, 3)),
                actual=short(second),
                mistake="the result is a view of an array kept between calls "
                "(a cached np.eye, say): build a new array on every call; "
                "np.eye(C)[labels] makes one.",
            )


STALE_ROWS = (
    "rows kept from an earlier call on the same array: the labels changed "
    "in place in between, and their id(labels) stayed the same, so one_hot "
    "gave the rows of the labels as they were then. Build the rows afresh "
    "from the values the labels hold at each call."
)


def test_one_hot_follows_labels_changed_in_place_between_calls():
    # A training loop may fill one array with each batch's labels in turn:
    # each call must work from the values the labels hold now, not from
    # rows kept for the same array object.
    labels = np.array([0, 1])
    before = short(labels)
    first = np.array(check(labels, 3), dtype=np.float64)
    labels[:] = [2, 2]
    call = describe_call("one_hot", (labels, 3), {})
    result = call_one_hot(labels, 3)
    expect_close(
        result,
        reference.one_hot(labels, 3),
        call,
        rtol=EXACT,
        atol=EXACT,
        mistakes=[(STALE_ROWS, first)],
        what=f"These labels held {before} at the call before, then were "
        "changed in place: one_hot must give the rows of the values they "
        "hold now.",
    )


def test_one_hot_leaves_its_labels_unchanged():
    # The harness compares the labels before and after the call and fails
    # the test if they changed.
    call_one_hot(np.array([2, 0, 1, 1]), 3)


BUFFER_REFILLED = (
    "one array is kept between calls and filled again by each one, so every "
    "result of one shape is that same array: build a new array on every "
    "call, np.zeros((N, C)) inside the function or np.eye(C)[labels]."
)


def test_one_hot_leaves_an_earlier_result_as_it_was():
    # The caller may hold several results at once (the targets of two
    # batches, say): a later call must not change an earlier one.
    call = describe_call("one_hot", ([2, 0], 3), {})
    first = as_array(call_one_hot([2, 0], 3), call, "an array")
    kept = first.copy()
    later = describe_call("one_hot", ([1, 1], 3), {})
    call_one_hot([1, 1], 3)
    if not np.array_equal(first, kept):
        fail(
            "A later call of one_hot changed the array an earlier call returned.",
            call=f"{call}, then {later}",
            expected=short(kept),
            actual=short(first),
            mistake=BUFFER_REFILLED,
        )

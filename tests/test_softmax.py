"""Exercise 3: softmax(x), scores into probabilities along the last axis."""

import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests import reference
from tests.harness import (
    Exercise,
    contrast,
    describe_call,
    learner_code,
    quietly,
    short,
)
from tests.judge import (
    FLOAT_TROUBLE,
    MATCH_ATOL,
    MATCH_RTOL,
    as_array,
    expect_close,
    expect_not_a_list,
    expect_shape,
    fail,
    named_mistake,
    strict_floats,
    variant,
    when_shown,
)
from tests.strategies import examples, float_arrays, shapes

learner = Exercise("softmax")

# Scores up to 30 in size keep every probability above exp(-60), about
# 1e-26: well inside float64, so every correct formula (shift by the
# maximum, log-sum-exp, loops) agrees with the trusted one to about 1e-15.
SCORE_BOUND = 30.0
RTOL = 1e-9
ATOL = 1e-12

# A slice holds at most five probabilities, each rounded to about 1e-16.
SUM_ATOL = 1e-12

# Shifts of this size turn a score like 1.2345 into 1001.2345, which float64
# holds to about 1e-13: softmax of the shifted scores differs by far less
# than RTOL. A formula without the max-shift overflows on them.
SHIFT_BOUND = 1000.0

# Rows apart by thousands: with the maximum of the whole array subtracted,
# every exp of a low row underflows to 0 and the row becomes 0 / 0.
HUGE_BOUND = 1e4

# Each test runs its pinned examples, then this many generated ones: the
# pins hold the inputs that must be tried, the rest explore around them.
FEW = examples(10)

scores = float_arrays(shapes(min_dims=1, max_dims=3), bound=SCORE_BOUND)

NO_SHIFT = (
    "the scores were not shifted: exp(1000) overflows to inf, and in a row "
    "like [-1000, -1001] every exp rounds to 0, giving 0 / 0. Subtract each "
    "slice's maximum, x.max(axis=-1, keepdims=True), before exp: softmax "
    "does not change when a slice is shifted, and then the largest exp "
    "is exp(0) = 1."
)
GLOBAL_SHIFT = (
    "the maximum of the whole array (x.max()) was subtracted: for a row far "
    "below the others every exp underflows to 0, and 0 / 0 is nan. Subtract "
    "each row's own maximum, x.max(axis=-1, keepdims=True)."
)
MAX_LOST_AXIS = (
    "the maxima lost their axis: x - x.max(axis=-1) lines the maxima, one "
    "per row, up with the columns: row j's maximum is subtracted from column "
    "j, and where rows and columns differ in number the shapes do not "
    "broadcast at all. Pass keepdims=True to the max."
)
MEAN_SHIFT = (
    "each slice was shifted by its mean, not its maximum: in a slice like "
    "[-7000, 2] the largest score is still thousands above the mean, and "
    "its exp overflows. Subtract x.max(axis=-1, keepdims=True): then the "
    "largest exp is exp(0) = 1."
)
STALE_RESULT = (
    "a result kept from the call before on the same array: x changed in "
    "place in between, and its id(x) stayed the same. Compute softmax "
    "afresh from the values x holds at each call."
)
REUSED_BUFFER = (
    "the result is written into an array kept between calls (one per "
    "shape, filled with out=, say): the next call of that shape refills the "
    "array the caller still holds. Return a new array at each call."
)

BOTH_LOST_AXES = (
    "the maxima and the sums lost their axis: x.max(axis=-1) and "
    "e.sum(axis=-1) each give row j's value to column j, and where rows and "
    "columns differ in number the shapes do not broadcast at all. Pass "
    "keepdims=True to both."
)
MIN_SHIFT = (
    "each slice was shifted by its minimum, not its maximum: the largest "
    "score is then as far above 0 as the slice is wide, and its exp "
    "overflows. Subtract x.max(axis=-1, keepdims=True): then the largest "
    "exp is exp(0) = 1."
)
MAX_ADDED = (
    "the maximum was added, not subtracted: x + max puts the largest score "
    "twice as far from 0, and its exp overflows (or, in a row of large "
    "negative scores, every exp rounds to 0, giving 0 / 0). Subtract it: "
    "x - x.max(axis=-1, keepdims=True), so that the largest exp is "
    "exp(0) = 1."
)
FIRST_SHIFT = (
    "each slice was shifted by its first score, not its maximum: where a "
    "later score is far above the first, its exp still overflows. Subtract "
    "x.max(axis=-1, keepdims=True): then the largest exp is exp(0) = 1."
)
LAST_SHIFT = (
    "each slice was shifted by its last score, not its maximum: where an "
    "earlier score is far above the last, its exp still overflows. Subtract "
    "x.max(axis=-1, keepdims=True): then the largest exp is exp(0) = 1."
)
SHIFT_WHEN_LARGE = (
    "the scores were shifted only when some were large (an `if` on the "
    "maximum): a slice of large negative scores is left as it is, every exp "
    "rounds to 0, and 0 / 0 is nan. Shift every time: subtracting "
    "x.max(axis=-1, keepdims=True) never changes the result, and then the "
    "largest exp is exp(0) = 1."
)
NAN_ZEROED = (
    "the scores were not shifted, and the nan that follows was turned into "
    "0 (np.nan_to_num, or a test for nan): exp(1000) is inf and exp(-1000) "
    "is 0, so a slice of them gives inf / inf or 0 / 0, which is nan. Hide "
    "nothing: subtract each slice's maximum, x.max(axis=-1, keepdims=True), "
    "before exp; then the largest exp is exp(0) = 1."
)
SIGMOID = (
    "the sigmoid of each score, 1 / (1 + exp(-x)), which looks at every "
    "score on its own: softmax divides exp(x) by the sum of exp(x) over "
    "the slice, so that the slice sums to 1."
)
AXIS_0 = (
    "normalized along axis 0 (down the columns): each slice along the "
    "last axis, a row of a batch, must sum to 1. Use axis=-1."
)
AXIS_1 = (
    "normalized along axis 1, which is the last axis only for 2-D "
    "input. axis=-1 is the last axis for any number of axes."
)
MAX_AXIS_1 = (
    "the maximum was taken along axis 1, which is the last axis only for "
    "2-D input: with more axes each slice was shifted by another slice's "
    "maximum. Use x.max(axis=-1, keepdims=True)."
)
OWN_INT_TYPE = (
    "x was shifted in its own small int type, where x - max wraps around "
    "at the ends of the type's range (-128 - 127 is 1 in int8, 1 - 2 is 255 "
    "in uint8): convert x first, with np.asarray(x, dtype=np.float64)."
)
MAX_DIVIDED = (
    "the max was divided by, not subtracted: x / x.max(axis=-1, "
    "keepdims=True) changes each slice's softmax, and a slice whose maximum "
    "is 0 becomes 0 / 0, nan. Subtract it instead, x - x.max(axis=-1, "
    "keepdims=True): softmax does not change when a slice is shifted."
)
MAX_AXIS_0 = (
    "the maximum was taken along axis 0, down the batch: each slice must be "
    "shifted by its own maximum, x.max(axis=-1, keepdims=True)."
)
ABS_SHIFT = (
    "each slice was shifted by its largest score in size, "
    "np.abs(x).max(axis=-1, keepdims=True), not by its largest score: in a "
    "slice of large negative scores, [-1000, -1001] say, that shift lies "
    "far above every score, every exp underflows to 0, and 0 / 0 is nan. "
    "Subtract each slice's own maximum, x.max(axis=-1, keepdims=True)."
)
MISPLACED = (
    "the right probabilities in the wrong places: a reshape or transpose "
    "put the slices back in another order. Give the result back x's shape "
    "with the axes in their order (result.reshape(x.shape))."
)


def normalized(e, axis=-1):
    """e divided by its sums along `axis` (None: the sum of everything)."""
    return e / e.sum(axis=axis, keepdims=True)


SUMS_LOST_AXIS = (
    "the sums lost their axis: e / e.sum(axis=-1), or a sum with "
    "keepdims=True then transposed (.T), divides column j by the sum of row "
    "j, and where rows and columns differ in number the shapes do not "
    "broadcast at all. Divide by e.sum(axis=-1, keepdims=True) as it is, "
    "one sum per row."
)


def normalized_without_keepdims(e):
    """e divided by its sums along the last axis with that axis dropped:
    column j over the sum of row j."""
    return e / e.sum(axis=-1)


def shifted_along(x, axis):
    """Softmax over the last axis with the maxima taken along `axis`."""
    return normalized(np.exp(x - x.max(axis=axis, keepdims=True)))


def shifted_by_size(x):
    """Softmax over the last axis with each slice shifted by its largest
    absolute value: the maximum when it is positive, else far above it."""
    return normalized(np.exp(x - np.abs(x).max(axis=-1, keepdims=True)))


def softmax_along(x, axis):
    """Softmax with the sums along `axis` (None: over the whole array)."""
    return normalized(np.exp(x - x.max(axis=axis, keepdims=True)), axis)


def mistakes(x):
    """What the common wrong answers give for softmax(x).

    A wrong axis gives different numbers depending on which maximum was
    subtracted first, so some mistakes are listed with both results.
    """
    raw = np.asarray(x)
    small_int = raw.dtype.kind in "iu" and raw.dtype.itemsize < 8
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    axis_0 = AXIS_0
    whole = (
        "divided by the sum of the whole array: each slice must be divided "
        "by its own sum, e.sum(axis=-1, keepdims=True)."
    )
    lost_sums = SUMS_LOST_AXIS
    # A 1-D x has one axis: keepdims changes nothing there, and axis 1 is
    # not there to be taken.
    lost_axes = x.ndim >= 2
    return [
        (axis_0, variant(softmax_along, x, 0)),
        (axis_0, variant(normalized, e, 0)),
        (AXIS_1, variant(softmax_along, x, 1)),
        (whole, variant(softmax_along, x, None)),
        (whole, variant(normalized, e, None)),
        (lost_sums, variant(normalized_without_keepdims, e) if lost_axes else None),
        # Without the max-shift as well: the shift cancels out of every
        # other formula here, but not out of this one, where each column
        # is divided by another row's sum. Both mistakes at once are then
        # still named (the overflow tests name the missing shift).
        (
            lost_sums,
            variant(lambda: normalized_without_keepdims(np.exp(x)))
            if lost_axes
            else None,
        ),
        (
            MAX_LOST_AXIS,
            variant(lambda: normalized(np.exp(x - x.max(axis=-1))))
            if lost_axes
            else None,
        ),
        (
            BOTH_LOST_AXES,
            variant(lambda: normalized_without_keepdims(np.exp(x - x.max(axis=-1))))
            if lost_axes
            else None,
        ),
        (MAX_AXIS_1, variant(shifted_along, x, 1) if x.ndim >= 3 else None),
        (MAX_AXIS_0, variant(shifted_along, x, 0) if x.ndim >= 2 else None),
        (
            "exp is missing: softmax is exp(x) divided by the sum of exp(x).",
            variant(normalized, x),
        ),
        (
            "each number was treated as a slice of its own: a 1-D x is one "
            "set of C scores and is normalized as a whole.",
            np.ones_like(x),
        ),
        (NO_SHIFT, variant(lambda: normalized(np.exp(x)))),
        (NAN_ZEROED, variant(lambda: np.nan_to_num(normalized(np.exp(x))))),
        (SIGMOID, variant(sigmoid, x)),
        (MAX_ADDED, variant(added_max, x)),
        (MAX_DIVIDED, variant(divided_by_max, x)),
        (GLOBAL_SHIFT, variant(lambda: normalized(np.exp(x - x.max())))),
        (ABS_SHIFT, variant(shifted_by_size, x)),
        *(
            (
                OWN_INT_TYPE,
                variant(shifted_in_own_type, raw, dtype) if small_int else None,
            )
            for dtype in SHIFTED_INTS_AS
        ),
    ]


def sigmoid(x):
    """The sigmoid of each score, without overflow for any finite x."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def added_max(x):
    """Softmax with each slice's maximum added where it must be subtracted."""
    return normalized(np.exp(x + x.max(axis=-1, keepdims=True)))


# A bound below which a learner may leave the scores unshifted: any bound
# short of exp's overflow, about 709, lets the probes' large scores past.
LARGE_SCORE = 700.0


def shifted_when_large(x):
    """Softmax with the scores shifted by each slice's maximum only where
    some score is above LARGE_SCORE, else left as they are."""
    if x.max() > LARGE_SCORE:
        x = x - x.max(axis=-1, keepdims=True)
    return normalized(np.exp(x))


def divided_by_max(x):
    """Softmax of the scores divided by each slice's maximum, where it must
    be subtracted."""
    return normalized(np.exp(x / x.max(axis=-1, keepdims=True)))


# The float types wrapped-around differences may be turned into: exp of a
# difference that wrapped to 255 overflows in float32 and float16 (255 is
# past their exp's range, about 88 and 11), giving nan where float64 does not.
SHIFTED_INTS_AS = (np.float64, np.float32, np.float16)


def shifted_in_own_type(raw, dtype=np.float64):
    """Softmax of an int array shifted by its maxima in its own type, where
    the differences wrap around, and converted to floats of `dtype` after."""
    shifted = (raw - raw.max(axis=-1, keepdims=True)).astype(dtype)
    return normalized(np.exp(shifted))


def misplaced(x, result):
    """The mistake of putting the right probabilities in the wrong places,
    as a list of one (description, result) pair if `result` is that, else
    an empty list."""
    try:
        actual = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return []
    expected = reference.softmax(x)
    if actual.shape != expected.shape or not np.allclose(
        np.sort(actual, axis=None), np.sort(expected, axis=None), rtol=RTOL, atol=ATOL
    ):
        return []
    return [(MISPLACED, actual)]


SCALED_DOWN = (
    "each slice was divided by a little more than its sum, so it sums to "
    "just under 1: an epsilon added to the sum? After the max-shift the sum "
    "is at least exp(0) = 1 and never 0: divide by the sum alone."
)


def scaled_down(x, result):
    """The mistake of dividing each slice by a little more than its sum, as
    a list of one (description, result) pair if `result` is that, else an
    empty list."""
    try:
        actual = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return []
    expected = reference.softmax(x)
    if actual.shape != expected.shape or not np.all(np.isfinite(actual)):
        return []
    sums = actual.sum(axis=-1, keepdims=True)
    if not np.all((sums < 1.0) & (sums > 0.99)):
        return []
    # The right probabilities, each slice scaled by its own sum.
    if not np.allclose(actual, expected * sums, rtol=RTOL, atol=ATOL):
        return []
    return [(SCALED_DOWN, actual)]


UNFILLED = (
    "the last slice was never filled in: it is still all zeros while the "
    "others are right. A loop that stops one short, range(len(x) - 1)? "
    "Loop over range(len(x)), or work on every slice at once with axis=-1."
)


@when_shown
def every_mistake(x, result):
    """The mistakes to look for in the learner's `result` for x. A result
    right but for a last slice of zeros is a loop that stopped one short,
    whatever else its zeros would match, unless the learner's softmax fills
    in the last slice of scores that need no shift."""
    try:
        actual = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        actual = None
    if actual is not None and actual.ndim >= 2 and actual.shape == np.shape(x):
        slices = actual.reshape(-1, actual.shape[-1])
        right = reference.softmax(x).reshape(slices.shape)
        if (
            len(slices) > 1
            and np.all(slices[-1] == 0.0)
            and np.allclose(slices[:-1], right[:-1], rtol=RTOL, atol=ATOL)
            and leaves_the_last_slice_empty()
        ):
            return [(UNFILLED, actual)]
    found = mistakes(x) + misplaced(x, result) + scaled_down(x, result)
    ruled_out = [
        max_axis_ruled_out(x),
        *max_down_ruled_out(x),
        *shift_ruled_out(),
        *size_shift_ruled_out(),
        *sigmoid_ruled_out(found),
        *max_division_ruled_out(found),
        *zeroed_nan_ruled_out(found, result),
    ]
    return [(text, value) for text, value in found if text not in ruled_out]


# Scores whose exp overflows, scores whose exp underflows, and safe ones,
# in that order: a softmax that hides its overflow by turning nan into 0
# leaves the first two slices zeros and fills in the last; a loop that
# stops one short fills in the first two and leaves the last zeros; an
# unshifted log-sum-exp gives inf in the second.
ZEROS_PROBE = np.array([[1000.0, 1001.0], [-1000.0, -1001.0], [0.0, 1.0]])


def own_result(probe):
    """The learner's softmax of `probe` as float64 numbers, float trouble
    let pass; None where it raises or gives no numbers of probe's shape."""
    with quietly():
        result = variant(learner.softmax, probe.copy())
    try:
        actual = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return actual if actual.shape == probe.shape else None


def leaves_the_last_slice_empty():
    """Whether the learner's softmax leaves the last slice of ZEROS_PROBE,
    whose scores need no shift, all zeros (or there is no telling)."""
    own = own_result(ZEROS_PROBE)
    return own is None or bool(np.all(own[-1] == 0.0))


def zeroed_nan_ruled_out(found, result):
    """[NAN_ZEROED] where it gives the learner's `result` but is not what
    the learner's softmax does on ZEROS_PROBE (zeros may come from other
    mistakes, on scores whose exp overflows); else []."""
    if not agrees(dict(found).get(NAN_ZEROED), result):
        return []
    own = own_result(ZEROS_PROBE)
    hidden = variant(lambda: np.nan_to_num(normalized(np.exp(ZEROS_PROBE))))
    return [] if own is not None and close(own, hidden) else [NAN_ZEROED]


# Scores whose sigmoid no other mistake gives: it is 0.5 at 0 and
# sums to 1 in no slice here.
SIGMOID_PROBE = np.array([[0.0, 1.0], [2.0, -1.0]])


def sigmoid_ruled_out(found):
    """Where the sigmoid gives what other mistakes of `found` give (large
    scores, where every sigmoid is 0 or 1), those of them the learner's
    softmax does not make, told on SIGMOID_PROBE: the sigmoid itself, or
    the others."""
    results = dict(found)
    same = [
        text
        for text, value in found
        if text != SIGMOID and agrees(value, results.get(SIGMOID))
    ]
    if not same:
        return []
    own = own_result(SIGMOID_PROBE)
    if own is None:
        return []
    return same if close(own, sigmoid(SIGMOID_PROBE)) else [SIGMOID]


# Scores on which dividing by the maximum and leaving exp out differ, with
# no maximum of 0 (where both give 0 / 0).
DIVIDE_PROBE = np.array([[1.0, 2.0], [4.0, -1.0]])


def max_division_ruled_out(found):
    """Where dividing by each slice's maximum gives what other mistakes of
    `found` give, as near as a result is matched (nan where the maximum is
    0, as leaving exp out does on [0.0]; nearly 1 / C for large scores of
    one size), those of them the learner's softmax does not make, told on
    DIVIDE_PROBE: the division itself, or the others."""
    results = dict(found)
    same = [
        text
        for text, value in found
        if text != MAX_DIVIDED
        and agrees(value, results.get(MAX_DIVIDED), MATCH_RTOL, MATCH_ATOL)
    ]
    if not same:
        return []
    own = own_result(DIVIDE_PROBE)
    if own is None:
        return []
    return same if close(own, divided_by_max(DIVIDE_PROBE)) else [MAX_DIVIDED]


def agrees(first, second, rtol=RTOL, atol=ATOL):
    """Whether two mistakes' results (None where one cannot run) are the
    same numbers in the same shape (to `rtol` and `atol`)."""
    if first is None or second is None:
        return False
    try:
        first = np.asarray(first, dtype=np.float64)
        second = np.asarray(second, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return first.shape == second.shape and bool(
        np.allclose(first, second, rtol=rtol, atol=atol, equal_nan=True)
    )


def shift_ruled_out():
    """No shift and the maximum added both give nan where exp overflows;
    the maximum of the whole array and each slice's largest score in size
    both give nan in a slice far below the rest. Of each pair, those the
    learner's softmax is told apart from on the probes where only one runs
    into trouble."""
    pairs = ([NO_SHIFT, MAX_ADDED], [GLOBAL_SHIFT, ABS_SHIFT])
    return [text for pair in pairs for text in pair if text not in told_apart(pair)]


# Scores that each slice's largest score in size shifts right, where the
# missing shift, the maximum of the whole array or of a column, and sums
# down the columns go wrong; and slices that shift takes below any exp can
# reach.
SIZE_SAFE_PROBE = np.array([[1000.0, 1001.0], [3000.0, -3000.0]])
SIZE_TROUBLE_PROBES = [
    np.array([[-1000.0, -1001.0]]),
    # A slice whose smallest score is the largest in size: shifted by it,
    # every exp underflows, where leaving small scores unshifted is safe.
    np.array([[-3000.0, 0.0, 1.0]]),
]


def size_shift_ruled_out():
    """[ABS_SHIFT] unless the learner's softmax behaves as a shift by each
    slice's largest score in size does: right on SIZE_SAFE_PROBE, in
    trouble (or nan) on each of SIZE_TROUBLE_PROBES; else []. Other
    mistakes, alone or two at once, run into the same trouble on many
    scores."""
    try:
        with quietly():
            safe, right = own_outcome(SIZE_SAFE_PROBE)
            outcomes = [own_outcome(probe) for probe in SIZE_TROUBLE_PROBES]
    except Exception:
        return [ABS_SHIFT]  # it fails there in some other way: no telling
    expected = reference.softmax(SIZE_SAFE_PROBE)
    actual = variant(np.asarray, right, np.float64)
    fits_safe = safe is None and actual is not None and close(actual, expected)
    troubled = all(in_trouble(kind, result) for kind, result in outcomes)
    return [] if fits_safe and troubled else [ABS_SHIFT]


def in_trouble(kind, result):
    """Whether an outcome of `own_outcome` is float trouble, or nan."""
    nans = variant(lambda: bool(np.isnan(np.asarray(result, np.float64)).any()))
    return kind is not None or nans is True


# Scores on which a max without keepdims and a max down the batch differ:
# row maxima [2, 5], column maxima [3, 5].
AXIS_PROBE = np.array([[1.0, 2.0], [3.0, 5.0]])


def max_axis_ruled_out(x):
    """Where a max without keepdims and a max down the batch give the same
    result on x (a square x whose row and column maxima agree), the one of
    the two the learner's softmax does not make, told on AXIS_PROBE; None
    where there is no telling."""
    x = np.asarray(x, dtype=np.float64)
    lost = variant(lambda: normalized(np.exp(x - x.max(axis=-1))))
    down = variant(shifted_along, x, 0)
    if lost is None or down is None or lost.shape != down.shape:
        return None
    if not np.allclose(lost, down, rtol=RTOL, atol=ATOL):
        return None
    try:
        with quietly():
            own = np.asarray(learner.softmax(AXIS_PROBE.copy()), dtype=np.float64)
    except Exception:
        return None
    probe = AXIS_PROBE
    fits_lost = close(own, normalized(np.exp(probe - probe.max(axis=-1))))
    fits_down = close(own, shifted_along(probe, 0))
    if fits_lost != fits_down:
        return MAX_AXIS_0 if fits_lost else MAX_LOST_AXIS
    return None


def max_down_ruled_out(x):
    """[MAX_AXIS_0] unless the learner's softmax shifts by the maxima down
    axis 0 on the probe of as many axes as x too (AXIS_PROBE, AXES_PROBE);
    else []. On x alone the match may be chance: where axis 0 is 1 long,
    that shift takes each score from itself, and every slice comes out
    1 / C, as it does where large scores were clipped, say."""
    probe = {2: AXIS_PROBE, 3: AXES_PROBE}.get(np.ndim(x))
    own = None if probe is None else own_result(probe)
    if own is not None and close(own, shifted_along(probe, 0)):
        return []
    return [MAX_AXIS_0]


def close(actual, expected):
    return actual.shape == expected.shape and np.allclose(
        actual, expected, rtol=RTOL, atol=ATOL
    )


def expect_float64(value, call):
    """Fail unless the result is a NumPy array (or, where allowed, a number)
    of float64 numbers."""
    expect_not_a_list(value, call)
    dtype = as_array(value, call).dtype
    if dtype == np.float64:
        return
    if dtype.kind in "biu":
        mistake = (
            "the result kept x's integer type (np.empty_like(x), "
            "np.zeros_like(x) and np.ones_like(x) do that): convert first "
            "with np.asarray(x, dtype=np.float64)."
        )
    elif dtype.itemsize > 8:
        mistake = (
            f"the result is {dtype}, wider than float64: convert it at the "
            "end, with result.astype(np.float64)."
        )
    else:
        mistake = (
            f"the result is {dtype}, and {dtype} keeps fewer digits: work in "
            "float64, converting x first with np.asarray(x, dtype=np.float64)."
        )
    fail(
        "The result must be float64 numbers.",
        call=call,
        expected="float64",
        actual=str(dtype),
        mistake=mistake,
    )


# A square batch, where an axis dropped by a sum or max still lines up, and
# each way to drop one gives other numbers.
SQUARE = np.array([[1.0, 2.0, 0.5], [0.0, 3.0, 1.0], [2.0, -1.0, 0.0]])
LOST_AXES = (SUMS_LOST_AXIS, MAX_LOST_AXIS, BOTH_LOST_AXES)


def broadcast_mistake():
    """The sum or max without keepdims behind a broadcast error of the
    learner's softmax, told by its result on a square batch; else None."""
    try:
        with quietly():
            actual = np.asarray(variant(learner.softmax, SQUARE), dtype=np.float64)
    except Exception:
        return None
    lost = [(text, result) for text, result in mistakes(SQUARE) if text in LOST_AXES]
    found = named_mistake(lost, actual, reference.softmax(SQUARE), rtol=RTOL, atol=ATOL)
    return found if found in LOST_AXES else None


# A max subtracted, a sum divided by: "- x.max(", "- np.max(", "/ np.sum(",
# "/ e.sum(", "/ np.exp(x).sum(". The call's own arguments follow.
SUBTRACTED_MAX = re.compile(r"-\s*(?:np\.a?max\(|[^-+*/=]*?\.max\()")
DIVIDED_SUM = re.compile(r"/\s*(?:np\.sum\(|[^-+*/=]*?\.sum\()")


def arguments_after(code, start):
    """The text of a call's arguments in `code`, from `start`, just after
    its opening bracket, to its closing one."""
    depth = 1
    for index in range(start, len(code)):
        depth += {"(": 1, ")": -1}.get(code[index], 0)
        if depth == 0:
            return code[start:index]
    return code[start:]


def lost_on_line(pattern, code):
    """Whether a call `pattern` finds in `code` has no keepdims."""
    return any(
        "keepdims" not in arguments_after(code, found.end())
        for found in pattern.finditer(code)
    )


def lost_axis_on_line(error):
    """The sum or max without keepdims on the learner's line that raised
    the broadcast error `error`, named for sure; else None. A max left
    without its axis raises first: it is subtracted before the exp."""
    code = learner_code(error)
    if lost_on_line(SUBTRACTED_MAX, code):
        return MAX_LOST_AXIS
    if lost_on_line(DIVIDED_SUM, code):
        return SUMS_LOST_AXIS
    return None


# NumPy's exception for an axis an array does not have (np.AxisError
# before NumPy 1.25 gave it a module of its own).
AXIS_ERROR = getattr(np, "exceptions", np).AxisError
# Scores with three axes, where an axis fixed at 1 exists but is not the
# last: what a softmax gives for them tells which axis it took.
AXES_PROBE = np.array([[[1.0, 3.0], [0.0, 1.0]], [[2.0, 0.0], [5.0, 2.0]]])


def missing_axis_mistake(error):
    """The mistake behind an AxisError of the learner's softmax (an axis
    the input does not have, such as axis=1 for 1-D scores), told from
    what it gives for AXES_PROBE, which has that axis; None when unknown."""
    if not isinstance(error, AXIS_ERROR):
        return None
    try:
        with quietly():
            result = learner.softmax(AXES_PROBE.copy())
        actual = np.asarray(result, dtype=np.float64)
    except Exception:
        return None
    if actual.shape != AXES_PROBE.shape:
        return None
    return named_mistake(
        every_mistake(AXES_PROBE, result),
        actual,
        reference.softmax(AXES_PROBE),
        rtol=RTOL,
        atol=ATOL,
    )


def call_softmax(x):
    """The learner's softmax(x), an array copied as it was returned: the
    checks call the learner's softmax again on probes, and an array it
    keeps and refills (one per shape, say) would then show a probe's
    numbers as this call's. See `own_softmax` for errors."""
    result = own_softmax(x)
    return result.copy(order="K") if isinstance(result, np.ndarray) else result


def own_softmax(x):
    """The learner's softmax(x) as it returned it; a broadcast error it
    raises carries the dropped axis behind it, when known: as the line
    that raised shows it, else as a square batch does. An AxisError
    carries the axis taken, as scores with more axes show it."""
    try:
        return learner.softmax(x)
    except ValueError as error:
        if "could not be broadcast" in str(error):
            error.kata_mistake = lost_axis_on_line(error) or broadcast_mistake()
        elif isinstance(error, AXIS_ERROR):
            error.kata_mistake = missing_axis_mistake(error)
        raise


def check(x, result=None):
    """Compare softmax(x) with the trusted softmax (computing it unless
    the learner's `result` is given)."""
    call = describe_call("softmax", (x,), {})
    if result is None:
        result = call_softmax(x)
    expect_float64(result, call)
    expect_close(
        result,
        reference.softmax(x),
        call,
        rtol=RTOL,
        atol=ATOL,
        mistakes=every_mistake(x, result),
        what="softmax must be exp(x) divided by the sum of exp(x) over each "
        "slice along the last axis.",
    )


def trouble_kind(error):
    """The kind of float trouble an exception reports: "overflow", "divide"
    (by zero) or "invalid" (0 / 0, inf - inf)."""
    if isinstance(error, OverflowError) or "overflow" in str(error):
        return "overflow"
    return "divide" if "divide by zero" in str(error) else "invalid"


def trouble(formula, *args):
    """The kind of float trouble formula(*args) runs into, or None."""
    try:
        with strict_floats():
            formula(*args)
    except FLOAT_TROUBLE as error:
        return trouble_kind(error)
    return None


def shifted_by_lost_maxima(x):
    """Softmax with x.max(axis=-1) subtracted without keepdims: row j's
    maximum from column j. None where the shapes do not broadcast (that
    mistake raises there, it runs into no float trouble)."""
    maxima = x.max(axis=-1)
    try:
        np.broadcast_shapes(x.shape, maxima.shape)
    except ValueError:
        return None
    return normalized(np.exp(x - maxima))


# The ways to shift the scores (or to sum them) that run into trouble, each
# as a function of the scores.
SHIFTS = [
    (NO_SHIFT, lambda x: normalized(np.exp(x))),
    (MEAN_SHIFT, lambda x: normalized(np.exp(x - x.mean(axis=-1, keepdims=True)))),
    (MIN_SHIFT, lambda x: normalized(np.exp(x - x.min(axis=-1, keepdims=True)))),
    (FIRST_SHIFT, lambda x: normalized(np.exp(x - x[..., :1]))),
    (LAST_SHIFT, lambda x: normalized(np.exp(x - x[..., -1:]))),
    (SHIFT_WHEN_LARGE, shifted_when_large),
    (MAX_ADDED, added_max),
    (MAX_AXIS_1, lambda x: shifted_along(x, 1) if x.ndim >= 3 else None),
    (GLOBAL_SHIFT, lambda x: normalized(np.exp(x - x.max()))),
    (ABS_SHIFT, shifted_by_size),
    (MAX_AXIS_0, lambda x: shifted_along(x, 0) if x.ndim >= 2 else None),
    # A shift by another row's maximum cancels out of sums down the
    # columns: with both mistakes made, only this trouble tells them.
    (MAX_LOST_AXIS, shifted_by_lost_maxima),
]
# Sums down the columns, with no shift or with the right one: a 0 / 0
# wherever a score is far below the rest of its row (in a batch of one row,
# each exp is divided by itself, and an exp that underflows to 0 gives
# 0 / 0). Named only where no shift mistake alone explains the trouble (an
# overflow there is the missing shift's).
COLUMN_SUMS = [
    (AXIS_0, lambda x: normalized(np.exp(x), 0)),
    (AXIS_0, lambda x: normalized(np.exp(x - x.max(axis=-1, keepdims=True)), 0)),
]
# Scores of three axes on which the maximum along axis 1 is safe, that of
# the whole array runs into a 0 / 0 and no shift into an overflow.
MANY_AXES_PROBE = np.array(
    [[[0.0, 1.0], [2.0, 3.0]], [[3000.0, 3001.0], [3002.0, 3003.0]]]
)
# Scores on which the shifts above part ways: safe with one, trouble with
# another.
PROBES = [
    np.array([[1000.0, 1001.0]]),
    np.array([[-3000.0, 0.0, 1.0]]),
    np.array([[-400.0, 0.0, 400.0]]),
    MANY_AXES_PROBE,
    np.array([[0.0, -3000.0], [1.0, 0.0]]),
    # The maximum of each column is safe here, that of the whole array not.
    np.array([[3000.0, -3000.0], [0.0, 0.0]]),
]


def own_outcome(probe):
    """The kind of float trouble the learner's softmax runs into on `probe`
    (None for none), and its result there (None where it ran into trouble).
    Raises what the softmax raises for any other reason."""
    try:
        with strict_floats():
            return None, learner.softmax(probe.copy())
    except FLOAT_TROUBLE as error:
        return trouble_kind(error), None


def masked(probe, own, result, kept):
    """Whether another mistake may hide a 0 / 0 on `probe`: the learner's
    softmax runs into no trouble there, yet its result is neither right nor
    what one of `kept` gives (sums down the columns, say, add a safe row's
    exp to an underflowed one). An overflow in exp comes before any sum and
    cannot be hidden so."""
    if own is not None:
        return False
    actual = variant(np.asarray, result, np.float64)
    if actual is None or actual.shape != probe.shape:
        return True
    shifts = dict(SHIFTS)
    results = [reference.softmax(probe)]
    results += [variant(shifts[text], probe) for text in kept if text in shifts]
    return not any(
        value is not None and close(actual, np.asarray(value, dtype=np.float64))
        for value in results
    )


def told_apart(found):
    """Of the shift mistakes `found`, those whose trouble on every probe is
    the learner's softmax's own (all of them when none is)."""
    kept = list(dict.fromkeys(found))
    for probe in PROBES:
        try:
            with quietly():
                own, result = own_outcome(probe)
        except Exception:
            continue  # it fails there in some other way: no telling
        hidden = masked(probe, own, result, kept)
        fits = [
            text
            for text, shift in SHIFTS + COLUMN_SUMS
            if text in kept
            and (
                trouble(shift, probe) == own
                or (hidden and trouble(shift, probe) != "overflow")
            )
        ]
        kept = [text for text in kept if text in fits] or kept
    return kept


SHIFT_FOR_FEW_AXES = (
    "x of three axes or more runs into trouble where the same slices as a "
    "2-D batch, x.reshape(-1, C), do not: the shift was written for 1-D and "
    "2-D x only (an `if` on x.ndim?), and x of more axes is left as it is, "
    "so exp goes out of range. Shift every x the same way, whatever its "
    "number of axes: x - x.max(axis=-1, keepdims=True)."
)


def right_as_rows(x):
    """Whether the learner's softmax gets the slices of x, of three axes
    or more, right and with no float trouble as a 2-D batch."""
    if x.ndim < 3:
        return False
    rows = x.reshape(-1, x.shape[-1])
    try:
        with quietly():
            own, result = own_outcome(rows)
    except Exception:
        return False  # it fails there in some other way: no telling
    actual = variant(np.asarray, result, np.float64)
    return own is None and actual is not None and close(actual, reference.softmax(rows))


# The wrong shifts a softmax right for 2-D x may make for x of three axes
# or more alone, each as a function of the scores. (No shift at all is
# SHIFT_FOR_FEW_AXES, named where neither of these fits.)
MANY_AXES_SHIFTS = [
    (MAX_AXIS_1, lambda x: shifted_along(x, 1)),
    (GLOBAL_SHIFT, lambda x: normalized(np.exp(x - x.max()))),
]


def many_axes_shift(x, kind):
    """Of MANY_AXES_SHIFTS, the one that runs into the learner's `kind` of
    trouble on scores x, of three axes or more, and into the learner's own
    (or none) on MANY_AXES_PROBE given as many axes; else None."""
    probe = MANY_AXES_PROBE.reshape((1,) * (x.ndim - 3) + MANY_AXES_PROBE.shape)
    try:
        with quietly():
            own, _ = own_outcome(probe)
    except Exception:
        return None  # it fails there in some other way: no telling
    for text, shift in MANY_AXES_SHIFTS:
        if trouble(shift, x) == kind and trouble(shift, probe) == own:
            return text
    return None


def shift_mistake(x, error):
    """Name the missing or wrong shifts that run into the learner's kind of
    trouble on scores x: an overflow, or a 0 / 0."""
    lost = lost_axis(x)
    if lost:
        return lost
    kind = trouble_kind(error)
    if right_as_rows(x):
        # Trouble for this many axes only: of the shifts, only one that
        # depends on x.ndim can be what went wrong.
        return many_axes_shift(x, kind) or SHIFT_FOR_FEW_AXES
    # A shift by each slice's largest score in size is named only where the
    # learner's softmax behaves as one, which few scores tell.
    shifts = [(text, shift) for text, shift in SHIFTS if text != ABS_SHIFT]
    shifts += [item for item in SHIFTS if item[0] not in size_shift_ruled_out()]
    found = [text for text, shift in shifts if trouble(shift, x) == kind] or [
        text for text, shift in COLUMN_SUMS if trouble(shift, x) == kind
    ]
    found = list(dict.fromkeys(found))
    if not found:
        # A shift over the whole array does not show in a 0 / 0 of its own
        # once the sums lost their axis: a row whose every exp underflows
        # divides another row's column by zero.
        lost_sums = lost_axis(x, sums_too=True)
        found = [lost_sums] if lost_sums else []
    if len(found) > 1:
        found = told_apart(found)
    if len(found) > 1:
        listed = " ".join(f"({n}) {text}" for n, text in enumerate(found, 1))
        return f"on this input these mistakes give the same trouble: {listed}"
    return found[0] if found else None


def lost_axis(x, sums_too=False):
    """The mistake, if the learner's softmax subtracts x.max(axis=-1)
    without keepdims (and perhaps sums without it too), or with `sums_too`
    sums without it after any shift of the whole array; else None. Told by
    the same scores scaled down, where no shift is needed and a wrong one
    shows in the values."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        return None  # without keepdims the shapes do not even line up
    small = x / max(float(np.abs(x).max()), 1.0)
    with quietly():
        result = variant(learner.softmax, small)
    shifted = np.exp(small - small.max(axis=-1))
    mistaken = [
        (MAX_LOST_AXIS, variant(normalized, shifted)),
        (BOTH_LOST_AXES, variant(normalized_without_keepdims, shifted)),
    ]
    if sums_too:
        # A shift of the whole array cancels out of e / e.sum(axis=-1).
        mistaken.append(
            (SUMS_LOST_AXIS, variant(normalized_without_keepdims, np.exp(small)))
        )
    try:
        actual = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    found = named_mistake(mistaken, actual, softmax_along(small, -1), rtol=0, atol=ATOL)
    return found if found in (MAX_LOST_AXIS, BOTH_LOST_AXES, SUMS_LOST_AXIS) else None


def check_strictly(x):
    """softmax(x) with any overflow or nan made an error, then compared."""
    call = describe_call("softmax", (x,), {})
    try:
        with strict_floats():
            result = call_softmax(x)
    except FLOAT_TROUBLE as error:
        fail(
            "softmax must stay finite, with no overflow, for every finite "
            "input, rows that differ by thousands included.",
            call=call,
            expected="no overflow and no nan",
            actual=f"{type(error).__name__}: {error}",
            mistake=shift_mistake(x, error),
            raised=error,
        )
    check(x, result)


def test_softmax_gives_the_docstring_example():
    check(np.array([[1.0, 1.0], [0.0, np.log(3.0)]]))


@settings(max_examples=FEW)
@given(scores)
@example(np.array([1.0, 2.0, 3.0]))
@example(np.array([[1.0, 2.0], [3.0, 5.0]]))
@example(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]]))
@example(np.array([[1.0, 2.0], [0.0, 4.0], [-1.0, 1.0]]))
@example(np.array([[0.5, -1.0, 2.0, 0.0]]))
@example(
    np.array([[[1.0, 2.0, 0.0], [0.0, 0.0, 3.0]], [[4.0, 1.0, 1.0], [2.0, 2.0, 2.0]]])
)
@example(np.array([[[1.0, 3.0], [0.0, 1.0]], [[2.0, 0.0], [5.0, 1.0]]]))
def test_softmax_matches_its_definition_for_any_shape(x):
    check(x)


@settings(max_examples=FEW)
@given(scores)
@example(np.array([[1.0, 2.0], [3.0, 5.0]]))
@example(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]]))
@example(np.array([[[1.0, 3.0], [0.0, 1.0]], [[2.0, 0.0], [5.0, 1.0]]]))
def test_softmax_slices_are_probabilities_that_sum_to_one(x):
    call = describe_call("softmax", (x,), {})
    probs = as_array(call_softmax(x), call)
    expect_shape(probs, x.shape, call)
    sums = probs.astype(np.float64).sum(axis=-1)
    if np.all(probs >= 0) and np.allclose(sums, 1.0, rtol=0, atol=SUM_ATOL):
        return
    # Sums of 1 along another axis can come from slices put back in the
    # wrong order as well as from a wrong axis: only a mistake whose whole
    # result matches is named.
    # A mistake that gives the right answer here is not what went wrong.
    mistake = named_mistake(
        every_mistake(x, probs),
        probs,
        reference.softmax(x),
        rtol=RTOL,
        atol=ATOL,
    )
    ones, sums_text, differs = contrast(np.ones_like(sums), sums)
    fail(
        "Every slice along the last axis must be probabilities: none "
        "negative, summing to 1.",
        call=call,
        expected=f"sums {ones}",
        actual=f"sums {sums_text}",
        differs=differs,
        mistake=mistake,
    )


@st.composite
def scores_and_shifts(draw):
    """Scores x, and one constant per slice of x to add to it."""
    x = draw(scores)
    shifts = draw(float_arrays(x.shape[:-1] + (1,), bound=SHIFT_BOUND))
    return x, shifts


@settings(max_examples=FEW)
@given(scores_and_shifts())
@example((np.array([1.0, 2.0, 3.0]), np.array([1000.0])))
@example((np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), np.array([[0.0], [1000.0]])))
@example((np.array([[0.0, 1.0], [2.0, 0.5]]), np.array([[-700.0], [800.0]])))
def test_softmax_is_unchanged_by_adding_a_constant_to_a_slice(case):
    x, shifts = case
    call = describe_call("softmax", (x + shifts,), {})
    result = call_softmax(x + shifts)
    expect_close(
        result,
        reference.softmax(x),
        call,
        rtol=RTOL,
        atol=ATOL,
        mistakes=every_mistake(x + shifts, result),
        what="Adding the same number to every score of a slice must not "
        "change that slice's probabilities.",
    )


@pytest.mark.parametrize(
    "x",
    [
        np.array([1000.0, 1001.0]),
        np.array([-1000.0, -1001.0]),
        np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1002.0, -999.0], [1, 2, 3]]),
        np.array([[0.0, 1.0, 2.0], [3000.0, 3001.0, 3002.0]]),
        np.array([[[5000.0, 5001.0], [-5000.0, -4999.0]]]),
        # Safe without a shift, but its mean is 1000 below its maximum.
        np.array([[-3000.0, 0.0, 1.0]]),
        # Safe without a shift and with its mean's, but 800 wide.
        np.array([[-400.0, 0.0, 400.0]]),
    ],
    ids=[
        "large-row",
        "very-negative-row",
        "mixed-scales",
        "rows-apart",
        "3d",
        "one-score-far-below",
        "wide-row",
    ],
)
def test_softmax_stays_finite_for_huge_scores(x):
    check_strictly(x)


@settings(max_examples=FEW)
@given(float_arrays(shapes(min_dims=1, max_dims=2), bound=HUGE_BOUND))
@example(np.array([[-7000.0, 2.0], [9000.0, 8999.0], [0.0, -3000.0]]))
def test_softmax_stays_finite_for_any_scores_up_to_ten_thousand(x):
    check_strictly(x)


@pytest.mark.parametrize(
    "x",
    [
        [1, 2, 3],
        [[0, 1], [2, 4]],
        np.array([[1, 2, 3], [0, 0, 0]]),
        np.array([[2, -1]]),
        # Shifted before it is converted, an unsigned x wraps around (1 - 2
        # is 255 in uint8): the scores must become floats first.
        np.array([[1, 2, 0], [3, 3, 3]], dtype=np.uint8),
        # So does a signed one at the ends of its range: -128 - 127 is 1 in
        # int8.
        np.array([[-128, 127, 0], [5, -3, 1]], dtype=np.int8),
        np.array([[0.5, -1.25, 2.0], [3.0, 0.0, 0.75]], dtype=np.float32),
        # One class: its probability is 1, a float still. One sample too,
        # where a max or sum along another axis changes nothing.
        np.array([[5]]),
    ],
    ids=[
        "int-list",
        "nested-int-list",
        "int-array",
        "int-array-one-row",
        "uint8-array",
        "int8-array",
        "float32",
        "int-array-one-class",
    ],
)
def test_softmax_accepts_integers_lists_and_float32(x):
    check(x)


def test_softmax_leaves_its_argument_unchanged():
    # The harness compares x before and after each call and fails the test
    # if it changed; the large scores tempt an in-place shift (x -= ...).
    call_softmax(np.array([[1.0, 5.0, 2.0], [1000.0, 1001.0, 999.0]]))
    call_softmax(np.array([3.0, -1.0, 0.5]))


def test_softmax_follows_an_array_changed_in_place_between_calls():
    # Training changes its arrays in place between calls: each call must
    # work from the values x holds now, not from a result kept for the same
    # array object (id(x) stays the same when x changes in place).
    # The first result must stay as it was, too: a caller may hold it
    # while it makes the next call.
    x = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]])
    before = short(x)
    first_call = describe_call("softmax", (x,), {})
    returned = own_softmax(x)
    first = np.array(returned, dtype=np.float64, copy=True)
    x[...] = [[3.0, 1.0, 0.0], [2.0, 2.0, 0.5]]
    call = describe_call("softmax", (x,), {})
    result = call_softmax(x)
    expect_close(
        result,
        reference.softmax(x),
        call,
        rtol=RTOL,
        atol=ATOL,
        mistakes=[(STALE_RESULT, first)],
        what=f"This x held {before} at the call before, then was changed in "
        "place: softmax(x) must be that of the values x holds now.",
    )
    expect_close(
        returned,
        first,
        first_call,
        rtol=0,
        atol=0,
        mistakes=[(REUSED_BUFFER, result)],
        what="The result this call returned changed when softmax was called "
        "again, on an x of the same shape: each call must return an array "
        "of its own.",
    )

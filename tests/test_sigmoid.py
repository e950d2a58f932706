"""Exercise 2: sigmoid(x) and its derivative sigmoid_grad(x)."""

from contextlib import contextmanager, nullcontext

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests import reference
from tests.harness import Exercise, InputModified, describe_call, quietly, short
from tests.judge import (
    FLOAT_TROUBLE,
    LIST_OPERAND,
    KataFailure,
    as_array,
    expect_close,
    expect_not_a_list,
    expect_shape,
    fail,
    function_name,
    math_on_array,
    named_mistake,
    strict_floats,
    variant,
    when_shown,
)
from tests.strategies import examples, float_arrays, shapes

learner = Exercise("sigmoid")

# Sigmoid values lie in [0, 1], and every stable formula (two branches on
# the sign, tanh, logaddexp, a clip at +-500) agrees with the trusted one to
# a few units of 2e-16, the spacing of float64 numbers near 1. Compare
# absolutely: where s(x) is tiny, formulas differ by orders of magnitude
# relatively while all being right to 1e-16. Fifty times that spacing still
# catches a clip of x to [-30, 30], which is off by exp(-30) = 9e-14.
ATOL = 1e-14
# How closely a clipped sigmoid reproduces sigmoid(clip(x, -limit, limit))
# when the limit is read back from one of its values (off in its last digits
# where s is near 1): far closer than float32's relative 6e-8.
CLIP_RTOL = 1e-9

# Central differences with this step are off by h**2 / 6 * max|s'''| (about
# 2e-12) plus rounding of about 1e-16 / h (1e-11). GRAD_ATOL leaves room for
# both, yet every wrong formula misses by more than 1e-2 somewhere.
STEP = 1e-5
GRAD_ATOL = 1e-8

# exp may be off by an ulp, so a correct sigmoid can dip by 1e-16 where it
# should rise; anything larger is a real decrease.
MONOTONE_SLACK = 1e-15

# Each test runs its pinned examples, then this many generated ones: the
# pins hold the inputs that must be tried, the rest explore around them.
FEW = examples(10)

FLOAT64_MAX = np.finfo(np.float64).max

any_shape = shapes(min_dims=0, max_dims=3)
# Every finite float64, from -1.8e308 to 1.8e308.
any_finite = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=False)


# One wording wherever a flipped sign shows, so that its failures are
# shown as one mistake.
SIGN_FLIPPED = (
    "the sign in the exponent: s(x) = 1 / (1 + exp(-x)), so that s(1) is above 0.5."
)


ABS_FOR_EVERY_X = (
    "exp(-|x|) was used for every x: 1 / (1 + exp(-|x|)) is sigmoid(|x|), "
    "right for x >= 0 only. For x < 0 use z / (1 + z), with z = exp(-|x|)."
)
# Where the learner's sigmoid is right at 1 but not at -1, the sign is not
# flipped everywhere: only the negative side went wrong.
SIGN_PROBE = np.array([1.0, -1.0])


def sign_mistake():
    """SIGN_FLIPPED, or ABS_FOR_EVERY_X where the learner's sigmoid of
    SIGN_PROBE is right at 1 and sigmoid(1) at -1: the two give the same
    values for x <= 0."""
    with quietly():
        found = variant(learner.sigmoid, SIGN_PROBE.copy())
    try:
        found = np.asarray(found, dtype=np.float64)
    except (TypeError, ValueError):
        return SIGN_FLIPPED
    right = reference.sigmoid(np.array([1.0, 1.0]))
    if found.shape == right.shape and np.allclose(found, right, rtol=1e-9, atol=0):
        return ABS_FOR_EVERY_X
    return SIGN_FLIPPED


def sign_mistakes(x):
    """The flipped sign and exp(-|x|) for every x, each with what it gives
    for x; one of them, the one the learner made, where x has no positive
    element and the two agree."""
    flipped = variant(lambda: 1.0 / (1.0 + np.exp(x)))
    absolute = variant(lambda: 1.0 / (1.0 + np.exp(-np.abs(x))))
    if (
        flipped is not None
        and absolute is not None
        and np.array_equal(flipped, absolute)
    ):
        return [(sign_mistake(), flipped)]
    return [(SIGN_FLIPPED, flipped), (ABS_FOR_EVERY_X, absolute)]


@when_shown
def value_mistakes(x, actual=None):
    """What the common wrong formulas give for sigmoid(x); with the
    learner's `actual` result, a clip of x to a range too."""
    raw = np.asarray(x)
    x = np.asarray(x, dtype=np.float64)
    return [
        (
            OWN_INT_TYPE,
            # -x and exp worked out in x's own type, converted at the end.
            variant(lambda: (1.0 / (1.0 + np.exp(-raw))).astype(np.float64))
            if raw.dtype.kind in "iu" and raw.dtype.itemsize < 8
            else None,
        ),
        clipped(x, actual),
        (
            "the sigmoid was worked out in float32, which keeps about 7 "
            "digits: convert x with np.asarray(x, dtype=np.float64) and "
            "compute in float64.",
            variant(lambda: 1.0 / (1.0 + np.exp(-x.astype(np.float32)))),
        ),
        *sign_mistakes(x),
        (MISSES_ZERO, zero_left_out(x)),
        (
            "tanh takes half of x: s(x) = (1 + tanh(x / 2)) / 2.",
            variant(lambda: (1.0 + np.tanh(x)) / 2.0),
        ),
        (
            "missing brackets: 1 / 1 + exp(-x) is 1 + exp(-x); write "
            "1 / (1 + exp(-x)).",
            variant(lambda: 1.0 + np.exp(-x)),
        ),
    ]


X_CLIPPED = (
    "x was clipped to a range too narrow to leave the result "
    "unchanged: sigmoid(x) is only 0 or 1 to float64's precision "
    "for |x| beyond about 40. Clip wider (to +-500, say), or avoid "
    "the overflow with exp(-|x|) instead."
)
RESULT_CLIPPED = (
    "the result was clipped short of 0 and 1 (np.clip(s, 1e-7, 1 - 1e-7)?): "
    "sigmoid must be right to within about 1e-14 for every x, so it must come "
    "that close to 0 and 1 for large |x|. Return s unclipped: an epsilon "
    "belongs in the loss's log, not here."
)
# Significant digits of a bound someone writes by hand, 1e-7 or 0.9999999:
# a clip of x leaves a bound s(limit) that needs all of float64's 17.
ROUND_DIGITS = 10
# A clip is named only for a limit someone would choose against overflow
# (10, 30; 1e-7 on s is 16), and only where the input lies well beyond
# it. Any single wrong value reads back as some limit: a result rounded
# to k places reads back as a limit within log(2) of the input itself.
MIN_LIMIT = 5.0
CLIP_MARGIN = 1.0


MISSES_ZERO = (
    "x == 0 is in neither mask: x > 0 and x < 0 both leave it out, so "
    "s(0) keeps the 0 it started with instead of 0.5. Use x >= 0 for one "
    "of the two masks (or np.where(x >= 0, ..., ...))."
)


def zero_left_out(x):
    """The trusted sigmoid with 0 where x == 0, as two masks x > 0 and
    x < 0 over np.zeros leave it; None where x has no 0."""
    if not np.any(x == 0):
        return None
    with np.errstate(all="ignore"):
        return np.where(x == 0, 0.0, reference.sigmoid(x))


def clipped(x, actual):
    """A mistake (description, result) where the learner's `actual` result
    is the trusted sigmoid clipped at the value it shows where it is wrong
    for the largest |x|: RESULT_CLIPPED where that value is a number written
    with a few digits (1e-7, 0.9999999), else X_CLIPPED, x clipped to
    [-limit, limit]. The two give the same numbers, as the sigmoid rises
    with x; only the bound tells them apart. The result is None where no
    clip explains `actual`: where the limit is implausibly small (see
    MIN_LIMIT) or that x is not well beyond it."""
    unexplained = (X_CLIPPED, None)
    if actual is None:
        return unexplained
    actual = np.asarray(actual, dtype=np.float64)
    if actual.shape != x.shape:
        return unexplained
    with np.errstate(all="ignore"):
        wrong = np.abs(actual - reference.sigmoid(x)) > ATOL
        if not np.any(wrong):
            return unexplained
        where = np.unravel_index(np.argmax(np.where(wrong, np.abs(x), -1.0)), x.shape)
        value = actual[where]
        if not 0.0 < value < 1.0:
            return unexplained
        # Undo the sigmoid: x = log(s / (1 - s)).
        limit = abs(np.log(value) - np.log1p(-value))
        if limit < MIN_LIMIT or abs(x[where]) < limit + CLIP_MARGIN:
            return unexplained
        candidate = reference.sigmoid(np.clip(x, -limit, limit))
    # A clip in float64 leaves every value exact to the last few bits; a
    # result only near it everywhere (worked out in float32, say) is
    # another mistake, whatever limit its largest error suggests.
    if not np.allclose(actual, candidate, rtol=CLIP_RTOL, atol=0.0):
        return unexplained
    if float(f"{value:.{ROUND_DIGITS}g}") == value:
        return RESULT_CLIPPED, candidate
    return X_CLIPPED, candidate


OWN_INT_TYPE = (
    "x was worked on in its own small int type: -x wraps around at the "
    "ends of the type's range (-(-128) is -128 in int8, -1 is 255 in "
    "uint8), and exp of a small int gives float16, which keeps about 3 "
    "digits. Convert x first, with np.asarray(x, dtype=np.float64)."
)
UNSIGNED_NEGATED = (
    "-x of an unsigned int x wraps around (-1 is 255 in uint8): convert x "
    "first, with np.asarray(x, dtype=np.float64), then negate it."
)


S_TIMES_ONE_MINUS_X = (
    "x where s belongs: s * (1 - x) mixes the two; the derivative is "
    "s * (1 - s), with s = sigmoid(x) in both places."
)


SIGMOID_OF_ONE_MINUS_X = (
    "sigmoid(1 - x) where 1 - s belongs: 1 - x is not 1 - s. The "
    "derivative is s * (1 - s) with s = sigmoid(x), so 1 - sigmoid(x)."
)


# Inputs where sigmoid(1 - x) in place of 1 - s shows plainly: at a
# single large x it comes close to the slope of a clip (s(1 - x) is then
# s'(x - 1) or so), and only another input tells the two apart.
ONE_MINUS_X_PROBE = np.array([-2.0, 0.5, 3.0])


def sigmoid_of_one_minus_x_shows():
    """Whether the learner's sigmoid_grad gives s(x) * s(1 - x) on
    ONE_MINUS_X_PROBE too, not only on the input that failed."""
    x = ONE_MINUS_X_PROBE
    result = probe_grad(x.copy())
    wanted = reference.sigmoid(x) * reference.sigmoid(1.0 - x)
    return result is not None and np.allclose(result, wanted, rtol=1e-9, atol=0.0)


def probe_grad(x):
    """The learner's sigmoid_grad(x) as float64 numbers of x's shape, or
    None where it raises or gives something else."""
    try:
        with quietly(), np.errstate(all="ignore"):
            result = learner_function("sigmoid_grad")(x)
        result = np.asarray(result, dtype=np.float64)
    except Exception:
        return None
    return result if result.shape == x.shape else None


# Far enough out that the true slope, exp(-1000), is 0 in float64.
FAR = 1000.0


def grad_clipped(limit):
    """The mistake of a slope taken of x clipped to [-limit, limit]."""
    floor = float(reference.sigmoid_grad(np.float64(limit)))
    return (
        f"x was clipped to +-{limit} before the slope was taken, so beyond "
        f"that the slope stays at s'({limit}) = {floor:.3g} instead of falling "
        "on toward 0. Clip wider (to +-500, say), or not at all: s * (1 - s) "
        "with a sigmoid that never overflows needs no clip."
    )


def grad_clip(x):
    """A mistake (description, result) where the learner's sigmoid_grad
    is the true slope of x clipped to [-limit, limit], for a whole limit
    read back from what it gives far out (s'(limit) = v, so s(limit) is the
    larger root of s * (1 - s) = v); (None, None) where it is not."""
    far = probe_grad(np.array([-FAR, FAR]))
    if far is None or not 0.0 < far[1] < 0.25 or not np.isclose(*far, rtol=1e-9):
        return None, None
    # The smaller root, 1 - s(limit), worked out without cancellation.
    small = 2.0 * far[1] / (1.0 + np.sqrt(1.0 - 4.0 * far[1]))
    limit = float(np.log1p(-small) - np.log(small))
    # Only a whole limit is one a learner chose; any other floor (a clip
    # of s, say) reads back as some limit too.
    if limit < MIN_LIMIT or abs(limit - round(limit)) > 1e-6:
        return None, None
    limit = round(limit)
    return grad_clipped(limit), reference.sigmoid_grad(np.clip(x, -limit, limit))


NUMERICAL_SLOPE = (
    "a numerical slope, close but not exact: use the derivative s * (1 - s), "
    "with s = sigmoid(x)."
)
# The steps a slope by differences is usually taken with: powers of ten,
# and the cube and square roots of float64's epsilon, the best steps for
# central and for forward differences. Each leaves an error of its own,
# from about 1e-12 to 1e-5, far beyond ATOL.
EPSILON = np.finfo(np.float64).eps
STEPS = (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, np.cbrt(EPSILON), np.sqrt(EPSILON))


def textbook_sigmoid(x):
    """1 / (1 + exp(-x)), as a learner writes it inline."""
    return 1.0 / (1.0 + np.exp(-x))


def stable_sigmoid(x):
    """The sigmoid from z = exp(-|x|), as a learner writes it inline."""
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def numerical_slopes(x):
    """What central, forward and backward differences give at x (float64)
    for every step of STEPS, of the trusted sigmoid (that sigmoid_grad's
    tests call in place of the learner's) and of the two sigmoids a learner
    most often writes out instead. The differences of another sigmoid
    differ from these in their last digits, which a step of 1e-5 makes as
    large as the error of the differences: such a slope may go unnamed."""
    slopes = []
    for s in (reference.sigmoid, textbook_sigmoid, stable_sigmoid):
        for h in STEPS:
            slopes.append(variant(lambda s=s, h=h: (s(x + h) - s(x - h)) / (2 * h)))
            slopes.append(variant(lambda s=s, h=h: (s(x + h) - s(x)) / h))
            slopes.append(variant(lambda s=s, h=h: (s(x) - s(x - h)) / h))
    return [(NUMERICAL_SLOPE, slope) for slope in slopes]


ALWAYS_ZERO = (
    "missing brackets: s * 1 - s is (s * 1) - s, which is 0 for every x "
    "(* is worked out before -); write s * (1 - s)."
)
# Inputs where the true slope is far from 0 and every formula of
# grad_mistakes but the missing brackets gives something other than 0.
ZERO_PROBE = np.array([-2.0, 0.5, 3.0])


def always_zero():
    """Whether the learner's sigmoid_grad gives exactly 0 on ZERO_PROBE,
    as s * 1 - s does for every x. Other mistakes give 0 at x = 0 (an extra
    factor x, x * (1 - x)), or at x = 1: not at all three."""
    try:
        with quietly(), np.errstate(all="ignore"):
            result = learner_function("sigmoid_grad")(ZERO_PROBE.copy())
        result = np.asarray(result, dtype=np.float64)
    except Exception:
        return False
    return result.shape == ZERO_PROBE.shape and not np.any(result)


@when_shown
def grad_mistakes(x):
    """What the common wrong formulas give for sigmoid_grad(x): only the
    missing brackets where the learner's sigmoid_grad is 0 for every x,
    which other formulas match on some inputs alone (x = 0, say)."""
    if always_zero():
        return [(ALWAYS_ZERO, np.zeros(np.shape(x)))]
    raw = np.asarray(x)
    x = np.asarray(x, dtype=np.float64)
    s = reference.sigmoid(x)
    twice = reference.sigmoid(s)
    return [
        *numerical_slopes(x),
        (
            UNSIGNED_NEGATED,
            # s(x) * s(-x), with -x worked out in x's own type.
            s * reference.sigmoid((-raw).astype(np.float64))
            if raw.dtype.kind == "u"
            else None,
        ),
        *own_int_type_slopes(raw),
        (
            "the formula was applied to x instead of s = sigmoid(x): the "
            "derivative is s * (1 - s), not x * (1 - x).",
            variant(lambda: x * (1.0 - x)),
        ),
        (S_TIMES_ONE_MINUS_X, s * (1.0 - x)),
        (
            "an extra factor x: the derivative is s * (1 - s) alone (the "
            "chain rule's inner factor is dx/dx = 1, not x).",
            s * (1.0 - s) * x,
        ),
        # The same, with 1 - x worked out in x's own int type: 1 - 200 is
        # 57 in uint8.
        (
            S_TIMES_ONE_MINUS_X,
            variant(lambda: s * (1 - raw)) if raw.dtype.kind in "iu" else None,
        ),
        *one_minus_x_mistakes(x, raw, s),
        grad_clip(x),
        (
            "the sigmoid was applied twice: s = sigmoid(x) is already the "
            "sigmoid, so use s * (1 - s), not sigmoid(s) * (1 - sigmoid(s)).",
            twice * (1.0 - twice),
        ),
        ("the factor (1 - s) is missing: s * s instead of s * (1 - s).", s * s),
        (
            "a plus where the minus belongs: s * (1 + s) instead of s * (1 - s).",
            s * (1.0 + s),
        ),
        ("this is sigmoid(x) itself, not its derivative s * (1 - s).", s),
        (
            "the sign is flipped: the derivative s * (1 - s) is never negative.",
            -s * (1 - s),
        ),
        ("this is 1 - s; the derivative is s * (1 - s).", 1.0 - s),
        ("1 - s**2 is not the derivative of the sigmoid: s * (1 - s) is.", 1 - s * s),
    ]


def own_int_type_slopes(raw):
    """The slope z / (1 + z)**2 with z = exp(-x) or exp(-|x|) worked out in
    x's own small int type, where -x wraps around (-1 is 255 in uint8) and
    exp gives float16: as OWN_INT_TYPE, offered where the learner's
    sigmoid_grad is right for the same numbers as float64, so that their
    type is what goes wrong."""
    if raw.dtype.kind not in "iu" or raw.dtype.itemsize >= 8:
        return []
    if not right_as_floats(raw):
        return []
    return [
        (OWN_INT_TYPE, variant(slope_of, -raw)),
        (OWN_INT_TYPE, variant(slope_of, -np.abs(raw))),
    ]


def slope_of(exponent):
    """z / (1 + z)**2 with z = exp(exponent), in exp's own type: float16
    for a small int exponent."""
    z = np.exp(exponent)
    return z / (1 + z) ** 2


def right_as_floats(raw):
    """Whether the learner's sigmoid_grad gives the true slope for the
    numbers of `raw` as float64."""
    x = raw.astype(np.float64)
    result = probe_grad(x)
    return result is not None and np.allclose(
        result, reference.sigmoid_grad(x), rtol=0, atol=GRAD_ATOL
    )


def one_minus_x_mistakes(x, raw, s):
    """sigmoid(1 - x) in place of 1 - s, in float64 and in x's own int
    type (1 - 200 is 57 in uint8): offered only where the learner's
    sigmoid_grad gives it on ONE_MINUS_X_PROBE too."""
    if not sigmoid_of_one_minus_x_shows():
        return []
    return [
        (SIGMOID_OF_ONE_MINUS_X, s * reference.sigmoid(1.0 - x)),
        (
            SIGMOID_OF_ONE_MINUS_X,
            variant(lambda: s * reference.sigmoid((1 - raw).astype(np.float64)))
            if raw.dtype.kind in "iu"
            else None,
        ),
    ]


# Exceptions a loop or an `if` raises on inputs it was not written for.
# tests.judge.advice_for names NumPy's own; these come from plain Python.
SHAPE_ADVICE = [
    (
        "len() of unsized object",
        "a single number (a 0-d array) has no length: let NumPy work "
        "elementwise, or loop over np.ndindex(x.shape).",
    ),
    (
        "truth value of an array",
        "`if x >= 0:` needs one number, not an array: choose per element "
        "with a boolean mask or np.where.",
    ),
]


def learner_function(name):
    """The learner's function `name`. sigmoid_grad runs with the trusted
    sigmoid, so that its tests judge the derivative alone: a mistake in
    sigmoid fails sigmoid's own tests."""
    if name == "sigmoid_grad":
        return learner.trusting("sigmoid").sigmoid_grad
    return getattr(learner, name)


def apply(name, x):
    """Call the learner's function `name` on x, naming the mistake behind
    an exception raised by code written for some shapes only, or for
    arrays only."""
    try:
        return learner_function(name)(x)
    except (TypeError, ValueError) as error:
        if LIST_OPERAND.search(str(error)) and never_converts(name):
            error.kata_mistake = NOT_CONVERTED
        # A math function given an array is named as the tests that let
        # the exception through name it (tests.judge.advice_for).
        advice = math_on_array(error) or next(
            (advice for fragment, advice in SHAPE_ADVICE if fragment in str(error)),
            None,
        )
        if advice is not None:
            fail(
                f"{name} must work elementwise on x of any shape, a "
                "single number included.",
                call=describe_call(name, (x,), {}),
                actual=f"{type(error).__name__}: {error}",
                mistake=advice,
                raised=error,
            )
        raise


# One cause behind several failures: a list meets an operator, and an
# array keeps its own dtype through the formula.
NOT_CONVERTED = (
    "it never converts x with np.asarray: a list has no arithmetic, and an "
    "array keeps its own type (float32; float16 from exp of a small int; an "
    "unsigned int, whose -x wraps around) where float64 is asked for. Start "
    "with x = np.asarray(x, dtype=np.float64)."
)
# Numbers a formula written for float64 arrays gets right either way.
LIST_PROBE = [0.5, -1.0]


def never_converts(name):
    """Whether the learner's `name` works on x as it comes: a list of
    LIST_PROBE meets an operator and raises TypeError, and a float32 array
    of them gives a result that is not float64."""
    function = learner_function(name)
    try:
        with quietly():
            function(list(LIST_PROBE))
    except TypeError as error:
        if not LIST_OPERAND.search(str(error)):
            return False
    except Exception:
        return False
    else:
        return False
    try:
        with quietly():
            result = function(np.array(LIST_PROBE, dtype=np.float32))
    except Exception:
        return False
    return getattr(result, "dtype", None) not in (None, np.float64)


@contextmanager
def blaming_no_conversion(name, x):
    """Inside, a wrong result for an x that is not float64 already is put
    down to NOT_CONVERTED, where no other mistake is named (or one of x's
    own int type) and the learner's `name` never converts x."""
    try:
        yield
    except KataFailure as failure:
        plain = np.asarray(x).dtype == np.float64
        if failure.mistake in (None, OWN_INT_TYPE, UNSIGNED_NEGATED):
            if not plain and never_converts(name):
                failure.mistake = NOT_CONVERTED
                failure.args = (failure.render(),)
        raise


def expect_float64(value, call):
    """Fail unless the result is a NumPy array (or, where allowed, a number)
    of float64 numbers."""
    expect_not_a_list(value, call)
    dtype = as_array(value, call).dtype
    if dtype == np.float64:
        return
    if dtype.kind in "biu":
        mistake = (
            "the result kept x's integer type (as np.empty_like(x) or "
            "np.zeros_like(x) of an int array would): convert first with "
            "np.asarray(x, dtype=np.float64)."
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
    if dtype.itemsize <= 8 and never_converts(function_name(call)):
        mistake = NOT_CONVERTED
    fail(
        "The result must be float64 numbers.",
        call=call,
        expected="float64",
        actual=str(dtype),
        mistake=mistake,
    )


def overwrite_mistake():
    """What the learner's sigmoid is told when it changes a float64 array
    it is given (see InputModified), or None when it leaves it alone."""
    try:
        with quietly():
            learner.sigmoid(np.array([-2.0, 0.5, 3.0]))
    except InputModified as error:
        return error.mistake()
    except Exception:
        return None
    return None


@contextmanager
def blaming_an_overwrite():
    """Inside, a wrong sigmoid is put down to an overwrite of its input
    where the learner's sigmoid overwrites a float64 array: an input it
    had to copy first (a list, a number, an int array) is not the
    caller's to change, but the overwritten copy gives the wrong values,
    and that is the same mistake."""
    try:
        yield
    except KataFailure as failure:
        mistake = overwrite_mistake()
        if mistake is not None and failure.mistake != mistake:
            failure.mistake = mistake
            failure.args = (failure.render(),)
        raise


VALUE_RULE = "sigmoid(x) must be 1 / (1 + exp(-x)) for every element of x."
SLOPE_RULE = (
    "sigmoid_grad(x) must be the slope of the sigmoid at x, s * (1 - s) with "
    "s = sigmoid(x)."
)


def check_sigmoid(x):
    """Fail unless the learner's sigmoid(x) is right; return it."""
    call = describe_call("sigmoid", (x,), {})
    result = apply("sigmoid", x)
    expect_float64(result, call)
    with blaming_no_conversion("sigmoid", x), blaming_an_overwrite():
        expect_close(
            result,
            reference.sigmoid(x),
            call,
            rtol=0,
            atol=ATOL,
            mistakes=value_mistakes(x, result),
            what=VALUE_RULE,
        )
    return result


def central_differences(x):
    """The slope of the trusted sigmoid at every element of x."""
    x = np.asarray(x, dtype=np.float64)
    return (reference.sigmoid(x + STEP) - reference.sigmoid(x - STEP)) / (2 * STEP)


def check_grad(x):
    """Fail unless the learner's sigmoid_grad(x) is right; return it."""
    call = describe_call("sigmoid_grad", (x,), {})
    result = apply("sigmoid_grad", x)
    expect_float64(result, call)
    with blaming_no_conversion("sigmoid_grad", x):
        expect_close(
            result,
            central_differences(x),
            call,
            rtol=0,
            atol=GRAD_ATOL,
            mistakes=grad_mistakes(x),
            what=SLOPE_RULE,
        )
    return result


def overflows(function, x, single=False):
    """Whether function([x]) overflows, or with `single` function(x) of x
    as a 0-d array (other exceptions do not count)."""
    try:
        with strict_floats():
            function(np.array(x) if single else np.array([x]))
    except FLOAT_TROUBLE:
        return True
    except Exception:
        return False
    return False


SLOPE_FROM_SIGMOID = (
    "the slope was written with an exp of its own, such as "
    "exp(-x) / (1 + exp(-x))**2, which overflows for large |x|. It needs "
    "none: s = sigmoid(x), with a sigmoid that never overflows, then "
    "s * (1 - s)."
)


STABLE_FOR_ARRAYS_ONLY = (
    "exp overflows for a single number far from 0, as exp(-x) does for x = "
    "-1000: the stable form is used for arrays here, but not for a 0-d x "
    "or a plain number. Use z = exp(-|x|) for every input, a single number "
    "included: s(x) = 1 / (1 + z) for x >= 0 and z / (1 + z) for x < 0."
)


INTEGERS_APART = (
    "exp overflows for whole numbers far from 0 given as ints, though not "
    "for the same numbers as floats: ints take another way through the code "
    "than floats here. Convert x first, np.asarray(x, dtype=np.float64), "
    "and use the one stable form, with z = exp(-|x|), for every input."
)


def as_floats_fine(function, x):
    """Whether `function` works without overflow on x made float64: for an
    int x that overflows, the ints then took a way of their own."""
    try:
        with strict_floats():
            function(np.asarray(x, dtype=np.float64))
    except Exception:
        return False
    return True


def overflow_mistake(function, error, name="sigmoid", x=None):
    """Name the mistake behind an overflow, from which signs trigger it."""
    whole = x is not None and np.asarray(x).dtype.kind in "iu"
    if whole and as_floats_fine(function, x):
        return INTEGERS_APART
    if name == "sigmoid_grad":
        return SLOPE_FROM_SIGMOID
    if isinstance(error, OverflowError):
        return (
            "math.exp raises OverflowError for arguments above about 709: "
            "make sure exp never sees a large positive number, for instance "
            "with exp(-|x|)."
        )
    negative = overflows(function, -1000.0)
    positive = overflows(function, 1000.0)
    if not (negative or positive) and any(
        overflows(function, far, single=True) for far in (-1000.0, 1000.0)
    ):
        return STABLE_FOR_ARRAYS_ONLY
    if negative and positive:
        return (
            "np.where(x >= 0, a, b) works out both a and b for every element "
            "before it chooses, so the exp that overflows is still computed. "
            "Compute z = np.exp(-np.abs(x)), which never overflows, and build "
            "both cases from z."
        )
    if negative:
        return (
            "exp(-x) overflows when x is very negative (exp(1000) is beyond "
            "the largest float64, about 1.8e308). Use z = exp(-|x|): "
            "s(x) = 1 / (1 + z) for x >= 0 and z / (1 + z) for x < 0."
        )
    if positive:
        return (
            "exp(x) overflows when x is very positive. Use z = exp(-|x|): "
            "s(x) = 1 / (1 + z) for x >= 0 and z / (1 + z) for x < 0."
        )
    return None


def check_extreme(name, x):
    """Call the learner's `name` on x with overflow made an error, and
    compare with the trusted function."""
    function = learner_function(name)
    call = describe_call(name, (x,), {})
    try:
        with strict_floats():
            result = function(x)
    except FLOAT_TROUBLE as error:
        fail(
            f"{name} must work without overflow for every finite x, "
            "-1000 and 1000 included.",
            call=call,
            expected="no overflow",
            actual=f"{type(error).__name__}: {error}",
            mistake=overflow_mistake(function, error, name, x),
            raised=error,
        )
    expect_float64(result, call)
    with blaming_an_overwrite() if name == "sigmoid" else nullcontext():
        expect_close(
            result,
            getattr(reference, name)(x),
            call,
            rtol=0,
            atol=ATOL,
            mistakes=value_mistakes(x, result)
            if name == "sigmoid"
            else grad_mistakes(x),
            # The same words as the other tests': one wrong formula is
            # then shown once, with the large x it failed on.
            what=VALUE_RULE if name == "sigmoid" else SLOPE_RULE,
        )


def test_sigmoid_gives_the_docstring_example():
    check_sigmoid(np.array([-1.0, 0.0, 1.0]))


def test_sigmoid_grad_gives_the_docstring_example():
    check_grad(np.array([0.0, 2.0]))


@settings(max_examples=FEW)
@given(float_arrays(any_shape, bound=40.0))
@example(np.array([[-3.0, -0.5, 0.0], [0.5, 2.0, 7.0]]))
@example(np.array([[-3.0], [0.5], [2.0]]))
@example(np.array([[[1.0, -1.0], [2.0, -2.0]], [[0.0, 4.0], [-4.0, 36.0]]]))
@example(np.array(-2.5))
def test_sigmoid_matches_the_logistic_function_for_any_shape(x):
    check_sigmoid(x)


# A float32 x is float all the same: the result is float64 nonetheless.
SINGLE = np.array([[-1.5, 0.0], [2.25, 31.0]], dtype=np.float32)
# An unsigned x is an int x too, and -x of it wraps around unless it is
# converted first: -200 is 56 in uint8.
UNSIGNED = np.array([0, 1, 200], dtype=np.uint8)
# A small signed int x too: -(-128) wraps around to -128 in int8, and exp of
# an int8 array computes in float16, which keeps about 3 digits.
SMALL_SIGNED = np.array([-128, -3, 0, 5, 127], dtype=np.int8)


@settings(max_examples=FEW)
@given(float_arrays(shapes(), bound=40.0))
@example(np.array([0.0, 1.0, -2.0, 5.0]))
def test_sigmoid_is_symmetric_about_one_half(x):
    # s(-x) = 1 - s(x): the curve turns about the point (0, 0.5).
    s = as_array(apply("sigmoid", x), describe_call("sigmoid", (x,), {}))
    kept = s.astype(np.float64)  # a copy: what this call gave
    mirrored = apply("sigmoid", -x)
    expect_earlier_result_kept("sigmoid", (x, s, kept), (-x, mirrored))
    expect_close(
        mirrored,
        1.0 - kept,
        describe_call("sigmoid", (-x,), {}),
        rtol=0,
        atol=ATOL,
        what="sigmoid(-x) must equal 1 - sigmoid(x).",
    )


@settings(max_examples=FEW)
@given(hnp.arrays("float64", st.integers(2, 8), elements=st.floats(-40, 40)))
@example(np.array([-2.0, -1.0, 0.0, 1.0, 2.0]))
def test_sigmoid_increases_with_x(x):
    x = np.sort(x)
    call = describe_call("sigmoid", (x,), {})
    s = as_array(apply("sigmoid", x), call)
    expect_shape(s, x.shape, call)
    if np.all(np.diff(s) >= -MONOTONE_SLACK):
        return
    fail(
        "sigmoid must never decrease as x grows: for sorted x the results "
        "must be sorted too.",
        call=call,
        actual=short(s),
        mistake=named_mistake(value_mistakes(x, s), s, reference.sigmoid(x), atol=ATOL)
        # A flipped sign makes the whole run fall, not one dip in a rise.
        or (SIGN_FLIPPED if s[-1] < s[0] else None),
    )


@settings(max_examples=FEW)
@given(hnp.arrays("float64", shapes(max_dims=2), elements=any_finite))
@example(np.array([-1000.0, 1000.0]))
@example(np.array(-1000.0))
@example(np.array(1000.0))
@example(np.array([[-710.0, 710.0], [-1e308, 1e308]]))
@example(np.array([-FLOAT64_MAX, FLOAT64_MAX, 0.0]))
def test_sigmoid_has_no_overflow_for_any_finite_x(x):
    check_extreme("sigmoid", x)


@settings(max_examples=FEW)
@given(hnp.arrays("float64", shapes(max_dims=2), elements=any_finite))
@example(np.array([-1000.0, 1000.0]))
@example(np.array(-1000.0))
@example(np.array([[-400.0, 400.0], [-1e308, 1e308]]))
# Near 0 too, where the slope must be as exact as the sigmoid's values.
@example(np.array([-1000.0, -2.0, 0.0, 0.5, 1000.0]))
def test_sigmoid_grad_has_no_overflow_for_any_finite_x(x):
    check_extreme("sigmoid_grad", x)


# Whole numbers as far from 0, as ints: the same numbers as floats above,
# and as free of overflow.
FAR_INTEGERS = [-1000, 1000, np.array([-1000, 1000]), np.array([[-800], [800]])]
FAR_INTEGER_IDS = ["negative-int", "positive-int", "int-array", "int-column"]


@pytest.mark.parametrize("x", FAR_INTEGERS, ids=FAR_INTEGER_IDS)
def test_sigmoid_has_no_overflow_for_integers_far_from_zero(x):
    check_extreme("sigmoid", x)


@pytest.mark.parametrize("x", FAR_INTEGERS, ids=FAR_INTEGER_IDS)
def test_sigmoid_grad_has_no_overflow_for_integers_far_from_zero(x):
    check_extreme("sigmoid_grad", x)


# Lists, integers and float32 come after the large x: a formula that
# overflows is the bigger lesson, and is shown first when both fail.
@pytest.mark.parametrize(
    "x",
    [
        0,
        -3,
        2.5,
        [1, -2, 0],
        [[0.5, -1.0], [3.0, 4.0]],
        np.array([[3, -1, 0]]),
        UNSIGNED,
        SMALL_SIGNED,
        SINGLE,
    ],
    ids=[
        "int",
        "negative-int",
        "float",
        "int-list",
        "nested-list",
        "int-array",
        "uint8-array",
        "int8-array",
        "float32-array",
    ],
)
def test_sigmoid_accepts_numbers_lists_integers_and_float32(x):
    check_sigmoid(x)


@pytest.mark.parametrize(
    "x",
    [0, -3, [1, -2, 0], np.array([[3, -1, 0]]), UNSIGNED, SMALL_SIGNED, SINGLE],
    ids=[
        "int",
        "negative-int",
        "int-list",
        "int-array",
        "uint8-array",
        "int8-array",
        "float32-array",
    ],
)
def test_sigmoid_grad_accepts_numbers_lists_integers_and_float32(x):
    check_grad(x)


@settings(max_examples=FEW)
@given(float_arrays(any_shape, bound=20.0))
@example(np.array([-2.0, -0.5, 0.0, 0.5, 3.0]))
@example(np.array([[0.3, -1.5], [2.0, 4.0], [-6.0, 1.0]]))
@example(np.array(1.5))
def test_sigmoid_grad_matches_central_differences(x):
    check_grad(x)


@settings(max_examples=FEW)
@given(float_arrays(shapes(), bound=40.0))
@example(np.array([0.0, 1.0, -3.0]))
def test_sigmoid_grad_is_symmetric_and_at_most_one_quarter(x):
    # s'(-x) = s'(x), highest at x = 0 where it is 1/4.
    call = describe_call("sigmoid_grad", (x,), {})
    g = as_array(apply("sigmoid_grad", x), call)
    expect_shape(g, x.shape, call)
    if not np.all((g >= 0) & (g <= 0.25)):
        # A formula named elsewhere is named here too, so that one mistake
        # reads alike in every test it fails.
        named = named_mistake(
            grad_mistakes(x), g, central_differences(x), rtol=0, atol=GRAD_ATOL
        )
        fail(
            "sigmoid_grad must lie between 0 and 0.25 everywhere.",
            call=call,
            actual=short(g),
            mistake=named or "the derivative is s * (1 - s) with s = sigmoid(x).",
        )
    # A formula that is not symmetric shows what it gives for -x.
    kept = g.astype(np.float64)  # a copy: what this call gave
    mirrored = apply("sigmoid_grad", -x)
    expect_earlier_result_kept("sigmoid_grad", (x, g, kept), (-x, mirrored))
    expect_close(
        mirrored,
        kept,
        describe_call("sigmoid_grad", (-x,), {}),
        rtol=0,
        atol=ATOL,
        mistakes=grad_mistakes(-x),
        what="sigmoid_grad(-x) must equal sigmoid_grad(x).",
    )


BUFFER_REFILLED = (
    "one result array is kept between calls (one for each shape, say) and "
    "filled again by each call (out=buffer), so a later call with x of the "
    "same shape overwrites an earlier result: make a new array on every "
    "call."
)


def expect_earlier_result_kept(name, earlier, after):
    """Fail if the learner's `name` changed the result of an earlier call
    when called again: `earlier` is (x, the result, a copy of it made
    then), `after` (x, the result) of the call after."""
    x, result, kept = earlier
    if np.array_equal(np.asarray(result, dtype=np.float64), kept, equal_nan=True):
        return
    other, again = after
    overwritten = np.array_equal(
        np.asarray(result, dtype=np.float64),
        np.asarray(again, dtype=np.float64),
        equal_nan=True,
    )
    call, later = describe_call(name, (x,), {}), describe_call(name, (other,), {})
    fail(
        f"A later call of {name} changed the array an earlier call returned.",
        call=f"{call}, then {later}",
        expected=short(kept),
        actual=short(result),
        mistake=BUFFER_REFILLED if overwritten else None,
    )


CHECKED = {"sigmoid": check_sigmoid, "sigmoid_grad": check_grad}


@pytest.mark.parametrize("name", ["sigmoid", "sigmoid_grad"])
def test_sigmoid_and_its_grad_leave_an_earlier_result_as_it_was(name):
    # The caller may hold several results at once (the hidden layers of two
    # batches, say): a later call must not change an earlier one.
    x, other = np.array([-2.0, 0.5, 3.0]), np.array([1.0, -4.0, 0.0])
    first = CHECKED[name](x)
    kept = np.array(first, dtype=np.float64)
    later = CHECKED[name](other)
    expect_earlier_result_kept(name, (x, first, kept), (other, later))


def stale_result(name):
    """The mistake of a result of `name` kept for the array x it was
    given, found again after x changed in place."""
    return (
        "a result kept from an earlier call on the same array: x changed in "
        f"place in between, and {name} gave what it gave then. Neither id(x) "
        "nor x itself, kept to compare the next x with, can tell: x is the "
        "caller's array, and what was kept changes with it. Work "
        f"{name}(x) out afresh from the values x holds at each call."
    )


@pytest.mark.parametrize("name", ["sigmoid", "sigmoid_grad"])
def test_sigmoid_and_its_grad_follow_x_changed_in_place_between_calls(name):
    # Training changes its arrays in place between calls: each call must
    # work from the values x holds now, not from a result kept for the
    # same array object (id(x) stays the same when x changes in place).
    x = np.array([[-2.0, 0.5], [3.0, 1.0]])
    before = short(x)
    first = np.array(CHECKED[name](x), dtype=np.float64)
    x[...] = [[1.0, -3.0], [0.0, 2.5]]
    call = describe_call(name, (x,), {})
    result = apply(name, x)
    expect_close(
        result,
        getattr(reference, name)(x),
        call,
        rtol=0,
        atol=ATOL,
        mistakes=[
            (stale_result(name), first),
            *(value_mistakes(x, result) if name == "sigmoid" else grad_mistakes(x)),
        ],
        what=f"This x held {before} at the call before, then was changed in "
        f"place: {name}(x) must be that of the values x holds now.",
    )


def test_sigmoid_and_its_grad_leave_their_argument_unchanged():
    # The harness compares x before and after each call and fails the test
    # if it changed.
    x = np.array([[-2.0, 0.5], [3.0, -1000.0]])
    learner.sigmoid(x)
    learner_function("sigmoid_grad")(x)

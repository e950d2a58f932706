"""Exercise 8: backward(params, x, t), the gradients of the loss."""

import copy
import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests import reference
from tests.harness import (
    Exercise,
    describe_call,
    learner_code,
    quietly,
    short,
)
from tests.judge import (
    FLOAT_INDEX,
    OTHER_LABEL_DTYPES,
    PASS_THROUGH,
    code_mistake,
    expect_close,
    expect_labels_of_any_dtype,
    fail,
    float_index,
    variant,
    when_shown,
)
from tests.strategies import examples, float_arrays, sizes

# What NumPy says when the inner sizes of a matrix product differ: matmul
# (and @) of its core dimension, np.dot that the shapes are not aligned.
INNER_CLASH = ("mismatch in its core dimension", "not aligned")
# A product of x, or of h, as it is (not x.T), on the line that raised: by
# another factor than the weight it meets in the forward pass.
X_FIRST = re.compile(
    r"(?:(?<![\w.])x\s*@|\bnp\.(?:dot|matmul)\(\s*x\s*,)\s*(?!w1\b|W1\b|params)"
)
H_FIRST = re.compile(
    r"(?:(?<![\w.])h\s*@|\bnp\.(?:dot|matmul)\(\s*h\s*,)\s*(?!w2\b|W2\b|params)"
)
DW1_UNTRANSPOSED = (
    "dw1 is x.T @ dz1: x is (N, D) and dz1 (N, H), and the product sums over "
    "the N samples, so x needs the .T (and dz1 none); dw1 then comes out "
    "(D, H), the shape of w1."
)
DW2_UNTRANSPOSED = (
    "dw2 is h.T @ dz2: h is (N, H) and dz2 (N, C), and the product sums over "
    "the N samples, so h needs the .T (and dz2 none); dw2 then comes out "
    "(H, C), the shape of w2."
)
SHARED_BUFFERS = (
    "the gradients are written into arrays kept between calls (at module "
    "level, say, filled with out=): the next call writes its gradients "
    "into the arrays the caller still holds. Make new arrays at each call."
)


def line_product_mistake(function, error):
    """The mistake of a weight gradient's product whose inner sizes differ,
    told by the line of the learner's that raised `error`: x @ dz1 (or
    x @ dz1.T) for dw1, h @ dz2 for dw2. Else None."""
    if not isinstance(error, ValueError):
        return None
    if not any(clash in str(error) for clash in INNER_CLASH):
        return None
    code = learner_code(error)
    if X_FIRST.search(code):
        return DW1_UNTRANSPOSED
    if H_FIRST.search(code):
        return DW2_UNTRANSPOSED
    return None


learner = Exercise("backprop", explain=line_product_mistake)

KEYS = ("w1", "b1", "w2", "b2")
# Backwards, as the gradients are computed: a mistake in dz2 shows first in
# w2 and b2, one in the sigmoid's slope first in w1.
CHECK_ORDER = ("w2", "b2", "w1", "b1")

# Weights within 1 and inputs within 2 keep every logit within 6 of 0, so no
# probability falls below e**-12 / C and the loss stays smooth.
WEIGHT_BOUND = 1.0
INPUT_BOUND = 2.0
# Central differences with a step of 1e-4 are off by about 1e-8 times the
# loss's third derivative, plus about 1e-12 of rounding: within these bounds,
# 3000 random networks differed from the exact gradient by at most 3e-9.
# Every mistake below is off by far more than the tolerance.
GRAD_RTOL = 1e-4
GRAD_ATOL = 1e-6
# Two calls run the same arithmetic on the same numbers.
REPEAT_RTOL = 1e-12
REPEAT_ATOL = 1e-12
# A step as large as a learning rate of 1 moves the gradients well beyond
# GRAD_ATOL, so a gradient from before the step shows.
STEP_SCALE = 1.0

# Each example costs two loss evaluations per weight: a sixth of the
# profile's examples (10 when grading, more with --explore), on top of the
# pinned ones, keeps the module fast.
FEW = examples(10)

classes = st.integers(min_value=2, max_value=5)


@st.composite
def problems(draw):
    """A network (D, H, C), a batch x (N, D) and int labels (N,)."""
    n, d, h, c = draw(sizes), draw(sizes), draw(sizes), draw(classes)
    params = {
        "w1": draw(float_arrays((d, h), WEIGHT_BOUND)),
        "b1": draw(float_arrays((h,), WEIGHT_BOUND)),
        "w2": draw(float_arrays((h, c), WEIGHT_BOUND)),
        "b2": draw(float_arrays((c,), WEIGHT_BOUND)),
    }
    x = draw(float_arrays((n, d), INPUT_BOUND))
    labels = draw(hnp.arrays(np.intp, n, elements=st.integers(0, c - 1)))
    return params, x, labels


def fixed_problem(n, d, h, c, seed):
    """A reproducible problem of random values, rounded to read easily."""
    rng = np.random.default_rng(seed)

    def uniform(bound, shape):
        return rng.uniform(-bound, bound, shape).round(2)

    params = {
        "w1": uniform(WEIGHT_BOUND, (d, h)),
        "b1": uniform(WEIGHT_BOUND, h),
        "w2": uniform(WEIGHT_BOUND, (h, c)),
        "b2": uniform(WEIGHT_BOUND, c),
    }
    x = uniform(INPUT_BOUND, (n, d))
    labels = np.arange(n) % c
    return params, x, labels


# Must-catch inputs. One sample, where the 1/N cannot show; square layers,
# where a transposed gradient or a sum over the wrong axis keeps its shape;
# all sizes different, where it does not.
ONE_SAMPLE = fixed_problem(1, 4, 3, 2, seed=1)
SQUARE = fixed_problem(3, 3, 3, 3, seed=2)
NOT_SQUARE = fixed_problem(2, 4, 3, 5, seed=3)


def saturated_problem():
    """Inputs of size 1000: every hidden unit is pinned at 0 or 1."""
    params, _, labels = fixed_problem(2, 2, 3, 3, seed=4)
    params["w1"] = np.array([[0.5, -0.25, 1.0], [-0.5, 0.75, 0.5]])
    x = np.array([[1000.0, -1000.0], [-1000.0, 3000.0]])
    return params, x, labels


def central_differences(params, x, t):
    """The gradient of the trusted loss, without its epsilon, by central
    differences on copies of the parameters."""
    params = {key: value.copy() for key, value in params.items()}

    def loss(_):
        return reference.loss(params, x, t, eps=0.0)

    return {key: reference.numerical_gradient(loss, params[key]) for key in KEYS}


# A gradient of its parameter's shape reversed: named so whatever its
# values, which may be wrong for a second reason too.
TRANSPOSED = {
    "w1": "dw1 is transposed: dw1 = x.T @ dz1 has w1's shape (D, H).",
    "w2": "dw2 is transposed: dw2 = h.T @ dz2 has w2's shape (H, C).",
}


class NFold(str):
    """A reading of the gradients as N times off, with the factor by which
    they change when the batch is given twice over (2N samples, the same
    mean loss and so the same gradients): a missing division by N doubles
    them (2.0), a second one halves them (0.5). `keys` are the gradients
    it reads so; the others must stay as they are."""

    factor: float
    keys: tuple

    def __new__(cls, text, factor, keys=KEYS):
        reading = super().__new__(cls, text)
        reading.factor = factor
        reading.keys = keys
        return reading


@when_shown
def mistakes(params, x, labels):
    """What the common wrong answers give: (description, gradients) pairs."""
    w2 = params["w2"]
    z1 = x @ params["w1"] + params["b1"]
    h = reference.sigmoid(z1)
    probs = reference.softmax(h @ w2 + params["b2"])
    n = len(x)
    error = probs - one_hot(labels, probs.shape[1])

    def gradients(dz2, slope=h * (1 - h)):
        dz1 = dz2 @ w2.T * slope
        return {"w1": x.T @ dz1, "b1": dz1.sum(0), "w2": h.T @ dz2, "b2": dz2.sum(0)}

    right = gradients(error / n)
    dz1 = error / n @ w2.T * h * (1 - h)
    # N said with its value: where N is 2, a factor 2 of another origin
    # gives the same numbers, and the reader can tell which it is.
    return [
        (
            NFold(
                f"the gradients are N times (here {n}) too large: the loss is "
                "a mean over the batch, so dz2 needs a division by N.",
                2.0,
            ),
            gradients(error),
        ),
        (
            NFold(
                f"the gradients are N times (here {n}) too small: divide by N "
                "once, in dz2, and not again further on.",
                0.5,
            ),
            gradients(error / n**2),
        ),
        (
            NFold(
                f"dw1 and dw2 are N times (here {n}) too large: dz2 needs a "
                "division by N, as the loss is a mean over the batch. If the "
                "bias gradients came out right, it may be because they were "
                "taken as means over the samples; with dz2 = (probs - t) / N "
                "they are its sums, dz2.sum(axis=0).",
                2.0,
                keys=("w1", "w2"),
            ),
            {**gradients(error), "b1": right["b1"], "b2": right["b2"]},
        ),
        (
            NFold(
                f"dw2 alone is N times (here {n}) too large: the 1/N of the "
                "mean was undone for dw2 (dz2 * N), or applied to every "
                "gradient but dw2. Take dw2 = h.T @ dz2, with the same "
                "dz2 = (probs - t) / N as the others.",
                2.0,
                keys=("w2",),
            ),
            {**right, "w2": h.T @ error},
        ),
        (
            NFold(
                f"db2 is N times (here {n}) too small: dz2 is already divided "
                "by N, so db2 is its sum over the samples, dz2.sum(axis=0), "
                "not its mean.",
                0.5,
                keys=("b2",),
            ),
            {**right, "b2": right["b2"] / n},
        ),
        (
            NFold(
                f"db1 and db2 are N times (here {n}) too small: dz1 and dz2 are "
                "already divided by N, so each bias gradient is a sum over the "
                "samples (dz2.sum(axis=0)), not a mean.",
                0.5,
                keys=("b1", "b2"),
            ),
            {**right, "b1": right["b1"] / n, "b2": right["b2"] / n},
        ),
        (
            "the sign is flipped: dz2 is (probs - t) / N, not (t - probs) / N.",
            gradients(-error / n),
        ),
        (
            "the slope of the sigmoid is missing: dz1 = dh * h * (1 - h).",
            gradients(error / n, slope=1.0),
        ),
        (
            "the factor (1 - h) of the sigmoid's slope is missing: "
            "dz1 = dh * h * (1 - h), not dh * h.",
            gradients(error / n, slope=h),
        ),
        (
            "the factor h of the sigmoid's slope is missing: "
            "dz1 = dh * h * (1 - h), not dh * (1 - h).",
            gradients(error / n, slope=1 - h),
        ),
        (
            "the sigmoid's slope was taken at h, which is already the "
            "sigmoid's output: the slope is h * (1 - h), or sigmoid_grad(z1).",
            gradients(error / n, slope=reference.sigmoid_grad(h)),
        ),
        (
            "the slope was taken of z1, the hidden layer's input: the "
            "sigmoid's slope is h * (1 - h), with h = sigmoid(z1), not "
            "z1 * (1 - z1).",
            gradients(error / n, slope=z1 * (1 - z1)),
        ),
        # Worded as when the shapes clash, so that both show as one mistake.
        (FORM_MISTAKES["labels"], variant(lambda: gradients((probs - labels) / n))),
        (TRANSPOSED["w1"], {**right, "w1": right["w1"].T}),
        # Runs only where H equals C.
        (DH_UNTRANSPOSED, variant(lambda: untransposed(error / n, w2, h, x))),
        (TRANSPOSED["w2"], {**right, "w2": right["w2"].T}),
        (
            "the bias gradients were summed over the wrong axis: sum over "
            "the batch, axis 0.",
            {"b1": dz1.sum(axis=1), "b2": (error / n).sum(axis=1)},
        ),
        (
            "the bias gradients still have a batch axis: sum dz1 and dz2 "
            "over axis 0, without keepdims, so that db1 is (H,) and db2 (C,).",
            {"b1": dz1, "b2": error / n},
        ),
        # keepdims=True would keep a row, (1, H): as wrong as one number.
        (
            "db1 was summed over every axis, to one number: the bias "
            "gradient sums over the samples only, dz1.sum(axis=0), one "
            "value per hidden unit.",
            {"b1": dz1.sum()},
        ),
        (
            "db2 was summed over every axis, to one number: the bias "
            "gradient sums over the samples only, dz2.sum(axis=0), one "
            "value per class.",
            {"b2": (error / n).sum()},
        ),
        (
            "the bias gradients still have a batch axis: sum dz1 and dz2 "
            "over axis 0, without keepdims, so that db1 is (H,) and db2 (C,).",
            {"b1": dz1.sum(0, keepdims=True), "b2": right["b2"][None, :]},
        ),
    ]


def divided_twice_mistake(key, n):
    """Why gradient `key` is N (here `n`) times too small when it got one
    / N more than the mean's, in the words of its own formula: a failure
    shows one gradient at a time."""
    return {
        "w2": f"dw2 is N times (here {n}) too small: it was divided by N "
        "twice. dz2 = (probs - t) / N already holds the mean's 1/N, so "
        "dw2 = h.T @ dz2, with no further / N.",
        "b2": f"db2 is N times (here {n}) too small: it was divided by N "
        "twice. dz2 = (probs - t) / N already holds the mean's 1/N, so "
        "db2 = dz2.sum(axis=0), a sum over the samples with no further / N "
        "(not a mean).",
        "w1": f"dw1 is N times (here {n}) too small: it was divided by N "
        "twice. dz2 = (probs - t) / N already holds the mean's 1/N, and "
        "dz1 = dh * h * (1 - h) carries it on, so dw1 = x.T @ dz1, with no "
        "further / N.",
        "b1": f"db1 is N times (here {n}) too small: it was divided by N "
        "twice. dz2 = (probs - t) / N already holds the mean's 1/N, and "
        "dz1 = dh * h * (1 - h) carries it on, so db1 = dz1.sum(axis=0), a "
        "sum over the samples with no further / N (not a mean).",
    }[key]


# The gradients divided by N twice that `mistakes` reads as one mistake
# of its own: all four, and the bias gradients taken as a mean.
READ_WHOLE = (KEYS, ("b2",), ("b1", "b2"))


@when_shown
def divided_twice(grads, params, x, labels):
    """Readings of the gradients in `grads` (a dict) that are N times too
    small, one for each (see `divided_twice_mistake`), as (NFold,
    {key: value}) pairs; none where N is 1, or where `mistakes` reads them
    whole. Which gradients they are, only the learner's tell: each of the
    four may take a / N of its own."""
    n = len(x)
    right = reference.backward(params, x, labels)
    keys = tuple(
        key
        for key in KEYS
        if close(grads.get(key), right[key], 1.0 / n)
        and not close(grads.get(key), right[key])
    )
    if not keys or keys in READ_WHOLE:
        return []
    return [
        (NFold(divided_twice_mistake(key, n), 0.5, keys), {key: right[key] / n})
        for key in keys
    ]


def untransposed(dz2, w2, h, x):
    """The gradients of w1 and b1 with dh = dz2 @ w2, w2 not transposed."""
    dz1 = dz2 @ w2 * h * (1 - h)
    return {"w1": x.T @ dz1, "b1": dz1.sum(0)}


def scales_with_n(grads, params, x, labels, form, factor, keys=KEYS):
    """Whether the learner's gradients `keys` for the batch given twice
    over are `factor` times `grads`, and the others `grads` still, as they
    are when N is what is off; a factor of another origin (a stray * 2
    where N is 2) leaves them as they are. Another gradient that is wrong
    already (of another mistake, a bias summed over the wrong axis whose
    shape follows N) is left out: it tells nothing of N."""
    right = reference.backward(params, x, labels)
    others = [key for key in KEYS if key not in keys and close(grads[key], right[key])]
    twice = copy.deepcopy(params), np.concatenate([x, x])
    t = as_form(np.concatenate([labels, labels]), len(params["b2"]), form)
    try:
        other = learner.backward(*twice, t)
    except Exception:
        return False
    return (
        isinstance(other, dict)
        and all(close(other.get(key), grads[key], factor) for key in keys)
        and all(close(other.get(key), grads[key]) for key in others)
    )


def close(value, wanted, factor=1.0):
    """Whether a gradient `value` of the learner's is `factor` times
    `wanted`, within the tolerances of the tests, in shape and values;
    False for what is not an array of numbers."""
    try:
        value = np.asarray(value, dtype=np.float64)
        wanted = factor * np.asarray(wanted, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return value.shape == wanted.shape and np.allclose(
        value, wanted, rtol=GRAD_RTOL, atol=GRAD_ATOL
    )


def confirmed(mistaken, grads, params, x, labels, form):
    """`mistaken` without the readings of the gradients as N times off
    that some gradient matches but the batch given twice over does not
    confirm: N is 2 in some tests, where a factor 2 looks the same."""
    kept, readings = [], []
    for description, wrong in mistaken:
        factor = getattr(description, "factor", None)
        shown = factor is not None and any(
            close(grads[key], wrong[key]) for key in KEYS if key in wrong
        )
        keys = getattr(description, "keys", KEYS)
        if shown and not scales_with_n(grads, params, x, labels, form, factor, keys):
            continue
        if shown and all(close(grads.get(key), wrong.get(key)) for key in keys):
            readings.append(description)
        kept.append((description, wrong))
    # A reading of fewer gradients as N times off ("dw2 alone") gives way
    # to one of more that the gradients bear out as well ("dw1 and dw2").
    return [
        (description, wrong)
        for description, wrong in kept
        if not any(_narrower(description, wider) for wider in readings)
    ]


def _narrower(reading, wider) -> bool:
    """Whether `reading`, of some gradients as N times off, reads fewer of
    them so than `wider`, by the same factor."""
    keys = getattr(reading, "keys", None)
    return (
        keys is not None
        and getattr(reading, "factor", None) == wider.factor
        and set(keys) < set(wider.keys)
    )


def key_mistakes(mistaken, key):
    """The (description, value) pairs for one gradient."""
    return [
        (description, grads[key])
        for description, grads in mistaken
        if grads is not None and key in grads
    ]


FORMS = {"labels": "int labels (N,)", "one-hot": "one-hot (N, C)"}
FORM_MISTAKES = {
    "labels": "t given as int labels (N,) must be turned into one-hot "
    "(N, C), as wide as probs, before it is compared with probs (N, C): "
    "either they were used as they are (only a t of probs' own shape is "
    "one-hot), or turned into too few columns. C is probs.shape[1] or "
    "len(b2), not labels.max() + 1 (a batch may lack the last class).",
    "one-hot": "only int labels (N,) were handled: a one-hot t (N, C) cannot "
    "index an array. Tell the two forms apart by shape (t.ndim) and convert "
    "int labels only, or turn both into one-hot.",
}


def one_hot(labels, c):
    return np.eye(c)[labels]


def as_form(labels, c, form):
    return labels if form == "labels" else one_hot(labels, c)


def call_backward(params, x, labels, form):
    """Run the learner's backward with t as int labels or one-hot.

    If it raises for one form of t but not for the other, the failure says
    which form it does not handle; any other exception goes through as it is.
    """
    t = as_form(labels, len(params["b2"]), form)
    try:
        return learner.backward(params, x, t)
    except (NotImplementedError, AssertionError):
        raise
    except Exception as error:
        if code_mistake(error) is not None:
            raise  # the code is broken whatever t is: say so as it is
        if getattr(error, "kata_mistake", None) is None:
            # The harness has put params and x back as they were given.
            error.kata_mistake = product_mistake(error, params, x, labels)
        expect_raised_afresh(error, params, x, t)
        other = "one-hot" if form == "labels" else "labels"
        spare = copy.deepcopy((params, x))
        try:
            learner.backward(*spare, as_form(labels, len(params["b2"]), other))
        except Exception:
            raise error from None
        fail(
            f"backward raised {type(error).__name__} for t given as "
            f"{FORMS[form]}, though not for t given as {FORMS[other]}: "
            f"{error}",
            call=getattr(error, "kata_call", None),
            mistake=form_mistake(error, t, form),
            raised=error,
        )


DH_UNTRANSPOSED = (
    "w2 was not transposed: dh is dz2 @ w2.T. w2 is (H, C), dz2 (N, C), so "
    "dz2 @ w2 does not fit "
    "(or, where H equals C, fits and gives the wrong numbers); the .T makes "
    "dh (N, H), one value for each hidden unit of each sample."
)


def product_mistake(error, params, x, labels):
    """DH_UNTRANSPOSED where `error` is what dz2 @ w2 (or np.dot(dz2, w2))
    raises on this input, else None (the advice for the exception then
    applies). Told by the error NumPy gives for these very shapes, raised
    by a line that names w2: other products raise the same words where
    their sizes happen to match dz2's and w2's."""
    if not multiplies_w2(error):
        return None
    probs = reference.forward(params, x)
    dz2 = (probs - one_hot(labels, probs.shape[1])) / len(x)
    for product in (np.matmul, np.dot):
        try:
            product(dz2, params["w2"])
        except ValueError as other:
            if type(error) is type(other) and str(error) == str(other):
                return DH_UNTRANSPOSED
    return None


def multiplies_w2(error):
    """Whether the line of the learner's that raised `error` may be dh's
    product with w2: it names w2 (W2, params["w2"]), or it is unknown. Any
    other line that raises NumPy's same words makes another mistake."""
    code = learner_code(error)
    return not code or re.search(r"w2", code, re.IGNORECASE) is not None


# What NumPy says when two shapes do not fit, in a sum or a matrix product.
SHAPE_CLASH = ("could not be broadcast", "mismatch in its core dimension")
ONE_HOT_AGAIN = (
    "t is already one-hot (N, C) here, and was made one-hot again "
    "(np.eye(C)[t.astype(int)]?): each of its entries got a row of its "
    "own, an axis too many, and the shapes no longer fit. Tell the two "
    "forms apart by shape (t.ndim) and turn int labels only into one-hot."
)


def form_mistake(error, t, form):
    """The likely mistake behind `error`, raised by backward for t in
    `form` only: labels made floats cannot index, and one-hot t needs no
    index; a one-hot t that clashes in shape, though it indexed nothing,
    was turned into one-hot again with its floats made ints."""
    if form == "labels":
        return float_index(error, t) or FORM_MISTAKES[form]
    if FLOAT_INDEX not in str(error) and any(
        clash in str(error) for clash in SHAPE_CLASH
    ):
        return ONE_HOT_AGAIN
    return FORM_MISTAKES[form]


def expect_raised_afresh(error, params, x, t):
    """Fail naming state kept between calls if `error`, raised by backward
    after earlier calls, is not raised by a first call on the same input."""
    spare = copy.deepcopy((params, x, t))
    try:
        Exercise("backprop").afresh().backward(*spare)
    except Exception:
        return
    fail(
        f"backward raised {type(error).__name__} on this input after earlier "
        f"calls, though not as the first call on it: {error}",
        call=getattr(error, "kata_call", None),
        mistake=STATE_KEPT,
        raised=error,
    )


STATE_KEPT = (
    "state kept between calls: something an earlier call computed (a hidden "
    "layer cached in a global or a default argument) was used again. Compute "
    "everything from this call's params, x and t."
)
STALE_GRADIENTS = (
    "state kept between calls: the first call on this very input, with "
    "nothing left from earlier calls, gives the right gradients. Something "
    "an earlier call computed was used again: N, the size of an earlier "
    "batch, say, or a hidden layer cached in a global or a default "
    "argument. Compute everything from this call's params, x and t."
)


@when_shown
def kept_state(grads, params, x, labels, t):
    """[(STALE_GRADIENTS, grads)] where some gradient in `grads` is wrong
    but a first call, of the learner's module loaded again, on the same
    input gives every one right: what else went wrong is then not in the
    formulas. Else []."""
    right = reference.backward(params, x, labels)
    if all(close(grads.get(key), right[key]) for key in KEYS):
        return []
    spare = copy.deepcopy((params, x, t))
    try:
        with quietly():
            fresh = Exercise("backprop").afresh().backward(*spare)
    except Exception:
        return []
    if isinstance(fresh, dict) and all(
        close(fresh.get(key), right[key]) for key in KEYS
    ):
        return [(STALE_GRADIENTS, dict(grads))]
    return []


GRADIENTS_IN_A_DICT = "return {'w1': dw1, 'b1': db1, 'w2': dw2, 'b2': db2}."
SEVERAL_RETURNED = (
    "a return of several values (return dw1, db1, dw2, db2) gives a tuple, "
    "whose items have no names: return the gradients in a dict, each under "
    "its parameter's key, {'w1': dw1, 'b1': db1, 'w2': dw2, 'b2': db2}."
)


def expect_gradient_dict(grads, params, call):
    """Fail unless `grads` is a dict with exactly the keys of `params`."""
    if not isinstance(grads, dict):
        if grads is None:
            mistake = "a missing return statement."
        elif isinstance(grads, tuple):
            mistake = SEVERAL_RETURNED
        else:
            mistake = GRADIENTS_IN_A_DICT
        fail(
            f"backward must return a dict of gradients, not {type(grads).__name__}.",
            call=call,
            expected=f"a dict with keys {sorted(params)}",
            actual=short(grads),
            mistake=mistake,
        )
    if set(grads) != set(params):
        fail(
            "The gradients must have exactly the keys of params.",
            call=call,
            expected=str(sorted(params)),
            actual=str(sorted(grads, key=str)),
            mistake=keys_mistake(grads, params),
        )


def keys_mistake(grads, params):
    """Why `grads` has other keys than `params`: keys added to every
    gradient's (a loss returned alongside, say), or gradients named
    otherwise."""
    extra = [key for key in grads if key not in params]
    if all(key in grads for key in params):
        keys = ", ".join(map(repr, extra))
        return (
            f"grads has keys params does not have ({keys}): return only the "
            "gradients, one under each key of params."
        )
    return (
        "name each gradient after its parameter: grads['w1'] is the gradient "
        "of the loss with respect to params['w1']."
    )


ONE_HOT_TWICE = (
    "t is already one-hot (N, C) here: passing it through one_hot gives "
    "each of its entries a row of its own, an axis too many. Tell the two "
    "forms apart by shape (t.ndim) and turn int labels only into one-hot."
)


def expect_one_hot_not_encoded_again(grads, params, x, labels, call):
    """Fail naming one_hot applied to a t that is one-hot already where a
    gradient for one-hot t has an axis too many and the same call with int
    labels gives that gradient its parameter's number of axes (its shape
    may be wrong for another reason, a transposed dw1, say)."""
    extra = [key for key in CHECK_ORDER if np.ndim(grads[key]) > params[key].ndim]
    if not extra:
        return
    spare = copy.deepcopy((params, x, labels))
    try:
        other = learner.backward(*spare)
    except Exception:
        return
    if not isinstance(other, dict) or any(
        np.ndim(other.get(key)) != params[key].ndim for key in extra
    ):
        return
    key = extra[0]
    fail(
        f"The gradient for {key} has the wrong shape.",
        call=call,
        expected=str(params[key].shape),
        actual=str(np.shape(grads[key])),
        mistake=ONE_HOT_TWICE,
    )


def wrong_gradient(key):
    """What a wrong gradient for `key` breaks, in the same words in every
    test, so that one wrong formula is shown once, whichever test and
    input showed it."""
    return (
        f"The gradient for {key} is not the derivative of the loss "
        f"with respect to {key}."
    )


def check_gradients(problem, form):
    """Compare backward's gradients with central differences of the loss."""
    # A copy, so that a learner's change to an input cannot leak into the
    # pinned examples other tests use.
    params, x, labels = copy.deepcopy(problem)
    t = as_form(labels, len(params["b2"]), form)
    call = describe_call("backward", (params, x, t), {})
    grads = call_backward(params, x, labels, form)
    expect_gradient_dict(grads, params, call)
    if form == "one-hot":
        expect_one_hot_not_encoded_again(grads, params, x, labels, call)

    expected = central_differences(params, x, t)
    mistaken = kept_state(grads, params, x, labels, t) or confirmed(
        mistakes(params, x, labels) + divided_twice(grads, params, x, labels),
        grads,
        params,
        x,
        labels,
        form,
    )
    for key in CHECK_ORDER:
        expect_close(
            grads[key],
            expected[key],
            call,
            rtol=GRAD_RTOL,
            atol=GRAD_ATOL,
            mistakes=key_mistakes(mistaken, key),
            what=wrong_gradient(key),
            shape_what=f"The gradient for {key} has the wrong shape.",
            transposed=TRANSPOSED.get(key),
        )
        if not isinstance(grads[key], np.ndarray) or grads[key].dtype != np.float64:
            fail(
                f"The gradient for {key} must be a float64 array.",
                call=call,
                actual=f"{type(grads[key]).__name__} of {np.asarray(grads[key]).dtype}",
            )


def test_two_calls_give_the_same_gradients():
    # First in the module: state kept between calls shows here as such,
    # before inputs of other shapes trip over it in some other way.
    params, x, labels = copy.deepcopy(NOT_SQUARE)
    call = describe_call("backward", (params, x, labels), {})
    # A first call that raises fails here as in every test, and is named
    # alike (`call_backward`): a skip would count as a test passed.
    first = call_backward(params, x, labels, "labels")
    expect_gradient_dict(first, params, call)
    first = {key: np.array(value, dtype=np.float64) for key, value in first.items()}
    second = call_backward(params, x, labels, "labels")
    expect_gradient_dict(second, params, call)
    for key in KEYS:
        expect_close(
            second[key],
            first[key],
            call,
            rtol=REPEAT_RTOL,
            atol=REPEAT_ATOL,
            mistakes=[
                (
                    "state kept between calls: the gradients were added to "
                    "a global, or to a default argument, instead of being "
                    "computed afresh.",
                    2 * first[key],
                )
            ],
            what=f"A second call on the same input gave a different gradient "
            f"for {key}: state kept between calls?",
            shape_what=f"The gradient for {key} has the wrong shape.",
        )


def expect_backward(params, x, t, what):
    """Call the learner's backward and fail unless each gradient is the
    reference's; `what(key)` says which property a wrong one breaks."""
    call = describe_call("backward", (params, x, t), {})
    grads = call_backward(params, x, t, "labels")
    expect_gradient_dict(grads, params, call)
    expected = reference.backward(params, x, t)
    mistaken = kept_state(grads, params, x, t, t) or confirmed(
        mistakes(params, x, t) + divided_twice(grads, params, x, t),
        grads,
        params,
        x,
        t,
        "labels",
    )
    for key in CHECK_ORDER:
        expect_close(
            grads[key],
            expected[key],
            call,
            rtol=GRAD_RTOL,
            atol=GRAD_ATOL,
            mistakes=key_mistakes(mistaken, key),
            what=what(key),
            shape_what=f"The gradient for {key} has the wrong shape.",
            transposed=TRANSPOSED.get(key),
        )
    return grads


def test_backward_gives_the_docstring_example():
    # Before the other tests of values: where several fail, the plainest
    # input is the one shown first.
    params = {
        "w1": np.zeros((2, 1)),
        "b1": np.zeros(1),
        "w2": np.zeros((1, 2)),
        "b2": np.zeros(2),
    }
    x = np.array([[1.0, 2.0]])
    t = np.array([0])
    expect_backward(
        params,
        x,
        t,
        wrong_gradient,
    )


@settings(max_examples=FEW)
@given(problems())
@example(ONE_SAMPLE)
@example(SQUARE)
@example(NOT_SQUARE)
def test_gradients_match_central_differences_for_one_hot_targets(problem):
    check_gradients(problem, form="one-hot")


@settings(max_examples=FEW)
@given(problems())
@example(ONE_SAMPLE)
@example(SQUARE)
@example(NOT_SQUARE)
@example(saturated_problem())
def test_gradients_match_central_differences_for_integer_labels(problem):
    check_gradients(problem, form="labels")


BY_POSITION = (
    "backward reads params by position, as w1, b1, w2, b2 = params.values() "
    "does: that holds only while the dict lists its keys in that order. "
    'Look them up by key: params["w1"], params["b1"], params["w2"], '
    'params["b2"].'
)
KEY_ORDER = (
    "the gradients changed with the order of the keys of params alone: look "
    'each parameter up by its key, params["w1"] and so on, and take nothing '
    "from the order of the dict."
)
SAME_GRADIENTS = (
    "backward must give the same gradients whatever order params lists its keys in."
)


def positional(params, x, labels):
    """The gradients backward gives when it takes the values of `params` in
    the order the dict lists them as w1, b1, w2 and b2; None where that
    crashes."""
    values = params.values()
    return variant(
        lambda: reference.backward(dict(zip(KEYS, values, strict=True)), x, labels)
    )


def right_in_order(params, x, labels, expected):
    """Whether the learner's backward gives the `expected` gradients for
    params whose keys come in the docstring's order."""
    try:
        with quietly():
            grads = learner.backward(copy.deepcopy(params), x, labels)
    except PASS_THROUGH:
        raise
    except Exception:
        return False
    return isinstance(grads, dict) and all(
        close(grads.get(key), expected[key]) for key in KEYS
    )


# The docstring names the parameters by key: a dict that lists them in
# another order is the same network. Layers swapped on a square network
# give wrong gradients; the keys reversed on one of unequal sizes, a crash.
@pytest.mark.parametrize(
    ("problem", "keys"),
    [(SQUARE, ("w2", "b2", "w1", "b1")), (NOT_SQUARE, KEYS[::-1])],
    ids=["layers-swapped", "reversed"],
)
def test_backward_looks_params_up_by_key(problem, keys):
    params, x, labels = copy.deepcopy(problem)
    expected = reference.backward(params, x, labels)
    if not right_in_order(params, x, labels, expected):
        return  # wrong whatever the order: the other tests say how
    reordered = {key: params[key] for key in keys}
    call = describe_call("backward", (reordered, x, labels), {})
    by_position = positional(reordered, x, labels)
    try:
        grads = learner.backward(reordered, x, labels)
    except (ValueError, IndexError) as error:
        fail(
            SAME_GRADIENTS,
            call=call,
            actual=f"raised {type(error).__name__}: {error}",
            mistake=BY_POSITION if by_position is None else KEY_ORDER,
            raised=error,
        )
    expect_gradient_dict(grads, params, call)
    for key in CHECK_ORDER:
        expect_close(
            grads[key],
            expected[key],
            call,
            rtol=GRAD_RTOL,
            atol=GRAD_ATOL,
            mistakes=[] if by_position is None else [(BY_POSITION, by_position[key])],
            what=SAME_GRADIENTS,
            shape_what=SAME_GRADIENTS,
            otherwise=KEY_ORDER,
        )


# One class, which the docstring does not rule out: its probability is 1
# whatever the input, so every gradient is 0. Labels (N,) then hold as many
# numbers as probs (N, 1), and only their shapes tell them from one-hot.
ONE_CLASS = fixed_problem(2, 3, 4, 1, seed=5)


def test_one_class_gives_zero_gradients_for_integer_labels():
    check_gradients(ONE_CLASS, form="labels")


@pytest.mark.parametrize(
    "dtype", OTHER_LABEL_DTYPES, ids=lambda dtype: np.dtype(dtype).name
)
def test_integer_labels_of_every_dtype_give_the_same_gradients(dtype):
    params, x, labels = copy.deepcopy(NOT_SQUARE)
    call = describe_call("backward", (params, x, labels.astype(dtype)), {})

    def first(t):
        return call_backward(*copy.deepcopy((params, x)), t, "labels")

    def run(t):
        return learner.backward(*copy.deepcopy((params, x)), t)

    expect_labels_of_any_dtype(run, labels, dtype, call, "backward", first)


PARAMS_DTYPE_KEPT = (
    "the gradients came back in the dtype of params, float32 here, though "
    "float64 params get float64 ones: g.astype(params[k].dtype) and "
    "np.zeros_like(params[k]) keep it. Return the float64 arrays the "
    "products with x and the float64 probabilities give, as they are."
)


def keeps_params_dtype():
    """Whether the learner's backward gives float64 gradients for the
    float64 params of NOT_SQUARE: a float32 gradient for float32 params
    then follows their dtype."""
    params, x, labels = copy.deepcopy(NOT_SQUARE)
    try:
        with quietly():
            grads = learner.backward(params, x, labels)
        return all(np.asarray(grads[key]).dtype == np.float64 for key in KEYS)
    except PASS_THROUGH:
        raise
    except Exception:
        return False


def test_float32_params_get_float64_gradients():
    # Params kept as float32 (to halve their memory) meet a float64 x:
    # the gradients are float64, as the docstring says, whatever params is.
    params, x, labels = copy.deepcopy(NOT_SQUARE)
    params = {key: value.astype(np.float32) for key, value in params.items()}
    call = describe_call("backward", (params, x, labels), {})
    grads = expect_backward(params, x, labels, wrong_gradient)
    for key in CHECK_ORDER:
        dtype = np.asarray(grads[key]).dtype
        if dtype != np.float64:
            fail(
                f"The gradient for {key} must be a float64 array, whatever "
                "dtype params has.",
                call=call,
                expected="float64",
                actual=str(dtype),
                mistake=PARAMS_DTYPE_KEPT
                if dtype == np.float32 and keeps_params_dtype()
                else None,
            )


# The reference computes the gradients by the docstring's formulas, exact
# but for rounding: right answers that sum in other orders (by einsum, by
# loops over the samples) stay within a ten-thousandth of these bounds on
# the problems below. A step taken in float32 (the hidden layer, to halve
# its memory) keeps about 7 digits, and lands a hundred times beyond them:
# far inside GRAD_RTOL, which central differences need.
EXACT_RTOL = 1e-9
EXACT_ATOL = 1e-12
FLOAT32_STEP = (
    "the gradients hold only about 7 correct digits, as many as float32 "
    "keeps: a step on the way (the hidden layer h, say) was computed in "
    "float32. Keep every step in float64, the dtype of x and params."
)


def close_to_rounding(key):
    """What a gradient for `key` right to float32's digits only breaks."""
    return (
        f"The gradient for {key} is right to about 7 digits only: the "
        "formulas in float64 give it to about 15."
    )


@pytest.mark.parametrize("problem", [SQUARE, NOT_SQUARE], ids=["square", "not-square"])
def test_gradients_are_exact_but_for_rounding(problem):
    params, x, labels = copy.deepcopy(problem)
    call = describe_call("backward", (params, x, labels), {})
    grads = call_backward(params, x, labels, "labels")
    expect_gradient_dict(grads, params, call)
    expected = reference.backward(params, x, labels)
    if not all(close(grads[key], expected[key]) for key in KEYS):
        return  # wrong beyond rounding: the other tests say how
    for key in CHECK_ORDER:
        expect_close(
            grads[key],
            expected[key],
            call,
            rtol=EXACT_RTOL,
            atol=EXACT_ATOL,
            what=close_to_rounding(key),
            otherwise=FLOAT32_STEP,
        )


def test_gradients_follow_params_changed_in_place():
    # Training changes the arrays of params in place between calls (as
    # sgd_update does): each call must work from the values they hold now.
    params, x, labels = copy.deepcopy(NOT_SQUARE)
    # The first call must be right on its own: a wrong formula is named as
    # such, not taken for state kept between calls.
    expect_backward(
        params,
        x,
        labels,
        wrong_gradient,
    )
    for key in KEYS:
        params[key] -= STEP_SCALE * reference.backward(params, x, labels)[key]
    expect_backward(
        params,
        x,
        labels,
        lambda key: (
            f"After an in-place step of params, the gradient for {key} "
            "must be that of the new params: state kept between calls?"
        ),
    )


def test_gradients_returned_stay_as_they_are_after_the_next_call():
    # A training loop may keep one step's gradients (to log or compare
    # them) while it computes the next: each call must return arrays of its
    # own, not ones a later call writes into.
    params, x, labels = copy.deepcopy(NOT_SQUARE)
    call = describe_call("backward", (params, x, labels), {})
    grads = call_backward(params, x, labels, "labels")
    expect_gradient_dict(grads, params, call)
    kept = {key: np.array(grads[key], dtype=np.float64) for key in KEYS}

    stepped = copy.deepcopy(params)
    steps = reference.backward(params, x, labels)
    for key in KEYS:
        stepped[key] -= STEP_SCALE * steps[key]
    later = call_backward(stepped, x, labels, "labels")
    expect_gradient_dict(later, stepped, call)
    for key in CHECK_ORDER:
        expect_close(
            grads[key],
            kept[key],
            call,
            rtol=0,
            atol=0,
            mistakes=[(SHARED_BUFFERS, np.array(later[key], dtype=np.float64))],
            what=f"The gradient for {key} this call returned changed when "
            "backward was called again, with params one step further on: "
            "each call must return gradients of its own.",
        )


def test_params_x_and_t_are_left_unchanged():
    # The harness compares every argument before and after the call.
    params, x, labels = copy.deepcopy(SQUARE)
    call_backward(params, x, labels, "labels")
    call_backward(params, x, labels, "one-hot")

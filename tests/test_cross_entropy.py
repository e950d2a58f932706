"""Exercise 5: cross_entropy(y, t), the mean cross-entropy loss."""

import math
import re
from functools import partial

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests import reference
from tests.harness import Exercise, describe_call, number, quietly, short
from tests.judge import (
    OTHER_LABEL_DTYPES,
    as_array,
    expect_close,
    expect_labels_of_any_dtype,
    fail,
    float_index,
    named_mistake,
    variant,
    when_shown,
)
from tests.strategies import examples, sizes

learner = Exercise("cross_entropy")

# What a learner's code raises when it cannot handle the form of an input.
# Anything else (a NameError, say) is reported as it is.
FORM_ERRORS = (IndexError, ValueError, TypeError)

# Every generated probability lies in [0.012, 0.96] (weights in [0.05, 1],
# two to five classes). There a guard of eps <= 1e-7 inside the log, or a
# clip, moves -log(p) by less than 1e-5, and an epsilon of 1e-4 or more by
# 1e-4 at least: the loss is compared with the unguarded value to within
# ATOL, between the two. Smaller but still too large epsilons fail LARGE_LOSS.
ATOL = 2e-5
# -log(1e-7) is 16.12: with a guard of at most 1e-7 a zero probability on
# the true class costs at least that much, and more with a smaller guard
# (20.7 for 1e-9, 34.5 for 1e-15). An epsilon of 2e-7 gives 15.42, of 1e-6
# 13.8: the bar lies between, and lets through rounding of 1e-7 (in float32,
# say) but no epsilon above 1.13e-7.
LARGE_LOSS = 16.0
# And at most -log(5e-324) = 744.4, even with the smallest epsilon float64
# holds: a loss beyond that comes from no guard at all, but from a cap put
# on an infinite loss (np.nan_to_num makes it 1.8e308).
HUGE_LOSS = 745.0
CAPPED = (
    "the loss was capped after the fact (np.nan_to_num, np.minimum) instead "
    "of guarded: -log(y + EPS) of a zero probability is -log(EPS), 16.1 for "
    "the file's EPS = 1e-7. Put the epsilon inside the log."
)
# Mistakes are looked for with the guards a correct answer might use, and
# the epsilon itself among guards that are too large.
USUAL_EPS = (1e-7, 0.0)
LARGE_EPS = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6)
# Two batches of one sample whose true classes have probability 0.5 and
# 0.25: a guard log(p + eps) costs -log(0.5 + eps) and -log(0.25 + eps),
# from which the learner's eps can be read back, whatever its size.
EPS_PROBES = (
    (np.array([[0.5, 0.5]]), np.array([0])),
    (np.array([[0.25, 0.75]]), np.array([0])),
)
# The largest guard that passes (see LARGE_LOSS), with float rounding.
ALLOWED_EPS = 1.2e-7


def too_large(eps):
    """The mistake of a guard `eps` above 1e-7, in one wording wherever it
    shows, so that it is shown once."""
    return (
        f"the epsilon is too large ({eps:g}): keep it at most 1e-7, or it "
        "changes the loss of ordinary predictions."
    )


EPS_SUBTRACTED = (
    "the epsilon was subtracted, log(y - eps): for a zero probability that "
    "is the log of a negative number, nan. Add it: np.log(y + EPS)."
)


def added_inside_the_log():
    """What the learner's loss adds to the true class's probability inside
    the log, read back from each of EPS_PROBES as exp(-loss) - p: the same
    eps from both for log(p + eps), -eps for log(p - eps). None where the
    two disagree, or a loss is missing or not finite."""
    found = []
    for y, labels in EPS_PROBES:
        loss = probed_loss(y, labels)
        if loss is None or not math.isfinite(loss):
            return None
        found.append(math.exp(-loss) - y[0, labels[0]])
    first, second = found
    return first if math.isclose(first, second, rel_tol=1e-3) else None


def epsilon_subtracted():
    """Whether the learner's losses of EPS_PROBES are those of log(p - eps)
    with one small eps."""
    shift = added_inside_the_log()
    return shift is not None and 0 < -shift <= MAX_SHIFT


def learners_epsilon():
    """The epsilon the learner's loss adds to y inside the log, where it is
    too large to allow; else None (a clip leaves the probabilities of
    EPS_PROBES as they are)."""
    shift = added_inside_the_log()
    return shift if shift is not None and ALLOWED_EPS < shift <= 1 else None


def large_guards():
    """The too large epsilons to look for: the usual ones, and the learner's
    own where it is none of them."""
    eps = learners_epsilon()
    if eps is None or any(
        math.isclose(eps, large, rel_tol=1e-3) for large in LARGE_EPS
    ):
        return LARGE_EPS
    return (*LARGE_EPS, eps)


# Where a true class has probability 0, the guard alone sets the loss: a
# missing minus sign is looked for with the guards of this size that
# learners use.
GUARDS = (1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-15)
LN_10 = math.log(10)

ONE_SAMPLE_AS_BATCH = (
    "one sample of shape (C,) was treated as a batch of C: it is one sample, "
    "so the mean is over 1, not y.shape[0] or len(y)."
)
# A sum down the samples (axis=0) and then a mean, over the C sums left,
# gives the same number as a division by C: both are named.
DIVIDED_BY_C = (
    "divided by C, the number of classes, instead of N, the number of "
    "samples (y.shape[0] or len(y)): a division by the length of a row "
    "(y.shape[1] or y.shape[-1]), or a sum over axis 0, down the samples, "
    "and then a mean over the C sums left? "
    "Sum over the classes (axis=-1), then divide by N."
)
# One wording for a batch and for one sample, whose mean over its C
# entries divides its loss by C: one mistake, shown once.
MEAN_OVER_ALL = (
    "a mean over all the entries of t * log(y), N * C of them (C for one "
    "sample y (C,)), which divides the loss by C too: sum over the classes "
    "first, then average over the N samples only."
)
N_TWICE = (
    "divided by N twice (a mean over the samples, then / N again, or a sum "
    "/ N / N): the loss comes out 1/N of the right one. Divide by N once."
)
# Where N == C the two give one number: one wording, true of both.
N_TWICE_OR_MEAN_OVER_ALL = (
    "the loss is 1/N of the right one (1/C too, as N == C here): divided by "
    "N twice (a mean, then / N again), or a mean over all the entries of "
    "t * log(y), N * C of them? Sum over the classes, then divide by N once."
)
# One wording wherever an array holding one loss comes back (a mean with
# keepdims=True, say), unless it is the loss of each sample of a batch of
# one (see one_loss_array).
ONE_LOSS_ARRAY = (
    "an array holding one loss was returned, not a number: an unneeded "
    "keepdims=True, or a reshape? Return the loss itself."
)
# One wording wherever the samples' losses come back, not their mean: for a
# batch of several, and for a batch of one where a batch of several shows
# it (see one_loss_array).
PER_SAMPLE_LOSSES = (
    "the loss of each sample was returned: return one number, their mean."
)


def one_loss_array():
    """The mistake behind an array of one loss for a batch of one:
    PER_SAMPLE_LOSSES where the learner's cross_entropy returns an array
    of a loss per sample for TALL, a batch of three (with labels or
    one-hot t), else ONE_LOSS_ARRAY."""
    return PER_SAMPLE_LOSSES if returns_per_sample_losses() else ONE_LOSS_ARRAY


def expect_not_per_sample(result, y, call, found):
    """Fail, naming PER_SAMPLE_LOSSES, where `result` is an array of a
    number per sample of the batch y (N > 1) whose values no mistake of
    `found` gives, and the learner's cross_entropy gives a loss per sample
    for TALL too: its shape tells that mistake where its values hold
    another as well (int labels taken for one-hot, say), which the tests
    of that other name."""
    if not isinstance(result, np.ndarray) or len(y) < 2:
        return
    if result.shape != (len(y),) or result.dtype.kind not in "iuf":
        return
    if named_mistake(found, result) is not None or not returns_per_sample_losses():
        return
    fail(
        "The result has the wrong shape.",
        call=call,
        expected="()",
        actual=str(result.shape),
        mistake=PER_SAMPLE_LOSSES,
    )


def returns_per_sample_losses():
    """Whether the learner's cross_entropy of TALL, labels or one-hot,
    gives an array of N losses (N = 3, C = 2, so not one per class)."""
    y, labels = TALL
    for t in (labels, one_hot(labels, y.shape[1])):
        with quietly():
            result = variant(learner.cross_entropy, y, t)
        if isinstance(result, np.ndarray) and result.shape == (len(y),):
            return True
    return False


MISSING_MINUS = (
    "the minus sign is missing: log(p) is negative for p < 1, the loss "
    "-log(p) positive."
)
LOG10 = "np.log10 instead of np.log, the natural logarithm."
LOG1P = (
    "np.log1p instead of np.log: log1p(y) is log(1 + y), not log(y), so "
    "every probability is taken as 1 more than it is. Use np.log(y + EPS)."
)
TWO_CLASS = (
    "the two-class formula: it adds (1 - t) * log(1 - y) for every wrong "
    "class too. With C classes only the true class counts: -sum(t * log(y)) "
    "over the classes."
)
# One wording for every way of taking int labels for one-hot (a product
# t * log(y), an argmax of t, a crash for a batch, a plain int for one
# sample), so that the mistake is shown once.
LABELS_AS_ONE_HOT = (
    "int labels were used as if they were one-hot: when t has one axis less "
    "than y it holds the class numbers, one per sample; pick "
    "y[np.arange(N), t], or y[t] for one sample."
)
ONE_MINUS_Y = (
    "log(1 - y) of the true class: y itself is the probability of the true "
    "class, so the loss is -log(y) of it, -sum(t * log(y)) over the classes."
)
# Two classes, N == C, where int labels taken for one-hot and log(1 - y)
# of the true class give different losses (the docstring's batch gives one).
COMPLEMENT_PROBE = (np.array([[0.2, 0.8], [0.6, 0.4]]), np.array([1, 0]))


def takes_complement():
    """Whether the learner's loss of COMPLEMENT_PROBE is the mean of
    -log(1 - y) of the true classes."""
    y, labels = COMPLEMENT_PROBE
    wrong = -np.mean(np.log(1 - y[np.arange(len(y)), labels] + USUAL_EPS[0]))
    loss = probed_loss(y, labels)
    return loss is not None and math.isclose(loss, wrong, rel_tol=GUARD_RTOL)


SOFTMAX_AGAIN = (
    "softmax was applied to y, which already holds probabilities (the "
    "output of softmax): take the log of y as it is."
)


def softmax_again(y, labels, eps):
    """The mean loss of softmax(y), not of y, for a batch (N, C) or one
    sample (C,) with its label."""
    picked = np.take_along_axis(
        np.atleast_2d(reference.softmax(y)), np.atleast_1d(labels)[:, None], axis=-1
    )
    return -np.mean(np.log(picked + eps))


LOG_OF_MEAN = (
    "the log of the mean probability, not the mean of the logs: take -log of "
    "each sample's probability of its class first, then their mean."
)
RETURN_IN_LOOP = (
    "the return statement is inside the loop over the samples: it returns "
    "after the first one. Add up every sample's loss, then return once, "
    "after the loop."
)


def returns_in_loop():
    """Whether the learner's loss of TALL is its first sample's loss, alone
    or divided by N: a return left inside the loop over the samples. (The
    first sample's loss is TALL's median too: a median is ruled out.)"""
    y, labels = TALL
    first = -math.log(y[0, labels[0]] + USUAL_EPS[0])
    loss = probed_loss(y, labels)
    return (
        loss is not None
        and any(
            math.isclose(loss, value, rel_tol=GUARD_RTOL)
            for value in (first, first / 3)
        )
        and not takes_median()
    )


MEDIAN = "the median of the samples' losses, not their mean: average them with np.mean."
# Three samples whose median loss is neither the first sample's nor the
# mean.
MEDIAN_PROBE = (np.array([[0.5, 0.5], [0.25, 0.75], [0.8, 0.2]]), np.array([0, 1, 0]))


def takes_median():
    """Whether the learner's loss of MEDIAN_PROBE is the median of its
    samples' losses."""
    y, labels = MEDIAN_PROBE
    per_sample = -np.log(y[np.arange(len(y)), labels] + USUAL_EPS[0])
    loss = probed_loss(y, labels)
    return loss is not None and math.isclose(
        loss, float(np.median(per_sample)), rel_tol=GUARD_RTOL
    )


FLAT_TAKE = (
    "np.take(y, t) without an axis picks from the flattened y: each label "
    "indexes y's first entries, not its own sample's row. Pick "
    "y[np.arange(N), t] (or np.take_along_axis(y, t[:, None], axis=1))."
)
# Labels whose picks from the flattened y differ from the right ones.
FLAT_TAKE_PROBE = (
    np.array([[0.2, 0.8], [0.6, 0.4], [0.3, 0.7]]),
    np.array([1, 0, 0]),
)


def flat_take_loss(y, labels, eps):
    """The loss where np.take(y, labels) picks from the flattened y."""
    picks = np.ravel(y)[np.atleast_1d(labels)]
    return float(-np.mean(np.log(picks + eps)))


PRODUCT_FIRST = (
    "the probabilities were multiplied before the log, -log(np.prod(p) + "
    "eps) / N: the epsilon then guards the product once, not each sample, "
    "so one zero on a true class costs only -log(eps) / N, and the product "
    "of many samples underflows to 0. Take -log of each sample's "
    "probability (plus eps), then their mean."
)
# One sample of four with a zero on its true class: the product is 0. Not
# the first sample, whose loss alone a return inside the loop gives.
PRODUCT_PROBE = (
    np.array([[0.5, 0.5], [0.0, 1.0], [0.25, 0.75], [0.5, 0.5]]),
    np.array([0, 0, 1, 1]),
)


def product_first_loss(y, labels, eps):
    """The loss of -log(the product of the true classes' probabilities +
    eps) / N."""
    y = np.atleast_2d(y)
    picks = y[np.arange(len(y)), np.atleast_1d(labels)]
    return float(-np.log(np.prod(picks) + eps) / len(y))


def takes_product_first():
    """Whether the learner's loss of PRODUCT_PROBE is that of the product
    taken before the log."""
    y, labels = PRODUCT_PROBE
    loss = probed_loss(y, labels)
    wrong = product_first_loss(y, labels, USUAL_EPS[0])
    return loss is not None and math.isclose(loss, wrong, rel_tol=GUARD_RTOL)


def takes_flat():
    """Whether the learner's loss of FLAT_TAKE_PROBE is that of np.take
    without an axis."""
    y, labels = FLAT_TAKE_PROBE
    loss = probed_loss(y, labels)
    wrong = flat_take_loss(y, labels, USUAL_EPS[0])
    return loss is not None and math.isclose(loss, wrong, rel_tol=GUARD_RTOL)


SUMMED = "the sum over the samples, not the mean: divide by N, the number of samples."


def uses_two_class_formula():
    """Whether the learner's loss of TALL, three samples of two classes
    (where it differs from the sum of the samples' losses), is the
    two-class formula's, with labels or one-hot t."""
    return shows_loss(TALL, two_class_loss)


def two_class_loss(y, labels, eps):
    """The two-class formula's loss of a batch: -sum(t * log(y) + (1 - t) *
    log(1 - y)) / N, every wrong class counted too."""
    t = one_hot(labels, y.shape[1])
    log_y, log_not_y = np.log(y + eps), np.log(1 - y + eps)
    return -np.sum(t * log_y + (1 - t) * log_not_y) / len(y)


def labels_or_complement(labels_guesses, complement):
    """The LABELS_AS_ONE_HOT guesses and ONE_MINUS_Y, without the one the
    learner's loss of COMPLEMENT_PROBE rules out where both give one number
    here (two classes: y of the other class is 1 - y of the true one)."""
    guesses = [(text, value) for text, value in labels_guesses if value is not None]
    if not any(np.isclose(value, complement) for _, value in guesses):
        return [*guesses, (ONE_MINUS_Y, complement)]
    return [(ONE_MINUS_Y, complement)] if takes_complement() else guesses


FLAT_ARGMAX = (
    "t.argmax() without an axis gives one flat index for the whole of t, "
    "not one class per sample: take t.argmax(axis=1) (or axis=-1)."
)
# One-hot t whose flat argmax, 1, is a class: every sample then costs
# -log(y[:, 1]), a loss no other mistake here gives.
FLAT_PROBE = (
    np.array([[0.2, 0.8], [0.6, 0.4], [0.3, 0.7]]),
    np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]),
)


def flat_argmax_loss(y, t, eps):
    """The loss where t.argmax() of a one-hot t (N, C) picks one column of
    y for every sample; None where the flat index is no class."""
    flat = int(np.argmax(t))
    if flat >= y.shape[1]:
        return None
    return -np.mean(np.log(y[:, flat] + eps))


def argmax_is_flat():
    """Whether the learner's loss of FLAT_PROBE is that of t.argmax()."""
    y, t = FLAT_PROBE
    loss = probed_loss(y, t)
    wrong = flat_argmax_loss(y, t, USUAL_EPS[0])
    return loss is not None and math.isclose(loss, wrong, rel_tol=GUARD_RTOL)


def with_flat_argmax(found, flat):
    """`found` and FLAT_ARGMAX with its loss `flat`; where another mistake
    gives that loss too, only the one FLAT_PROBE shows the learner made."""
    if flat is None:
        return found
    same = [
        text
        for text, value in found
        if value is not None and np.shape(value) == () and np.isclose(value, flat)
    ]
    if not same:
        return [*found, (FLAT_ARGMAX, flat)]
    if argmax_is_flat():
        return [(t, v) for t, v in found if t not in same] + [(FLAT_ARGMAX, flat)]
    return found


# The property every batch's loss must have.
MEAN_OF_TRUE_CLASS = (
    "cross_entropy must be the mean over the samples of -log(the "
    "probability of the true class)."
)


classes = st.integers(min_value=2, max_value=5)


def normalize(weights):
    return weights / weights.sum(axis=-1, keepdims=True)


@st.composite
def batches(draw):
    """Probabilities y (N, C), all at least 0.012, and int labels (N,)."""
    n, c = draw(sizes), draw(classes)
    weights = draw(hnp.arrays("float64", (n, c), elements=st.floats(0.05, 1.0)))
    labels = draw(hnp.arrays(np.intp, (n,), elements=st.integers(0, c - 1)))
    return normalize(weights), labels


@st.composite
def samples(draw):
    """Probabilities y (C,) for one sample, all at least 0.012, and its label."""
    c = draw(classes)
    weights = draw(hnp.arrays("float64", (c,), elements=st.floats(0.05, 1.0)))
    return normalize(weights), draw(st.integers(0, c - 1))


def one_hot(labels, num_classes):
    return np.eye(num_classes)[labels]


# Must-catch batches: N != C both ways (a division by the wrong size), one
# row (a sum looks like a mean), N == C (labels broadcast against y without
# an error, and y[:, t] has the right number of entries).
TALL = (normalize(np.array([[1.0, 3.0], [1.0, 1.0], [4.0, 1.0]])), np.array([1, 0, 0]))
WIDE = (normalize(np.array([[1.0, 2.0, 5.0], [3.0, 1.0, 1.0]])), np.array([2, 0]))
ONE_ROW = (normalize(np.array([[1.0, 2.0, 7.0]])), np.array([1]))
SQUARE = (
    normalize(np.array([[5.0, 1.0, 1.0], [1.0, 6.0, 1.0], [2.0, 2.0, 1.0]])),
    np.array([0, 2, 1]),
)


EVERY_LABEL = (
    "y[:, t] takes every sample's probability of every label (an N x N "
    "matrix): take y[np.arange(N), t], one per sample."
)
# A batch on which y[:, t] tells itself apart from the mistakes that scale
# the loss: the right loss is 0.4904, with y[:, t] 0.7651.
EVERY_LABEL_PROBE = (np.array([[0.25, 0.75], [0.5, 0.5]]), np.array([1, 0]))


def every_label_loss(y, labels, eps):
    """The mean of -log(y[:, labels] + eps): every sample's probability of
    every label, not one per sample."""
    return -np.mean(np.log(y[:, labels] + eps))


def shows_loss(probe, wrong):
    """Whether the learner's loss on `probe`, a batch (y, labels) given
    with labels or with one-hot t, is wrong(y, labels, eps), the loss of
    a mistake, with the usual guard."""
    y, labels = probe
    mistaken = wrong(y, labels, USUAL_EPS[0])
    for t in (labels, one_hot(labels, y.shape[1])):
        loss = probed_loss(y, t)
        if loss is not None and math.isclose(loss, mistaken, rel_tol=GUARD_RTOL):
            return True
    return False


def picks_every_label():
    """Whether the learner's loss on EVERY_LABEL_PROBE is that of y[:, t]."""
    return shows_loss(EVERY_LABEL_PROBE, every_label_loss)


ROWS_BY_LABEL = (
    "y[t] picks whole rows of y, row t[i] for sample i (an N x C array), not "
    "each sample's probability of its own class: take y[np.arange(N), t], "
    "one per sample."
)


def rows_by_label_loss(y, labels, eps):
    """The mean of -log(y[labels] + eps): whole rows of y, picked by label."""
    return -np.mean(np.log(y[labels] + eps))


def picks_rows_by_label():
    """Whether the learner's loss on TALL, with labels or with one-hot t, is
    that of y[t]. TALL's labels are all below N, so y[t] runs there, and
    its loss differs from that of y[:, t], which some batches share."""
    return shows_loss(TALL, rows_by_label_loss)


def index_picks(every_label, rows):
    """The (text, value) pairs of y[:, t] and y[t] for one batch: where the
    two give the same loss (a square batch whose labels are a permutation
    picks the same entries), the one the learner's loss of TALL shows."""
    if every_label is None or rows is None or not np.isclose(every_label, rows):
        return [(EVERY_LABEL, every_label), (ROWS_BY_LABEL, rows)]
    if picks_rows_by_label():
        return [(ROWS_BY_LABEL, rows)]
    return [(EVERY_LABEL, every_label)]


# NumPy's words for an index past the rows of an array: "index 2 is out of
# bounds for axis 0 with size 2".
ROW_INDEX_ERROR = re.compile(r"for axis 0 with size (\d+)")


def rows_out_of_bounds(error, y):
    """ROWS_BY_LABEL where `error` is an index past y's rows, as y[t] raises
    for a label of N or more, and the learner's loss of TALL is y[t]'s."""
    if not isinstance(error, IndexError) or np.ndim(y) != 2:
        return None
    past = ROW_INDEX_ERROR.search(str(error))
    if past is None or int(past.group(1)) != len(y):
        return None
    return ROWS_BY_LABEL if picks_rows_by_label() else None


def divided_again(loss, n, c):
    """The mistakes that divide a batch's right `loss` once more, by C (a
    mean over all N * C entries) or by N (/ N twice), as (text, value)
    pairs: one pair where N == C and the two cannot be told apart."""
    if n == c:
        return [(divided_again_by(), loss / n)]
    return [(MEAN_OVER_ALL, loss / c), (N_TWICE, loss / n)]


def divided_again_by():
    """Which of a mean over all the entries and / N twice the learner's
    loss of TALL, a batch with N != C, shows; the wording true of both
    where it shows neither."""
    y, labels = TALL
    loss = reference.cross_entropy(y, labels, eps=USUAL_EPS[0])
    learners = probed_loss(y, labels)
    for text, wrong in ((MEAN_OVER_ALL, loss / y.shape[1]), (N_TWICE, loss / len(y))):
        if learners is not None and math.isclose(learners, wrong, rel_tol=GUARD_RTOL):
            return text
    return N_TWICE_OR_MEAN_OVER_ALL


def mistakes_at(y, labels, eps, one_hot_form, guards):
    """What the common wrong answers give for a batch, with guard `eps`,
    when t came as one-hot (`one_hot_form`) or as int labels, and `guards`
    the too large epsilons to look for (see `large_guards`)."""
    n, c = y.shape
    log_y = np.log(y + eps)
    per_sample = -log_y[np.arange(n), labels]
    loss = per_sample.mean()
    t = one_hot(labels, c)
    two_class = two_class_loss(y, labels, eps)
    # For a batch of one, its loss in an array is each sample's loss too.
    found = (
        [(PER_SAMPLE_LOSSES, per_sample), (ONE_LOSS_ARRAY, np.array([loss]))]
        if n > 1
        else [(one_loss_array(), per_sample)]
    )
    # With two classes and two samples the two-class formula gives the sum
    # over the samples: the learner's loss of TALL tells which it is.
    if not np.isclose(two_class, per_sample.sum()):
        found += [(SUMMED, per_sample.sum()), (TWO_CLASS, two_class)]
    elif uses_two_class_formula():
        found.append((TWO_CLASS, two_class))
    else:
        found.append((SUMMED, per_sample.sum()))
    found += [
        *divided_again(loss, n, c),
        (DIVIDED_BY_C, per_sample.sum() / c),
        (MISSING_MINUS, -loss),
        (LOG10, loss / LN_10),
        ("np.log2 instead of np.log, the natural logarithm.", loss / math.log(2)),
        (LOG1P, -np.mean(np.log1p(y[np.arange(n), labels] + eps))),
        (SOFTMAX_AGAIN, softmax_again(y, labels, eps)),
        (LOG_OF_MEAN, -np.log(np.mean(np.exp(-per_sample)))),
    ]
    # The median of three or more losses may be the first sample's: the
    # learner's loss of MEDIAN_PROBE tells which of the two it is.
    median = np.median(per_sample)
    if n > 2 and takes_median():
        found.append((MEDIAN, median))
    elif n > 1:
        found += [(RETURN_IN_LOOP, per_sample[0]), (RETURN_IN_LOOP, per_sample[0] / n)]
        if n > 2 and not np.isclose(median, per_sample[0]):
            found.append((MEDIAN, median))
    every_label = variant(every_label_loss, y, labels, eps)
    rows = variant(rows_by_label_loss, y, labels, eps)
    complement = -np.mean(np.log(1 - y[np.arange(n), labels] + eps))
    if one_hot_form:
        # An int one-hot t taken for labels indexes y with its 0s and 1s:
        # N x C picks, averaged or summed and divided by N.
        picks = variant(lambda: -np.log(y[np.arange(n), t.astype(int)] + eps))
        by_dtype = None if picks is None else picks.mean()
        as_index = index_mistake()
        found.append((as_index, by_dtype))
        if picks is not None:
            found.append((as_index, picks.sum() / n))
        # y[:, t] of labels taken from one-hot t (t.argmax(axis=1)), where
        # its loss is not also that of indexing with t's 0s and 1s.
        if by_dtype is None or not np.isclose(by_dtype, every_label):
            found += index_picks(every_label, rows)
        elif rows is not None and not np.isclose(by_dtype, rows):
            found.append((ROWS_BY_LABEL, rows))
        found.append((ONE_MINUS_Y, complement))
        found = with_flat_argmax(found, flat_argmax_loss(y, t, eps))
    else:
        found += index_picks(every_label, rows)
        # Divided by N or not: the labels' mistake is the one to name first.
        found += labels_or_complement(
            [
                (LABELS_AS_ONE_HOT, variant(lambda: -np.sum(labels * log_y) / n)),
                (LABELS_AS_ONE_HOT, variant(lambda: -np.sum(labels * log_y))),
            ],
            complement,
        )
    for large in guards:
        guarded = -np.log(y[np.arange(n), labels] + large)
        found.append((too_large(large), np.mean(guarded)))
        # Both at once: told as both, lest the sum pass for another epsilon.
        found.append(
            (
                f"the losses were summed, not averaged, and the epsilon is too "
                f"large ({large:g}): divide by N, and keep the epsilon at most "
                "1e-7.",
                np.sum(guarded),
            )
        )
    if takes_flat():
        # Picks from the flattened y match other mistakes' losses by chance
        # on many batches: once FLAT_TAKE_PROBE shows them, they alone count.
        found = [(FLAT_TAKE, variant(flat_take_loss, y, labels, eps))]
    elif takes_product_first():
        found = [(PRODUCT_FIRST, variant(product_first_loss, y, labels, eps))]
    return [
        (text, value) for text, value in one_row_by_c(found, n) if value is not None
    ]


NO_GUARD = (
    "log(0) is -inf: guard the log with a small epsilon, the file's EPS "
    "(1e-7): np.log(y + EPS), or clip y to [EPS, 1] first."
)
NAN_FROM_ZERO = (
    "a zero on a wrong class gives 0 * log(0) there, which is nan, and the "
    "whole loss is nan. Guard the log with the file's EPS, np.log(y + EPS), "
    "or clip y to [EPS, 1] first."
)

EPS_AFTER_LOG = (
    "the epsilon was added after the log, not inside it: log(0) is -inf, "
    "and -inf plus any number is still -inf. Add it to y inside the log, "
    "np.log(y + EPS), or clip y to [EPS, 1] first."
)
EPS_AFTER_LOG_NAN = (
    "the epsilon was added after the log, not inside it: log(0) is -inf, "
    "and -inf plus any number is still -inf; where a zero probability meets "
    "a zero of t, 0 * -inf is nan, and the whole loss is nan. Add it to y "
    "inside the log, np.log(y + EPS), or clip y to [EPS, 1] first."
)
# Two batches whose true classes have probability 0.5 and 0.1: a guard
# inside the log moves their losses by about eps / 0.5 and eps / 0.1, a
# clip not at all, an epsilon added after the log by eps in both.
AFTER_LOG_PROBES = (
    (np.array([[0.5, 0.5]]), np.array([0])),
    (np.array([[0.1, 0.9]]), np.array([0])),
)
# The two shifts agree this closely when they are one epsilon: float64's
# rounding of a loss near 2 is 4e-16, a few percent of an epsilon of 1e-14.
# Shifts below MIN_SHIFT are lost in that rounding; above MAX_SHIFT they
# would fail the ordinary batches already.
SHIFT_RTOL = 0.05
MIN_SHIFT = 1e-14
MAX_SHIFT = 1e-4


def probed_loss(y, t):
    """The learner's loss for y and t, asked only to tell mistakes apart
    (so printing nothing into the test), as a float; None where it raises
    or gives anything but one number."""
    with quietly():
        result = variant(learner.cross_entropy, y, t)
    if result is None:
        return None  # it raised (np.asarray would make None a nan)
    try:
        value = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return float(value) if value.shape == () else None


def epsilon_after_log():
    """Whether the learner's loss is shifted by one and the same small
    amount on both AFTER_LOG_PROBES, as -(log(p) + eps) is: the epsilon
    was added to the log, not to y. Tried with labels, then one-hot t."""
    for form in (lambda labels: labels, lambda labels: one_hot(labels, 2)):
        losses = [probed_loss(y, form(labels)) for y, labels in AFTER_LOG_PROBES]
        if None in losses:
            continue
        first, second = (
            loss - reference.cross_entropy(y, labels, eps=0.0)
            for loss, (y, labels) in zip(losses, AFTER_LOG_PROBES, strict=True)
        )
        if MIN_SHIFT <= abs(first) <= MAX_SHIFT and math.isclose(
            first, second, rel_tol=SHIFT_RTOL
        ):
            return True
    return False


def unguarded(text):
    """`text`, a mistake of a log left unguarded, or, where the learner did
    add an epsilon, but to the log, that mistake (see `after_log`)."""
    return after_log() if epsilon_after_log() else text


# A zero probability on a wrong class only: a loss that multiplies every
# log(y) + eps by t is nan here, one that picks the true class's is not.
WRONG_CLASS_ZERO = (np.array([[0.5, 0.5, 0.0]]), np.array([0]))


def after_log():
    """The mistake of an epsilon added after the log, told in the same
    words on every input: EPS_AFTER_LOG_NAN, which names the nan of
    0 * -inf too, where the learner's loss is nan on WRONG_CLASS_ZERO (with
    labels, or with one-hot t); else EPS_AFTER_LOG."""
    y, labels = WRONG_CLASS_ZERO
    for t in (labels, one_hot(labels, y.shape[1])):
        loss = probed_loss(y, t)
        if loss is not None and math.isnan(loss):
            return EPS_AFTER_LOG_NAN
    return EPS_AFTER_LOG


NEVER_USES_T = (
    "t is never used: the loss comes out the same whatever the labels are. "
    "Only each sample's probability of its true class counts, y[n, t[n]]: "
    "take -log of it, then the mean over the samples (for one-hot t, "
    "-np.sum(t * np.log(y + EPS), axis=-1) gives each sample's loss)."
)
PREDICTED_CLASS = (
    "t is never used: the probability of the predicted class (the largest "
    "in each row of y) was taken, not that of the true class. Pick "
    "y[n, t[n]], each sample's probability of the class t names."
)


# A batch (N != C) and one sample, by their number of axes, whose rows and
# columns all differ: each label costs its own, in every way of picking.
UNTIED = {
    2: TALL,
    1: (normalize(np.array([1.0, 2.0, 5.0])), 2),
}

# The same sums of the same y, whatever t holds, come out equal to the last
# bit; this leaves room for a sum taken in another order, no more.
SAME_LOSS_RTOL = 1e-9


def retargeted(y, labels, one_hot_form):
    """t for y in the form given (one-hot or int labels): `labels`
    themselves, then every sample given class 0, 1, ... C - 1 alike, as
    (labels, t) pairs. Where the loss ignores t every one costs the same.
    (Labels moved round by one class would not do: in a square batch they
    can be a permutation of `labels`, and y[:, t] or y[t] then picks the
    same entries, in another order, for the same mean.)"""
    c = np.shape(y)[-1]
    given = np.asarray(labels)
    for moved in (given, *(np.full_like(given, k) for k in range(c))):
        if one_hot_form:
            yield moved, one_hot(moved, c)
        else:
            yield moved, int(moved) if moved.ndim == 0 else moved


def loss_without_t(y, labels, one_hot_form):
    """The learner's loss of y where it stays the same whatever the labels
    (given in the form of `one_hot_form`) while the right loss changes
    with them: t plays no part. None where it changes, or is no number."""
    right, learners = [], []
    for moved, t in retargeted(y, labels, one_hot_form):
        right.append(reference.cross_entropy(y, moved, eps=USUAL_EPS[0]))
        learners.append(probed_loss(y, t))
    if None in learners or not math.isfinite(learners[0]):
        return None
    if np.allclose(right, right[0], rtol=GUARD_RTOL, atol=ATOL):
        return None  # every label costs alike here: nothing to tell by
    if not np.allclose(learners, learners[0], rtol=SAME_LOSS_RTOL, atol=0):
        return None
    return learners[0]


def without_t(y, labels, one_hot_form):
    """[(the mistake, its loss)] where the learner's loss of y ignores t
    (see `loss_without_t`), the only mistake to name then: a name that
    says how t was used would not be true. None where t plays a part.

    Some y cost the same under every label even where t is used, wrongly:
    y[t] of one-hot rows gives the mean of log(y + eps) of any of them,
    one 1 and C - 1 zeros each. So t must make no difference on UNTIED
    too, whose rows and columns all differ."""
    loss = loss_without_t(y, labels, one_hot_form)
    if loss is None or loss_without_t(*UNTIED[np.ndim(y)], one_hot_form) is None:
        return None
    y2 = np.atleast_2d(y)
    predicted = -np.mean(np.log(y2.max(axis=-1) + USUAL_EPS[0]))
    if math.isclose(loss, predicted, rel_tol=GUARD_RTOL):
        return [(PREDICTED_CLASS, loss)]
    return [(NEVER_USES_T, loss)]


@when_shown
def mistakes(y, labels, one_hot_form=False):
    """The common wrong answers for a batch, the unguarded log's first;
    only the mistake of ignoring t where the learner's loss does."""
    ignored = without_t(y, labels, one_hot_form)
    if ignored is not None:
        return ignored
    with np.errstate(divide="ignore", invalid="ignore"):
        log_y = np.log(y)
        one_hot_terms = one_hot(labels, y.shape[1]) * log_y
        found = [
            (NO_GUARD, -np.mean(log_y[np.arange(len(y)), labels])),
            (NAN_FROM_ZERO, -np.mean(np.sum(one_hot_terms, axis=-1))),
        ]
        found = [(text, value) for text, value in found if not np.isfinite(value)]
        if found and epsilon_after_log():
            found = [(after_log(), value) for _, value in found]
        guards = large_guards()  # the learner asked once, not per eps
        for eps in USUAL_EPS:
            found += [
                (text, value)
                for text, value in mistakes_at(y, labels, eps, one_hot_form, guards)
                # A nan or inf would match every answer that is nan or inf.
                if np.all(np.isfinite(value))
            ]
    return found


def sums_over_c():
    """Whether the learner's loss of TALL, a batch with N != C, is the sum
    of its samples' losses divided by C (summed down the batch, axis=0,
    then averaged over the classes): a batch of one, or one sample, is
    then divided by C too, for the same reason."""
    y, labels = TALL
    wrong = -np.sum(np.log(y[np.arange(len(y)), labels] + USUAL_EPS[0])) / y.shape[1]
    loss = probed_loss(y, labels)
    return loss is not None and math.isclose(loss, wrong, rel_tol=GUARD_RTOL)


def one_row_by_c(found, n):
    """`found` without the mean over all the entries where a batch of one
    row, divided by C, is the learner's division by C of every batch."""
    if n > 1 or not sums_over_c():
        return found
    return [(text, value) for text, value in found if text != MEAN_OVER_ALL]


def divided_by_c(y, label):
    """Which mistake divides one sample's loss by C: a mean over all the
    entries of t * log(y) divides a batch of one by C too, whereas taking
    the sample for a batch of C does not (a batch of one is divided by 1).
    Where every batch is divided by C, one sample is for the same reason."""
    if sums_over_c():
        return DIVIDED_BY_C
    row, labels = np.asarray(y)[None, :], np.array([label])
    loss = reference.cross_entropy(row, labels, eps=USUAL_EPS[0])
    try:
        with quietly():
            batch_of_one = float(variant(learner.cross_entropy, row, labels))
    except (TypeError, ValueError):
        return ONE_SAMPLE_AS_BATCH  # it gave no number for a batch of one
    if math.isclose(batch_of_one, loss / len(y), rel_tol=GUARD_RTOL):
        return MEAN_OVER_ALL
    return ONE_SAMPLE_AS_BATCH


# Guards from 0 to 1e-7 move the loss of a true class's probability of at
# least 0.012 by less than this, relatively.
GUARD_RTOL = 1e-4


@when_shown
def sample_mistakes(y, label, one_hot_form=False):
    """What the common wrong answers give for one sample y (C,), its
    label given as an int or as one-hot t (`one_hot_form`); only the
    mistake of ignoring t where the learner's loss does, and only that
    of a one-hot t taken for labels where the learner's loss is that."""
    taken = taken_for_labels(y, label) if one_hot_form else None
    if taken is not None:
        return taken
    ignored = without_t(y, label, one_hot_form)
    if ignored is not None:
        return ignored
    found = []
    as_batch = divided_by_c(y, label)
    for eps in USUAL_EPS:
        loss = -np.log(y[label] + eps)
        found += [
            (as_batch, loss / len(y)),
            (MISSING_MINUS, -loss),
            (LOG10, loss / LN_10),
            (ONE_LOSS_ARRAY, np.array([loss])),
            (LABELS_AS_ONE_HOT, -label * np.sum(np.log(y + eps))),
            (LABELS_AS_ONE_HOT, -label * np.sum(np.log(y + eps)) / len(y)),
            ("np.log2 instead of np.log, the natural logarithm.", loss / math.log(2)),
            (LOG1P, -np.log1p(y[label] + eps)),
            (ONE_MINUS_Y, -np.log(1 - y[label] + eps)),
            (SOFTMAX_AGAIN, softmax_again(y, label, eps)),
        ]
        t = one_hot(label, len(y))
        found.append(
            (TWO_CLASS, -np.sum(t * np.log(y + eps) + (1 - t) * np.log(1 - y + eps)))
        )
    # The batches' own words for too large an epsilon, so that one mistake
    # reads the same in both tests.
    for large in large_guards():
        found.append((too_large(large), -np.log(y[label] + large)))
    return found


def taken_for_labels(y, label):
    """[(ONE_HOT_TAKEN_FOR_LABELS, loss)] where the learner's loss of one
    sample y (C,) with a one-hot t is what t taken for labels gives: y[t]
    of the ints of its 0s and 1, the mean or the sum of their -log. Such a
    loss is the same wherever t's 1 is, as if t were never used. Else
    None, and where the learner's loss is the right one (a y of equal
    probabilities costs the same either way)."""
    t = one_hot(label, len(y))
    loss = probed_loss(y, t)
    right = -math.log(y[label] + USUAL_EPS[0])
    if loss is None or math.isclose(loss, right, rel_tol=GUARD_RTOL):
        return None
    picked = y[t.astype(int)]
    found = []
    for eps in USUAL_EPS:
        losses = -np.log(picked + eps)
        found += [np.mean(losses), np.sum(losses)]
    if not any(math.isclose(loss, value, rel_tol=GUARD_RTOL) for value in found):
        return None
    return [(ONE_HOT_TAKEN_FOR_LABELS, value) for value in found]


def loss_of(y, t, form, mistake):
    """Call the learner's cross_entropy. A crash fails with a message saying
    which form of input it could not handle, and `mistake`, the likely
    mistake behind it (a function giving it, where telling it takes more
    calls of the learner's code)."""
    call = describe_call("cross_entropy", (y, t), {})
    try:
        return call, learner.cross_entropy(y, t)
    except FORM_ERRORS as error:
        if callable(mistake):
            mistake = mistake()
        mistake = labels_made_floats(error, y, t) or mistake
        not_accepted(call, error, form, rows_out_of_bounds(error, y) or mistake)


def labels_made_floats(error, y, t):
    """FLOAT_INDEX_ADVICE where `error` is an index of floats and t was
    given as int labels (one axis less than y): the learner's code made
    them floats. A one-hot t of floats used as an index is not that."""
    return float_index(error, t) if np.ndim(t) < np.ndim(y) else None


def not_accepted(call, error, form, mistake):
    """Fail: the learner's cross_entropy raised `error` on `form`."""
    fail(
        f"cross_entropy must accept {form}.",
        call=call,
        expected="a single number",
        actual=f"raised {type(error).__name__}: {error}",
        mistake=mistake,
        raised=error,
    )


LABELS_FORM = "int labels t of shape (N,) for y of shape (N, C)"
ONE_HOT_FORM = "one-hot t of y's shape (N, C)"
ONLY_LABELS = (
    "only int labels are handled. When t has y's shape it is one-hot: "
    "-np.sum(t * np.log(y + EPS), axis=-1) gives each sample's loss."
)
SAMPLE_FORM = "one sample: y of shape (C,) with {}"
ONE_HOT_TAKEN_FOR_LABELS = (
    "a one-hot t of shape (C,) was taken for labels: for one sample the "
    "one-hot t is 1-D, as a batch's labels are, so a test of t.ndim "
    "(t.ndim == 2, t.ndim <= 1) does not tell the two forms apart. Compare "
    "t.shape with y.shape: the same shape means one-hot, one axis less "
    "means labels."
)
ONLY_BATCHES = (
    "only batches (N, C) are handled. For one sample y has shape (C,): "
    "y.reshape(1, -1) (and np.atleast_1d(t) for a plain int) makes it a "
    "batch of one."
)


def check_batch(y, labels, one_hot_form=False, what=None):
    """Compare the learner's loss for a batch with -mean(log(true class p))."""
    if one_hot_form:
        t, form, hint = one_hot(labels, y.shape[1]), ONE_HOT_FORM, ONLY_LABELS
    else:
        t, form, hint = labels, LABELS_FORM, LABELS_AS_ONE_HOT
    call, result = loss_of(y, t, form, hint)
    # + 0.0 turns the -0.0 of a certain prediction into a plain 0.0.
    expected = reference.cross_entropy(y, labels, eps=0.0) + 0.0
    found = mistakes(y, labels, one_hot_form)
    expect_not_per_sample(result, y, call, found)
    expect_close(
        result,
        expected,
        call,
        rtol=0,
        atol=ATOL,
        mistakes=found + below_zero(y, labels, result, found),
        what=what or MEAN_OF_TRUE_CLASS,
    )


LARGE_EPS_BELOW_ZERO = (
    "the epsilon is too large: with probability 1 on the true class, "
    "log(1 + eps) is above 0 and the loss below it. Keep it at most 1e-7, "
    "or it changes the loss of ordinary predictions."
)


@when_shown
def below_zero(y, labels, result, found):
    """LARGE_EPS_BELOW_ZERO paired with the learner's `result`, as a list,
    where every true class has probability 1, the loss came out below 0
    and no mistake `found` gives it: only something added inside the log
    takes log(1) above 0. Its size is not told (a mean and a sum of the
    samples' losses give other epsilons): an empty list otherwise."""
    picked = y[np.arange(len(y)), labels]
    try:
        value = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return []
    if not np.all(picked == 1.0) or value.shape != () or not value < -ATOL:
        return []
    if named_mistake(found, value, np.array(0.0), atol=ATOL) is not None:
        return []
    return [(LARGE_EPS_BELOW_ZERO, value)]


def test_cross_entropy_gives_the_docstring_example():
    y = np.array([[0.25, 0.75], [0.5, 0.5]])
    labels = np.array([1, 0])
    expected = (-math.log(0.75) - math.log(0.5)) / 2
    for t, form, hint in (
        (labels, LABELS_FORM, LABELS_AS_ONE_HOT),
        # As the docstring writes it: a one-hot array of ints.
        (np.array([[0, 1], [1, 0]]), ONE_HOT_FORM, ONLY_LABELS),
    ):
        call, result = loss_of(y, t, form, hint)
        if t.ndim == 2 and not is_loss(result, expected):
            floats = probed_loss(y, t.astype(float))
            expect_ints_as_floats(call, result, floats, expected)
        found = mistakes(y, labels, one_hot_form=t.ndim == 2)
        expect_not_per_sample(result, y, call, found)
        expect_close(
            result,
            expected,
            call,
            rtol=0,
            atol=ATOL,
            mistakes=found,
            what=MEAN_OF_TRUE_CLASS,
        )


BY_DTYPE = (
    "the form of t was told from its dtype: an int array of y's shape is "
    "one-hot too. Tell the forms apart by shape: t.shape == y.shape means "
    "one-hot."
)


def index_mistake():
    """Why the learner's cross_entropy indexes y with a one-hot t of ints:
    BY_DTYPE where the same t in floats (which cannot index) gives another
    loss, ONLY_LABELS where it raises, or gives the same loss (converted to
    ints: every t is taken for labels)."""
    y, labels = EVERY_LABEL_PROBE
    t = one_hot(labels, y.shape[1])
    floats = probed_loss(y, t)
    ints = probed_loss(y, t.astype(int))
    if floats is None or (ints is not None and math.isclose(floats, ints)):
        return ONLY_LABELS
    return BY_DTYPE


def expect_ints_as_floats(call, result, floats, expected):
    """Fail, naming BY_DTYPE, where the learner's loss `result` of one-hot
    t holding ints is not `expected` but its loss `floats` of the same t in
    floats is."""
    if not is_loss(result, expected) and is_loss(floats, expected):
        fail(
            "One-hot t holding ints must give the same loss as one-hot floats.",
            call=call,
            expected=f"{expected:.4f}, as for the same t in floats",
            actual=short(result),
            mistake=BY_DTYPE,
        )


def is_loss(result, expected):
    """Whether `result` is the number `expected`, within ATOL."""
    try:
        value = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return value.shape == () and abs(float(value) - expected) <= ATOL


@pytest.mark.parametrize("batch", [TALL, WIDE, SQUARE], ids=["tall", "wide", "square"])
def test_one_hot_targets_of_ints_count_as_one_hot(batch):
    y, labels = batch
    t = one_hot(labels, y.shape[1]).astype(int)
    expected = reference.cross_entropy(y, labels, eps=0.0)
    call = describe_call("cross_entropy", (y, t), {})
    try:
        result = learner.cross_entropy(y, t)
    except FORM_ERRORS as error:
        # Refused as ints, where floats would do: the dtype decided the form.
        floats_do = is_loss(probed_loss(y, t.astype(float)), expected)
        mistake = BY_DTYPE if floats_do else ONLY_LABELS
        mistake = rows_out_of_bounds(error, y) or mistake
        not_accepted(call, error, ONE_HOT_FORM + " holding ints", mistake)
    if is_loss(result, expected):
        return
    _, floats = loss_of(y, t.astype(float), ONE_HOT_FORM, ONLY_LABELS)
    expect_ints_as_floats(call, result, floats, expected)
    found = mistakes(y, labels, one_hot_form=True)
    expect_not_per_sample(result, y, call, found)
    expect_close(
        result,
        expected,
        call,
        rtol=0,
        atol=ATOL,
        mistakes=found,
        what="cross_entropy must be the mean over the samples of -log(the "
        "probability of the true class).",
    )


@settings(max_examples=examples(25))
@given(batches())
@example(TALL)
@example(WIDE)
@example(ONE_ROW)
@example(SQUARE)
def test_int_labels_give_the_mean_of_minus_log_true_class_probability(batch):
    check_batch(*batch)


@pytest.mark.parametrize(
    "dtype", OTHER_LABEL_DTYPES, ids=lambda dtype: np.dtype(dtype).name
)
def test_int_labels_of_every_integer_dtype_give_the_same_loss(dtype):
    y, labels = WIDE
    call = describe_call("cross_entropy", (y, labels.astype(dtype)), {})

    def first(t):
        return loss_of(y, t, LABELS_FORM, LABELS_AS_ONE_HOT)[1]

    def run(t):
        return learner.cross_entropy(y, t)

    expect_labels_of_any_dtype(run, labels, dtype, call, "cross_entropy", first)


@settings(max_examples=examples(25))
@given(batches())
@example(TALL)
@example(WIDE)
@example(ONE_ROW)
@example(SQUARE)
def test_one_hot_targets_give_the_same_loss_as_labels(batch):
    check_batch(*batch, one_hot_form=True)


@settings(max_examples=examples(20))
@given(samples())
@example((normalize(np.array([1.0, 2.0, 5.0])), 2))
@example((normalize(np.array([3.0, 1.0])), 0))
def test_one_sample_takes_a_plain_int_label_or_a_one_hot_vector(sample):
    y, label = sample
    expected = -math.log(y[label])
    for t, form in (
        (label, SAMPLE_FORM.format("a plain int label")),
        (one_hot(label, len(y)), SAMPLE_FORM.format("one-hot t of shape (C,)")),
    ):
        call, result = loss_of(y, t, form, partial(one_sample_mistake, y, t))
        expect_close(
            result,
            expected,
            call,
            rtol=0,
            atol=ATOL,
            mistakes=sample_mistakes(y, label, one_hot_form=np.ndim(t) == 1),
            what="For one sample the loss is -log(the probability of its class).",
        )


@pytest.mark.parametrize("batch", [TALL, WIDE, SQUARE], ids=["tall", "wide", "square"])
def test_a_batch_costs_the_mean_of_its_samples_costs(batch):
    y, labels = batch
    singles = []
    for row, label in zip(y, labels, strict=True):
        # Each row alone first: a wrong loss for one sample is named as such,
        # not taken for a wrong mean.
        call, result = loss_of(
            row, int(label), SAMPLE_FORM.format("a plain int label"), ONLY_BATCHES
        )
        single = -math.log(row[label])
        expect_close(
            result,
            single,
            call,
            rtol=0,
            atol=ATOL,
            mistakes=sample_mistakes(row, int(label)),
            what="For one sample the loss is -log(the probability of its class).",
        )
        singles.append(single)
    call, result = loss_of(y, labels, LABELS_FORM, LABELS_AS_ONE_HOT)
    found = mistakes(y, labels)
    expect_not_per_sample(result, y, call, found)
    expect_close(
        result,
        np.mean(singles),
        call,
        rtol=0,
        atol=ATOL,
        mistakes=found,
        what="The loss of a batch must be the mean of the losses of its rows, "
        f"each given alone; they are {short(np.array(singles))}.",
    )


@pytest.mark.parametrize("one_hot_form", [False, True], ids=["labels", "one-hot"])
def test_a_certain_right_prediction_costs_nothing(one_hot_form):
    y = np.eye(3)[[2, 0, 1, 1]]
    check_batch(
        y,
        np.array([2, 0, 1, 1]),
        one_hot_form,
        what="Probability 1 on the true class (and exact zeros on the others) "
        "must cost 0.",
    )


@pytest.mark.parametrize("one_hot_form", [False, True], ids=["labels", "one-hot"])
def test_a_zero_probability_on_a_wrong_class_changes_nothing(one_hot_form):
    y = np.array([[0.0, 0.25, 0.75], [0.5, 0.5, 0.0]])
    check_batch(
        y,
        np.array([2, 0]),
        one_hot_form,
        what="Only the true class counts: a zero probability on a wrong class "
        "must add nothing to the loss.",
    )


ZERO_ON_TRUE_CLASS = [
    (np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])),
    (np.array([[0.0, 0.5, 0.5]]), np.array([0])),
    (np.array([0.0, 0.2, 0.8]), 0),
]


@pytest.mark.parametrize("one_hot_form", [False, True], ids=["labels", "one-hot"])
@pytest.mark.parametrize("y, labels", ZERO_ON_TRUE_CLASS, ids=["2x2", "1x3", "1-D"])
def test_a_zero_probability_on_the_true_class_costs_a_large_finite_loss(
    y, labels, one_hot_form
):
    t = one_hot(labels, y.shape[-1]) if one_hot_form else labels
    call, result = zero_loss_of(y, t, one_hot_form)
    value = one_number(result, call, PER_SAMPLE_LOSSES, batch=np.ndim(y) == 2)
    if LARGE_LOSS <= value <= HUGE_LOSS:
        return
    capped = math.isfinite(value) and value > HUGE_LOSS
    fail(
        "A zero probability on the true class must cost a large but finite "
        "loss (-log(1e-7) = 16.1 with an epsilon of 1e-7).",
        call=call,
        expected=f"a number from {LARGE_LOSS:g} to {HUGE_LOSS:g}",
        actual=short(value),
        mistake=CAPPED if capped else zero_mistake(value, y, labels, one_hot_form),
    )


def zero_loss_of(y, t, one_hot_form):
    """loss_of for a y with a zero probability on the true class. A crash
    is put down to the form of the input (one sample, int labels, one-hot
    t) when the same form crashes with no zero in y too, so that it reads
    as that form's own test's failure; else to the zero."""
    call = describe_call("cross_entropy", (y, t), {})
    try:
        return call, learner.cross_entropy(y, t)
    except FORM_ERRORS as error:
        form, mistake = "a zero probability on the true class", None
        if crashes_without_zeros(y, t):
            form, mistake = form_of(y, t, one_hot_form)
        mistake = labels_made_floats(error, y, t) or mistake
        not_accepted(call, error, form, rows_out_of_bounds(error, y) or mistake)


def crashes_without_zeros(y, t):
    """Whether the learner's cross_entropy raises one of FORM_ERRORS for
    uniform probabilities of y's shape, with the same t."""
    uniform = np.full(y.shape, 1.0 / y.shape[-1])
    try:
        with quietly():
            learner.cross_entropy(uniform, t)
    except FORM_ERRORS:
        return True
    except Exception:
        return False
    return False


def form_of(y, t, one_hot_form):
    """The form of input y and t that crashes, in the words of the tests of
    that form, and the mistake those tests name. One sample with a one-hot
    t is of two forms: the one-hot is to blame when a batch of one with
    the same one-hot row crashes too."""
    if y.ndim == 2:
        return (
            (ONE_HOT_FORM, ONLY_LABELS)
            if one_hot_form
            else (LABELS_FORM, LABELS_AS_ONE_HOT)
        )
    if not one_hot_form:
        return SAMPLE_FORM.format("a plain int label"), ONLY_BATCHES
    return SAMPLE_FORM.format("one-hot t of shape (C,)"), one_sample_mistake(y, t)


def one_sample_mistake(y, t):
    """Why the learner's cross_entropy crashes for one sample y (C,) with
    t: for a plain int label, ONLY_BATCHES. One sample with a one-hot t is
    of two forms: the one-hot is to blame (ONLY_LABELS) when a batch of one
    with the same one-hot row crashes too, the one-hot vector alone
    (ONE_HOT_TAKEN_FOR_LABELS) when the same sample with its plain int
    label does not; else the sample (ONLY_BATCHES)."""
    if np.ndim(t) == 0:
        return ONLY_BATCHES
    if crashes_without_zeros(y[None, :], t[None, :]):
        return ONLY_LABELS
    if not crashes_without_zeros(y, int(np.argmax(t))):
        return ONE_HOT_TAKEN_FOR_LABELS
    return ONLY_BATCHES


def zero_mistake(value, y, labels, one_hot_form=False):
    """Name the mistake behind `value`, the loss of a batch y whose every
    true class has probability 0, given t as one-hot (`one_hot_form`) or
    as int labels; None if no common mistake gives it.

    A correct guard of eps <= 1e-7 makes each sample cost -log(eps), at
    least -log(1e-7) = 16.1, so the mean costs as much.
    """
    if math.isnan(value):
        return EPS_SUBTRACTED if epsilon_subtracted() else unguarded(NAN_FROM_ZERO)
    if math.isinf(value):
        return unguarded(NO_GUARD)
    if takes_flat():
        flat = variant(flat_take_loss, y, labels, USUAL_EPS[0])
        shows = flat is not None and math.isclose(value, flat, rel_tol=GUARD_RTOL)
        return FLAT_TAKE if shows else None
    if takes_product_first():
        first = variant(product_first_loss, y, labels, USUAL_EPS[0])
        shows = first is not None and math.isclose(value, first, rel_tol=GUARD_RTOL)
        return PRODUCT_FIRST if shows else None
    taken = taken_for_labels(y, labels) if one_hot_form and y.ndim == 1 else None
    if taken is not None:
        return ONE_HOT_TAKEN_FOR_LABELS
    ignored = without_t(y, labels, one_hot_form)
    if ignored is not None:
        return ignored[0][0]
    # -log(eps) / 2 is y[:, t] of a 2 x 2 batch, int labels multiplied in as
    # if one-hot, and a loss divided by 2 too: told apart on other batches.
    picked = every_label_loss(np.atleast_2d(y), np.atleast_1d(labels), USUAL_EPS[0])
    if math.isclose(value, picked, rel_tol=GUARD_RTOL) and picks_every_label():
        return ROWS_BY_LABEL if picks_rows_by_label() else EVERY_LABEL
    rows = variant(rows_by_label_loss, np.atleast_2d(y), labels, USUAL_EPS[0])
    if rows is not None and math.isclose(value, rows, rel_tol=GUARD_RTOL):
        if picks_rows_by_label():
            return ROWS_BY_LABEL
    if not one_hot_form and labels_misread(value, y, labels):
        return LABELS_AS_ONE_HOT
    y2, labels = np.atleast_2d(y), np.atleast_1d(labels)
    # The same -log(eps) / 2 again, for one-hot t: told apart on FLAT_PROBE.
    flat = flat_argmax_loss(y2, one_hot(labels, y2.shape[1]), USUAL_EPS[0])
    if (
        one_hot_form
        and flat is not None
        and math.isclose(value, flat, rel_tol=GUARD_RTOL)
        and argmax_is_flat()
    ):
        return FLAT_ARGMAX
    n, c = y2.shape
    # Any guard makes the loss without its minus sign clearly negative. The
    # other mistakes scale the loss, and a scaled loss with one guard can be
    # the loss with another (-log(1e-9) / 3 is -log(1e-3)): they are looked
    # for with the usual guard only.
    found = [
        (MISSING_MINUS, -reference.cross_entropy(y2, labels, eps=eps)) for eps in GUARDS
    ]
    loss = reference.cross_entropy(y2, labels, eps=USUAL_EPS[0])
    found.append((LOG10, loss / LN_10))
    if y.ndim == 1:
        found.append((divided_by_c(y, labels[0]), loss / c))
    else:
        found += one_row_by_c(
            [*divided_again(loss, n, c), (DIVIDED_BY_C, loss * n / c)], n
        )
    for eps in (*large_guards(), 5e-7, 2e-7):
        found.append((too_large(eps), reference.cross_entropy(y2, labels, eps=eps)))
    found.append((SOFTMAX_AGAIN, softmax_again(y2, labels, USUAL_EPS[0])))
    first = -math.log(y2[0, labels[0]] + USUAL_EPS[0])
    if n > 1 and returns_in_loop():
        if any(math.isclose(value, v, rel_tol=GUARD_RTOL) for v in (first, first / n)):
            return RETURN_IN_LOOP
    complement = -np.mean(np.log(1 - y2[np.arange(n), labels] + USUAL_EPS[0]))
    if math.isclose(value, complement, abs_tol=ATOL) and takes_complement():
        return ONE_MINUS_Y
    for large in LARGE_EPS if n > 1 else ():
        found.append(
            (
                f"the losses were summed, not averaged, and the epsilon is too "
                f"large ({large:g}): divide by N, and keep the epsilon at most "
                "1e-7.",
                n * reference.cross_entropy(y2, labels, eps=large),
            )
        )
    return named_mistake(found, np.array(value))


def labels_misread(value, y, labels):
    """Whether `value`, the loss of int labels, is what multiplying them in
    as if one-hot gives with some guard, while the same y with one-hot t
    costs what it should: then the labels' form is what went wrong, even
    where another mistake would give the same number (-log(eps) / 2 is a
    mean over all the entries of a 2 x 2 batch, too). The same labels with
    y made free of zeros must cost what multiplying them in gives too: on
    y alone, -log(1e-6) of a guard too large is also -log(1e-12) / 2."""
    if not as_one_hot(value, y, labels):
        return False
    right_form = probed_loss(y, one_hot(labels, y.shape[-1]))
    if right_form is None or not LARGE_LOSS <= right_form < math.inf:
        return False
    # Every probability moved halfway to 1 / C: none is 0, and the labels
    # multiplied in pick other logs than the true classes' own.
    free = (y + 1.0 / y.shape[-1]) / 2.0
    loss = probed_loss(free, labels)
    return loss is not None and as_one_hot(loss, free, labels)


def as_one_hot(value, y, labels):
    """Whether `value` is the loss of y with int labels multiplied in as if
    one-hot, -sum(labels * log(y + eps)) for one of GUARDS, summed or
    divided by N."""
    found = []
    for eps in GUARDS:
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = variant(np.multiply, labels, np.log(y + eps))
        if terms is not None:
            total = -np.sum(terms)
            found += [total, total / len(y)] if y.ndim == 2 else [total]
    mistaken = [(LABELS_AS_ONE_HOT, loss) for loss in found]
    return named_mistake(mistaken, np.array(value)) is not None


@settings(max_examples=examples(10))
@given(classes, st.floats(0.02, 0.5), st.floats(0.05, 0.45))
@example(3, 0.2, 0.7)
def test_the_loss_falls_as_the_true_class_gains_probability(c, low, gain):
    high = low + gain
    y_low, y_high = (
        np.array([[r] + [(1 - r) / (c - 1)] * (c - 1)]) for r in (low, high)
    )
    labels = np.array([0])
    call_low, loss_low = loss_of(y_low, labels, LABELS_FORM, LABELS_AS_ONE_HOT)
    call_high, loss_high = loss_of(y_high, labels, LABELS_FORM, LABELS_AS_ONE_HOT)
    loss_low = one_number(loss_low, call_low, batch=True)
    loss_high = one_number(loss_high, call_high, batch=True)
    if not loss_low > loss_high >= 0:
        fail(
            "The loss must be positive and fall as the true class gains "
            f"probability: {low:.3g} on the true class must cost more than "
            f"{high:.3g}.",
            call=f"{call_low} and {call_high}",
            expected=f"{number(-math.log(low))} and {number(-math.log(high))}",
            actual=f"{number(loss_low)} and {number(loss_high)}",
            mistake=falling_mistake((y_low, y_high), labels, (loss_low, loss_high)),
        )


def one_number(result, call, several=None, batch=False):
    """The learner's loss `result` as a float; fail where it is an array
    that holds more or less than a number (float() would raise), naming
    `several` as the mistake where it holds several numbers (the losses of
    a batch's samples, say), and, for a `batch` of one, the losses of its
    samples where a batch of several shows them (see one_loss_array)."""
    value = as_array(result, call, "a number")
    if value.ndim != 0:
        one = one_loss_array() if batch else ONE_LOSS_ARRAY
        fail(
            "cross_entropy must return one number.",
            call=call,
            actual=short(value),
            mistake=one if value.size == 1 else several,
        )
    return float(value)


def falling_mistake(ys, labels, losses):
    """The likely mistake behind the losses of batches `ys` (with the same
    `labels`) that do not fall as the true class gains probability: the
    batch tests' own wording, so that one mistake reads the same in both.
    A loss below 0 that no such mistake gives lacks its minus sign (log1p,
    say, gives one below 0 too, and is named as itself)."""
    for y, loss in zip(ys, losses, strict=True):
        expected = np.asarray(reference.cross_entropy(y, labels, eps=0.0))
        found = named_mistake(mistakes(y, labels), loss, expected, atol=ATOL)
        if found is not None:
            return found
    return MISSING_MINUS if losses[0] < 0 else None

"""A failure for an argument changed in place names the learner's line that
changed it, found by running the call again under a line tracer; when that
line cannot be found, the failure reads as it did."""

import math
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from tests import blame, harness

ROOT = Path(__file__).resolve().parent.parent

# A cross_entropy that clips y in place in a helper of its own: the line
# named is the helper's, line 6 of the module.
CLIPS_IN_A_HELPER = """\
import numpy as np


def clipped(y):
    lowest = 1e-7
    np.clip(y, lowest, 1.0, out=y)


def cross_entropy(y, t):
    t = np.asarray(t)
    clipped(y)
    return float(-np.mean(np.log(y[np.arange(len(t)), t])))
"""
# One that changes y only while numpy lacks a mark it leaves there: called
# again, it changes nothing, and no line can be named.
CHANGES_ONCE = """\
import numpy as np


def cross_entropy(y, t):
    if not hasattr(np, "kata_changed_once"):
        np.kata_changed_once = True
        y += 0.0
        y[0, 0] = 0.5
    return 0.0
"""
SEPARATE = pytest.mark.parametrize(
    "separate", [False, True], ids=["one_process", "separate"]
)


@pytest.fixture(autouse=True)
def unhurried(monkeypatch):
    """Every search runs, however long the calls take. The grader leaves out
    the search after a slow call and once its seconds for them are spent,
    to keep the tests their time; on a busy machine that would leave these
    tests, which are about what a search finds, with no search at all."""
    monkeypatch.setattr(harness, "BLAMED_CALL_SECONDS", math.inf)
    monkeypatch.setattr(harness, "_blame_left", [math.inf])


@contextmanager
def graded(folder, source, separate, name="cross_entropy"):
    """The exercise `name` as `source`, its code run in this process or in
    one of its own."""
    path = folder / f"{name}.py"
    path.write_text(source)
    # Put back as it was: later tests in this process grade that target.
    target = harness.config.target
    harness.configure(ROOT / "solutions", [(name, path)], separate)
    try:
        yield harness.Exercise(name), path
    finally:
        harness.configure(target)
        vars(np).pop("kata_changed_once", None)


def changed(function, *args):
    """The InputModified that calling `function` raises."""
    with pytest.raises(harness.InputModified) as caught:
        function(*args)
    return caught.value


@SEPARATE
def test_the_line_that_changed_an_argument_is_named(tmp_path, separate):
    y = np.array([[0.0, 1.0], [0.5, 0.5]])
    with graded(tmp_path, CLIPS_IN_A_HELPER, separate) as (exercise, path):
        error = changed(exercise.cross_entropy, y, np.array([1, 0]))
        error.locate()

    line = f"  where   {path}, line 6: np.clip(y, lowest, 1.0, out=y)"
    assert line in str(error).splitlines()
    assert y.tolist() == [[0.0, 1.0], [0.5, 0.5]]  # put back after the run


@SEPARATE
def test_a_change_not_made_again_leaves_the_message_as_it_was(tmp_path, separate):
    y = np.array([[0.0, 1.0]])
    with graded(tmp_path, CHANGES_ONCE, separate) as (exercise, _):
        error = changed(exercise.cross_entropy, y, np.array([1]))
        message = str(error)
        error.locate()

    assert str(error) == message and "where" not in message
    assert y.tolist() == [[0.0, 1.0]]


# An sgd_update that stores a new array under each key: line 4 rebinds.
REBINDS_ENTRIES = """\
def sgd_update(params, grads, lr):
    for key in params:
        step = lr * grads[key]
        params[key] = params[key] - step
"""
# One that steps each array itself, after a store that keeps the array.
STEPS_IN_PLACE = """\
def sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key]
        params[key] -= lr * grads[key]
"""


@SEPARATE
def test_the_line_that_stores_a_new_array_in_a_dict_is_named(tmp_path, separate):
    params, grads = {"w": np.array([1.0, 2.0])}, {"w": np.array([1.0, -1.0])}
    with graded(tmp_path, REBINDS_ENTRIES, separate, "sgd") as (exercise, path):
        where = exercise.sgd_update.rebound_at(params, grads, 0.5)

    assert where == f"{path}, line 4: params[key] = params[key] - step"
    assert params["w"].tolist() == [1.0, 2.0]  # run on copies


@SEPARATE
def test_no_line_is_named_where_every_entry_stays_the_same_array(tmp_path, separate):
    params, grads = {"w": np.array([1.0, 2.0])}, {"w": np.array([1.0, -1.0])}
    with graded(tmp_path, STEPS_IN_PLACE, separate, "sgd") as (exercise, _):
        where = exercise.sgd_update.rebound_at(params, grads, 0.5)

    assert where is None


def test_a_search_that_fails_leaves_the_message_as_it_was():
    error = harness.InputModified("f", 0, np.zeros(2), np.ones(2), "x")
    message = str(error)

    def fails():
        raise RuntimeError("the learner's process is gone")

    error.find_line = fails
    error.locate()

    assert str(error) == message


def test_an_argument_too_large_to_compare_after_every_line_is_not_traced():
    assert blame.small(np.zeros(100))
    assert not blame.small({"w": np.zeros(blame.MAX_BYTES // 8 + 1)})


def test_the_tracer_names_no_line_when_nothing_changes():
    x = np.zeros(3)

    result, place = blame.traced(lambda: x.sum(), x, lambda name: True, harness.same)

    assert result == 0.0 and place is None


def test_a_second_call_that_exits_leaves_the_message_as_it_was():
    error = harness.InputModified("f", 0, np.zeros(2), np.ones(2), "x")
    message = str(error)

    def exits():
        raise SystemExit(3)

    error.find_line = exits
    error.locate()

    assert str(error) == message


@pytest.mark.parametrize(
    "place",
    [None, "x.py", [__file__, 3], [__file__, True], [1, 2], [__file__, 3, 4]],
    ids=["none", "text", "not_the_learners", "bool", "number", "three"],
)
def test_a_place_that_is_no_line_of_the_learners_is_not_shown(place):
    assert harness.written_line(place) is None

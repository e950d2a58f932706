"""What the learner reads, from grades made by hand: which failure comes
first, failures that share a way, aligned values, trimmed output, and
plain text off a terminal."""

import io
import itertools
import json
import re
from dataclasses import replace
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
import tomllib
from rich.console import Console
from rich.text import Text

from grader import i18n, runner
from grader.exercises import EXERCISES
from grader.grading import gradebook
from grader.i18n import _
from grader.project import Project
from grader.render import (
    PROSE_WIDTH,
    Screen,
    _block_moved,
    aligned,
    aside_broken,
    by_phrases,
    code_rows,
    output_label,
    wrapped_lines,
)
from grader.results import ExerciseRun, TestResult, trim
from grader.watch import EXERCISE, LISTING, SUMMARY, Watch
from selftests.grader_support import ROOT, TWO_GENERATORS, kata

PASSED = TestResult("test_ok", True)
UNNAMED = "The result has the wrong values.\n  expected  1.0\n  actual    2.0"
NAMED = (
    "The result has the wrong shape.\n"
    "  expected  (3, 3)\n"
    "  actual    (2, 2)\n"
    "  likely mistake: the operands are swapped: the product is b·a."
)
IN_PLACE = (
    "softmax changed its argument number 1 in place.\n"
    "  before  {}\n"
    "  after   {}\n"
    "  likely mistake: an in-place operation on the argument itself."
)
# As many lines as a training loop that prints every epoch might write.
PRINTED = "".join(f"epoch {i}: loss {1 / (i + 1):.6f}\n" for i in range(500))


def failed(name, message, kind="failure", output=""):
    return TestResult(name, False, kind, message, output)


def book(tests, name="dot", exercises=EXERCISES):
    """A gradebook where exercise `name` has `tests` and every other is
    done."""
    runs = [
        ExerciseRun(e.name, tests if e.name == name else [PASSED]) for e in exercises
    ]
    return gradebook(list(exercises), runs, "exercises")


def shown(draw) -> str:
    """What `draw(screen)` prints, off a terminal."""
    out = io.StringIO()
    draw(Screen(out, io.StringIO()))
    return out.getvalue()


def summary(tests, name="dot") -> str:
    return shown(lambda screen: screen.gradebook(book(tests, name), "kata"))


def test_a_submission_graded_for_someone_else_ends_with_its_failure():
    tests = [failed("test_dot_shape", NAMED), PASSED]
    failing = book(tests)
    done = book([PASSED])
    printing = book([TestResult("test_dot", True, "passed", "", "hello\n")])

    text = shown(lambda screen: screen.gradebook(failing, "kata", submission="bob"))
    all_done = shown(lambda screen: screen.gradebook(done, "kata", submission="bob"))
    printed = shown(lambda screen: screen.gradebook(printing, "kata", submission="bob"))

    assert text.splitlines()[0] == "nn-kata: grading bob"
    assert "First not done: exercise 1, dot (The matrix product):" in text
    assert "likely mistake: the operands are swapped" in text
    assert "All 10 exercises done." in all_done and "Well done" not in all_done
    for report in (text, all_done, printed):
        assert "`kata" not in report and "Next:" not in report


def check(tests, name="dot") -> str:
    grade = next(g for g in book(tests, name).grades if g.name == name)
    return shown(lambda screen: screen.check(grade, "exercises", "kata"))


def test_the_summary_shows_the_first_failure_that_names_a_likely_mistake():
    text = summary(
        [PASSED, failed("test_values", UNNAMED), failed("test_shape", NAMED)]
    )

    assert "test_shape" in text and "operands are swapped" in text
    assert "test_values" not in text


def test_without_a_named_mistake_the_summary_shows_the_first_failure():
    text = summary([failed("test_values", UNNAMED), failed("test_other", UNNAMED)])

    assert "test_values" in text
    assert "test_other" not in text


def test_check_shows_a_way_of_failing_once_and_names_the_other_tests():
    tests = [
        failed(f"test_{i}", IN_PLACE.format(f"[{i}.]", f"[{i - 1}.]"))
        for i in range(11)
    ]
    text = check(tests, "softmax")

    assert text.count("changed its argument number 1 in place") == 1
    assert len(re.findall(r"^ +likely mistake:", text, re.M)) == 1
    assert "before  [0.]" in text
    # check shows everything: every other test is named, none counted.
    others = ", ".join(f"test_{i}" for i in range(1, 11))
    assert f"10 more tests failed from the same likely mistake: {others}." in text
    assert " more." not in text


# Tests of softmax failing from one mistake, their names as long as the
# real ones: the line that counts the others is wider than 100 columns.
SOFTMAX_TESTS = [
    "test_softmax_matches_its_definition_for_any_shape",
    "test_softmax_gives_the_docstring_example",
    "test_softmax_slices_are_probabilities_that_sum_to_one",
    "test_softmax_is_unchanged_by_adding_a_constant_to_a_slice",
    *(f"test_softmax_case_{i}" for i in range(12)),
]


def terminal_screen(columns: int) -> Screen:
    """A screen whose output is a terminal `columns` wide, without colour,
    read back from memory."""
    screen = Screen(io.StringIO(), io.StringIO())
    screen.out = Console(
        file=io.StringIO(),
        width=columns,
        force_terminal=True,
        color_system=None,
        markup=False,
        highlight=False,
        emoji=False,
    )
    return screen


def checked_on_a_terminal(tests, columns: int, name="softmax") -> list[str]:
    """The rows `check` prints for `tests` on a terminal `columns` wide."""
    grade = next(g for g in book(tests, name).grades if g.name == name)
    screen = terminal_screen(columns)
    screen.check(grade, "exercises", "kata")
    return CONTROL.sub("", screen.out.file.getvalue()).split("\n")


@pytest.mark.parametrize("columns", [100, 80, 60])
def test_the_count_of_the_others_breaks_between_phrases_on_a_terminal(columns):
    tests = [failed(name, NAMED) for name in SOFTMAX_TESTS]

    rows = checked_on_a_terminal(tests, columns)

    start = next(i for i, row in enumerate(rows) if "15 more tests" in row)
    # The count and what the tests share on a row, the names under it.
    assert rows[start] == "  15 more tests failed from the same likely mistake:"
    assert all(i18n.width(row) < columns for row in rows)
    # The docstring's example is the one shown in full; every other is
    # named, on as many rows as they take, none cut in two but one too long
    # for its row, broken after an underscore as the failed test's name is.
    names = rows[start + 1 : rows.index("", start)]
    listing = " ".join(names).replace("_   ", "_")
    others = [name for name in SOFTMAX_TESTS if "docstring" not in name]
    assert all(f" {name}" in f" {listing}" for name in others)
    assert "more." not in listing
    assert all(row.endswith((",", ".", "_")) for row in names)


def test_the_count_of_the_others_stays_on_one_row_where_it_fits():
    tests = [failed(name, NAMED) for name in ("test_a", "test_b", "test_c")]

    rows = checked_on_a_terminal(tests, 100)

    assert "  2 more tests failed from the same likely mistake: test_b, test_c." in rows


def test_one_other_test_that_failed_the_same_way_is_named():
    tests = [failed("test_a", NAMED), failed("test_b", NAMED.replace("(2, 2)", "(1,)"))]

    # Named, the mistake is what the tests share, in one wording.
    assert "1 more test failed from the same likely mistake: test_b." in check(tests)


# One mistake behind three ways of failing: an IndexError at line 21, a
# ValueError at line 22 where a result of the wrong size was reshaped, and
# a wrong value.
TRANSPOSED = "  likely mistake: a was used transposed."
RAISED_AT = (
    "dot([[1.0]], [[2.0]]) raised {}\n"
    "  where     exercises/dot.py, line {}: {}\n" + TRANSPOSED
)


def test_the_others_of_a_mistake_that_failed_otherwise_say_how():
    index = RAISED_AT.format("IndexError: index 2 is out of bounds", 21, "s += 1")
    reshape = RAISED_AT.format("ValueError: cannot reshape", 22, "return out")
    tests = [
        failed("test_a", index, "exception"),
        failed("test_b", index.replace("index 2", "index 3"), "exception"),
        failed("test_c", reshape, "exception"),
        failed("test_d", f"{UNNAMED}\n{TRANSPOSED}"),
    ]

    text = check(tests)

    assert len(re.findall(r"^ +likely mistake:", text, re.M)) == 1
    assert (
        "3 more tests failed from the same likely mistake: test_b, "
        "test_c (raised ValueError at line 22), test_d (raised nothing)."
    ) in text
    with i18n.speaking("ja"):
        assert "test_c(22 行目で ValueError を送出)" in check(tests)


# The exception a test wanted, raised at a line of the learner's with the
# wrong message: the statement names it ("The ValueError must ..."), the
# "actual" value gives its message alone.
UNNAMED_SHAPES = (
    "The ValueError must name both shapes, as Python prints them.\n"
    "  call      dot([[[1.0]]], [[1.0]])\n"
    "  expected  a message naming both shapes, (1, 1, 1) and (1, 1)\n"
    "  actual    'too many values to unpack (expected 2)'\n"
    "  where     exercises/dot.py, line 14: n, k = a2.shape\n" + TRANSPOSED
)


@pytest.mark.parametrize(
    "language, told",
    [
        ("en", "test_c (raised ValueError at line 14)"),
        ("ja", "test_c(14 行目で ValueError を送出)"),
    ],
)
def test_the_others_of_a_mistake_that_raised_the_wanted_exception_say_so(
    language, told
):
    index = RAISED_AT.format("IndexError: index 2 is out of bounds", 10, "s += 1")
    tests = [
        failed("test_a", index, "exception"),
        failed("test_b", index.replace("index 2", "index 3"), "exception"),
        failed("test_c", UNNAMED_SHAPES),
    ]

    with i18n.speaking(language):
        text = " ".join(check(tests).split())

    assert told in text, text


# A wrong value at a line of the learner's that the message names without
# saying that anything was raised there: the line that changed an input,
# or one whose exception the test gives only by its message.
CHANGED_AT = (
    "dot must leave its arguments as they were.\n"
    "  where     {}, line {}: a -= 1\n" + TRANSPOSED
)


@pytest.mark.parametrize(
    "language, own, other",
    [
        (
            "en",
            "test_c (at line 23 of your code)",
            "test_d (at exercises/one_hot.py, line 9)",
        ),
        (
            "ja",
            "test_c(あなたのコードの 23 行目)",
            "test_d(exercises/one_hot.py の 9 行目)",
        ),
    ],
)
def test_the_others_of_a_mistake_that_named_a_line_of_the_learners_say_whose(
    language, own, other
):
    index = RAISED_AT.format("IndexError: index 2 is out of bounds", 21, "s += 1")
    tests = [
        failed("test_a", index, "exception"),
        failed("test_b", index.replace("index 2", "index 3"), "exception"),
        failed("test_c", CHANGED_AT.format("exercises/dot.py", 23)),
        failed("test_d", CHANGED_AT.format("exercises/one_hot.py", 9)),
    ]

    with i18n.speaking(language):
        text = " ".join(check(tests).split())

    # Not "failed at line 23", which may be read as the test's own line.
    assert own + {"en": ", ", "ja": "、"}[language] + other in text, text
    assert "failed at" not in text and "で失敗)" not in text


# One mistake as two tests of sgd_update word it, each about a key of its
# own input.
REBOUND = (
    "params[{key}] must stay the same array object, updated in place.\n"
    "  call      sgd_update({{{key}: [1.0]}}, {{{key}: [2.0]}}, {lr})\n"
    "  likely mistake: params[{key}] = params[{key}] - ... binds a new array. "
    "Update the array itself: params[{key}] -= lr * grads[{key}]."
)


def test_failures_that_differ_only_in_a_key_or_a_number_are_shown_once():
    tests = [
        failed("test_example", REBOUND.format(key="'w'", lr=0.1)),
        failed("test_network", REBOUND.format(key="'w1'", lr=0.5)),
        failed("test_steps", REBOUND.format(key='"b2"', lr=2)),
        failed(
            "test_square",
            "f([1, 2]) raised IndexError: index 2 is out of bounds for axis 1 "
            "with size 2",
            "exception",
        ),
        failed(
            "test_wide",
            "f([1, 2, 3]) raised IndexError: index 3 is out of bounds for axis 0 "
            "with size 3",
            "exception",
        ),
    ]
    text = check(tests, "sgd")

    assert text.count("must stay the same array object") == 1
    assert "params['w'] -= lr * grads['w']" in text
    assert (
        "2 more tests failed from the same likely mistake: test_network, test_steps."
        in text
    )
    assert text.count("IndexError") == 1
    assert "1 more test failed the same way: test_wide." in text
    with i18n.speaking("ja"):
        japanese = check(tests, "sgd")
    assert japanese.count("✗") == 2
    assert (
        "ほかに 2 個のテストも同じ間違いで失敗しています: test_network、test_steps。"
        in (japanese)
    )


def test_failures_that_differ_in_words_stay_apart_whatever_the_numbers():
    tests = [
        failed("test_a", "Step 1: the loss did not fall.\n  actual    0.5"),
        failed("test_b", "Step 2: the loss did not fall.\n  actual    0.7"),
        failed("test_c", "Step 1: the loss rose.\n  actual    0.5"),
    ]
    text = check(tests)

    assert "1 more test failed the same way: test_b." in text
    assert "Step 1: the loss rose." in text


def test_failures_that_name_different_mistakes_are_shown_apart():
    other = NAMED.replace("the operands are swapped", "the result is transposed")
    text = check([failed("test_a", NAMED), failed("test_b", other)])

    assert text.count("The result has the wrong shape.") == 2
    assert "failed the same way" not in text


def test_tests_of_different_properties_naming_one_mistake_show_it_once():
    mistake = "  likely mistake: the scores were not shifted: subtract the max."
    tests = [
        failed("test_values", f"{UNNAMED}\n{mistake}"),
        failed("test_finite", f"softmax must stay finite.\n{mistake}"),
        failed("test_shift", f"Adding a constant changed the result.\n{mistake}"),
        failed("test_sums", "Every slice must sum to 1.\n  actual  sums [2.]"),
    ]
    text = check(tests, "softmax")

    assert text.count("the scores were not shifted") == 1
    assert "The result has the wrong values." in text
    assert "softmax must stay finite." not in text
    assert (
        "2 more tests failed from the same likely mistake: test_finite, test_shift."
        in text
    )
    assert "Every slice must sum to 1." in text


def test_failures_naming_no_mistake_after_a_named_one_are_said_to_follow_it():
    mistake = "  likely mistake: the scores were not shifted: subtract the max."
    named = failed("test_values", f"{UNNAMED}\n{mistake}")
    sums = failed("test_sums", "Every slice must sum to 1.\n  actual  sums [2.]")
    text = " ".join(check([sums, named], "softmax").split())
    alone = " ".join(check([sums], "softmax").split())

    note = "may come from a mistake named above"
    assert text.index("the scores were not shifted") < text.index(note)
    assert text.index(note) < text.index("Every slice must sum to 1.")
    assert note not in alone


RAISED_NAME_ERROR = (
    "backward(...) raised NameError: name 'one_hot' is not defined\n"
    "  where     exercises/backprop.py, line 19: t = one_hot(t, c)\n"
    "  likely mistake: one_hot is not imported here."
)


def test_a_failure_of_values_is_not_said_to_follow_an_exception():
    # The test of one-hot targets never reaches the line that raised for
    # int labels: a wrong value there has a cause of its own.
    named = failed("test_labels", RAISED_NAME_ERROR, "exception")
    values = failed("test_one_hot", "The gradient for w2 is wrong.\n  actual  [2.]")
    text = check([named, values], "backprop")

    assert "The gradient for w2 is wrong." in text
    assert "named above" not in text


def test_a_failure_that_raised_alike_is_said_to_follow_the_exception():
    named = failed("test_labels", RAISED_NAME_ERROR, "exception")
    # The same line raised, told apart by a test of its own.
    again = failed(
        "test_twice",
        "backward raised NameError on this input after earlier calls.\n"
        "  where     exercises/backprop.py, line 19: t = one_hot(t, c)",
    )
    same = failed(
        "test_other",
        "backward(...) raised NameError: name 'one_hot' is not defined",
        "exception",
    )
    other = failed(
        "test_other",
        "backward(...) raised NameError: name 'eye' is not defined",
        "exception",
    )

    assert "named above" in check([named, again], "backprop")
    assert "named above" in check([named, same], "backprop")
    assert "named above" not in check([named, other], "backprop")


def test_a_failure_is_said_to_follow_a_wrong_value_named_above_it():
    # A wrong value may break any property, and make later code raise.
    mistake = "  likely mistake: the scores were not shifted: subtract the max."
    named = failed("test_values", f"{UNNAMED}\n{mistake}")
    raised = failed("test_sums", "softmax(...) raised ValueError: bad", "exception")

    assert "named above" in check([named, raised], "softmax")


def test_a_function_not_written_yet_is_not_said_to_follow_a_mistake():
    mistake = "  likely mistake: the argmax was taken along axis 0."
    named = failed("test_predict", f"{UNNAMED}\n{mistake}")
    stub = failed(
        "test_train", "Not started yet: train is not written yet", "not_implemented"
    )

    assert "named above" not in check([named, stub], "train")


def test_no_failure_is_said_to_follow_a_list_of_mistakes_that_may_fit():
    listed = "  likely mistake: one of these: (1) a sum (2) no shift."
    first = failed("test_values", f"{UNNAMED}\n{listed}")
    sums = failed("test_sums", "Every slice must sum to 1.\n  actual  sums [2.]")

    assert "named above" not in check([first, sums], "softmax")


@pytest.mark.parametrize(
    "language, one, two",
    [
        (
            "en",
            "1 more test failed from the same likely mistake: test_finite.",
            "2 more tests failed from the same likely mistake: test_finite",
        ),
        (
            "ja",
            "ほかに 1 個のテストも同じ間違いで失敗しています: test_finite。",
            "ほかに 2 個のテストも同じ間違いで失敗しています: test_finite",
        ),
    ],
)
def test_the_tests_sharing_a_likely_mistake_are_counted(language, one, two):
    mistake = "  likely mistake: the scores were not shifted: subtract the max."
    first = failed("test_values", f"{UNNAMED}\n{mistake}")
    finite = failed("test_finite", f"softmax must stay finite.\n{mistake}")
    shift = failed("test_shift", f"Adding a constant changed it.\n{mistake}")
    with i18n.speaking(language):
        pair = " ".join(check([first, finite], "softmax").split())
        three = " ".join(check([first, finite, shift], "softmax").split())

    assert one in pair
    assert two in three


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_mistake_named_alone_is_not_explained_again_in_a_list(language):
    from grader import i18n

    no_shift = (
        "the scores were not shifted: exp(1000) overflows to inf, and in a row "
        "like [-1000, -1001] every exp rounds to 0, giving 0 / 0. Subtract each "
        "slice's maximum, x.max(axis=-1, keepdims=True), before exp: softmax "
        "does not change when a slice is shifted, and then the largest "
        "exponent is exp(0) = 1."
    )
    mean = (
        "each slice was shifted by its mean, not its maximum: in a slice like "
        "[-7000, 2] the largest score is still thousands above the mean, and its "
        "exp overflows. Subtract x.max(axis=-1, keepdims=True): then the largest "
        "exponent is exp(0) = 1."
    )
    listed = (
        f"on this input these mistakes give the same trouble: (1) {no_shift} (2) {mean}"
    )
    finite = "softmax must stay finite.\n  actual    overflow"
    tests = [
        failed("test_listing", f"{finite}\n  likely mistake: {listed}"),
        failed("test_alone", f"{finite}\n  likely mistake: {no_shift}"),
        failed("test_other", f"{finite}\n  likely mistake: {no_shift}"),
    ]
    with i18n.speaking(language):
        text = check(tests, "softmax")
        explained = i18n.failure(no_shift)

    assert text.count(explained[:20]) == 1, text
    # The test that names the mistake alone explains it; the list is not shown.
    assert text.index("test_alone") < text.index("test_listing")
    assert i18n.failure(mean)[:20] not in text


def test_grouping_one_mistake_keeps_every_test_in_the_reports():
    from grader.formats import Timing, to_gradescope, to_json, to_junit

    mistake = "  likely mistake: the scores were not shifted."
    tests = [
        failed("test_values", f"{UNNAMED}\n{mistake}"),
        failed("test_finite", f"softmax must stay finite.\n{mistake}"),
    ]
    grades = book(tests, "softmax")
    timing = Timing(datetime(2030, 1, 1, tzinfo=timezone.utc), 1.0)

    (softmax,) = [
        e
        for e in json.loads(to_json(grades, timing))["exercises"]
        if e["name"] == "softmax"
    ]
    assert [t["name"] for t in softmax["tests"]] == ["test_values", "test_finite"]
    assert "softmax must stay finite." in softmax["tests"][1]["message"]
    junit = to_junit(grades, timing)
    assert 'name="test_values"' in junit and 'name="test_finite"' in junit
    gradescope = json.loads(to_gradescope(grades, timing))
    names = " ".join(test["name"] for test in gradescope["tests"])
    assert "test_values" in names and "test_finite" in names


def test_an_exception_raised_by_different_calls_is_one_way_of_failing():
    raised = "raised AxisError: axis 1 is out of bounds for array of dimension 1"
    tests = [
        failed("test_row", f"softmax([1., 2.]) {raised}", "exception"),
        failed("test_batch", f"softmax([[1., 2.],\n [3., 4.]]) {raised}", "exception"),
    ]
    text = check(tests, "softmax")

    assert text.count("AxisError") == 1
    assert "1 more test failed the same way: test_batch." in text


def test_the_rows_of_a_multi_line_value_line_up_under_its_first_row():
    message = "The result has the wrong values.\n  actual    [[1., 2.],\n [3., 4.]]"
    lines = check([failed("test_values", message)]).splitlines()
    first = next(i for i, line in enumerate(lines) if "actual" in line)

    assert lines[first + 1].index("[3.") == lines[first].index("[[") + 1


def test_the_rows_of_an_array_printed_after_text_line_up_too():
    message = (
        "dot must raise ValueError.\n"
        "  actual    returned array([[3., 3.],\n"
        "       [3., 3.]])"
    )
    lines = check([failed("test_raises", message)]).splitlines()
    first = next(i for i, line in enumerate(lines) if "actual" in line)

    assert lines[first + 1].index("[3.") == lines[first].index("[[") + 1


def test_lines_a_message_indents_itself_stay_where_they_are():
    message = (
        "The loss must fall.\n"
        "  call      train(x, t)\n"
        "            with x: the 102 training flowers (102, 4)"
    )

    assert "\n                with x: the 102" in check([failed("test_t", message)])


def test_printed_output_counts_every_line_it_does_not_show():
    output = trim(PRINTED, 2000)
    text = check([failed("test_noisy", UNNAMED, output=output)])

    assert "[... 484 more lines ...]" in text
    assert "| epoch 0: loss 1.000000" in text
    assert "| epoch 499: loss 0.002000" in text


def test_printed_output_that_was_not_trimmed_before_is_counted_too():
    output = "".join(f"line {i}\n" for i in range(30))
    text = check([failed("test_noisy", UNNAMED, output=output)])

    assert "[... 14 more lines ...]" in text
    assert "| line 29" in text


def test_printed_output_short_enough_is_shown_whole():
    output = "".join(f"line {i}\n" for i in range(16))
    text = check([failed("test_noisy", UNNAMED, output=output)])

    assert "more lines" not in text
    assert all(f"| line {i}\n" in text for i in range(16))


def listed_on_a_terminal(columns: int) -> list[str]:
    """The rows `list` prints, every exercise done, on a terminal `columns`
    wide."""
    screen = terminal_screen(columns)
    screen.listing(book([PASSED]))
    return CONTROL.sub("", screen.out.file.getvalue()).splitlines()


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("columns", [59, 60, 61])
def test_on_a_terminal_the_list_keeps_a_row_per_exercise_off_the_last_column(
    columns, language
):
    with i18n.speaking(language):
        rows = listed_on_a_terminal(columns)

    # Its head, its rule, a row by exercise: a title that would push the
    # status into the last column, or onto a second row, goes with its
    # column, as in the watch's list.
    assert len(rows) == len(EXERCISES) + 2, rows
    assert all(i18n.width(row) < columns for row in rows), rows
    assert rows[2].split()[:2] == ["1", "dot"], rows


def test_off_a_terminal_table_rows_and_headers_are_never_wrapped():
    title = "A title long enough that its row is wider than eighty columns"
    exercises = [replace(EXERCISES[0], title=title), *EXERCISES[1:]]
    listing = shown(lambda s: s.listing(book([PASSED], exercises=exercises)))
    grade = book([failed("test_values", UNNAMED)], exercises=exercises).grades[0]
    header = shown(lambda s: s.check(grade, "exercises", "kata")).splitlines()[0]

    row = next(line for line in listing.splitlines() if title in line)
    assert len(row) > 80 and row.split()[:2] == ["1", "dot"]
    assert row.rstrip().endswith("done")
    assert header.endswith("0/1 tests, 0/10 points")


def test_off_a_terminal_no_line_ends_in_a_space():
    text = shown(lambda screen: screen.listing(book([PASSED])))
    text += shown(lambda screen: screen.hints(EXERCISES[2], EXERCISES[2].hints, "k"))

    assert text.strip()
    assert not [line for line in text.splitlines() if line != line.rstrip()]


def test_hints_are_wrapped_between_words_under_their_number():
    exercise = EXERCISES[2]
    text = shown(lambda screen: screen.hints(exercise, exercise.hints[:1], "kata"))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    end = lines.index("", start)
    hint = lines[start:end]

    assert len(hint) > 1
    assert all(len(line) <= PROSE_WIDTH for line in hint)
    assert all(line.startswith("   ") for line in hint[1:])
    assert " ".join(line.strip() for line in hint) == f"1. {exercise.hints[0]}"


def test_output_short_enough_is_not_said_to_be_trimmed():
    whole = check([failed("test_noisy", UNNAMED, output="one line\n")])
    long = check([failed("test_noisy", UNNAMED, output=PRINTED)])
    wide = check([failed("test_noisy", UNNAMED, output="x" * 500 + "\n")])

    assert "What your code printed in this test:" in whole
    assert "trimmed)" not in whole
    assert "not only the one shown; trimmed):" in long
    assert "What your code printed in this test (trimmed):" in wide


def test_one_printed_line_is_not_said_to_come_from_other_calls():
    one = check([failed("test_noisy", UNNAMED, output="loss 0.5\n\n")])
    two = check([failed("test_noisy", UNNAMED, output="loss 0.5\nloss 0.4\n")])

    assert "(all its calls" not in one
    assert "What your code printed in this test:\n    | loss 0.5" in one
    assert "(all its calls, not only the one shown):" in two


@pytest.mark.parametrize(
    "output, trimmed, label",
    [
        ("a\n", False, "  What your code printed in this test:"),
        ("a" * 500, True, "  What your code printed in this test (trimmed):"),
        (
            "a\nb\n",
            False,
            "  What your code printed in this test (all its calls, not only "
            "the one shown):",
        ),
        (
            PRINTED,
            True,
            "  What your code printed in this test (all its calls, not only "
            "the one shown; trimmed):",
        ),
    ],
)
def test_the_label_of_printed_output_fits_what_was_printed(output, trimmed, label):
    assert output_label(output, trimmed) == label


# How the runner words a test process that died, in the run and in the
# test that was running (see grader/runner.py).
DEATHS = [
    "exercises/dot.py was still running after 30 s{where}: an endless loop?",
    "exercises/dot.py ended the Python process with exit code 3{where}: "
    "a call to os._exit?",
    "exercises/dot.py was killed{where}: out of memory?",
    "exercises/dot.py printed more than 4 MB{where}: a print in a loop?",
]


@pytest.mark.parametrize("death", DEATHS)
def test_a_process_that_died_is_told_once(death):
    run_error = death.format(where=" in test_b")
    tests = [
        PASSED,
        failed("test_b", death.format(where=""), kind="timeout"),
        failed("test_c", "not run: the tests stopped before this one", "not_run"),
    ]
    grade = replace(book(tests).grades[0], run=ExerciseRun("dot", tests, run_error))
    text = shown(lambda screen: screen.check(grade, "exercises", "kata"))
    summary_text = shown(
        lambda screen: screen.gradebook(
            replace(book(tests), grades=(grade, *book(tests).grades[1:])), "kata"
        )
    )

    for shown_text in (text, summary_text):
        assert shown_text.count(death.split("{where}")[0]) == 1, shown_text
        assert "✗ test_b" not in shown_text and "x test_b" not in shown_text


def test_a_test_the_other_worker_was_running_when_stopped_is_named_too():
    # The tests are shared out to two workers, and both stopped: when the
    # error names the first one's test only, the second's must not vanish.
    death = DEATHS[0]
    tests = [
        failed("test_b", death.format(where=""), kind="timeout"),
        failed("test_d", death.format(where=""), kind="timeout"),
        failed("test_c", "not run: the tests stopped before this one", "not_run"),
    ]
    run = ExerciseRun("dot", tests, death.format(where=" in test_b"))
    grade = replace(book(tests).grades[0], run=run)
    text = shown(lambda screen: screen.check(grade, "exercises", "kata"))

    assert "✗ test_b" not in text and "x test_b" not in text  # said once
    assert "test_d" in text
    assert "1 more test did not run" in text


# A loop that never ends, as the runner tells it when both workers running
# an exercise's tests reached the time limit, each stopped in its body: one
# stop, naming both tests, the loop and the line they were stopped at (see
# runner.merge).
BOTH_STOPPED = runner._Stop(
    "exercises/dot.py was still running after 5 s",
    runner.LOOP_GUESS,
    ("test_a[0]", "test_a[1]"),
    lines=((54, "while True:"), (55, "pass")),
    stopped=(55,),
    loops=((54, 55),),
)


def stopped_twice(stopped_at_limit=True) -> ExerciseRun:
    """A run whose two workers both stopped at the time limit, and a test
    that never ran."""
    blame = BOTH_STOPPED.blame()
    tests = [
        failed("test_a[0]", blame, kind="timeout"),
        failed("test_a[1]", blame, kind="timeout"),
        failed("test_c", "not run: the tests stopped before this one", "not_run"),
        failed("test_d", "not run: the tests stopped before this one", "not_run"),
    ]
    error = BOTH_STOPPED.error()
    return ExerciseRun("dot", tests, error, stopped_at_limit=stopped_at_limit)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_stop_reached_by_both_workers_is_told_once(language):
    run = stopped_twice()
    grade = replace(book(run.tests).grades[0], run=run)
    with i18n.speaking(language):
        text = shown(lambda screen: screen.check(grade, "exercises", "kata"))
        overview = shown(
            lambda screen: screen.gradebook(
                replace(book(run.tests), grades=(grade, *book(run.tests).grades[1:])),
                "kata",
            )
        )

    for told in (text, overview):
        assert "✗" not in told  # no block of its own for either test
        assert told.count("test_a[0]") == told.count("test_a[1]") == 1
    # Told as two tests, both running when the limit came.
    if language == "en":
        assert "loop? The loop on lines 54-55 did not end in time. This " in text
        assert "This happened in both tests that were running: " in text
        assert ": test_a[0] and test_a[1].\n  line 54: while True:\n" in text
        assert "\n  stopped at line 55: pass\n" in text
        assert "an endless loop?\n" not in text
        assert (
            "2 more tests did not run: the grader stopped the exercise before "
            "they could run." in text
        )
    else:
        assert "実行中だった test_a[0] と test_a[1] の両方でこれが起きました" in text
        assert "test_a[0] と test_a[1] の両方でこれが起きました。\n  54 行目" in text
        assert "の実行中、" not in text
        assert "なっていませんか？\u300054〜55 行目のループが制限時間内に" in text
        assert "終わりませんでした。実行中だった test_a[0]" in text
        assert "\n  54 行目: while True:\n  55 行目(ここで止めました): pass\n" in text
        assert "採点プログラムがこの演習を途中で止めたため、ほかの 2 個" in text
        assert "プロセスが途中で終わった" not in text


@pytest.mark.parametrize("language", ["en", "ja"])
def test_tests_left_by_a_crash_are_not_said_stopped_by_the_grader(language):
    run = stopped_twice(stopped_at_limit=False)
    grade = replace(book(run.tests).grades[0], run=run)
    with i18n.speaking(language):
        text = shown(lambda screen: screen.check(grade, "exercises", "kata"))

    if language == "en":
        assert "2 more tests did not run: the process stopped first." in text
        assert "grader stopped" not in text
    else:
        assert "プロセスが途中で終わったため、ほかの 2 個" in text
        assert "採点プログラムがこの演習を途中で止めた" not in text


SYNTAX = (
    "exercises/dot.py has a syntax error on line 6: expected ':'\n"
    "    def dot(a, b)\n"
    "                 ^"
)


def test_a_module_that_does_not_load_is_the_exercises_error_not_a_tests():
    tests = [failed(f"test_{i}", SYNTAX, kind="import_error") for i in range(5)]
    text = check(tests)
    next_up = summary(tests)
    focus = "\n".join(
        str(line)
        for line in Watch.verdict(
            SimpleNamespace(target="exercises", prog="kata", all_done=lambda: False),
            book(tests).grades[0],
        )
    )

    for shown_text in (text, next_up, focus):
        assert shown_text.count("has a syntax error on line 6") == 1
        assert "test_0" not in shown_text and "failed the same way" not in shown_text
        assert "\n    def dot(a, b)\n                 ^\n" in shown_text + "\n"
    # `check` would show the same error again: the summary does not send
    # the learner there, only to the hint.
    assert "kata hint dot" in next_up and "kata check dot" not in next_up


def test_the_summary_sends_to_check_when_there_are_failing_tests():
    text = summary([failed("test_values", UNNAMED), failed("test_shape", NAMED)])

    assert "Every failing test: `kata check dot`." in text


def test_a_done_exercise_that_printed_says_so_once_outside_the_table(tmp_path):
    noisy = [TestResult("test_ok", True, output="stepping\n"), PASSED]
    runs = [
        ExerciseRun(e.name, noisy if e.name in ("sgd", "dot") else [PASSED])
        for e in EXERCISES
    ]
    grades = gradebook(list(EXERCISES), runs, "exercises")
    sgd = next(g for g in grades.grades if g.name == "sgd")
    quiet = next(g for g in grades.grades if g.name == "softmax")

    overview = shown(lambda screen: screen.gradebook(grades, "kata"))
    checked = shown(lambda screen: screen.check(sgd, "exercises", "kata"))
    silent = shown(lambda screen: screen.check(quiet, "exercises", "kata"))
    watch = SimpleNamespace(
        target="exercises",
        prog="kata",
        all_done=lambda: True,
        project=SimpleNamespace(exercises=EXERCISES, root=tmp_path),
    )
    focus = "\n".join(map(str, Watch.verdict(watch, sgd)))
    with i18n.speaking("ja"):
        japanese = shown(lambda screen: screen.gradebook(grades, "kata"))

    note = "Printed while the tests ran: dot, sgd. Remove the print() calls"
    assert overview.count("Printed while") == 1 and note in overview
    # Where to see what was printed: the check of the first of them.
    assert "`kata check dot` shows what was printed, and where." in overview
    row = next(line for line in overview.splitlines() if " sgd " in line)
    assert "print" not in row.lower()
    for text in (checked, focus):
        said = 'Your code printed "stepping" while its tests ran'
        assert text.count(said) == 1
        # Quoted in the note, not shown again as the output of a test.
        assert text.count("stepping") == 1
    assert "printed" not in silent
    assert "テストの実行中に print した演習: dot、sgd。" in japanese


def test_a_done_exercise_that_printed_quotes_its_first_line_and_finds_its_prints(
    tmp_path,
):
    source = (
        "def sgd_update(params, grads, lr):\n"
        "    for key in params:\n"
        "        print(key)\n"
        "        params[key] -= lr * grads[key]\n"
        "    print('done')\n"
        "\n"
        "\n"
        'if __name__ == "__main__":\n'
        "    print(sgd_update({}, {}, 0.1))\n"
    )
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "sgd.py").write_text(source)
    long = "a line printed at every step, longer than any note should quote\n"
    noisy = [TestResult("test_ok", True, output=long + "done\n"), PASSED]
    sgd = next(e for e in EXERCISES if e.name == "sgd")
    grade = gradebook([sgd], [ExerciseRun("sgd", noisy)], "exercises").grades[0]

    english = " ".join(
        shown(
            lambda screen: screen.check(grade, "exercises", "kata", root=tmp_path)
        ).split()
    )
    with i18n.speaking("ja"):
        japanese = shown(
            lambda screen: screen.check(grade, "exercises", "kata", root=tmp_path)
        )

    assert 'Your code printed "a line printed at every step, longer..." and more' in (
        english
    )
    # The print under the main guard never runs in a test.
    assert "print() is called in exercises/sgd.py on lines 3, 5." in english
    assert "exercises/sgd.py の 3、5 行目" in japanese


def test_explored_runs_show_tests_and_no_points():
    grade = book([PASSED, failed("test_values", UNNAMED)]).grades[0]
    header = shown(
        lambda screen: screen.check(grade, "exercises", "kata", points=False)
    ).splitlines()[0]

    assert header.endswith("1/2 tests")
    assert "points" not in header


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _status_lines(out, names, limit=30, tests=None, running=None, after=5.0, width=200):
    """Grade `names` with a status line on `out`, `after` seconds into
    the grade (the clock is set back rather than waited for); what was
    written, and the status object."""
    screen = Screen(out, io.StringIO())
    screen.out.width = width  # by default each line on one row, found whole
    exercises = [e for e in EXERCISES if e.name in names]
    with screen.grading(exercises, limit, tests, running) as status:
        status.started -= after
        status.tick()
    return out.getvalue(), status


def test_a_long_check_tells_its_seconds_tests_and_how_to_stop_on_a_terminal():
    shown, _ = _status_lines(_Terminal(), ["dot"], tests=lambda: (3, 17))
    waiting, _ = _status_lines(_Terminal(), ["dot"], tests=lambda: None)

    line = "grading dot: 3 of 17 tests ended, 5 s (time limit 30 s; Ctrl+C stops it)"
    assert line in shown
    assert "grading dot: 5 s (time limit 30 s; Ctrl+C stops it)" in waiting


def test_a_long_grade_names_what_still_runs_and_how_to_stop():
    shown, _ = _status_lines(
        _Terminal(), ["dot", "sgd"], limit=4, running=lambda: ["sgd"]
    )
    with i18n.speaking("ja"):
        japanese, _ = _status_lines(
            _Terminal(), ["dot", "sgd"], running=lambda: ["sgd", "dot"]
        )
        alone, _ = _status_lines(_Terminal(), ["dot"], tests=lambda: (1, 8))

    assert (
        "grading: 0 of 2 finished, 5 s (time limit 4 s each; Ctrl+C stops it), "
        "still running: sgd"
    ) in shown
    assert (
        "採点中: 2 問中 0 問が終了、5 秒(制限時間は 1 問 30 秒、Ctrl+C で中止)、"
        "実行中: sgd、dot"
    ) in japanese
    assert "dot を採点中: 8 個中 1 個のテストが終了、5 秒" in alone
    assert "Ctrl+C で中止" in alone


def test_a_long_grade_names_what_waits_for_a_worker_apart_from_what_runs():
    names = ["dot", "sigmoid", "softmax", "one_hot", "sgd", "train"]
    shown, status = _status_lines(_Terminal(), names, running=lambda: ["sgd"])
    with i18n.speaking("ja"):
        japanese, _ = _status_lines(_Terminal(), names, running=lambda: ["sgd"])

    # Every exercise is accounted for: ended, running, or still to run.
    assert (
        "grading: 0 of 6 finished, 5 s (time limit 30 s each; Ctrl+C stops it), "
        "still running: sgd; still to run: dot, sigmoid, softmax and 2 more"
    ) in shown
    assert "実行中: sgd、残り: dot、sigmoid、softmax、ほか 2 個" in japanese

    status.finished(0, None)  # dot ended: it is not to run any more
    assert status.line(6).endswith(
        "still running: sgd; still to run: sigmoid, softmax, one_hot, train"
    )


def test_a_running_exercise_shows_its_own_seconds_which_the_limit_counts():
    names = ["dot", "sgd", "cross_entropy"]
    _, status = _status_lines(_Terminal(), names, limit=6)
    # Its first share ran to the limit, its second has run 2.6 s: the
    # grade's 10 s pass the limit, its own never do.
    ages = {"cross_entropy": 2.6, "dot": 0.4}
    status.finished(2, ExerciseRun("sgd"))
    status.running = lambda: ["cross_entropy", "dot"]
    with i18n.speaking("ja"):
        japanese = status.line(10, ages)

    assert status.line(10, ages) == (
        "grading: 1 of 3 finished, 10 s (time limit 6 s each; Ctrl+C stops it), "
        "still running: cross_entropy (2 s), dot"
    )
    assert japanese.endswith("実行中: cross_entropy(2 秒)、dot")


def test_a_lone_exercise_shows_the_seconds_of_its_share_running_longest():
    _, status = _status_lines(_Terminal(), ["cross_entropy"], limit=6)

    assert status.line(9, {"cross_entropy": 4.2}) == (
        "grading cross_entropy: 4 s (time limit 6 s; Ctrl+C stops it)"
    )
    # Between two shares, none runs: the grade's seconds.
    assert status.line(9, {}).startswith("grading cross_entropy: 9 s ")


def test_a_grade_shows_no_status_in_its_first_moment_nor_off_a_terminal():
    quick, _ = _status_lines(_Terminal(), ["dot"], tests=lambda: (3, 17), after=0)
    piped, _ = _status_lines(io.StringIO(), ["dot"], tests=lambda: (3, 17))

    assert quick == ""
    assert piped == ""


def test_the_status_never_shows_every_exercise_finished():
    out = _Terminal()
    screen = Screen(out, io.StringIO())
    exercises = [e for e in EXERCISES if e.name in ("dot", "sgd")]
    with screen.grading(exercises, 30) as status:
        status.started -= 5
        status.finished(0, ExerciseRun("dot"))
        shown = out.getvalue()
        status.finished(1, ExerciseRun("sgd"))
        status.tick()

    assert "1 of 2 finished" in shown
    assert "2 of 2" not in out.getvalue()
    assert status.live is None  # the line is gone once all have finished


@pytest.mark.parametrize(
    "language, last, before",
    [
        ("en", "Hint 4 of 4, the last: ", "Hint 3 of 4: "),
        ("ja", "ヒント 4/4(これが最後のヒントです): ", "ヒント 3/4: "),
    ],
)
def test_the_watch_says_which_hint_is_the_last(language, last, before):
    dot = EXERCISES[0]
    assert len(dot.hints) == 4
    with i18n.speaking(language):
        assert Watch.hint_text(None, dot, 4).startswith(last)
        assert Watch.hint_text(None, dot, 3).startswith(before)


def test_wording_that_differs_only_in_a_dtype_is_one_way_of_failing():
    from grader.render import gist

    refused = "likely mistake: an int64 x is refused, but not this {} one."
    assert gist(refused.format("int32")) == gist(refused.format("uint8"))
    assert gist("expected float64") != gist("expected a float")


# forward's call as its tests write it, every parameter laid out a row to
# a line: 13 lines.
FORWARD_CALL = """\
  call      forward(params, x) with
              x  = [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
              w1 = [[0.0126, -0.0132, 0.064, 0.0105, -0.0536],
                    [0.0362, 0.1304, 0.0947, -0.0704, -0.1265],
                    [-0.0623, 0.0041, -0.2325, -0.0219, -0.1246],
                    [-0.0732, -0.0544, -0.0316, 0.0412, 0.1043]]
              b1 = [0.0, 0.0, 0.0, 0.0, 0.0]
              w2 = [[-0.0129, 0.1366, -0.0665],
                    [0.0352, 0.0903, 0.0094],
                    [-0.0743, -0.0922, -0.0458],
                    [0.022, -0.101, -0.0209],
                    [-0.0159, 0.0541, 0.0215]]
              b2 = [0.0, 0.0, 0.0]
"""
# A failure of forward as its test writes it: the statement, the call, then
# what was expected, what came back and the likely mistake; 17 lines in all.
FORWARD_SIGMOID_OUTPUT = (
    """\
Each row of forward's result holds one sample's class probabilities and must \
sum to 1; the rows sum to [1.4925, 1.4925].
"""
    + FORWARD_CALL
    + """  expected  [[0.3288, 0.3516, 0.3197], [0.3288, 0.3516, 0.3197]]
  actual    [[0.4943, 0.511, 0.4872], [0.4943, 0.511, 0.4872]]
  likely mistake: sigmoid on the output: the output layer needs softmax, so \
that each row sums to 1."""
)


# The rows a small terminal leaves a failure's message on the exercise's
# screen: fewer than a long failure takes.
MESSAGE_ROWS = 14


def watch_focus(grade, limit: int = MESSAGE_ROWS) -> list[str]:
    """The lines the watch shows for the exercise of `grade` in focus, its
    message in at most `limit` lines."""
    watch = SimpleNamespace(
        target="exercises",
        prog="kata",
        all_done=lambda: False,
        out=SimpleNamespace(encoding="utf-8", is_terminal=False),
        prose=lambda text: text,
        ellipsis=lambda: "…",
        hints_asked=set(),
        hint="",
    )
    return "\n".join(map(str, Watch.verdict(watch, grade, limit))).splitlines()


@pytest.mark.parametrize(
    ("language", "kept"),
    [
        ("en", ["expected", "actual", "likely mistake: sigmoid"]),
        ("ja", ["期待値", "実際の値", "考えられる間違い: 出力に"]),
    ],
)
def test_the_watch_cuts_the_call_of_a_long_failure_not_its_verdict(language, kept):
    test = failed("test_forward_gives_the_docstring_example", FORWARD_SIGMOID_OUTPUT)
    with i18n.speaking(language):
        lines = watch_focus(book([test], "forward").grades[5])
    message = lines[1:]

    assert len(message) == MESSAGE_ROWS
    for label in kept:
        assert sum(line.strip().startswith(label) for line in message) == 1, label
    # The call keeps its first line and each argument's first row, the
    # last argument losing its later rows first, its last row ended by "…".
    assert "forward(params, x)" in message[1]
    entry = re.compile(r" +(x |w1|b1|w2|b2) = ")
    entries = [line for line in message if entry.match(line)]
    assert [entry.match(line).group(1) for line in entries] == [
        "x ",
        "w1",
        "b1",
        "w2",
        "b2",
    ]
    w2 = message.index(entries[3])
    assert message[w2 + 1].rstrip().endswith("…"), message
    assert not any("[..." in line for line in message), message


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_piped_watch_shows_a_long_failure_whole_as_check_does(watch_screen, language):
    # Piped, the screen has no height to fit: the call keeps every row.
    with i18n.speaking(language):
        rows = watch_screen(_forward_runs(others=0), (80, 24), EXERCISE, terminal=False)
        message = i18n.failure(aligned(FORWARD_SIGMOID_OUTPUT))

    shown = "\n".join(rows)
    for line in message.splitlines():
        assert "    " + line in shown, line
    assert "…" not in shown and "[..." not in shown, shown


def test_the_watch_shows_a_failure_that_fits_whole():
    every = FORWARD_SIGMOID_OUTPUT.splitlines()
    short = "\n".join([*every[:3], every[8], *every[-3:]])  # x and b1 only
    lines = watch_focus(book([failed("test_f", short)]).grades[0])

    assert lines[1:] == ["    " + line for line in short.splitlines()]


class _NoSession:
    """In place of the watch's warm test session: the screens drawn here
    grade nothing."""

    def __init__(self, root):
        pass

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass


# What a terminal is sent besides text: clearing, moving the cursor.
CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
# A terminal as small as learners use in a split window: (columns, rows).
NARROW = (60, 20)


@pytest.fixture
def watch_screen(monkeypatch):
    """`watch_screen(runs, size, view)`: the rows of the screen the watch
    draws on a terminal of `size` (columns, rows), showing `view`, with
    the exercises run as `runs` (by name) and the first not done in focus;
    `setup(watch)`, if given, is called before the screen is drawn.
    Drawn as the watch draws it, with no test run nor terminal opened;
    with `terminal` false, as it prints it to a pipe."""
    monkeypatch.setattr(runner, "WarmSession", _NoSession)

    def draw(
        runs: dict, size: tuple[int, int], view: str, setup=None, terminal=True
    ) -> list[str]:
        columns, height = size
        screen = Screen(io.StringIO(), io.StringIO())
        screen.out = Console(
            file=io.StringIO(),
            width=columns,
            height=height,
            force_terminal=terminal,
            color_system=None,
            markup=False,
            highlight=False,
            emoji=False,
        )
        args = SimpleNamespace(timeout=30, memory=None)
        watch = Watch(Project(ROOT, tuple(EXERCISES)), screen, "kata", args)
        watch.runs = runs
        watch.focus, watch.view = watch.first_not_done(), view
        if setup is not None:
            setup(watch)
        watch.draw()
        drawn = CONTROL.sub("", screen.out.file.getvalue()).removesuffix("\n")
        rows = drawn.split("\n")
        if terminal:
            assert len(rows) < height, rows  # nothing scrolled off the top
            assert all(i18n.width(row) < columns for row in rows), rows
        return rows

    return draw


def done_runs(printed=("sigmoid", "softmax", "one_hot")) -> dict:
    """Every exercise done, those `printed` having printed as they ran."""
    return {
        e.name: ExerciseRun(
            e.name, [replace(PASSED, output="step\n" if e.name in printed else "")]
        )
        for e in EXERCISES
    }


# What the report of every exercise done says, by language: its score,
# the line that closes it, the start and the end of the note that the
# code printed, the heading of What next and the start and the end of
# each of its items, and the lines that stand for what is gone: the
# table's last rows (with the key l, where the list shows them all, else
# the command), and lines below the score.
DONE_WORDS = {
    "en": {
        "score": "10 of 10 done   score 100/100",
        "closing": "All 10 exercises done. Well done!",
        "printed": "Printed while the tests ran:",
        "next": "What next:",
        "ends": "shows what was printed, and where.",
        "items": [
            ("- `kata solution NAME`", "compare it with yours."),
            ("- `kata check NAME --explore`", "the grade may have missed."),
            ("- Saves are still graded here", "q quits."),
        ],
        "rows": re.compile(
            r"\[(?:\.\.\. (?=\d+ more)|the table's )?(\d+) (?:more )?rows: "
            r"(press l for the list|l lists them|`kata list` lists them all"
            r"|`kata list`)\]"
        ),
        "lines": re.compile(
            r"\[\.\.\. (\d+) more lines: `kata`(?: prints them all)?\]"
        ),
    },
    "ja": {
        "score": "10 問中 10 問完了   得点 100/100",
        "closing": "10 問すべて完了しました。おめでとうございます！",
        "printed": "テストの実行中に print した演習:",
        "next": "次にできること:",
        "ends": "で分かります。",
        "items": [
            ("- `kata solution NAME`", "自分の答えと比べてみてください。"),
            ("- `kata check NAME --explore`", "バグを探します。"),
            ("- 保存すれば", "q で終了します。"),
        ],
        "rows": re.compile(
            r"\[(?:表の(?:残り)? )?(\d+) (行は l で表示(?:できます)?"
            r"|行は `kata list` で表示できます|行: `kata list`)\]"
        ),
        "lines": re.compile(
            r"\[残り (\d+) 行(?:は `kata` で表示できます|、`kata` で表示)\]"
        ),
    },
}


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("printed", [(), ("sigmoid", "softmax", "one_hot")])
def test_all_done_on_a_small_terminal_keeps_what_next_over_the_table(
    watch_screen, language, printed
):
    words = DONE_WORDS[language]
    with i18n.speaking(language):
        rows = watch_screen(done_runs(printed), NARROW, SUMMARY)

    screen = "\n".join(rows)
    table = [row.split()[1] for row in rows if re.match(r" ?\d+   [a-z_]+ ", row)]
    # Rows that each say "done" give way, the last first, to one line that
    # counts them; the first stay in the rows the rest of the report leaves.
    names = [e.name for e in EXERCISES]
    assert table and table == names[: len(table)], rows
    cut = [int(m[1]) for row in rows if (m := words["rows"].fullmatch(row))]
    assert cut == [len(names) - len(table)], rows
    assert len(rows) == NARROW[1] - 1, rows  # no row left blank
    assert words["score"] in screen and rows.count(words["closing"]) == 1
    # What next, what to do now, stays whole.
    assert words["next"] in screen, rows
    assert all(_whole_or_gone(screen, *item) for item in words["items"]), rows
    assert all(item[0] in screen for item in words["items"]), rows


def _whole_or_gone(screen: str, start: str, end: str) -> bool:
    """Whether the paragraph of `screen` from `start` to `end` is shown
    whole or not at all, however its rows are broken."""
    joined = "".join(screen.split())
    return ("".join(start.split()) in joined) == ("".join(end.split()) in joined)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_all_done_gives_way_its_table_first_then_the_note_then_what_next(
    watch_screen, language
):
    words = DONE_WORDS[language]
    before = (False, False)
    with i18n.speaking(language):
        whole = watch_screen(done_runs(), (60, 100), SUMMARY)
    full = [row for row in whole if re.match(r" ?\d+   [a-z_]+ ", row)]
    # From the score, the closing line and one line for the rest, up.
    for height in range(8, 36):
        with i18n.speaking(language):
            rows = watch_screen(done_runs(), (60, height), SUMMARY)
        screen = "\n".join(rows)
        table = [row for row in rows if re.match(r" ?\d+   [a-z_]+ ", row)]
        cut = [int(m[1]) for row in rows if (m := words["rows"].fullmatch(row))]
        assert words["score"] in screen, height
        # The table's last rows go, for one line that counts them, which
        # stays as long as What next does; its first rows fill what rows
        # the rest leaves: none is left blank while one is hidden.
        assert table == [row for row in rows if row in full[: len(table)]], height
        if table:
            assert cut == ([len(full) - len(table)] if len(table) < 10 else []), height
        assert cut in ([], [10]) or table, height
        assert table or cut or words["next"] not in screen, height
        assert not table or len(table) == 10 or len(rows) == height - 1, height
        # The table goes first, then the note that the code printed, then
        # What next: a taller terminal shows more of each.
        kept = (words["printed"] in screen, words["next"] in screen)
        assert all(now >= then for now, then in zip(kept, before, strict=True)), height
        before = kept
        assert len(table) < 10 or kept[0], height
        assert not kept[0] or kept[1], height
        # Each whole or not at all; a heading with its first item at least.
        paragraphs = [(words["printed"], words["ends"]), *words["items"]]
        assert all(_whole_or_gone(screen, *part) for part in paragraphs), height
        assert not kept[1] or words["items"][0][0] in screen, height
        # What is gone below the score is counted, under the closing line.
        if words["items"][-1][0] not in screen:
            assert any(words["lines"].fullmatch(row) for row in rows), height


def _forward_runs(others: int) -> dict:
    """The exercises before forward done, forward failing a test that shows
    a long call and `others` more tests, the later ones not started."""
    tests = [
        failed("test_forward_gives_the_docstring_example", FORWARD_SIGMOID_OUTPUT),
        *(failed(f"test_other_{i}", UNNAMED) for i in range(others)),
    ]
    return {
        e.name: ExerciseRun(e.name, tests if e.name == "forward" else [PASSED])
        for e in EXERCISES[:6]
    }


# The start of the line that counts forward's two other failing tests.
OTHERS_FAILING = {
    "en": "2 more failing;",
    "ja": "ほかに 2 個のテストが失敗しています。",
}
# The rows of forward's call under its first where its arguments' entries
# start: five, the last (b2) the first to give way.
CALL_ROW = re.compile(r" {14}(x |w1|b1|w2|b2) = ")
CALL_ENTRIES = 5


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_count_of_other_failing_tests_outlasts_the_calls_later_rows(
    watch_screen, language
):
    shown_while_cut = []
    for height in range(8, 34):
        with i18n.speaking(language):
            rows = watch_screen(_forward_runs(others=2), (60, height), EXERCISE)
        screen = "\n".join(rows)
        later = [row for row in rows if CALL_ROW.match(row)]
        counted = OTHERS_FAILING[language] in screen
        assert counted or not later, height
        if counted and "forward(params, x)" in screen and len(later) < CALL_ENTRIES:
            shown_while_cut.append(height)
            # The statement, which ends with the sums, is whole beside it.
            assert "[1.4925, 1.4925]" in screen, height
    # On NARROW the call's entries gave way and the line stayed.
    assert NARROW[1] in shown_while_cut


# The line that counts forward's twelve other failing tests, by phrases.
OTHERS_PHRASES = {
    "en": ["12 more failing;", "`kata check forward` shows them all."],
    "ja": [
        "ほかに 12 個のテストが失敗しています。",
        "`kata check forward` ですべて見られます。",
    ],
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_breaks_the_count_of_other_failing_tests_between_phrases(
    watch_screen, language
):
    first, second = OTHERS_PHRASES[language]
    with i18n.speaking(language):
        wide = watch_screen(_forward_runs(others=12), (100, 60), EXERCISE)
        narrow = watch_screen(_forward_runs(others=12), (48, 60), EXERCISE)

    # Where it fits, one row; where it does not, a phrase to a row.
    space = "" if language == "ja" else " "
    assert f"{first}{space}{second}" in wide
    assert narrow[narrow.index(first) + 1] == second


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_tells_a_stop_both_workers_reached_once(language):
    run = stopped_twice()
    grade = replace(book(run.tests).grades[0], run=run)
    with i18n.speaking(language):
        lines = watch_focus(grade)

    assert len(lines) == 4  # the stop and its two lines, then the tests it left
    assert "✗" not in "\n".join(lines)
    assert "test_a[0]" in lines[0] and "test_a[1]" in lines[0]
    assert [line.split(": ")[-1] for line in lines[1:3]] == ["while True:", "pass"]
    if language == "en":
        assert lines[3] == (
            "2 more tests did not run: the grader stopped the exercise before "
            "they could run."
        )
    else:
        assert lines[3].startswith("採点プログラムがこの演習を途中で止めたため")


def _cross_entropy_failure():
    """A cross_entropy failure whose call holds a 4x3 array, as the tests
    write it, and as `check` shows it in English and in Japanese."""
    import numpy as np

    from tests.harness import Call
    from tests.judge import KataFailure

    y = np.eye(3)[[2, 0, 1, 1]]
    call = Call("cross_entropy", (y, np.array([2, 0, 1, 1])), {})
    return str(KataFailure("Wrong.", call=call, expected="0.0", actual="nan"))


def test_a_long_2d_argument_of_a_call_is_laid_out_by_rows():
    from grader.render import aligned

    message = _cross_entropy_failure()
    english = aligned(message).splitlines()
    japanese = aligned(i18n.catalogue(i18n.JAPANESE).failure(message)).splitlines()

    for lines in (message.splitlines(), english, japanese):
        call = next(i for i, line in enumerate(lines) if "cross_entropy(" in line)
        first = lines[call]
        # Where the array starts on the screen: a Japanese label is wider.
        column = i18n.width(first[: first.index("[[")])
        assert first.endswith("[[0.0, 0.0, 1.0],")
        rows = ["[1.0, 0.0, 0.0],", "[0.0, 1.0, 0.0],", "[0.0, 1.0, 0.0]],"]
        assert lines[call + 1 : call + 4] == [" " * (column + 1) + row for row in rows]
        assert lines[call + 4] == " " * column + "[2, 0, 1, 1] (int64))"
        assert all(i18n.width(line) <= 88 for line in lines)


def test_a_short_2d_argument_stays_on_the_line_of_its_call():
    import numpy as np

    from tests.harness import Call

    y = np.array([[0.25, 0.75], [0.5, 0.5]])
    call = Call("cross_entropy", (y, np.array([1, 0])), {})
    assert str(call) == "cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0] (int64))"


def test_the_arrays_of_a_call_with_one_too_wide_are_all_in_rows():
    import numpy as np

    from tests.harness import Call

    params = {"w1": np.arange(9.0).reshape(3, 3) - 4, "w2": np.ones((3, 5)) / 3}
    grads = {"w1": np.ones((3, 3)), "w2": np.zeros((3, 5))}
    lines = str(Call("sgd_update", (params, grads, 0.5), {})).splitlines()

    assert lines[0] == "sgd_update({'w1': [[-4.0, -3.0, -2.0],"
    assert lines[5].endswith("[0.3333, 0.3333, 0.3333, 0.3333, 0.3333]]},")
    assert lines[6] == "           {'w1': [[1.0, 1.0, 1.0],"
    assert all(len(line) <= 76 for line in lines)


def test_expected_and_actual_arrays_are_laid_out_alike():
    import numpy as np

    from tests.harness import contrast

    expected = np.array([[-4.0, 5.5, 8.0], [1.0, -4.5, -4.5], [3.5, 8.0, -7.5]])
    actual = expected * 0.76923
    for pair in ((expected, actual), (actual, expected)):
        first, second, _ = contrast(*pair)
        assert first.count("\n") == second.count("\n") == 2
    short_pair = contrast(np.eye(2), 2 * np.eye(2))
    assert short_pair[:2] == ("[[1.0, 0.0], [0.0, 1.0]]", "[[2.0, 0.0], [0.0, 2.0]]")


# A failure too wide for an 80-column terminal: prose, a long test name and
# code under labels.
WIDE_FAILURE = (
    "train changed its argument x in place.\n"
    "  change  most at [22, 0]: -0.39077148295036085 against "
    "-0.39077148295036446, 3.6e-15 apart\n"
    "  likely mistake: x itself was changed: an in-place operator "
    "(x -= ..., x /= ...), a slice assignment (x[...] = ...) or out=x in a "
    "NumPy call. Work on a new array instead: x = x - ..., or np.clip and the "
    "like without out=."
)
LONG_NAME = "test_training_classifies_80_percent_of_unseen_flowers[1]"


def _checked_on(out, language="en") -> str:
    tests = [
        failed(
            "test_training_classifies_80_percent_of_unseen_flowers[0]", WIDE_FAILURE
        ),
        failed(LONG_NAME, WIDE_FAILURE),
        failed("test_the_loss_falls_during_training", WIDE_FAILURE),
    ]
    grade = next(g for g in book(tests, "train").grades if g.name == "train")
    screen = Screen(out, io.StringIO())
    screen.out.width = 80
    with i18n.speaking(language):
        screen.check(grade, "exercises", "kata")
    return out.getvalue()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_check_on_a_terminal_breaks_its_prose_between_words_under_labels(language):
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", _checked_on(_Terminal(), language))
    lines = text.splitlines()

    assert all(i18n.width(line) <= 79 for line in lines), text
    assert LONG_NAME in text  # a test's name is never cut
    assert "x[...] = ..." in text and "out=x" in text  # nor is code
    label = "likely mistake: " if language == "en" else "考えられる間違い: "
    first = next(i for i, line in enumerate(lines) if label in line)
    column = i18n.width(lines[first][: lines[first].index(label) + len(label)])
    # The rows after the label start under its first word.
    assert lines[first + 1].startswith(" " * column)
    assert not lines[first + 1][column].isspace()
    # No row starts with punctuation a line must not begin with.
    assert not any(line.lstrip().startswith(("、", "。", ",")) for line in lines)


def test_check_off_a_terminal_keeps_each_line_whole():
    text = _checked_on(io.StringIO())

    assert "  likely mistake: x itself was changed: an in-place operator (x -= " in text
    assert "np.clip and the like without out=." in text
    assert max(map(len, text.splitlines())) > 200


def test_the_status_line_fills_a_narrow_terminal_keeping_kinsoku():
    out = _Terminal()
    screen = Screen(out, io.StringIO())
    screen.out.width = 70
    exercises = [e for e in EXERCISES if e.name in ("dot", "sgd")]
    running = lambda: ["sgd", "dot"]  # noqa: E731
    with i18n.speaking("ja"), screen.grading(exercises, 30, None, running) as status:
        status.started -= 5.0
        status.tick()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())

    lines = [line.strip() for line in re.split(r"[\r\n]", text) if line.strip()]
    assert "Ctrl+C で" in text  # the key whole, with its particle
    assert all(i18n.width(line) <= 69 for line in lines)
    # Filled as Japanese is, between any two characters, but no line
    # starts with a closing bracket or a comma (kinsoku).
    assert not [line for line in lines if line[0] in ")）、。"]


# A failure of numerical_gradient as its test writes it: a 2-D x in the
# call short enough for one line, and what came back too long for one, so
# that what was expected is shown by rows beside it.
GRADIENT_BY_ROWS = """\
The gradient of sum(c * x) is c.
  call      numerical_gradient(f, x) with
              x = [[0.2, -7.3, 2.5], [3.7, 0.05, 1000.1]] (float32)
  expected  [[0.9801, -1.0522, -2.4034],
             [-0.4241, 3.995, -0.7155]]
  actual    [[9.8007e-09, -1.0522e-08, -2.4034e-08],
             [-4.2405e-09, 3.995e-08, -7.1553e-09]]"""
GRADIENT_CALL_BY_ROWS = [
    "              x = [[0.2, -7.3, 2.5],",
    "                   [3.7, 0.05, 1000.1]] (float32)",
]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_call_shows_its_arrays_by_rows_when_expected_and_actual_do(language):
    from grader.render import wrapped_lines
    from grader.watch import _fitted

    with i18n.speaking(language):
        lines = Screen.failure_message(None, GRADIENT_BY_ROWS).splitlines()
        # The watch lays the failure out as check does.
        watched = _fitted(aligned(GRADIENT_BY_ROWS), 20, "").splitlines()

    assert lines[2:4] == GRADIENT_CALL_BY_ROWS
    assert watched[2:4] == GRADIENT_CALL_BY_ROWS
    # On a terminal 80 columns wide, every row fits as it is.
    text = "\n".join(lines)
    assert wrapped_lines(Text(text), 79).plain == text


def test_a_call_keeps_its_arrays_on_one_line_beside_values_on_one_line():
    message = "\n".join(
        [
            "The gradient of sum(c * x) is c.",
            "  call      numerical_gradient(f, x) with",
            "              x = [[0.5, -0.25, 1.0], [0.75, 0.125, -1.0]]",
            "  expected  [[1.0, 2.0, 3.0], [-1.0, -2.0, 0.5]]",
            "  actual    [[3.5, 3.5, 3.5], [3.5, 3.5, 3.5]]",
        ]
    )
    assert aligned(message) == message


def test_arrays_of_three_axes_in_a_call_are_laid_out_as_numpy_does():
    message = "\n".join(
        [
            "sigmoid(x) must be 1 / (1 + exp(-x)) for every element of x.",
            "  call      sigmoid([[[1.0, -1.0], [2.0, -2.0]], "
            "[[0.0, 4.0], [-4.0, 36.0]]])",
            "  expected  [[[0.7311, 0.2689],",
            "              [0.8808, 0.1192]],",
            "",
            "             [[0.5, 0.982],",
            "              [0.018, 1.0]]]",
            "  actual    [[0.5]]",
        ]
    )
    assert aligned(message).splitlines()[1:7] == [
        "  call      sigmoid([[[1.0, -1.0],",
        "                      [2.0, -2.0]],",
        "",
        "                     [[0.0, 4.0],",
        "                      [-4.0, 36.0]]])",
        "  expected  [[[0.7311, 0.2689],",
    ]


def test_a_block_naming_a_mistake_comes_before_one_naming_none():
    from grader.render import grouped

    bare = failed("test_gives_the_docstring_example", "The result is wrong.")
    named = failed(
        "test_one_hot_targets",
        "The loss is wrong.\n  likely mistake: the minus sign is missing.",
    )
    listed = failed(
        "test_labels",
        "The value is wrong.\n  likely mistake: (1) one thing. (2) another.",
    )
    refused = failed(
        "test_rejects_bad_labels",
        "It must raise.\n  likely mistake: no check of the labels.",
    )

    blocks = grouped([refused, bare, listed, named])

    # As `most_telling` picks: what is computed first, one mistake named
    # before several, several before none; refusals last.
    assert [first.name for first, _, _ in blocks] == [
        "test_one_hot_targets",
        "test_labels",
        "test_gives_the_docstring_example",
        "test_rejects_bad_labels",
    ]


def test_a_mistake_that_names_the_results_dtype_is_shared_only_by_that_dtype():
    from grader.render import grouped

    def narrow(name, dtype):
        return failed(
            name,
            f"The result must be float64 numbers.\n  expected  float64\n"
            f"  actual    {dtype}\n  likely mistake: the result is {dtype}, and "
            f"{dtype} keeps fewer digits: work in float64.",
        )

    uint8, int8, float32 = (
        narrow("test_accepts[uint8-array]", "float16"),
        narrow("test_accepts[int8-array]", "float16"),
        narrow("test_accepts[float32]", "float32"),
    )

    blocks = grouped([uint8, int8, float32])

    # "the result is float16" is untrue of the float32 one: each dtype has
    # its own block, whose mistake says its own.
    assert [(first.name, others) for first, others, _ in blocks] == [
        ("test_accepts[uint8-array]", ("test_accepts[int8-array]",)),
        ("test_accepts[float32]", ()),
    ]


def test_a_mistake_named_by_several_tests_is_shown_on_the_docstring_example():
    from grader.grading import most_telling
    from grader.render import grouped

    mistake = "  likely mistake: grads[{}] was changed in place."
    large = failed(
        "test_two_identical_calls_take_identical_steps",
        "\n".join(["grads changed.", *["  row"] * 6, mistake.format("'w1'")]),
    )
    small = failed(
        "test_sgd_update_gives_the_docstring_example",
        "\n".join(["grads changed.", "  row", mistake.format("'w'")]),
    )

    (first, others, _same), *_ = grouped([large, small])

    assert first is small is most_telling([large, small])
    assert others == ("test_two_identical_calls_take_identical_steps",)


def test_a_mistake_the_docstring_example_lists_among_others_is_shown_on_it():
    from grader.grading import most_telling
    from grader.render import grouped

    axis = "  likely mistake: normalized along axis 0. Use axis=-1."
    shape = failed("test_softmax_for_any_shape", f"Wrong values.\n{axis}")
    sums = failed("test_softmax_sums", f"Wrong sums.\n{axis}")
    example = failed(
        "test_softmax_gives_the_docstring_example",
        "Wrong values.\n  likely mistake: on this input these mistakes give the "
        "same result: (1) normalized along axis 0. Use axis=-1. (2) transposed.",
    )
    bare = failed("test_softmax_stays_finite", "Not finite.")
    failures = [bare, shape, example, sums]

    blocks = grouped(failures)
    text = check(failures, "softmax")

    assert [first.name for first, _, _ in blocks] == [
        "test_softmax_gives_the_docstring_example",
        "test_softmax_stays_finite",
    ]
    assert blocks[0][1] == ("test_softmax_for_any_shape", "test_softmax_sums")
    assert blocks[0][0] is most_telling(failures)
    # The others are said to share the mistake of the list they share.
    assert (
        "2 more tests failed from mistake (1) above: test_softmax_for_any_shape, "
        "test_softmax_sums." in text
    )
    # The block still names one mistake: the one failure that names none
    # is said to follow from it.
    assert "may come from a mistake named above" in " ".join(text.split())
    with i18n.speaking("ja"):
        japanese = check(failures, "softmax")
    assert "ほかに 2 個のテストも、上の (1) の間違いで失敗しています: " in japanese


def _doc_on(width: int, name: str, language: str) -> list[str]:
    """The lines `doc NAME` shows on a terminal `width` columns wide."""
    from grader import docs
    from selftests.grader_support import ROOT

    out = _Terminal()
    screen = Screen(out, io.StringIO())
    screen.out.width = width
    exercise = next(e for e in EXERCISES if e.name == name)
    with i18n.speaking(language):
        screen.doc(exercise, docs.specification(ROOT, name, language))
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue()).splitlines()


def _is_code(line: str) -> bool:
    return line.lstrip().startswith((">>>", "...", "array(", "[", "0.", "1."))


@pytest.mark.parametrize("language", ["en", "ja"])
def test_doc_into_a_pipe_has_no_row_wider_than_its_prose(tree, language):
    result = kata("doc", "cross_entropy", "--lang", language, cwd=tree)

    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert max(map(i18n.width, lines)) <= PROSE_WIDTH, "\n".join(lines)
    assert ">>> round(cross_entropy(y, np.array([1, 0])), 4)" in _statements(lines)


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("name", ["cross_entropy", "one_hot", "train"])
def test_doc_wraps_its_prose_to_a_narrow_terminal_and_keeps_code_whole(name, language):
    lines = _doc_on(60, name, language)

    prose = [line for line in lines if not _is_code(line)]
    assert all(i18n.width(line) <= 60 for line in prose), "\n".join(lines)
    # The examples fit too, broken as Python breaks a statement, and read
    # back as written (a comment too wide goes on a row of its own).
    assert all(i18n.width(line) <= 60 for line in lines), "\n".join(lines)
    example = {
        "cross_entropy": ">>> round(cross_entropy(y, np.array([1, 0])), 4)",
        "one_hot": ">>> one_hot([2, 0], 3)",
        "train": ">>> x = np.array([[-1.0, 0.5], [1.0, -0.5], [-0.8, 1.0], "
        "[0.9, -1.2]])",
    }[name]
    assert example in _statements(lines)
    # No word of a paragraph is cut, nor left at the start of a line that
    # a line must not begin with.
    assert not any(line.lstrip().startswith(("、", "。", ")")) for line in prose)


def _statements(lines: list[str]) -> list[str]:
    """The doctest statements among `lines`, each on one line again: its
    rows after the "..." prompt joined to its first, as Python reads
    them (no space after an opening bracket, no backslash where a row
    ended outside brackets)."""
    statements: list[str] = []
    for line in lines:
        body = line.strip()
        if body.startswith(">>> "):
            statements.append(body)
        elif body.startswith("... ") and statements:
            statements[-1] = statements[-1].removesuffix(" \\")
            glue = "" if statements[-1].endswith(("(", "[", "{")) else " "
            statements[-1] += glue + body[4:].strip()
    return statements


# A comment after a doctest statement ("  # one-hot").
STATEMENT_COMMENT = re.compile(r"\s+#.*$")


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("name", [exercise.name for exercise in EXERCISES])
def test_doc_breaks_its_examples_to_fit_a_40_column_terminal_as_python(name, language):
    from grader import docs
    from selftests.grader_support import ROOT

    lines = _doc_on(40, name, language)

    # From each example's first prompt to the blank line after its output.
    examples, inside = [], False
    for line in lines:
        inside = line.lstrip().startswith(">>>") or (inside and bool(line.strip()))
        if inside:
            examples.append(line)
    assert examples
    assert all(i18n.width(line) < 40 for line in examples), "\n".join(lines)
    written = [
        STATEMENT_COMMENT.sub("", statement)
        for function in docs.specification(ROOT, name, language)
        for statement in _statements(function.text.splitlines())
    ]
    shown = [
        STATEMENT_COMMENT.sub("", statement)
        for statement in _statements(lines)
        if not statement.startswith(">>> #")
    ]
    assert shown == written


@pytest.mark.parametrize("width", [40, 50])
@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("name", [exercise.name for exercise in EXERCISES])
def test_doc_breaks_its_examples_into_rows_that_still_run(name, language, width):
    import doctest

    lines = _doc_on(width, name, language)

    text = "\n".join(line.strip() for line in lines if line.strip())
    for example in doctest.DocTestParser().get_examples(text):
        compile(example.source, name, "single")  # raises if cut wrongly


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        (
            "dot",
            [
                ">>> dot([[1, 2], [3, 4],",
                "...      [5, 6]],",
                "...     [[1, 2, 3], [4, 5, 6]])",
            ],
        ),
        (
            "softmax",
            [
                ">>> softmax(np.array(",
                "...     [[1.0, 1.0],",
                "...      [0.0, np.log(3.0)]]))",
            ],
        ),
        (
            "train",
            [
                ">>> x = np.array([[-1.0, 0.5],",
                "...               [1.0, -0.5],",
                "...               [-0.8, 1.0],",
                "...               [0.9, -1.2]])",
            ],
        ),
        (
            "forward",
            [
                '>>> p["w1"].shape, \\',
                '...     p["b2"].shape',
            ],
        ),
    ],
)
def test_doc_lays_out_a_broken_example_so_that_each_row_shows_what_it_goes_on(
    name, rows
):
    lines = [line.strip() for line in _doc_on(40, name, "en")]

    # Each row stands under the first item of the bracket it goes on
    # inside, or deeper than the row that bracket ends; a statement broken
    # outside brackets says so with Python's backslash.
    start = lines.index(rows[0])
    assert lines[start : start + len(rows)] == rows, "\n".join(lines)


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("width", [50, 55, 60])
def test_doc_breaks_a_block_of_formulas_at_its_spaces_to_fit_the_terminal(
    language, width
):
    lines = _doc_on(width, "backprop", language)

    # The terminal splits nothing: each row fits.
    assert all(i18n.width(line) <= width for line in lines), "\n".join(lines)
    # Each formula reads on, whole, a row deeper than the formula it
    # continues: broken at its spaces, never inside a word.
    start = next(i for i, line in enumerate(lines) if "z1 = x @ w1 + b1" in line)
    block = lines[start : lines.index("", start)]
    assert "dz2 = (probs - one_hot(t, probs.shape[1])) / N" in " ".join(
        row.strip() for row in block
    )
    first = next(i for i, row in enumerate(block) if row.lstrip().startswith("dz2"))
    assert _indentation(block[first + 1]) > _indentation(block[first]), block
    words = {"en": "if one-hot", "ja": "t が one-hot なら"}[language]
    assert words in " ".join(row.strip() for row in block), block
    # A word of kana stays whole: "まとめて", after the particle "を".
    words = {"en": "softmax and cross-entropy", "ja": "まとめて"}[language]
    assert words in " ".join(row.strip() for row in block), block


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@pytest.mark.parametrize(
    "language, width, side_by_side",
    [
        # "dw2 = h.T @ dz2       db2 = dz2 summed over the batch" is too
        # wide for 60 columns, the others are not.
        ("en", 60, False),
        # Every pair fits; the remark under dz2 does not, and is broken.
        ("ja", 60, True),
        ("ja", 50, False),
        ("en", 79, True),
        ("ja", 79, True),
    ],
)
def test_doc_keeps_a_block_of_formulas_side_by_side_all_or_nothing(
    language, width, side_by_side
):
    lines = _doc_on(width, "backprop", language)

    # Every pair beside each other where every line of the block fits,
    # else every formula on a row of its own: never some of each.
    start = next(i for i, line in enumerate(lines) if "z1 = x @ w1 + b1" in line)
    block = [row.strip() for row in lines[start : lines.index("", start)]]
    pairs = [
        ("z1 = x @ w1 + b1", "h = sigmoid(z1)"),
        ("z2 = h @ w2 + b2", "probs = softmax(z2)"),
        ("dw2 = h.T @ dz2", "db2 = dz2"),
        ("dh = dz2 @ w2.T", "dz1 = dh * h * (1 - h)"),
        ("dw1 = x.T @ dz1", "db1 = dz1"),
    ]
    beside = [
        any(row.startswith(left) and right in row for row in block)
        for left, right in pairs
    ]
    assert beside == [side_by_side] * len(pairs), "\n".join(block)


@pytest.mark.parametrize("width", range(44, 56))
def test_doc_breaks_a_formula_of_code_outside_its_brackets(width):
    lines = _doc_on(width, "numerical_gradient", "ja")

    rows = [line.strip() for line in lines]
    start = next(i for i, row in enumerate(rows) if row.startswith("grad[i] ="))
    formula = rows[start : rows.index("", start)]
    assert " ".join(formula) == "grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)"
    # Cut, if at all, where no bracket is open: "(2 * h)" stays whole.
    assert any("(2 * h)" in row for row in formula), formula


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("name", [exercise.name for exercise in EXERCISES])
def test_doc_breaks_its_title_between_words_on_a_40_column_terminal(name, language):
    exercise = next(e for e in EXERCISES if e.name == name)
    with i18n.speaking(language):
        words = f"{exercise.number}. {name}: {i18n.title(exercise)}".split()

    lines = _doc_on(40, name, language)

    title = lines[: lines.index("")]
    assert all(i18n.width(row) <= 40 for row in title), title
    # Its later rows stand under the name, past the exercise's number.
    hanging = " " * len(f"{exercise.number}. ")
    assert all(row.startswith(hanging) for row in title[1:]), title
    # Broken at spaces only, each word whole; Japanese between two words.
    shown = " ".join(row.strip() for row in title).split()
    if language == "en":
        assert shown == words, title
    assert "".join(shown) == "".join(words), title


@pytest.mark.parametrize("language", ["en", "ja"])
def test_doc_breaks_a_signature_too_wide_between_its_arguments(language):
    lines = _doc_on(40, "train", language)

    start = lines.index("train(x, t, n_hidden=5, lr=1.0,")
    assert lines[start + 1] == "      epochs=500, seed=0)", lines
    assert all(i18n.width(line) <= 40 for line in lines[: start + 2])


def test_doc_keeps_the_items_of_a_section_and_of_a_list_on_lines_of_their_own():
    english = _doc_on(60, "cross_entropy", "en")
    japanese = _doc_on(60, "dot", "ja")

    assert "        y: float array of probabilities, shape (N, C), or" in english
    assert "            (C,) for one sample. Each row sums to 1." in english
    assert "        t: the true classes, in either form:" in english
    assert any(line.startswith("            one-hot, an array") for line in english)
    assert any(line.startswith("            labels, an int array") for line in english)
    for row in ("(N, K)·(K,) -> (N,)", "(K,)·(K, M) -> (M,)"):
        assert "            " + row in japanese


@pytest.mark.parametrize("language", ["en", "ja"])
def test_doc_on_a_wide_terminal_keeps_its_prose_to_a_readable_width(language):
    lines = _doc_on(200, "numerical_gradient", language)

    prose = [line for line in lines if not _is_code(line)]
    assert all(i18n.width(line) <= PROSE_WIDTH for line in prose)
    # Filled to that width, not left at the author's.
    assert max(i18n.width(line) for line in prose) > PROSE_WIDTH - 6


# A failure of forward that returned a dict: what came back is on one line,
# as the tests write a dict of arrays, too long for a terminal's.
DICT_RETURNED = """\
forward returned dict, not an array of probabilities.
  call      forward(params, x) with
              x  = [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
  actual    {'probs': [[0.3288, 0.3516, 0.3197], [0.3288, 0.3516, 0.3197]], \
'hidden': [[0.5, 0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5, 0.5]], \
'logits': [[-0.023, 0.044, -0.0512], [-0.023, 0.044, -0.0512]]}"""
ACTUAL_LABEL = {"en": "actual    ", "ja": "実際の値  "}


def _on_terminal(message: str, columns: int, language: str = "en") -> list[str]:
    """The lines of a failure's `message` as `check` shows it, in
    `language`, on a terminal `columns` wide."""
    from grader.render import wrapped_lines

    with i18n.speaking(language):
        text = Screen.failure_message(None, message)
    return wrapped_lines(Text(text), columns - 1).plain.splitlines()


def _numbers(text: str) -> list[str]:
    """The numbers of the arrays in `text`, in order: a break that cut one
    in two would change them."""
    return re.findall(r"[-+\d.e]+(?=[,\]])", text)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_dict_of_arrays_too_wide_is_laid_out_a_key_to_a_line(language):
    lines = _on_terminal(DICT_RETURNED, 80, language)

    label = ACTUAL_LABEL[language]
    assert lines[3:] == [
        f"  {label}{{'probs': [[0.3288, 0.3516, 0.3197], [0.3288, 0.3516, 0.3197]],",
        "             'hidden': [[0.5, 0.5, 0.5, 0.5, 0.5], "
        "[0.5, 0.5, 0.5, 0.5, 0.5]],",
        "             'logits': [[-0.023, 0.044, -0.0512], [-0.023, 0.044, -0.0512]]}",
    ]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_dict_whose_keys_are_still_too_wide_shows_its_arrays_by_rows(language):
    lines = _on_terminal(DICT_RETURNED, 60, language)

    label = ACTUAL_LABEL[language]
    assert lines[4:] == [
        f"  {label}{{'probs': [[0.3288, 0.3516, 0.3197],",
        "                       [0.3288, 0.3516, 0.3197]],",
        "             'hidden': [[0.5, 0.5, 0.5, 0.5, 0.5],",
        "                        [0.5, 0.5, 0.5, 0.5, 0.5]],",
        "             'logits': [[-0.023, 0.044, -0.0512],",
        "                        [-0.023, 0.044, -0.0512]]}",
    ]
    # The array of the call, too wide as well, reads as the dict's do.
    assert lines[2:4] == [
        "              x  = [[0.0, 0.0, 0.0, 0.0],",
        "                    [0.0, 0.0, 0.0, 0.0]]",
    ]


def test_a_row_of_a_dict_too_wide_breaks_between_numbers_under_its_first():
    lines = _on_terminal(DICT_RETURNED, 45)

    start = next(i for i, line in enumerate(lines) if "'hidden'" in line)
    assert lines[start : start + 4] == [
        "             'hidden': [[0.5, 0.5, 0.5, 0.5,",
        "                         0.5],",
        "                        [0.5, 0.5, 0.5, 0.5,",
        "                         0.5]],",
    ]
    assert all(i18n.width(line) <= 44 for line in lines)
    assert _numbers("\n".join(lines)) == _numbers(DICT_RETURNED)


# A failure of sgd_update whose call shows each dict a key to a line, as
# the tests write it, with arrays on one line too long for a terminal.
CALL_TOO_WIDE = """\
The same call, made twice on fresh copies of the same params, left \
different values in params['w1'].
  call      sgd_update({'w1': [[3.0, -5.0], [-7.0, -6.0], [-8.0, 2.0], [-8.0, -1.0]],
                        'b1': [2.0, -6.0]},
                       {'w1': [[-8.0, -7.0], [-8.0, -3.0], [8.0, 8.0], [2.0, 4.0]],
                        'b1': [6.0, 1.0]},
                       0.5), twice
  expected  [[7.0, -1.5], [-3.0, -4.5], [-12.0, -2.0], [-9.0, -3.0]]
  actual    [[10.6, 1.65], [0.6, -3.15], [-15.6, -5.6], [-9.9, -4.8]]"""


def test_a_call_too_wide_for_the_terminal_shows_its_arrays_by_rows():
    lines = _on_terminal(CALL_TOO_WIDE, 80)

    start = next(i for i, line in enumerate(lines) if line.startswith("  call"))
    assert lines[start : start + 11] == [
        "  call      sgd_update({'w1': [[3.0, -5.0],",
        "                               [-7.0, -6.0],",
        "                               [-8.0, 2.0],",
        "                               [-8.0, -1.0]],",
        "                        'b1': [2.0, -6.0]},",
        "                       {'w1': [[-8.0, -7.0],",
        "                               [-8.0, -3.0],",
        "                               [8.0, 8.0],",
        "                               [2.0, 4.0]],",
        "                        'b1': [6.0, 1.0]},",
        "                       0.5), twice",
    ]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_call_laid_out_by_keys_moves_left_as_a_whole_on_a_narrow_terminal(
    language,
):
    lines = _on_terminal(CALL_TOO_WIDE, 40, language)

    start = next(i for i, line in enumerate(lines) if "sgd_update(" in line)
    # The label alone, the call under it two columns in, as laid out
    # before: each key beside its value, each row of an array under the
    # first.
    assert lines[start - 1].strip() == {"en": "call", "ja": "呼び出し"}[language]
    assert lines[start : start + 10] == [
        "    sgd_update({'w1': [[3.0, -5.0],",
        "                       [-7.0, -6.0],",
        "                       [-8.0, 2.0],",
        "                       [-8.0, -1.0]],",
        "                'b1': [2.0, -6.0]},",
        "               {'w1': [[-8.0, -7.0],",
        "                       [-8.0, -3.0],",
        "                       [8.0, 8.0],",
        "                       [2.0, 4.0]],",
        "                'b1': [6.0, 1.0]},",
    ]
    assert all(i18n.width(line) < 40 for line in lines)
    assert _numbers("\n".join(lines)) == _numbers(CALL_TOO_WIDE)


# A call of sgd_update as the tests lay it out, a key to a row, whose
# rows fit beside the label only on a wide terminal.
CALL_BY_KEYS = """\
params['b1'] must become params['b1'] - lr * grads['b1'].
  call      sgd_update({'w1': [[-3.0, 7.0, 4.0],
                               [3.0, -7.0, -3.0]],
                        'b1': [-7.0, -7.0, 5.0]},
                       {'w1': [[2.0, 3.0, -8.0],
                               [4.0, -5.0, 3.0]],
                        'b1': [-5.0, 7.0, -8.0]},
                       0.2)
  expected  [-6.0, -8.4, 6.6]"""


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_call_too_wide_even_under_its_label_puts_its_arguments_under_its_name(
    language,
):
    lines = _on_terminal(CALL_BY_KEYS, 40, language)

    start = next(i for i, line in enumerate(lines) if "sgd_update(" in line)
    assert lines[start : start + 8] == [
        "    sgd_update(",
        "      {'w1': [[-3.0, 7.0, 4.0],",
        "              [3.0, -7.0, -3.0]],",
        "       'b1': [-7.0, -7.0, 5.0]},",
        "      {'w1': [[2.0, 3.0, -8.0],",
        "              [4.0, -5.0, 3.0]],",
        "       'b1': [-5.0, 7.0, -8.0]},",
        "      0.2)",
    ]
    assert all(i18n.width(line) < 40 for line in lines)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_call_of_one_array_moves_under_its_label_rather_than_cut_a_row(
    language,
):
    message = (
        "softmax must divide exp(x) by its sum along the last axis.\n"
        "  call      softmax([[1.0, 1.0], [0.0, 1.0986]])\n"
        "  expected  [[0.5, 0.5], [0.25, 0.75]]"
    )
    # 36 columns: `check` stands a failure 4 columns in on a terminal 40
    # columns wide.
    lines = _on_terminal(message, 36, language)

    start = next(i for i, line in enumerate(lines) if "softmax([[" in line)
    assert lines[start - 1].strip() == {"en": "call", "ja": "呼び出し"}[language]
    assert lines[start : start + 2] == [
        "    softmax([[1.0, 1.0],",
        "             [0.0, 1.0986]])",
    ]


def test_a_row_of_a_call_too_wide_breaks_between_numbers_under_its_first():
    message = (
        "The gradient for w1 is wrong.\n"
        "  call      backward({'w1': [[0.0126, -0.0132, 0.064, 0.0105, -0.0536],\n"
        "                             [0.0362, 0.1304, 0.0947, -0.0704, -0.1265]]},\n"
        "                     [[1.92, 1.85]],\n"
        "                     [0, 1] (int64))"
    )
    lines = _on_terminal(message, 60)

    assert lines[1:5] == [
        "  call      backward({'w1': [[0.0126, -0.0132, 0.064,",
        "                              0.0105, -0.0536],",
        "                             [0.0362, 0.1304, 0.0947,",
        "                              -0.0704, -0.1265]]},",
    ]
    assert all(i18n.width(line) <= 59 for line in lines)
    assert _numbers("\n".join(lines)) == _numbers(message)


def test_a_named_array_too_wide_breaks_under_its_first_number():
    message = (
        "The result has the wrong values.\n"
        "  call      f(x) with\n"
        "              x  = [0.0126, -0.0132, 0.064, 0.0105, -0.0536, 0.0362]"
    )
    lines = _on_terminal(message, 60)

    assert lines[2:] == [
        "              x  = [0.0126, -0.0132, 0.064, 0.0105, -0.0536,",
        "                    0.0362]",
    ]


def _hint_lines(number: int) -> list[str]:
    """The lines of hint `number` of forward, in Japanese, 79 columns wide:
    the first and third end lines in the middle of katakana words when
    filled character by character, and the first leaves "す。" alone."""
    exercise = next(e for e in EXERCISES if e.name == "forward")
    with i18n.speaking("ja"):
        text = shown(lambda screen: screen.hints(exercise, exercise.hints, "kata"))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{number}. "))
    return lines[start : lines.index("", start)]


KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc-\u30ff]")


def test_japanese_lines_never_break_inside_a_katakana_word():
    for number in (1, 3):
        hint = _hint_lines(number)
        for above, below in zip(hint, hint[1:], strict=False):
            assert not (KATAKANA.match(above[-1]) and KATAKANA.match(below.lstrip()))
    assert i18n.fill("あいうえおかきくけこオペランド", 24).splitlines() == [
        "あいうえおかきくけこ",
        "オペランド",
    ]


def test_a_count_of_failures_breaks_its_command_only_at_spaces():
    line = (
        "ほかに 5 個のテストが失敗しています。"
        "`python -m grader check one_hot --lang ja` ですべて見られます。"
    )

    rows = by_phrases(Text(line), 39).plain.split("\n")

    assert all(i18n.width(row) <= 39 for row in rows), rows
    words = " ".join(rows).replace("`", "").split()
    assert "--lang" in words and "ja" in words, rows


def test_a_name_and_its_shape_stay_on_one_row():
    text = "w1 (4, 5) and b1 (5,) fit, but w2 (5, 3) and b2 (3,) are swapped."

    for columns in range(20, 70):
        rows = i18n.fill(text, columns).splitlines()
        assert not any(row.startswith("(") for row in rows), rows


def test_japanese_keeps_a_compound_of_kanji_and_katakana_whole():
    text = (
        "exercises/sgd.py が 5 秒たっても終わらなかったため、"
        "採点プログラムが止めました。"
    )

    for columns in range(30, 70):
        rows = i18n.fill(text, columns).splitlines()
        assert not any(row.endswith("採点") for row in rows), rows


def test_japanese_keeps_a_letter_with_the_noun_it_names():
    text = (
        "keepdims=True で求めた合計を転置(.T)したものでは、"
        "列 j を行 j の合計で割ってしまいます。"
    )

    for columns in range(24, 60):
        rows = i18n.fill(text, columns).splitlines()
        assert not any(row.endswith(("列", "行")) for row in rows), rows


def test_a_katakana_word_longer_than_a_line_is_still_broken():
    word = "バックプロパゲーション"

    lines = i18n.fill(word * 2, 20).splitlines()

    assert all(i18n.width(line) <= 20 for line in lines)
    assert "".join(lines) == word * 2


def test_the_last_line_of_japanese_is_never_two_characters_or_fewer():
    hint = _hint_lines(1)

    assert len(hint[-1].strip()) > 2
    assert all(i18n.width(line) <= PROSE_WIDTH for line in hint)
    # The fewest characters go down, and still no line starts with "。".
    text = "あいうえおかきくけこさしすせそたちつてとなにぬ漢字。"
    assert i18n.fill(text, 48).splitlines() == [
        "あいうえおかきくけこさしすせそたちつてとなにぬ",
        "漢字。",
    ]
    # A verb's ending is not left alone either ("ます。" cut from its verb).
    text = "形状が逆になったら、転置する因子を間違えています。"
    assert i18n.fill(text, 48).splitlines()[-1] == "間違えています。"
    # English keeps its last word alone; nothing still fills to nothing.
    assert i18n.fill("one two three x", 13).splitlines() == ["one two three", "x"]
    assert i18n.fill("", 13) == ""


@pytest.mark.parametrize(
    "note",
    [
        "[残り 9 行は `python -m grader check softmax --lang ja` で表示できます]",
        "[... 9 more lines: `python -m grader check softmax --lang en` shows them]",
    ],
)
def test_a_command_too_wide_for_a_row_keeps_an_option_with_its_value(note):
    for columns in range(24, 40):
        rows = i18n.fill(note, columns, commands=True).splitlines()

        assert all(i18n.width(row) <= columns for row in rows), rows
        assert not any(row.rstrip().endswith("--lang") for row in rows), rows
        assert "".join(rows).count("--lang ") == 1, rows


def test_an_indented_text_leaves_no_trailing_spaces_on_its_blank_lines():
    from grader.render import _indented

    text = _indented("Args:\n\n    x: the input.\n", "    ").plain
    output = _indented("one\n\ntwo", "    | ").plain

    assert text.splitlines() == ["    Args:", "", "        x: the input."]
    assert output.splitlines() == ["    | one", "    |", "    | two"]


def _table_rows(rows: list[str]) -> list[str]:
    """The rows of `rows` that are rows of a table of the exercises."""
    return [row for row in rows if re.match(r" ?\d+   [a-z_]+ ", row)]


# The line in place of the last rows of a table of the exercises, by
# language: in the list, with the command that lists them all (`l` would
# show the same list again); in the report, with the key where the list
# shows every row at that size (see ROWS_KEY), else with the command.
ROWS_CUT = {
    "en": {
        LISTING: re.compile(r"\[\.\.\. (\d+) more rows: `kata list` lists them all\]"),
        SUMMARY: re.compile(
            r"\[\.\.\. (\d+) more rows: (press l for the list|l lists them"
            r"|`kata list` lists them all|`kata list`)\]"
        ),
    },
    "ja": {
        LISTING: re.compile(r"\[表の残り (\d+) 行は `kata list` で表示できます\]"),
        SUMMARY: re.compile(
            r"\[表の残り (\d+) (行は l で表示(?:できます)?"
            r"|行は `kata list` で表示できます|行: `kata list`)\]"
        ),
    },
}
# That line, where it gives the key l.
ROWS_KEY = {"en": re.compile(r"press l|: l lists"), "ja": re.compile(r"行は l で")}


# The line that counts the lines gone from the whole report, with the
# command that prints it all: no way to see the rows of the table.
EVERYTHING_CUT = {"en": "more lines: `kata` prints them all]", "ja": "`kata` で表示]"}


@pytest.mark.parametrize("view", [LISTING, SUMMARY])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_table_cut_short_counts_its_rows_and_says_what_lists_them(
    watch_screen, language, view
):
    rows_cut = ROWS_CUT[language][view]
    cut_at = []
    for height in range(8, 24):
        with i18n.speaking(language):
            rows = watch_screen(_forward_runs(others=2), (60, height), view)
        table = _table_rows(rows)
        counted = [int(m[1]) for row in rows if (m := rows_cut.fullmatch(row))]
        assert counted in ([], [10 - len(table)]), (height, rows)
        # A line in place of one row of the list would save no row.
        assert view != LISTING or counted != [1], (height, rows)
        if 0 < len(table) < 10:
            cut_at.append(height)
            assert counted, (height, rows)
            assert not any(EVERYTHING_CUT[language] in row for row in rows), rows
            # Nor, in the list, a command that shows one exercise.
            assert view != LISTING or not any("kata check" in row for row in rows)
    # The small terminal of a split window shows some rows, not all.
    assert 10 in cut_at


@pytest.mark.parametrize("runs", ["forward", "done"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_report_gives_l_for_its_rows_only_where_the_list_shows_them(
    watch_screen, language, runs
):
    runs_of = {"forward": lambda: _forward_runs(others=2), "done": done_runs}[runs]
    keyed = []
    for size in [(40, height) for height in range(8, 30)]:
        with i18n.speaking(language):
            rows = watch_screen(runs_of(), size, SUMMARY)
            listed = watch_screen(runs_of(), size, LISTING)
        said = "\n".join(rows)
        if ROWS_KEY[language].search(said):
            keyed.append(size)
            # The key shows what it promises: every row.
            assert len(_table_rows(listed)) == 10, (size, rows, listed)
        # The note says its last words beside others, never alone on a row.
        notes = [
            i for i, row in enumerate(rows) if "more rows" in row or "表の残り" in row
        ]
        for i in notes:
            if not ROWS_CUT[language][SUMMARY].fullmatch(rows[i]):
                assert len(rows[i + 1].split()) > 1 or language == "ja", (size, rows)
                assert ROWS_CUT[language][SUMMARY].fullmatch(
                    rows[i] + " " + rows[i + 1]
                ) or ROWS_CUT[language][SUMMARY].fullmatch(rows[i] + rows[i + 1])
    # A screen tall enough for the list still says the key.
    assert keyed, runs


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_report_in_the_watch_has_no_heading_under_the_top_line(
    watch_screen, language
):
    heading = {"en": "nn-kata: grading", "ja": "nn-kata: exercises/ を採点"}
    for size, terminal in [((100, 60), True), ((100, 60), False)]:
        with i18n.speaking(language):
            rows = watch_screen(done_runs(), size, SUMMARY, terminal=terminal)
        top = next(i for i, row in enumerate(rows) if row.startswith("nn-kata"))
        assert rows[top].startswith("nn-kata watch:"), rows
        assert not any(row.startswith(heading[language]) for row in rows), rows
        # The table's head comes first under the top line.
        assert rows[top + 2].split()[0] == "#", rows


def _saving(watch, shown: bool) -> None:
    """Make `watch` draw its screen as the grade of a save of
    numerical_gradient that has run long: with that exercise in focus if
    `shown`, else with the first exercise in focus."""
    watch.saving = watch.saving_files = ["numerical_gradient"]
    watch.before_save = True
    watch.focus = watch.project.find("numerical_gradient" if shown else "dot")


@pytest.mark.parametrize("size", [(40, 11), (40, 12), (40, 13), (50, 10), (60, 12)])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_report_keeps_the_row_of_the_exercise_not_done(
    watch_screen, language, size
):
    runs = done_runs()
    runs["softmax"] = ExerciseRun("softmax", [failed("test_softmax_sums", UNNAMED)])
    with i18n.speaking(language):
        rows = watch_screen(runs, size, SUMMARY)
    table = [row for row in rows if re.match(r" ?\d+ +\w", row)]
    # Rows gave way, but not the one of what is left to do.
    assert len(table) < len(EXERCISES), rows
    assert any(row.split()[1] == "softmax" for row in table), rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_grade_of_a_save_on_a_tiny_terminal_keeps_the_exercises_line(
    watch_screen, language
):
    def grading(watch) -> None:
        _saving(watch, True)
        watch.under_way = True
        watch.headline = _("Grading {path} ...", path="exercises/numerical_gradient.py")

    runs = _forward_runs(others=0)
    runs["numerical_gradient"] = ExerciseRun(
        "numerical_gradient", [failed("test_g", UNNAMED)]
    )
    with i18n.speaking(language):
        rows = watch_screen(runs, (40, 12), EXERCISE, grading)
    # "Shown above" over nothing would say what is not; the exercise's
    # line is what the screen shows.
    assert any(row.startswith("7. numerical_gradient") for row in rows), rows
    assert GRADING_NOW[language][True][:10] not in "".join(rows), rows


SHIFT_MISSING = """Adding the same number to every score of a slice must not change \
that slice's probabilities.
  call      softmax([1001.0, 1002.0, 1003.0])
  expected  [0.09, 0.2447, 0.6652]
  actual    [nan, nan, nan]
  likely mistake: the scores were not shifted: exp(1000) overflows to inf, and in \
a row like [-1000, -1001] every exp rounds to 0, giving 0 / 0. Subtract each \
slice's maximum, x.max(axis=-1, keepdims=True), before exp: softmax does not \
change when a slice is shifted, and then the largest exp is exp(0) = 1."""


@pytest.mark.parametrize("language", ["en", "ja"])
def test_what_the_code_printed_gives_way_before_the_failure(watch_screen, language):
    runs = done_runs()
    test = failed("test_shift", SHIFT_MISSING, output="step 1\nstep 2\nstep 3\n")
    runs["softmax"] = ExerciseRun("softmax", [test])
    label = {"en": "likely mistake:", "ja": "考えられる間違い:"}[language]
    with i18n.speaking(language):
        whole = watch_screen(runs, (60, 60), EXERCISE)
        for height in range(14, 24):
            rows = watch_screen(runs, (60, height), EXERCISE)
            printed = any(row.startswith("    | step") for row in rows)
            # Printed output only beside the whole message.
            kept = [row for row in whole if row.startswith("  ") and row in rows]
            message = [row for row in whole if row.startswith("  ")]
            assert not printed or kept == message, (height, rows)
            assert height < 20 or label in "\n".join(rows), (height, rows)


# What the top line says of a grade under way, and what it said of the
# save before it, by language.
GRADING_TOP = {
    "en": ("grading", "graded in"),
    "ja": ("採点中", "秒で採点"),
}


@pytest.mark.parametrize("before", ["save", "hint"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_during_a_grade_the_top_line_says_what_is_graded_now(
    watch_screen, language, before
):
    def grading(watch) -> None:
        if before == "save":
            watch.save_events = watch.saved_events(["numerical_gradient"], 0.33)
            watch.event = watch.save_event = watch.save_events[0]
        else:
            watch.say("hint for {name}", name="softmax")
        _saving(watch, True)
        watch.under_way = True

    now, graded = GRADING_TOP[language]
    with i18n.speaking(language):
        rows = watch_screen(_forward_runs(others=0), (80, 30), EXERCISE, grading)
    # The save graded before, or the hint, is over: the top line would say
    # it of this grade.
    assert now in rows[0] and "numerical_gradient.py" in rows[0], rows[0]
    assert graded not in rows[0] and "softmax" not in rows[0], rows[0]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_grade_that_starts_rewrites_the_top_line_in_place(watch_screen, language):
    drawn = {}

    def hint_then_save(watch) -> None:
        watch.say("hint for {name}", name="forward")
        drawn["watch"] = watch

    now, _graded = GRADING_TOP[language]
    with i18n.speaking(language):
        watch_screen(_forward_runs(others=0), (80, 30), EXERCISE, hint_then_save)
        watch = drawn["watch"]
        before = watch.out.file.getvalue()
        watch.saving = watch.saving_files = ["forward"]
        watch.under_way = True
        watch.retitle()
    written = watch.out.file.getvalue()[len(before) :]
    # At the first row, and back: the screen under it stays as it is.
    assert written.startswith("\x1b7\x1b[H") and written.endswith("\x1b8"), written
    top = CONTROL.sub("", written.replace("\x1b7", "").replace("\x1b8", ""))
    assert now in top and "forward.py" in top, top


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize(
    "event, fields, columns",
    [
        ("hint for {name}", {"name": "numerical_gradient"}, 60),
        ("checked every exercise in {seconds} s", {"seconds": "17.48"}, 60),
        ("first grade, {seconds} s", {"seconds": "17.48"}, 50),
    ],
)
def test_the_top_line_says_an_event_shorter_rather_than_wrap(
    watch_screen, language, event, fields, columns
):
    with i18n.speaking(language):
        rows = watch_screen(
            _forward_runs(others=0),
            (columns, 30),
            EXERCISE,
            lambda watch: watch.say(event, **fields),
        )
    assert rows[1] == "", rows[:3]  # the top line took one row
    assert rows[0].endswith(")"), rows[0]


# What the line under a screen says during a long grade of a save, by
# language, as the screen shows the saved exercise or another one.
GRADING_NOW = {
    "en": {
        True: "Shown above: the grade of the code before this save.",
        False: "Its result will take this screen's place.",
    },
    "ja": {
        True: "上に表示しているのは、保存する前のコードの採点結果です。",
        False: "終わると、この画面に代わって採点結果を表示します。",
    },
}


@pytest.mark.parametrize("shown", [True, False], ids=["shown", "other"])
@pytest.mark.parametrize("columns", [60, 80, 100])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_line_of_a_long_grade_of_a_save_keeps_its_ellipsis_by_the_file(
    watch_screen, language, columns, shown
):
    with i18n.speaking(language):
        rows = watch_screen(
            _forward_runs(others=0),
            (columns, 30),
            EXERCISE,
            setup=lambda watch: _saving(watch, shown),
        )

    # The ellipsis on the row of the file, never on a row of its own.
    said = [row for row in rows if "numerical_gradient.py" in row]
    ellipsis = [row for row in rows if (" ...", "…")[language == "ja"] in row]
    assert len(said) == 1 and ellipsis == said, rows
    # Both sentences whole, in two rows at most: after the last blank row,
    # above the line of keys.
    keys = next(i for i, row in enumerate(rows) if row.startswith(("keys", "キー")))
    line = rows[len(rows) - rows[::-1].index("") : keys]
    assert len(line) <= 2 and said[0] in line, rows
    assert any(GRADING_NOW[language][shown] in row for row in line), rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_failure_cut_on_a_tiny_terminal_counts_the_rows_it_hides(
    watch_screen, language
):
    def saved(watch) -> None:
        watch.save_events = watch.saved_events(["forward"], 0.43)
        watch.event = watch.save_event = watch.save_events[0]

    name = "test_forward_gives_the_docstring_example_for_a_batch"
    runs = _forward_runs(others=0)
    runs["forward"] = ExerciseRun("forward", [failed(name, FORWARD_SIGMOID_OUTPUT)])
    with i18n.speaking(language):
        whole = watch_screen(runs, (40, 200), EXERCISE, saved)
        screens = [watch_screen(runs, (40, h), EXERCISE, saved) for h in (11, 12, 13)]

    # The failure in full: its rows from the exercise's line to the keys.
    start = next(i for i, row in enumerate(whole) if row.startswith("6. "))
    failure = [row for row in whole[start:-2] if row.strip()]
    for rows in screens:
        notes = [i for i, row in enumerate(rows) if row.startswith("[")]
        shown = rows[next(i for i, row in enumerate(rows) if row.startswith("6. ")) :]
        if not notes:
            # Too few rows for a note beside the statement's first row: the
            # statement wins, and its "…" says there is more.
            assert any(row.endswith("…") for row in shown), rows
            continue
        note = notes[0]
        shown = [row for row in shown[: shown.index(rows[note])] if row.strip()]
        count = int(re.search(r"\d+", rows[note]).group())
        # The rows of the failure in full not on the screen as they are
        # there: a row cut short ("…") is not.
        left = list(failure)
        for row in shown:
            if row in left:
                left.remove(row)
        assert count == len(left), rows
        # A name cut short says so: "…", not an underscore that reads as
        # the end of the name.
        assert not shown[-1].endswith("_"), rows


@pytest.mark.parametrize("size", [(40, 12), (40, 14), (60, 12), (60, 13)])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_report_of_every_exercise_done_counts_its_table_in_a_line(
    watch_screen, language, size
):
    with i18n.speaking(language):
        rows = watch_screen(done_runs(), size, SUMMARY)
    words = DONE_WORDS[language]

    # The table's rows that do not fit are counted in one line, above the
    # score and the closing line.
    text = "\n".join(rows)
    table = [m[2] for row in rows if (m := TABLE_ROW.match(row)) and m[2] in NAMES]
    # The line may break at a space, or between two Japanese characters.
    said = [words["rows"].search(text.replace("\n", s)) for s in ("", " ")]
    assert any(m and int(m[1]) == 10 - len(table) for m in said), rows
    assert words["closing"] in text.replace("\n", ""), rows


def _saved_train(watch) -> None:
    """Make `watch` draw its screen as after a save of train, graded: its
    top line takes two rows on a narrow terminal."""
    watch.save_events = watch.saved_events(["train"], 0.51)
    watch.event = watch.save_event = watch.save_events[0]


# A row of the report's table, however far apart its columns: its number
# and the exercise's name.
TABLE_ROW = re.compile(r" ?(\d+) +([a-z_]+) ")
NAMES = {e.name for e in EXERCISES}


def _table_at(rows: list[str]) -> list[int]:
    """Where the rows of the exercises of a table are in `rows`."""
    return [
        i for i, row in enumerate(rows) if (m := TABLE_ROW.match(row)) and m[2] in NAMES
    ]


# The start of the line in place of the table's last rows, or of all of
# them, by language.
ROWS_GONE = {
    "en": re.compile(r"\[(?:\.\.\. (?=\d+ more)|the table's )?(\d+) (?:more )?rows"),
    "ja": re.compile(r"\[(?:表の(?:残り)? )?(\d+) 行"),
}


@pytest.mark.parametrize("saved", [False, True], ids=["started", "saved"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_all_done_at_40_columns_keeps_the_first_rows_of_its_table_that_fit(
    watch_screen, language, saved
):
    setup = _saved_train if saved else None
    for height in range(12, 22):
        with i18n.speaking(language):
            rows = watch_screen(done_runs(), (40, height), SUMMARY, setup)
        table = _table_at(rows) if any(TABLE_ROW.match(row) for row in rows) else []
        names = [TABLE_ROW.match(rows[i])[2] for i in table]
        counted = [int(m[1]) for row in rows if (m := ROWS_GONE[language].match(row))]

        # Every row says "done": the table is whole, or its first rows fill
        # the rows left, and one line counts the rest.
        every = [e.name for e in EXERCISES]
        assert names == every[: len(names)], (height, rows)
        assert counted == ([] if len(names) == 10 else [10 - len(names)]), rows
        assert not counted or len(rows) == height - 1, (height, rows)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_report_at_40_columns_holds_each_exercise_on_one_row(
    watch_screen, language
):
    with i18n.speaking(language):
        rows = watch_screen(_forward_runs(others=0), (40, 60), SUMMARY)
        wide = watch_screen(_forward_runs(others=0), (60, 60), SUMMARY)

    # The longest name and status fit ("not started"), each row on its own.
    table = _table_at(rows)
    assert [TABLE_ROW.match(rows[i])[2] for i in table] == [e.name for e in EXERCISES]
    assert table == list(range(table[0], table[0] + 10)), rows
    assert all(re.search(r" \d+/\d+$", rows[i]) for i in table), rows
    # The points gave way there; a wider terminal shows them.
    assert not any("/10" in rows[i] for i in table), rows
    assert all(wide[i].endswith("/10") for i in _table_at(wide)), wide


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_table_row_broken_over_two_rows_gives_way_whole(watch_screen, language):
    # Too narrow for even the narrowest table: each row goes on under it.
    columns = {"en": 34, "ja": 30}[language]
    for height in (16, 18, 20):
        with i18n.speaking(language):
            rows = watch_screen(done_runs(), (columns, height), SUMMARY)
        # Its line may break at a space, or between Japanese characters.
        gone = ROWS_GONE[language].search({"en": " ", "ja": ""}[language].join(rows))

        # Every row done: the table's rows go whole, counted, no half row
        # left: each name kept has its tests under it.
        table = [m[2] for row in rows if (m := TABLE_ROW.match(row))]
        table = [name for name in table if name in NAMES]
        halves = [row for row in rows if re.fullmatch(r" +1/1", row)]
        assert len(halves) == len(table), (height, rows)
        assert gone and int(gone[1]) == 10 - len(table), (height, rows)


ONE_HOT_EVERY_ROW = """Row n must be all zeros but for a 1.0 in column labels[n].
  call      one_hot([2, 0] (list), 3)
  expected  [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
  actual    [[1.0, 0.0, 1.0], [1.0, 0.0, 1.0]]
  likely mistake: every label's column was set in every row (out[:, labels] = \
1, or out[n, labels] = 1 in a loop over the rows n): pair each row with its own \
label, out[np.arange(N), labels] = 1."""
# The start of the likely mistake and of the statement of ONE_HOT_EVERY_ROW,
# by language.
ONE_HOT_WORDS = {
    "en": ("likely mistake: every", "Row n must be"),
    "ja": ("考えられる間違い: すべての行で", "n 行目は"),
}


def _one_hot_runs() -> dict:
    """The exercises before one_hot done, one_hot failing with a likely
    mistake many rows long at 40 columns."""
    test = failed("test_one_hot_gives_the_docstring_example", ONE_HOT_EVERY_ROW)
    runs = {e.name: ExerciseRun(e.name, [PASSED]) for e in EXERCISES[:3]}
    runs["one_hot"] = ExerciseRun("one_hot", [test])
    return runs


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_likely_mistake_too_long_for_the_screen_keeps_its_first_rows_or_goes(
    watch_screen, language
):
    label, statement = ONE_HOT_WORDS[language]
    with i18n.speaking(language):
        whole = watch_screen(_one_hot_runs(), (40, 200), EXERCISE)
        start = next(i for i, row in enumerate(whole) if label in row)
        end = start + 1
        while whole[end].startswith(" " * 8):
            end += 1
        mistake = whole[start:end]
        for height in range(12, 22):
            rows = watch_screen(_one_hot_runs(), (40, height), EXERCISE)
            shown = [row for row in mistake if row in rows]
            # Whole, or from its first row on and ended by "…", or not at
            # all: never a fragment from its middle.
            assert shown == mistake[: len(shown)], (height, rows)
            if shown == mistake:
                continue
            if shown:
                last = rows.index(shown[-1]) + 1
                assert rows[last].rstrip().endswith("…"), (height, rows)
                assert mistake[len(shown)].startswith(rows[last].rstrip(" …"))
                continue
            # Gone: a note says what shows it, and the statement takes its
            # rows once the exercise's line and the test's name are in.
            assert any(row.startswith("[") for row in rows), (height, rows)
            said = [row for row in rows if row.strip().startswith(statement)]
            assert height < 14 or said, (height, rows)
            assert not said or said[0].endswith("…") or said[0] in whole, rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_keeps_the_first_row_of_a_likely_mistake_longer_than_its_rows(
    language,
):
    from grader.watch import _fitted

    label, statement = ONE_HOT_WORDS[language]
    message = aligned(ONE_HOT_EVERY_ROW)
    with i18n.speaking(language):
        whole = _fitted(message, 99, "    ", 39).splitlines()
        mistake = next(i for i, line in enumerate(whole) if label in line)
        for limit in range(1, len(whole) - mistake):
            lines = _fitted(message, limit, "    ", 39).splitlines()
            assert 0 < len(lines) <= limit, (limit, lines)
            # Under the statement, the mistake from its first row on, with
            # the rows left, ended by "…": where to start on the change,
            # though not all of it.
            said = [i for i, line in enumerate(lines) if label.split()[0] in line]
            if limit > 1:
                assert len(said) == 1 and lines[-1].endswith("…"), lines
                first = lines[said[0]]
                assert whole[mistake].startswith(first.rstrip(" …")), lines
                later = lines[said[0] + 1 :]
                assert later == whole[mistake + 1 : mistake + 1 + len(later)] or (
                    later[:-1] == whole[mistake + 1 : mistake + len(later)]
                ), lines
            else:
                assert not said, lines
            # The statement stays in its place, cut short with "…".
            assert lines[0].strip().startswith(statement), lines
            assert lines[0] in whole or lines[0].endswith("…"), lines


@pytest.mark.parametrize("shown", [1, 4], ids=["first", "last"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_hint_asked_for_on_a_tiny_terminal_takes_the_rows_of_the_note(
    watch_screen, language, shown
):
    def asked(watch) -> None:
        watch.hint = watch.hint_text(watch.focus, shown)
        watch.hints_asked.add(watch.focus.name)

    with i18n.speaking(language):
        rows = watch_screen(_forward_runs(others=2), (40, 12), EXERCISE, asked)
    label = {"en": "Hint ", "ja": "ヒント "}[language]

    # Under the exercise's line (and the note of the rows of the failure
    # hidden, in the blank row under the top line), the hint's label and at
    # least two rows of its text: more than a label ended by "…".
    start = next(i for i, row in enumerate(rows) if row.startswith(label))
    keys = next(i for i, row in enumerate(rows) if row.startswith(("keys", "キー")))
    status = start - 2 if rows[start - 1].startswith("[") else start - 1
    assert "0/3" in rows[status], rows  # the exercise's status
    assert keys - start >= 3, rows
    assert not any("python -m grader check" in row for row in rows), rows


@pytest.mark.parametrize("columns", [60, 80, 100])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_top_line_of_a_save_takes_two_rows_at_most(watch_screen, language, columns):
    def saved(watch) -> None:
        watch.save_events = watch.saved_events(["numerical_gradient"], 0.28)
        watch.event = watch.save_event = watch.save_events[0]

    with i18n.speaking(language):
        rows = watch_screen(_forward_runs(others=0), (columns, 30), EXERCISE, saved)

    top = rows[: rows.index("")]
    assert len(top) <= 2, top
    assert "numerical_gradient.py" in "".join(top)
    if columns == 100:  # room for it all
        assert "exercises/numerical_gradient.py" in top[0] and "0.28" in top[0]


@pytest.mark.parametrize("columns", [40, 60, 80])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_top_line_names_the_folder_of_a_save_only_on_one_row(
    watch_screen, language, columns
):
    def saved(watch) -> None:
        watch.save_events = watch.saved_events(["cross_entropy"], 0.43)
        watch.event = watch.save_event = watch.save_events[0]

    with i18n.speaking(language):
        rows = watch_screen(_forward_runs(others=0), (columns, 30), EXERCISE, saved)

    top = rows[: rows.index("")]
    assert "cross_entropy.py" in "".join(top), top
    assert len(top) == 1 or "exercises/" not in "".join(top), top


def test_the_status_line_of_a_long_grade_leaves_no_word_alone_on_its_last_row(
    watch_screen,
):
    lines = [
        "grading numerical_gradient: 12 s (limit 30 s; saving regrades; q quits)",
        "grading: 9 of 10 finished, 12 s (limit 30 s each; saving regrades; "
        "q quits), still running: numerical_gradient "
        "(12 s), which the grade waits for, up to the time limit",
    ]
    for columns in range(40, 101):
        watches = []
        watch_screen({}, (columns, 20), EXERCISE, watches.append)
        for line in lines:
            rows = watches[0].status_text(line).plain.split("\n")
            assert len(rows) == 1 or len(rows[-1].split()) >= 2, rows
            assert all(i18n.width(row) < columns for row in rows), rows


def test_a_word_alone_on_the_last_row_takes_the_word_before_it():
    from grader.watch import _widow_taken_in

    rows = ["label: one two three", "       four"]

    assert _widow_taken_in(rows, 20) == ["label: one two", "       three four"]
    assert _widow_taken_in(rows, 16) == rows  # "three four" would not fit
    assert _widow_taken_in(["one two", "three"], 20) == ["one two", "three"]
    assert _widow_taken_in(["あい うえ お", "か"], 20) == ["あい うえ お", "か"]


@pytest.mark.parametrize("cut", [False, True], ids=["after", "during"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_says_it_stopped_in_place_of_its_keys(watch_screen, language, cut):
    said = {
        ("en", False): "The watch stopped.",
        ("en", True): "The watch stopped before the grade under way finished.",
        ("ja", False): "watch を終了しました。",
        ("ja", True): "採点が終わる前に watch を終了しました。",
    }[language, cut]
    watches = []
    with i18n.speaking(language):
        watch_screen(_forward_runs(others=0), NARROW, EXERCISE, watches.append)
        watch = watches[0]
        watch.cut_short = cut
        watch.say_stopped()

    printed = watch.out.file.getvalue()
    # The line of keys, which act no more, erased first.
    assert printed.endswith(f"\x1b[{watch.keys_rows}A\r\x1b[J{said}\n"), printed


def test_sentences_too_wide_for_a_row_each_keep_their_ellipsis_by_a_word():
    from grader.watch import _sentences_laid_out

    said = [
        ["Shown above: the grade of the code before this save."],
        [
            "Now grading exercises/a.py, exercises/b.py ...",
            "Now grading a.py, b.py ...",
        ],
    ]

    assert _sentences_laid_out(said, None) == " ".join(ways[0] for ways in said)
    assert _sentences_laid_out(said, 70).split("\n") == [said[0][0], said[1][0]]
    assert _sentences_laid_out(said, 80) == f"{said[0][0]} {said[1][1]}"
    rows = _sentences_laid_out(said, 24).split("\n")
    assert all(len(row) <= 24 for row in rows), rows
    assert rows[-1] == "b.py ..." and rows[-2].endswith("a.py,"), rows


def test_a_line_with_a_long_label_is_filled_as_one_paragraph():
    from grader.render import wrapped_lines

    line = (
        "ヒント 4/4(これが最後のヒントです): まとめると、dz2 = (y - t) / N、"
        "dw2 = h.T @ dz2、db2 = dz2.sum(axis=0)、dh = dz2 @ w2.T、"
        "dz1 = dh * h * (1 - h)。"
    )
    rows = wrapped_lines(Text(line), 60).plain.splitlines()

    assert len(rows) > 1 and rows[0].startswith("ヒント 4/4(これが最後のヒントです): ")
    # Not in a narrow column under the label, 36 columns in.
    assert not any(row.startswith(" ") for row in rows[1:])
    assert all(i18n.width(row) <= 60 for row in rows)


# A count and the word it counts, as the header of `check` shows them in
# each language: each pair must stand on one row, whatever the width.
HEADER_COUNTS = {
    "en": ("{passed}/{total} tests", "{points}/{max_points} points"),
    "ja": ("テスト {passed}/{total}", "{points}/{max_points} 点"),
}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _on_a_terminal(draw, columns: int, language: str) -> list[str]:
    """The lines `draw(screen)` prints on a terminal `columns` wide, in
    `language`, its escape codes taken out."""
    out = _Terminal()
    screen = Screen(out, io.StringIO())
    screen.out.width = columns
    with i18n.speaking(language):
        draw(screen)
    return ANSI.sub("", out.getvalue()).splitlines()


@pytest.mark.parametrize("columns", [40, 60, 80])
@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("name", ["softmax", "numerical_gradient"])
def test_the_header_of_check_keeps_each_count_with_its_word(name, language, columns):
    tests = [failed(f"test_{i}", UNNAMED) for i in range(16)] + [PASSED] * 4
    grade = next(g for g in book(tests, name).grades if g.name == name)
    draw = lambda screen: screen.check(grade, "exercises", "kata")  # noqa: E731
    lines = _on_a_terminal(draw, columns, language)
    header = lines[: lines.index("")]
    fields = {
        "passed": grade.passed,
        "total": grade.total,
        "points": f"{float(grade.points):g}",
        "max_points": f"{float(grade.max_points):g}",
    }

    assert all(i18n.width(row) < columns for row in header), header
    for count in HEADER_COUNTS[language]:
        assert any(count.format(**fields) in row for row in header), header
    # Broken between its parts, the later rows stand under the name.
    margin = " " * len(f"{grade.exercise.number}. ")
    assert all(row.startswith(margin) and row[len(margin)] != " " for row in header[1:])
    if columns == 80 and name == "softmax":
        assert len(header) == 1, header


def test_the_header_of_check_stays_on_one_line_off_a_terminal():
    tests = [failed(f"test_{i}", UNNAMED) for i in range(16)] + [PASSED] * 4
    text = check(tests, "numerical_gradient")

    assert "7. numerical_gradient: Numerical gradient  failing  4/20 tests, " in text


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_heading_with_a_count_keeps_it_with_its_word_on_a_narrow_terminal(
    language,
):
    exercise = next(e for e in EXERCISES if e.name == "numerical_gradient")
    done = book([PASSED])
    failing = book([failed("test_a", UNNAMED)], "numerical_gradient")
    hints = lambda screen: screen.hints(exercise, exercise.hints[:1], "kata")  # noqa: E731
    lines = [
        *_on_a_terminal(lambda screen: screen.gradebook(done, "kata"), 40, language),
        *_on_a_terminal(lambda screen: screen.gradebook(failing, "kata"), 40, language),
        *_on_a_terminal(hints, 40, language),
    ]
    whole = {
        "en": ["All 10 exercises", "Next: exercise 7,", "exercise 7,", "1 of 4"],
        "ja": ["10 問すべて", "演習 7、", "ヒント 1/4"],
    }[language]

    for words in whole:
        row = next((line for line in lines if words in line), None)
        assert row is not None and i18n.width(row) < 40, (words, lines)


@pytest.mark.parametrize(
    "text, whole",
    [
        ("softmax  failing  4/20 tests, 2/10 points", ["4/20 tests,", "2/10 points"]),
        ("失敗あり (failing)  テスト 4/20、2/10 点", ["テスト 4/20、", "2/10 点"]),
        ("10 問すべて完了しました。おめでとうございます！", ["10 問"]),
        ("Next: exercise 7, numerical_gradient (Numerical gradient):", ["exercise 7,"]),
        ("次: 演習 7、numerical_gradient(数値微分による勾配):", ["演習 7、"]),
        ("grading dot: 6 of 13 tests ended, 3 s (time limit 30 s)", ["13 tests"]),
        ("dot を採点中: 13 個中 6 個のテストが終了、3 秒", ["13 個", "6 個"]),
    ],
)
def test_a_count_is_never_filled_apart_from_the_word_it_counts(text, whole):
    for columns in range(24, i18n.width(text) + 1):
        lines = i18n.fill(text, columns).splitlines()
        assert all(i18n.width(line) <= columns for line in lines), lines
        for words in whole:
            assert any(words in line for line in lines), (columns, lines)


def test_a_count_leaves_its_word_only_when_nothing_else_fits():
    assert i18n.fill("4/20 tests", 6).splitlines() == ["4/20", "tests"]


def test_a_number_in_a_shape_or_an_interval_is_not_a_count():
    shapes = i18n.fill("cannot multiply shapes (3, 2) and (3,)", 26).splitlines()
    labels = i18n.fill("ValueError: ラベルが [0, num_classes) の範囲外のとき", 24)

    assert shapes == ["cannot multiply", "shapes (3, 2) and (3,)"]
    assert labels.splitlines()[0] == "ValueError: ラベルが"


# Sentences of grader/locale/ja.toml, and words of kanji in them that a
# Japanese reader would not see cut in two: each follows a particle, a
# comma or a space, where a line breaks well a few columns sooner. (A word
# of kanji and kana may still be cut after its kanji: "代わっ|て".)
JAPANESE_WORDS = [
    (
        "小さな学習率の勾配降下法では、損失はステップごとに下がらなければなりま"
        "せんが、ステップ {step} で下がりませんでした。",
        ["学習率", "勾配", "損失"],
    ),
    (
        "softmax は、最後の軸に沿った各スライスで exp(x) をその exp(x) の合計で"
        "割ったものでなければなりません。",
        ["最後", "合計"],
    ),
    (
        "{paths} を採点しています…終わると、この画面に代わって採点結果を表示します。",
        ["採点", "画面", "表示"],
    ),
    (
        "勾配が N 倍(ここでは {n} 倍)大きすぎます。損失はバッチの平均なので、"
        "dz2 を N で割る必要があります。",
        ["勾配", "損失", "平均", "必要", "N 倍"],
    ),
]


@pytest.mark.parametrize("text, words", JAPANESE_WORDS)
def test_japanese_breaks_between_words_rather_than_inside_kanji(text, words):
    for columns in range(24, 81):
        lines = i18n.fill(text, columns).splitlines()
        assert all(i18n.width(line) <= columns for line in lines), lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for above, below in zip(lines, lines[1:], strict=False):
            for word in words:
                cut = (word[:k] for k in range(1, len(word)))
                assert not any(
                    above.endswith(head) and below.startswith(word[len(head) :])
                    for head in cut
                ), (columns, word, lines)


def test_japanese_ends_a_line_a_few_columns_short_to_break_after_a_particle():
    text = JAPANESE_WORDS[1][0]

    # Filled as far as it goes, the first line would end inside "割った".
    assert i18n.fill(text, 75).splitlines() == [
        "softmax は、最後の軸に沿った各スライスで exp(x) をその exp(x) の合計で",
        "割ったものでなければなりません。",
    ]


def test_a_run_of_kanji_is_still_broken_when_no_better_place_is_near():
    text = "あ" + "漢字" * 20

    lines = i18n.fill(text, 20).splitlines()

    assert lines[0] == "あ漢字漢字漢字漢字漢"
    assert all(i18n.width(line) <= 20 for line in lines)
    assert "".join(lines) == text


# Sentences that a line filled as far as it goes cut inside their verb's
# ending ("返さなければな" and "りません。"), at a width that does so.
CUT_ENDINGS = [
    ("accuracy は float を返さなければなりません。", 36),
    ("forward は float64 の確率を返さなければなりません。", 44),
    ("n 行目は labels[n] 列目の 1.0 を除いて、すべてゼロでなければなりません。", 36),
]


@pytest.mark.parametrize("text, columns", CUT_ENDINGS)
def test_japanese_breaks_before_a_verbs_ending_never_inside_it(text, columns):
    lines = i18n.fill(text, columns).splitlines()

    assert lines[-1] in (
        "返さなければなりません。",
        "なければなりません。",
        "ゼロでなければなりません。",  # the copula stays with its noun
    )
    assert all(i18n.width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


# Endings of verbs and auxiliaries a reader never sees cut in two.
VERB_ENDINGS = (
    "なければなりません",
    "ません",
    "ました",
    "ください",
    "しています",
    "できます",
)


def _catalogue_sentences() -> list[str]:
    """Every line of Japanese in grader/locale/ja.toml wider than 36
    columns, its fields left as they are."""
    with open(i18n.LOCALE_DIR / "ja.toml", "rb") as file:
        tables = tomllib.load(file)
    values = (value for table in tables.values() for value in table.values())
    lines = (
        line for value in values if isinstance(value, str) for line in value.split("\n")
    )
    return sorted({line for line in lines if i18n.width(line) > 36})


def test_no_japanese_sentence_breaks_inside_a_verbs_ending():
    cut = []
    for text in _catalogue_sentences():
        for columns in (36, 44, 56, 76):
            lines = i18n.fill(text, columns).splitlines()
            # Code in backticks is never broken: one too wide stands alone.
            wide = [line for line in lines if i18n.width(line) > columns]
            assert all(re.fullmatch(r"`[^`]*`", line) for line in wide), lines
            for above, below in zip(lines, lines[1:], strict=False):
                joined, end = above + below.lstrip(), len(above)
                for ending in VERB_ENDINGS:
                    places = re.finditer(ending, joined)
                    if any(m.start() < end < m.end() for m in places):
                        cut.append((columns, above, below))
    assert cut == []


def test_japanese_breaks_after_kana_before_a_verbs_ending_when_it_must():
    # Where the line is too narrow for the stem and its ending together,
    # it breaks between them, not inside the ending.
    lines = i18n.fill("あいうえおかきく等しくなければなりません。", 24)

    assert lines.splitlines()[-1] == "なければなりません。"


RAISED = (
    "    dot([[1, 2], [3, 4], [5, 6]] (list), [[1, 2, 3], [4, 5, 6]] (list)) "
    "{words} IndexError: index 2 is out of bounds for axis 0 with size 2"
)


@pytest.mark.parametrize("words", ["raised", "が例外を送出しました:"])
@pytest.mark.parametrize("width", [60, 80])
def test_a_call_that_raised_puts_the_exception_on_rows_of_its_own(words, width):
    from grader.render import wrapped_lines

    rows = wrapped_lines(Text(RAISED.format(words=words)), width).plain.splitlines()

    told = next(i for i, row in enumerate(rows) if "IndexError" in row)
    assert rows[told].startswith("      IndexError: index 2")  # under the call
    assert rows[told - 1].endswith(words)
    assert all(i18n.width(row) <= width for row in rows)
    assert "(list)) " + words in "\n".join(rows)


@pytest.mark.parametrize("words", ["raised", "が例外を送出しました:"])
def test_the_words_after_a_call_laid_out_by_rows_stand_below_it_if_too_wide(words):
    from grader.render import wrapped_lines

    line = (
        "    softmax([[1.0, 1.0], [0.0, 1.0986]]) "
        f"{words} NameError: name 'sofmax' is not defined"
    )
    rows = wrapped_lines(Text(line), 40).plain.splitlines()

    assert all(i18n.width(row) <= 40 for row in rows), rows
    assert rows[:2] == [
        "    softmax([[1.0, 1.0],",
        "             [0.0, 1.0986]])" + (" raised" if words == "raised" else ""),
    ]
    if words != "raised":  # 29 columns and 22 more: a row of their own
        assert rows[2] == "    " + words
    assert any(row.startswith("      NameError: name") for row in rows)


@pytest.mark.parametrize("label", ["call    ", "呼び出し"])
def test_a_call_under_its_label_keeps_its_later_rows_under_its_first_argument(label):
    from grader.render import wrapped_lines

    line = (
        f"      {label}  sgd_update({{'w': [1.0, 2.0]}}, {{'w': [10.0, -10.0]}}, 0.1)"
    )
    rows = wrapped_lines(Text(line), 40).plain.splitlines()

    # Too narrow beside the label: under it, two columns in, and (as README
    # says) broken between arguments, each later row under the first one.
    assert rows == [
        "      " + label.strip(),
        "        sgd_update({'w': [1.0, 2.0]},",
        "                   {'w': [10.0, -10.0]},",
        "                   0.1)",
    ]


def test_a_call_that_raised_keeps_its_exception_when_the_watch_is_short():
    from grader.watch import _fitted

    message = (
        RAISED.format(words="raised").strip()
        + "\n  where     exercises/dot.py, line 47: out[i, j] += a[i, q] * b[j, q]"
        + "\n  likely mistake: b was used transposed."
    )

    for limit in (4, 5, 6, 7):
        shown = _fitted(message, limit, "    ", 60)
        assert len(shown.splitlines()) <= limit
        assert "IndexError: index 2" in shown
        assert "likely mistake: b was used transposed." in shown
    # Where the code raised outlasts the call's input (see README).
    fewest = _fitted(message, 4, "    ", 60).splitlines()
    assert "IndexError" in fewest[0] and "exercises/dot.py" in fewest[2], fewest
    assert _fitted(message, 5, "    ", 60).splitlines()[0] == "    dot([[1, 2], …"


# dot's docstring example as a failure shows it: two arrays, by rows.
DOT_CALL = "dot([[1, 2], [3, 4], [5, 6]] (list), [[1, 2, 3], [4, 5, 6]] (list))"
DOT_BY_ARGUMENTS = [
    "dot([[1, 2],",
    "     [3, 4],",
    "     [5, 6]] (list),",
    "    [[1, 2, 3],",
    "     [4, 5, 6]] (list))",
]


@pytest.mark.parametrize("width", [60, 72])
def test_a_labelled_call_too_wide_goes_an_argument_to_a_row(width):
    from grader.render import wrapped_lines

    line = f"  call      {DOT_CALL}"
    rows = wrapped_lines(Text(line), width).plain.splitlines()

    assert rows == [
        " " * 12 + row if i else "  call      " + row
        for i, row in enumerate(DOT_BY_ARGUMENTS)
    ]


@pytest.mark.parametrize("label", ["  call      ", "      呼び出し  "])
def test_a_call_of_short_arguments_breaks_between_them_under_the_first(label):
    from grader import i18n
    from grader.render import wrapped_lines

    call = "train([[-1.0, 0.5]], [[0.0, 1.0]], n_hidden=3, lr=0.3, epochs=3, seed=1)"
    rows = wrapped_lines(Text(label + call), 60).plain.splitlines()

    margin = " " * (i18n.width(label) + len("train("))
    assert len(rows) == 2
    assert all(i18n.width(row) <= 60 for row in rows)
    # Each row ends after a whole argument, the next starting under the first.
    assert rows[0].startswith(f"{label}train([[-1.0, 0.5]], [[0.0, 1.0]],")
    assert rows[1].startswith(margin) and rows[1][len(margin)] != " "
    assert rows[0][len(label) :] + " " + rows[1].strip() == call


def test_a_call_too_wide_beside_its_label_goes_under_it_on_a_narrow_terminal():
    from grader.render import wrapped_lines

    line = "      call      cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0] (int64))"
    rows = wrapped_lines(Text(line), 40).plain.splitlines()

    assert rows == [
        "      call",
        "        cross_entropy([[0.25, 0.75],",
        "                       [0.5, 0.5]],",
        "                      [1, 0] (int64))",
    ]
    # Where the rows fit beside the label, they stay there.
    assert (
        wrapped_lines(Text(line), 60)
        .plain.splitlines()[0]
        .startswith("      call      cross_entropy([[0.25, 0.75],")
    )


@pytest.mark.parametrize("label", ["  call      ", "  呼び出し  "])
@pytest.mark.parametrize("start", ["np.dot(", "out = dot("])
def test_a_call_after_other_words_too_far_right_moves_under_its_label(label, start):
    from grader import i18n
    from grader.render import wrapped_lines

    # A dict laid out a key to a row, its call after other words than the
    # call's name: too far right at 28 columns to break between numbers.
    margin = " " * (i18n.width(label) + len(start))
    line = f"{label}{start}{{'w1': [1.0, 2.0, 3.0, 4.0],\n{margin}'b1': [1.0, 2.0]}})"
    rows = wrapped_lines(Text(line), 28).plain.splitlines()

    assert rows[:2] == [label.rstrip(), f"    {start}"]
    assert all(i18n.width(row) <= 28 for row in rows), rows
    assert "".join(row.strip() for row in rows[1:]).startswith(f"{start}{{'w1':")


def test_a_statement_that_starts_with_a_call_goes_an_argument_to_a_row():
    from grader.render import wrapped_lines

    line = f"{DOT_CALL} stopped at input(), to read from the keyboard."
    rows = wrapped_lines(Text(line), 60).plain.splitlines()

    assert rows[:5] == DOT_BY_ARGUMENTS
    # What follows the call does not hang under an argument.
    assert rows[5:] == ["  stopped at input(), to read from the keyboard."]


def test_a_call_by_rows_beside_expected_by_rows_goes_an_argument_to_a_row():
    message = (
        "The result has the wrong values.\n"
        f"  call      {DOT_CALL}\n"
        "  expected  [[9, 12, 15],\n"
        "             [19, 26, 33]]\n"
        "  actual    [[1, 2, 3],\n"
        "             [4, 5, 6]]"
    )
    lines = aligned(message).splitlines()

    call = [line[12:] for line in lines[1:6]]
    assert call == DOT_BY_ARGUMENTS
    assert lines[6].startswith("  expected  ")


# A call of dot on lists that came back wrong, and one that raised.
DOT_WRONG = (
    "The result has the wrong values.\n"
    f"  call      {DOT_CALL}\n"
    "  expected  [[9, 12, 15], [19, 26, 33], [29, 40, 51]] (int64)\n"
    "  actual    [[5.0, 14.0, 0.0], [11.0, 32.0, 0.0], [17.0, 50.0, 0.0]]\n"
    "  likely mistake: b was used transposed."
)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_keeps_each_arguments_first_row_before_values_lose_rows(language):
    from grader.watch import _fitted

    with i18n.speaking(language):
        whole = _fitted(aligned(DOT_WRONG), 99, "    ", 59).splitlines()
        for limit in range(len(whole) - 3, len(whole)):
            lines = _fitted(aligned(DOT_WRONG), limit, "    ", 59).splitlines()
            assert len(lines) <= limit
            # Both arguments are in sight, b by its first row at least,
            # and what was expected and what came back are whole.
            assert any("dot([[1, 2]," in line for line in lines)
            assert any(line.strip().startswith("[[1, 2, 3]") for line in lines)
            assert all(row in lines for row in whole[-7:])


@pytest.mark.parametrize("language", ["en", "ja"])
def test_expected_and_actual_give_way_alike_row_for_row(language):
    from grader.watch import _fitted

    message = aligned(BACKPROP_WRONG)
    with i18n.speaking(language):
        for limit in range(6, 14):
            lines = _fitted(message, limit, "    ", 59).splitlines()
            # The parts but the statement start 6 columns in: the call,
            # what was expected, what came back, the likely mistake.
            starts = [i for i, line in enumerate(lines) if PART_START.match(line)]
            _call, expected, actual = (b - a for a, b in itertools.pairwise(starts))
            assert actual == expected, (limit, lines)
            assert lines[-1].endswith("dz1 = dh * h * (1 - h).") or language == "ja"


PART_START = re.compile(r" {6}\S")
BACKPROP_WRONG = """\
The gradient for w1 is not the derivative of the loss with respect to w1.
  call      backward({'w1': [[0.02, 0.9, -0.71],
                             [0.9, -0.38, -0.15]],
                      'b2': [-0.44, -0.03]},
                     [[1.92, 1.85, 0.9, 0.16]],
                     [[1.0, 0.0]])
  expected  [[-0.0617, -0.0468, 0.0865],
             [-0.0595, -0.0451, 0.0834],
             [-0.0289, -0.0219, 0.0406],
             [-0.0051, -0.0039, 0.0072]]
  actual    [[-0.5098, -0.3186, 0.7807],
             [-0.4912, -0.307, 0.7522],
             [-0.239, -0.1494, 0.3659],
             [-0.0425, -0.0266, 0.0651]]
  likely mistake: the slope of the sigmoid is missing: dz1 = dh * h * (1 - h)."""


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_a_failed_tests_name_breaks_only_at_an_underscore(columns):
    from grader.render import failed_line

    name = "test_gradients_match_central_differences_for_one_hot_targets"
    rows = failed_line("✗", name, columns - 1).plain.splitlines()

    assert "".join(row.lstrip() for row in rows) == f"✗ {name}"
    assert all(row.endswith("_") for row in rows[:-1])
    assert all(i18n.width(row) < columns for row in rows)
    # With no underscore to break at, the name runs on whole.
    assert failed_line("✗", "test_" + "x" * 70, 59).plain.splitlines()[1:] == [
        "  " + "x" * 70
    ]


def test_the_summary_breaks_a_long_test_name_at_an_underscore(watch_screen):
    name = "test_gradients_match_central_differences_for_one_hot_targets"
    runs = {
        e.name: ExerciseRun(e.name, [failed(name, UNNAMED)] if i == 7 else [PASSED])
        for i, e in enumerate(EXERCISES[:8])
    }
    rows = watch_screen(runs, (60, 40), SUMMARY)

    start = next(i for i, row in enumerate(rows) if row.startswith("✗ test_"))
    assert rows[start : start + 2] == [
        "✗ test_gradients_match_central_",
        "  differences_for_one_hot_targets",
    ]


# TWO_GENERATORS, forward's init_params with w1 and w2 from two generators:
# what came back takes nine rows.
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_count_of_other_failing_tests_outlasts_what_came_backs_later_rows(
    watch_screen, language
):
    tests = [
        failed("test_w2_does_not_repeat_the_draws_of_w1", TWO_GENERATORS),
        *(failed(f"test_other_{i}", UNNAMED) for i in range(2)),
    ]
    runs = {
        e.name: ExerciseRun(e.name, tests if e.name == "forward" else [PASSED])
        for e in EXERCISES[:6]
    }
    for height in range(18, 30):
        with i18n.speaking(language):
            rows = watch_screen(runs, (80, height), EXERCISE)
        screen = "\n".join(rows)
        whole = "[-0.2325, -0.0219, -0.1246]]" in screen
        assert OTHERS_FAILING[language] in screen or not whole, height
    assert OTHERS_FAILING[language] in screen


def test_without_prose_only_values_are_laid_out():
    from grader.render import wrapped_lines

    statement = "The result is wrong: " + "a word " * 20
    raised = f"{DOT_CALL} raised IndexError: index 2 is out of bounds for axis 0"
    text = f"{statement}\n{raised}"
    rows = wrapped_lines(Text(text), 40, prose=False).plain.splitlines()

    # The sentences stay whole, for a reader that wraps them itself; the
    # call still goes an argument to a row.
    assert rows[0] == statement
    assert rows[1:6] == [*DOT_BY_ARGUMENTS[:-1], DOT_BY_ARGUMENTS[-1] + " raised"]
    assert rows[6:] == ["  IndexError: index 2 is out of bounds for axis 0"]


def test_a_call_that_raised_keeps_each_arguments_first_row_before_where_gives_way():
    from grader.watch import _fitted

    message = (
        RAISED.format(words="raised").strip()
        + "\n  where     exercises/dot.py, line 47: out[i, j] += a[i, q] * b[j, q]"
        + "\n  likely mistake: b was used transposed."
    )
    lines = _fitted(message, 6, "    ", 60).splitlines()

    # b's first row, then the words that say the call raised, stay while
    # where gives up its later row.
    assert lines[:2] == ["    dot([[1, 2], …", "        [[1, 2, 3], …) raised"]
    assert lines[-2].startswith("      where     exercises/dot.py, line 47:")
    assert lines[-1] == "      likely mistake: b was used transposed."


LOSS_RAISED = """loss(...) raised IndexError: index 1 is out of bounds for axis 0
  call      loss({'w1': [[0.0126, -0.0132, 0.064, 0.0105, -0.0536],
                         [0.0362, 0.1304, 0.0947, -0.0704, -0.1265]],
                  'b1': [0.0, 0.0, 0.0, 0.0, 0.0]},
                 [[0.0, 0.0, 0.0, 0.0],
                  [0.0, 0.0, 0.0, 0.0]],
                 [0, 2] (int64))
  where     exercises/forward.py, line 93: return cross_entropy(t, forward(params, x))
  likely mistake: the error comes from inside cross_entropy, which runs here as a \
trusted copy, not your exercises/cross_entropy.py: check the arguments your line \
passes to it, and their order: cross_entropy(y, t)."""


@pytest.mark.parametrize("limit", [9, 10])
def test_where_a_call_raised_outlasts_the_call_itself(limit):
    from grader.watch import _fitted

    lines = _fitted(LOSS_RAISED, limit, "    ", 60).splitlines()

    # The statement names the call; the line that raised, which the likely
    # mistake speaks of, keeps its code in sight.
    assert not any("call" in line for line in lines), lines
    assert "return cross_entropy(t," in "\n".join(lines), lines
    assert len(lines) <= limit


def _loss_runs() -> dict:
    """The exercises before forward done, forward's loss raising inside
    cross_entropy (LOSS_RAISED)."""
    runs = {e.name: ExerciseRun(e.name, [PASSED]) for e in EXERCISES[:5]}
    test = failed("test_loss_gives_the_docstring_example", LOSS_RAISED)
    runs["forward"] = ExerciseRun("forward", [test])
    return runs


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_screen_that_hides_the_likely_mistake_says_so(watch_screen, language):
    label = {"en": "likely mistake:", "ja": "考えられる間違い:"}[language]
    where = {"en": "where ", "ja": "場所 "}[language]
    for columns, height in itertools.product((40, 50), range(12, 26)):
        with i18n.speaking(language):
            rows = watch_screen(_loss_runs(), (columns, height), EXERCISE)
        screen = "\n".join(rows)
        if label not in screen:
            assert any(row.startswith("[") for row in rows), (height, rows)
        # The call's input goes before where the call raised.
        assert "call " not in screen or where in screen, (height, rows)


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("columns", [40, 60])
def test_a_hint_filled_as_a_paragraph_indents_its_later_lines(
    watch_screen, language, columns
):
    def asked(watch) -> None:
        watch.hint = watch.hint_text(watch.focus, 1)
        watch.hints_asked.add(watch.focus.name)

    start, keys = {"en": ("Hint 1 of 4: ", "keys:"), "ja": ("ヒント 1/4: ", "キー:")}[
        language
    ]
    with i18n.speaking(language):
        rows = watch_screen(_loss_runs(), (columns, 60), EXERCISE, asked)
    first = next(i for i, row in enumerate(rows) if row.startswith(start))
    end = next(i for i, row in enumerate(rows) if row.startswith(keys))
    later = [row for row in rows[first + 1 : end] if row]

    # As a likely mistake's are under its label: read as one paragraph.
    assert later, rows
    assert all(row.startswith("  ") and row[2] != " " for row in later), later


BIAS_MADE_A_COLUMN = (
    "forward must work for x (2, 4), with w1 (4, 5), b1 (5,), w2 (5, 3) and "
    "b2 (3,).\n"
    + FORWARD_CALL
    + """  actual    raised ValueError: operands could not be broadcast together
  where     exercises/forward.py, line 25: h = sigmoid(x @ params["w1"] + params["b1"])
  likely mistake: b1 was made a column (H, 1): a bias is (H,)."""
)


def test_a_shortened_input_keeps_the_entry_the_likely_mistake_names():
    from grader.watch import _fitted

    # The code where it went wrong names w1 first; the mistake is about b1.
    shown = _fitted(BIAS_MADE_A_COLUMN, 12, "    ", 79)

    assert "b1 = [0.0, 0.0, 0.0, 0.0, 0.0]" in shown
    # Every argument keeps its first row, those that lost rows ended by "…".
    for name in ("x ", "w1", "b1", "w2", "b2"):
        assert f"  {name} = [" in shown, name
    assert "…" in shown


@pytest.mark.parametrize("height", [20, 24])
def test_a_call_that_raised_keeps_each_arguments_first_row_on_the_screen(
    watch_screen, height
):
    runs = _forward_runs(others=0)
    test = failed("test_forward_gives_the_docstring_example", BIAS_MADE_A_COLUMN)
    runs["forward"] = ExerciseRun("forward", [test])

    rows = watch_screen(runs, (80, height), EXERCISE)

    entry = re.compile(r" +(x |w1|b1|w2|b2) = \[")
    names = [entry.match(row).group(1) for row in rows if entry.match(row)]
    assert names == ["x ", "w1", "b1", "w2", "b2"], rows
    assert not any("more lines]" in row for row in rows), rows


def test_a_long_name_in_the_list_of_other_failures_breaks_after_an_underscore():
    from grader.render import names_broken

    row = "  test_one_hot_rejects_labels_outside_the_classes[negative-array],"

    assert names_broken(row, 59, "  ") == [
        "  test_one_hot_rejects_labels_outside_",
        "  the_classes[negative-array],",
    ]
    # The mark that closes the name stays with it, on the row that fits.
    row = "  test_one_hot_rejects_a_bad_label_wherever_it_is。"
    assert names_broken(row, 49, "  ") == [
        "  test_one_hot_rejects_a_",
        "  bad_label_wherever_it_is。",
    ]


SIGMOID_WHERE = (
    "      where     exercises/sigmoid.py, line 30: return np.where(x >= 0, "
    "1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))"
)
NOTEBOOK_WHERE = (
    "      where     cross_entropy from the notebook, cell [6], line 1: "
    "def cross_entropy(y, t): return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]"
)


def test_the_code_of_a_where_line_goes_whole_under_the_value_when_it_fits():
    from grader.render import wrapped_lines

    rows = wrapped_lines(Text(NOTEBOOK_WHERE), 79).plain.split("\n")

    assert rows == [
        "      where     cross_entropy from the notebook, cell [6], line 1:",
        "                def cross_entropy(y, t):",
        "                    return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]",
    ]


def test_the_code_of_a_where_line_breaks_between_arguments_not_after_return():
    from grader.render import wrapped_lines

    rows = wrapped_lines(Text(SIGMOID_WHERE), 79).plain.split("\n")

    assert rows == [
        "      where     exercises/sigmoid.py, line 30:",
        "                return np.where(x >= 0, 1 / (1 + np.exp(-x)),",
        "                    np.exp(x) / (1 + np.exp(x)))",
    ]
    with i18n.speaking("ja"):
        translated = i18n.failure(SIGMOID_WHERE[4:])
        rows = wrapped_lines(Text("    " + translated), 59).plain.split("\n")
    assert rows[0].endswith("行目:"), rows
    assert rows[1].strip().startswith("return np.where(x >= 0,"), rows


DOT_WHERE = (
    "      where     exercises/dot.py, line 44: "
    'raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")'
)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_code_of_a_where_line_keeps_raise_with_its_call_and_strings_whole(
    language,
):
    from grader.render import wrapped_lines

    with i18n.speaking(language):
        translated = "    " + i18n.failure(DOT_WHERE[4:])
        rows = wrapped_lines(Text(translated), 79).plain.split("\n")

    assert rows[1:] == [
        "                raise ValueError(",
        '                    f"cannot multiply shapes {a.shape} and {b.shape}")',
    ]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_likely_mistake_hangs_under_its_label_while_50_columns_are_left(language):
    from grader.render import wrapped_lines

    line = (
        "      likely mistake: -1 is not the last class: NumPy's negative "
        "indexing wraps negative labels around to the end, so a label of -1 "
        "picks the last column."
    )
    with i18n.speaking(language):
        line = "      " + i18n.failure(line[4:]).lstrip(" ")
        label = len(line) - len(line.split(": ", 1)[1])
        label = i18n.width(line[:label])
        hung = wrapped_lines(Text(line), 79).plain.split("\n")
        filled = wrapped_lines(Text(line), 59).plain.split("\n")

    assert all(row.startswith(" " * label) for row in hung[1:]), hung
    assert len(hung) > 1
    # Fewer than 50 columns beside the label (as the watch's): one
    # paragraph, its later rows two columns in from the label, as the
    # watch fills it, not a ragged column down the right.
    assert filled[0].startswith(line[: label + 3])
    assert all(row.startswith(" " * 8) and row[8] != " " for row in filled[1:])


def test_a_line_of_code_too_wide_is_not_cut_after_a_lone_keyword():
    code = 'return softmax(h @ params["w2"].T + params["b2"])'

    rows = code_rows(code, 34)

    assert rows == ['return softmax(h @ params["w2"].T', '    + params["b2"])']
    # A statement's end is still the best place, however short the row.
    assert code_rows("def f(x): return np.where(x >= 0, 1, 0) + 1", 30)[0] == (
        "def f(x):"
    )


def test_a_line_a_time_limit_stopped_keeps_its_code_whole_on_a_row_of_its_own():
    message = (
        "sgd_update(...) did not finish within the time limit of 30 s.\n"
        "  stopped at line 34 in test_sgd_update_changes_the_arrays: while True:"
    )

    rows = wrapped_lines(Text(message), 62).plain.split("\n")

    assert rows[-2:] == [
        "  stopped at line 34 in test_sgd_update_changes_the_arrays:",
        "    while True:",
    ]


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize(
    "test",
    [
        "test_train_lowers_the_loss_of_a_separable_problem",
        "test_" + "a" * 58,
        # A parametrized test's name ends in its case's id.
        "test_training_classifies_80_percent_of_unseen_flowers[0]",
    ],
)
def test_the_code_of_a_stopped_line_stands_at_one_column_however_its_place_broke(
    language, test
):
    message = (
        "train(...) did not finish within the time limit of 30 s.\n"
        f"  stopped at line 52 in {test}: while True:\n"
        "  line 53: for x in batches:"
    )

    with i18n.speaking(language):
        text = i18n.failure(message)
        rows = wrapped_lines(Text(text), 79).plain.split("\n")

    code = [row for row in rows if row.strip() == "while True:"]
    assert code == ["    while True:"], rows


def test_a_test_name_too_long_for_a_row_breaks_after_an_underscore():
    message = (
        "f(...) did not finish. This happened in both tests that were running: "
        "test_a and test_gradient_matches_the_derivative_for_arrays_of_any_shape.\n"
        "  stopped at line 48 in "
        "test_gradient_matches_the_derivative_for_arrays_of_any_shape: fm = f(x)"
    )

    rows = wrapped_lines(Text(message), 50).plain.split("\n")

    assert all(i18n.width(row) <= 50 for row in rows), rows
    # Each part of the name under the first word of its row.
    assert rows[2:4] == [
        "test_gradient_matches_the_",
        "derivative_for_arrays_of_any_shape.",
    ]
    # What follows the name goes on from its last part, on its row.
    assert rows[-2:] == [
        "  test_gradient_matches_the_derivative_for_arrays_",
        "  of_any_shape: fm = f(x)",
    ]


def test_a_relative_import_never_starts_a_row_with_its_dot():
    text = (
        "a typo? There is no exercise named onehot; Write from .one_hot import one_hot."
    )

    for columns in range(20, 80):
        rows = i18n.fill(text, columns).splitlines()
        assert not any(row.startswith(".") for row in rows), rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_import_to_write_stays_whole_beside_its_sentences_end(language):
    from tests.harness import module_mistake

    error = ModuleNotFoundError("No module named 'one_hot'")
    with i18n.speaking(language):
        mistake = i18n.failure(f"  likely mistake: {module_mistake(error)}")
    code = "`from .one_hot import one_hot`"

    assert code in mistake, mistake
    for columns in range(40, 101):
        rows = wrapped_lines(Text(mistake), columns).plain.splitlines()
        # Quoted: the sentence's period stands apart from the code, and
        # the code is never broken.
        assert any(code in row for row in rows), (columns, rows)


IN_PLACE_AT_LINE = (
    "softmax changed its argument x in place.\n"
    "  before  [[1.0, 1.0], [0.0, 1.0986]]\n"
    "  after   [[0.0, 0.0], [-1.0986, 0.0]]\n"
    "  where   exercises/softmax.py, line 8: "
    "x -= np.max(x, axis=-1, keepdims=True)\n"
    "  likely mistake: x itself was changed: an in-place operator (x -= ..., "
    "x /= ...), a slice assignment (x[...] = ...) or out=x in a NumPy call. "
    "Work on a new array instead: x = x - ..., or np.clip and the like "
    "without out=."
)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_learners_line_of_code_outlasts_the_general_advice(watch_screen, language):
    runs = done_runs()
    tests = [failed("test_softmax_in_place", IN_PLACE_AT_LINE)] * 18
    runs["softmax"] = ExerciseRun("softmax", [*tests, PASSED, PASSED])
    code = "x -= np.max(x, axis=-1, keepdims=True)"
    label = {"en": "likely mistake:", "ja": "考えられる間違い:"}[language]
    for height in range(14, 22):
        with i18n.speaking(language):
            rows = watch_screen(runs, (60, height), EXERCISE)
        screen = "\n".join(rows)
        # The code on its row under the file and line, and the mistake's
        # first words, however many of its later rows gave way.
        assert any(row.strip() == code for row in rows), (height, rows)
        assert label in screen, (height, rows)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_list_cut_short_keeps_the_rows_of_what_is_left_and_of_the_focus(
    watch_screen, language
):
    failing = done_runs()
    failing["backprop"] = ExerciseRun("backprop", [failed("test_b", UNNAMED)])

    def on_train(watch) -> None:
        watch.focus = watch.project.find("train")

    for height in (9, 10, 11, 12, 13):
        with i18n.speaking(language):
            rows = watch_screen(failing, (40, height), LISTING)
            shown = watch_screen(done_runs(), (40, height), LISTING, on_train)
        # Rows gave way, but not the one of the exercise not done, nor, when
        # all are, the one of the exercise the watch shows.
        names = [row.split()[1] for row in _table_rows(rows)]
        assert 0 < len(names) < len(EXERCISES) and "backprop" in names, rows
        names = [row.split()[1] for row in _table_rows(shown)]
        assert 0 < len(names) < len(EXERCISES) and "train" in names, shown


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_hint_just_asked_for_takes_the_blank_row_before_it_is_cut(
    watch_screen, language
):
    def hinted(watch) -> None:
        watch.hint = watch.hint_text(watch.project.find("softmax"), 2)
        watch.hints_asked.add("softmax")
        watch.say("hint for {name}", name="softmax")

    runs = done_runs()
    runs["softmax"] = ExerciseRun("softmax", [failed("test_shift", SHIFT_MISSING)])
    with i18n.speaking(language):
        rows = watch_screen(runs, (40, 12), EXERCISE, hinted)
        roomy = watch_screen(runs, (40, 40), EXERCISE, hinted)
    # One row short of the hint whole: the blank row under the top line
    # gives it that row, rather than the hint being cut.
    assert rows[1].startswith("3. softmax"), rows
    assert rows[-3].endswith(("keepdims=True).", "keepdims=True))。")), rows
    assert not any(row.endswith("…") for row in rows), rows
    # With room for the whole failure beside the hint, the blank row stays.
    assert roomy[1] == "", roomy


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_save_on_a_narrow_terminal_is_said_in_one_row_of_the_top_line(
    watch_screen, language
):
    def saved(watch) -> None:
        watch.save_events = watch.saved_events(["softmax"], 0.13, shown=True)
        watch.event = watch.save_event = watch.save_events[0]

    runs = done_runs()
    runs["softmax"] = ExerciseRun("softmax", [failed("test_shift", SHIFT_MISSING)])
    with i18n.speaking(language):
        rows = watch_screen(runs, (40, 12), EXERCISE, saved)
    # The exercise's line names the file: the top line needs not, and
    # the failure keeps the row, every row of the screen used.
    assert rows[0].startswith("nn-kata watch:") and rows[1] == "", rows
    assert rows[2].startswith("3. softmax") and len(rows) == 11, rows


REBINDS = (
    "params['w'] must stay the same array object, updated in place, so that "
    "whoever holds it sees the step.\n"
    "  call      sgd_update({'w': [1.0, 2.0]}, {'w': [10.0, -10.0]}, 0.1)\n"
    "  expected  the array params['w'] held before the call\n"
    "  actual    a new ndarray\n"
    "  likely mistake: params['w'] = params['w'] - ... binds a new array and "
    "leaves the old one as it was. Update the array itself: "
    "params['w'] -= lr * grads['w']."
)


def test_the_count_of_other_failing_tests_said_short_fills_a_row_left_empty(
    watch_screen,
):
    runs = done_runs()
    others = [failed(f"test_other_{i}", UNNAMED) for i in range(3)]
    runs["sgd"] = ExerciseRun("sgd", [failed("test_sgd_rebinds", REBINDS), *others])
    with i18n.speaking("ja"):
        rows = watch_screen(runs, (60, 20), EXERCISE)
        count = _("{count} more failing.", count=len(others))
    # The whole line, with its command, takes three rows in Japanese: said
    # short, the count takes the one row the whole failure leaves.
    assert count in rows and not any("check sgd" in row for row in rows), rows
    assert len(rows) == 19, rows


def _saved_two(watch) -> None:
    """Make `watch` show softmax failing after a save of two other files."""
    watch.focus = watch.project.find("softmax")
    watch.save_events = watch.saved_events(["cross_entropy", "backprop"], 0.43)
    watch.event = watch.save_event = watch.save_events[0]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_save_of_two_files_is_said_in_one_row_at_40_columns_and_at_60(
    watch_screen, language
):
    runs = done_runs()
    runs["softmax"] = ExerciseRun("softmax", [failed("test_shift", SHIFT_MISSING)])
    with i18n.speaking(language):
        narrow = watch_screen(runs, (40, 12), EXERCISE, _saved_two)
        wide = watch_screen(runs, (60, 20), EXERCISE, _saved_two)
        counted = _("{done} of {total} done ({event})", done=9, total=10, event="")
    assert narrow[1] == "" and wide[1] == "", (narrow, wide)
    # At 40 columns, the count alone, without the watch's name, fits a row.
    assert narrow[0].startswith(counted[: counted.index("(")]), narrow
    # What the failure lost is said, with what shows it.
    assert any("check softmax" in row for row in narrow), narrow
    # No brackets within the top line's brackets.
    assert "ファイル(" not in "".join(narrow + wide)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_save_said_in_one_row_says_it_was_graded_where_that_fits(
    watch_screen, language
):
    def saved(watch) -> None:
        watch.save_events = watch.saved_events([name], 0.13, shown=True)
        watch.event = watch.save_event = watch.save_events[0]

    name = "numerical_gradient"
    runs = done_runs()
    runs[name] = ExerciseRun(name, [failed("test_shift", UNNAMED)])
    with i18n.speaking(language):
        rows = watch_screen(runs, (60, 20), EXERCISE, saved)
        graded = _("saved and graded")
    # Too long with the file's name in one row, not so without.
    assert rows[1] == "", rows
    assert f"{name}.py" in rows[0] or graded in rows[0], rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_all_done_at_80x24_keeps_what_next_over_the_table_when_code_printed(
    watch_screen, language
):
    words = DONE_WORDS[language]
    with i18n.speaking(language):
        rows = watch_screen(done_runs(), (80, 24), SUMMARY)

    screen = "\n".join(rows)
    assert words["next"] in screen, rows
    assert all(_whole_or_gone(screen, *item) for item in words["items"]), rows
    assert all(item[0] in screen for item in words["items"]), rows
    # The table's first rows fill the rows What next leaves, none blank.
    names = [m[2] for row in rows if (m := TABLE_ROW.match(row)) and m[2] in NAMES]
    assert names and names == [e.name for e in EXERCISES][: len(names)], rows
    counted = [m[1] for row in rows if (m := words["rows"].fullmatch(row))]
    assert counted == [str(10 - len(names))] and len(rows) == 23, rows


# A mistake that raised in some tests, the exception given as the call's
# "actual" value, and gave a wrong value in the one shown.
RAISED_AS_ACTUAL = (
    "cross_entropy must accept one-hot t.\n"
    "  call      cross_entropy([[0.5, 0.5]], [[0, 1]])\n"
    "  expected  a single number\n"
    "  actual    raised IndexError: shape mismatch\n"
    "  where     exercises/cross_entropy.py, line 44: return y[t]\n" + TRANSPOSED
)


def test_the_others_say_what_they_raised_and_at_which_line_of_the_exercise():
    tests = [
        failed("test_a", f"{UNNAMED}\n{TRANSPOSED}"),
        failed("test_b", RAISED_AS_ACTUAL),
        failed("test_c", RAISED_AS_ACTUAL.replace("cross_entropy.py", "one_hot.py")),
    ]

    text = " ".join(check(tests, "cross_entropy").split())

    assert "test_b (raised IndexError at line 44)" in text
    assert "test_c (raised IndexError at exercises/one_hot.py, line 44)" in text
    with i18n.speaking("ja"):
        text = "".join(check(tests, "cross_entropy").split())
        assert "test_b(44行目でIndexErrorを送出)" in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_explored_status_line_too_wide_leaves_no_word_alone(lang):
    with i18n.speaking(lang):
        shown, status = _status_lines(
            _Terminal(), ["softmax"], limit=300, tests=lambda: (10, 20), width=80
        )
        status.exploring = True
        line = status.line(13)
    rows = [
        row.strip() for row in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown).splitlines()
    ]
    rows = [row for row in rows if row]
    broken = aside_broken(line, 69).split("\n")

    assert len(broken) == 2 and broken[1].startswith("(")
    assert all(len(row.split()) > 1 for row in rows if lang == "en")
    assert all(i18n.width(row) <= 69 for row in broken)


# Code with no place to break that fits: a string longer than a row.
DOT_WIDE_WHERE = (
    "      where     exercises/dot.py, line 42: raise ValueError("
    'f"cannot multiply shapes {a.shape} and {b.shape} because the inner '
    'dimensions differ")'
)
DOT_WIDE_PLACE = {
    "en": "exercises/dot.py, line 42:",
    "ja": "exercises/dot.py の 42 行目:",
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_code_of_a_where_line_too_wide_to_break_is_cut_at_the_width(language):
    from grader.render import wrapped_lines

    with i18n.speaking(language):
        translated = "    " + i18n.failure(DOT_WIDE_WHERE[4:])
        rows = wrapped_lines(Text(translated), 59).plain.split("\n")

    # The place whole, which says where to read the rest of the line.
    assert rows[0].endswith(" " + DOT_WIDE_PLACE[language]), rows
    assert rows[1:] == [
        "                raise ValueError(",
        '                    f"cannot multiply shapes {a.shape} and…',
    ]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_check_cuts_a_where_lines_code_at_the_terminals_width(language):
    message = (
        "dot([[1, 2], [3, 4]], [[1, 2], [3, 4]]) raised ValueError: cannot "
        "multiply shapes (2, 2) and (2, 2) because the inner dimensions differ\n"
        + DOT_WIDE_WHERE[4:]
    )
    grade = book([failed("test_dot_gives_the_docstring_example", message)]).grades[0]
    out = _Terminal()
    screen = Screen(out, io.StringIO())
    screen.out.width = 60
    with i18n.speaking(language):
        screen.check(grade, "exercises", "kata")
    rows = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue()).split("\n")

    assert all(i18n.width(row) < 60 for row in rows), rows
    assert any(row.endswith(DOT_WIDE_PLACE[language]) for row in rows), rows
    assert any(row.endswith("…") for row in rows), rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_cuts_a_where_lines_code_at_the_screens_width(watch_screen, language):
    message = (
        "dot([[1, 2], [3, 4]], [[1, 2], [3, 4]]) raised ValueError: cannot "
        "multiply shapes (2, 2) and (2, 2)\n" + DOT_WIDE_WHERE[4:]
    )
    runs = {e.name: ExerciseRun(e.name, [PASSED]) for e in EXERCISES}
    test = failed("test_dot_gives_the_docstring_example", message)
    runs["dot"] = ExerciseRun("dot", [test])

    with i18n.speaking(language):
        rows = watch_screen(runs, (60, 40), EXERCISE)

    # watch_screen finds every row narrower than the screen.
    assert any(row.endswith(DOT_WIDE_PLACE[language]) for row in rows), rows
    assert any(row.endswith("…") for row in rows), rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_breaks_a_where_lines_code_before_or_not_inside_a_call(
    watch_screen, language
):
    message = (
        "cross_entropy([0.125, 0.25, 0.625], 2) raised AttributeError: 'int' "
        "object has no attribute 'ndim'\n  where     exercises/cross_entropy.py, "
        "line 7: if t.ndim == 1 and y.ndim == 2 or len(t) == 0:"
    )
    runs = {e.name: ExerciseRun(e.name, [PASSED]) for e in EXERCISES}
    test = failed("test_one_sample_takes_a_plain_int_label", message)
    runs["cross_entropy"] = ExerciseRun("cross_entropy", [test])

    with i18n.speaking(language):
        rows = [row.strip() for row in watch_screen(runs, (60, 24), EXERCISE)]

    start = rows.index("if t.ndim == 1 and y.ndim == 2")
    assert rows[start + 1] == "or len(t) == 0:", rows


# A time limit that stopped a while loop whose condition is too long for a
# row: its code breaks before "or" and "and", as a where line's does.
STOPPED_CONDITION = runner._Stop(
    "exercises/dot.py was still running after 30 s",
    runner.LOOP_GUESS,
    ("test_dot_gives_the_docstring_example",),
    lines=((52, "while epoch < epochs and loss > tolerance or not stopped(history):"),),
    stopped=(52,),
    loops=((52, 53),),
)
STOPPED_ROWS = {
    60: ["while epoch < epochs and loss > tolerance", "or not stopped(history):"],
    40: ["while epoch < epochs", "and loss > tolerance", "or not stopped(history):"],
}


def stopped_in_a_condition() -> dict[str, ExerciseRun]:
    """The runs of every exercise, done but dot, which its time limit
    stopped in the loop of `STOPPED_CONDITION`."""
    runs = {e.name: ExerciseRun(e.name, [PASSED]) for e in EXERCISES}
    test = failed(
        "test_dot_gives_the_docstring_example",
        STOPPED_CONDITION.blame(),
        kind="timeout",
    )
    runs["dot"] = ExerciseRun(
        "dot",
        [test],
        STOPPED_CONDITION.error(),
        timed_out=True,
        stopped_at_limit=True,
    )
    return runs


def code_stopped(rows: list[str]) -> list[str]:
    """The rows of the stopped line's code, from the row it starts on."""
    rows = [row.strip() for row in rows]
    start = next(i for i, row in enumerate(rows) if row.startswith("while epoch"))
    return rows[start : start + 3]


@pytest.mark.parametrize("width", STOPPED_ROWS)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_check_breaks_a_stopped_lines_code_before_or_as_a_where_line(language, width):
    run = stopped_in_a_condition()["dot"]
    grade = replace(book(run.tests).grades[0], run=run)
    out = _Terminal()
    screen = Screen(out, io.StringIO())
    screen.out.width = width
    with i18n.speaking(language):
        screen.check(grade, "exercises", "kata")
    rows = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue()).split("\n")

    assert code_stopped(rows)[: len(STOPPED_ROWS[width])] == STOPPED_ROWS[width]


@pytest.mark.parametrize("width", STOPPED_ROWS)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_breaks_a_stopped_lines_code_before_or_as_a_where_line(
    watch_screen, language, width
):
    with i18n.speaking(language):
        rows = watch_screen(stopped_in_a_condition(), (width, 40), EXERCISE)

    assert code_stopped(rows)[: len(STOPPED_ROWS[width])] == STOPPED_ROWS[width]


def test_a_stopped_lines_code_with_no_place_a_where_line_breaks_at_breaks_at_a_space():
    message = (
        "train(...) did not finish within the time limit of 30 s.\n"
        "  stopped at line 52: total = total + gradient_of_the_loss * rate_of_learning"
    )

    rows = wrapped_lines(Text(message), 50).plain.split("\n")

    # Not run on past the row's end, nor cut short: the whole line shows.
    assert rows[-2:] == [
        "    total = total + gradient_of_the_loss *",
        "        rate_of_learning",
    ]


# The rows of where lines as `_where_broken` lays them out, pinned: the
# places their code breaks at are found as a doc's examples' are.
WHERE_LAYOUTS = [
    (
        "if t.ndim == 1 and y.ndim == 2 or len(t) == 0:",
        50,
        [
            "  where     exercises/x.py, line 7:",
            "            if t.ndim == 1 and y.ndim == 2",
            "                or len(t) == 0:",
        ],
    ),
    (
        "if t.ndim == 1 and y.ndim == 2 or len(t) == 0:",
        36,
        [
            "  where     exercises/x.py, line 7:",
            "            if t.ndim == 1",
            "                and y.ndim == 2",
            "                or len(t) == 0:",
        ],
    ),
    (
        "return y if y.ndim == 2 and len(t) else np.where(t > 0, y, 0)",
        44,
        [
            "  where     exercises/x.py, line 7:",
            "            return y",
            "                if y.ndim == 2 and len(t)",
            "                else np.where(t > 0, y, 0)",
        ],
    ),
    (
        "return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))",
        50,
        [
            "  where     exercises/x.py, line 7:",
            "            return np.where(x >= 0,",
            "                1 / (1 + np.exp(-x)),",
            "                np.exp(x) / (1 + np.exp(x)))",
        ],
    ),
    (
        "def f(x): return np.where(x > 0, x, 0.01 * x); y = f(x)",
        44,
        [
            "  where     exercises/x.py, line 7:",
            "            def f(x):",
            "                return np.where(x > 0, x,",
            "                0.01 * x); y = f(x)",
        ],
    ),
    (
        "return -np.log(probs[np.arange(len(labels)), labels] + 1e-7).mean()",
        40,
        [
            "  where     exercises/x.py, line 7:",
            "            return -np.log(",
            "                probs[np.arange(",
            "                len(labels)),",
            "                labels] + 1e-7).mean()",
        ],
    ),
    (
        "total = np.zeros_like(params[key]) + np.ones(()) * float(np.size(t))",
        36,
        [
            "  where     exercises/x.py, line 7:",
            "            total = np.zeros_like(",
            "                params[",
            "                key]) + np.ones(",
            "                ()) * float(",
            "                np.size(t))",
        ],
    ),
    (
        "lr * grads[key], out=params[key]), np.clip(x, -1, 1)",
        30,
        [
            "  where     exercises/x.py,",
            "            line 7:",
            "            lr * grads[key],",
            "                out=params[",
            "                key]),",
            "                np.clip(x, -1,",
            "                1)",
        ],
    ),
]
# The rows of doctest statements and signatures, pinned likewise.
EXAMPLE_LAYOUTS = [
    (
        ">>> softmax(np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]))",
        40,
        [
            "    >>> softmax(",
            "    ...     np.array([[1.0, 2.0, 3.0],",
            "    ...               [1.0, 1.0, 1.0]]))",
        ],
    ),
    (
        ">>> cross_entropy(np.array([[0.1, 0.7, 0.2]]), np.array([1]))",
        30,
        [
            "    >>> cross_entropy(",
            "    ...     np.array(",
            "    ...         [[0.1, 0.7,",
            "    ...           0.2]]),",
            "    ...     np.array([1]))",
        ],
    ),
    (
        ">>> a, b = np.array([1.0, 2.0]), np.array([3.0, 4.0])",
        30,
        [
            "    >>> a, b = np.array(",
            "    ...     [1.0, 2.0]), \\",
            "    ...     np.array(",
            "    ...         [3.0, 4.0])",
        ],
    ),
    (
        ">>> losses[-1] < losses[0], params['w1'].shape, one_hot(t, 3)[0]",
        30,
        ["    >>> losses[-1] < losses[0], params['w1'].shape, one_hot(t, 3)[0]"],
    ),
    (
        ">>> f(g(), h([1, 2], {'k': (3, 4)}), x)  # a call inside a call",
        24,
        [
            "    >>> # a call inside",
            "    >>> # a call",
            "    >>> f(g(),",
            "    ...   h([1, 2],",
            "    ...     {'k': (",
            "    ...         3, 4)}),",
            "    ...   x)",
        ],
    ),
]
SIGNATURE_LAYOUTS = [
    (
        "train(x, t, n_hidden=10, epochs=500, lr=0.5, seed=0, batch_size=None)",
        30,
        [
            "train(x, t, n_hidden=10,",
            "      epochs=500, lr=0.5,",
            "      seed=0, batch_size=None)",
        ],
    ),
    (
        "numerical_gradient(f, params, eps=1e-5, keys=('w1', 'b1'))",
        24,
        ["numerical_gradient(", "    f, params, eps=1e-5,", "    keys=('w1', 'b1'))"],
    ),
]


@pytest.mark.parametrize("code, width, rows", WHERE_LAYOUTS)
def test_a_where_lines_code_breaks_after_arguments_and_brackets(code, width, rows):
    from grader.render import wrapped_lines

    line = f"  where     exercises/x.py, line 7: {code}"

    assert wrapped_lines(Text(line), width).plain.split("\n") == rows


@pytest.mark.parametrize("code, width, rows", EXAMPLE_LAYOUTS)
def test_a_doctest_statement_breaks_after_arguments_and_brackets(code, width, rows):
    from grader.render import examples_fitted

    assert examples_fitted("    " + code, width).split("\n") == rows


@pytest.mark.parametrize("code, width, rows", SIGNATURE_LAYOUTS)
def test_a_signature_breaks_between_its_arguments(code, width, rows):
    from grader.render import _example_breaks, nested_rows

    assert nested_rows(code, width, _example_breaks) == rows


def _quote_kept(rows: list[str], columns: int) -> bool:
    """Whether every row of `rows` fits in `columns` and no row is a
    backtick alone, the end of a command cut from it by the terminal."""
    return all(i18n.width(row) < columns and row.strip() != "`" for row in rows)


# Of a command in backticks too wide for a row by its backticks only, by
# language: the width of the terminal it is shown on, and how to run the
# grader in it.
QUOTE_COLUMNS = {"en": 41, "ja": 50}
QUOTE_PROG = {"en": "python -m grader", "ja": "python -m grader --lang ja"}
QUOTE_COMMAND = {
    "en": "`python -m grader solution cross_entropy`",
    "ja": "`python -m grader solution cross_entropy --lang ja`",
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_what_next_keeps_a_command_too_wide_for_its_row_with_its_backticks(
    language,
):
    columns = QUOTE_COLUMNS[language]
    done = next(e for e in EXERCISES if e.name == "cross_entropy")
    with i18n.speaking(language):
        screen = terminal_screen(columns)
        screen.what_next(done, None, QUOTE_PROG[language], answer=True)
    rows = screen.out.file.getvalue().splitlines()

    assert _quote_kept(rows, columns), rows
    # Broken at a space only: the command's words stay whole and in order.
    assert QUOTE_COMMAND[language] in " ".join(rows), rows


def test_the_stub_screen_keeps_a_command_too_wide_for_its_row_with_its_backticks(
    watch_screen,
):
    def stub_in_focus(watch) -> None:
        watch.prog = "python -m grader --lang ja"
        watch.focus = watch.project.find("numerical_gradient")

    stub = failed("test_g", "not written yet", kind="not_implemented")
    runs = {"numerical_gradient": ExerciseRun("numerical_gradient", [stub])}
    with i18n.speaking("ja"):
        rows = watch_screen(runs, (50, 16), EXERCISE, stub_in_focus)

    assert _quote_kept(rows, 50), rows
    assert any("`python -m grader doc" in row for row in rows), rows


# A sentence that names a test too long for a row, by language.
LONG_NAME_SENTENCES = {
    "en": "This happened in both tests that were running: "
    "test_gradient_is_zero_at_a_minimum and "
    "test_gradient_matches_the_derivative_for_arrays_of_any_shape, in the end.",
    "ja": "実行中だった test_gradient_is_zero_at_a_minimum と "
    "test_gradient_matches_the_derivative_for_arrays_of_any_shape "
    "の両方でこれが起きました。",
}
LONG_NAME_ENDS = {
    "en": "shape, in the end.",
    "ja": "shape の両方でこれが起きました。",
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_what_follows_a_test_name_broken_at_its_underscores_goes_on_its_row(
    language,
):
    with i18n.speaking(language):
        rows = wrapped_lines(Text(LONG_NAME_SENTENCES[language]), 59).plain

    assert rows.splitlines()[-1] == LONG_NAME_ENDS[language], rows
    assert all(i18n.width(row) <= 59 for row in rows.splitlines()), rows


# The end of the line of keys when they come from a pipe, by language.
PIPED_KEYS_END = {
    "en": "q quit | Enter after each",
    "ja": "q 終了 | 各キーの後に Enter",
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_keys_from_a_pipe_are_said_to_be_followed_by_enter(watch_screen, language):
    def piped(watch) -> None:
        watch.keys = SimpleNamespace(terminal=False)

    with i18n.speaking(language):
        rows = watch_screen({}, (100, 30), EXERCISE, piped, terminal=False)
        typed = watch_screen({}, (100, 30), EXERCISE, terminal=False)

    # Read a line at a time, a key acts once Enter ends its line: a key
    # alone, as on a terminal, would seem unheard.
    assert rows[-1].endswith(PIPED_KEYS_END[language]), rows
    assert not typed[-1].endswith(PIPED_KEYS_END[language]), typed


def test_a_call_whose_first_row_reads_like_a_label_is_laid_out_on_any_width():
    # "sgd_update({'w': " ends as a label does (a word, a colon, a space):
    # the rows under it are still the call's, whatever the width.
    message = (
        "sgd_update({'w': [1.0, 2.0]}, {'w': [10.0, -10.0]}, 0.1) raised "
        "NameError: name 'prams' is not defined"
    )
    block = [
        "    sgd_update({'w': [1.0, 2.0]},",
        "               {'w': [10.0, -10.0]},",
        "               0.1)",
    ]
    for width in range(12, 41):
        assert "prams" in wrapped_lines(Text(message), width).plain
        assert _block_moved(block, width) == block


# A name that takes two rows at 60 columns, and the rows it is broken into:
# at the underscore that leaves the two rows nearest in width.
TWO_ROW_NAME = "test_gradient_matches_the_derivative_for_arrays_of_any_shape"
TWO_ROWS = ["test_gradient_matches_the_", "derivative_for_arrays_of_any_shape"]
LISTED_NAME = "test_a_zero_dimensional_x_gets_a_zero_dimensional_gradient"
LISTED_ROWS = ["test_a_zero_dimensional_x_gets_", "a_zero_dimensional_gradient"]


def test_a_name_that_takes_two_rows_is_broken_near_its_middle():
    from grader.render import failed_line, names_broken

    rows = failed_line("✗", TWO_ROW_NAME, 59).plain.splitlines()
    assert rows == ["✗ " + TWO_ROWS[0], "  " + TWO_ROWS[1]]
    # In a list, the mark that closes the name stays with its last part.
    rows = names_broken(f"  {LISTED_NAME},", 59, "  ")
    assert rows == ["  " + LISTED_ROWS[0], f"  {LISTED_ROWS[1]},"]
    # A name that takes three rows fills them in turn.
    assert failed_line("✗", TWO_ROW_NAME, 30).plain.splitlines() == [
        "✗ test_gradient_matches_the_",
        "  derivative_for_arrays_of_",
        "  any_shape",
    ]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_check_breaks_a_two_row_name_near_its_middle(language):
    tests = [failed(TWO_ROW_NAME, NAMED), failed(LISTED_NAME, NAMED)]

    with i18n.speaking(language):
        rows = checked_on_a_terminal(tests, 60, "numerical_gradient")

    start = rows.index("✗ " + TWO_ROWS[0])
    assert rows[start + 1] == "  " + TWO_ROWS[1], rows
    start = rows.index("  " + LISTED_ROWS[0])
    assert rows[start + 1].startswith("  " + LISTED_ROWS[1]), rows


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_watch_breaks_a_two_row_name_near_its_middle(watch_screen, language):
    runs = {
        e.name: ExerciseRun(
            e.name,
            [failed(TWO_ROW_NAME, NAMED)]
            if e.name == "numerical_gradient"
            else [PASSED],
        )
        for e in EXERCISES[:7]
    }

    with i18n.speaking(language):
        rows = watch_screen(runs, (60, 30), EXERCISE)

    start = rows.index("✗ " + TWO_ROWS[0])
    assert rows[start + 1] == "  " + TWO_ROWS[1], rows


def test_the_notebook_breaks_a_two_row_name_near_its_middle():
    from grader import notebook

    line = f"Also failing: test_b, {LISTED_NAME}."
    rows = [row.strip() for row in notebook._names_wrapped(line, 60).split("\n")]

    start = rows.index(LISTED_ROWS[0])
    assert rows[start + 1] == f"{LISTED_ROWS[1]}.", rows

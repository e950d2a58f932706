"""Statuses and points, decided from runs alone: no processes involved."""

import ast
from fractions import Fraction

import pytest

from grader.exercises import ExerciseInfo
from grader.grading import checks_refusal, gradebook, most_telling, points, status
from grader.results import ExerciseRun, TestResult
from selftests.grader_support import ROOT

EXERCISE = ExerciseInfo(1, "dot", "The matrix product", Fraction(10), ("a hint",))


def passed(name="test_ok"):
    return TestResult(name, True)


def failed(kind, name="test_bad", message="it went wrong"):
    return TestResult(name, False, kind, message)


def run(*tests, error=""):
    return ExerciseRun("dot", list(tests), error)


@pytest.mark.parametrize(
    ("tests", "error", "expected"),
    [
        ((passed(), passed()), "", "done"),
        ((failed("not_implemented"), failed("not_implemented")), "", "not_started"),
        ((passed(), failed("not_implemented")), "", "failing"),
        ((passed(), failed("failure")), "", "failing"),
        ((failed("exception"), failed("failure")), "", "failing"),
        ((failed("not_implemented"), failed("failure")), "", "failing"),
        ((failed("import_error"), failed("import_error")), "", "error"),
        ((passed(), failed("crash")), "", "error"),
        ((passed(), failed("timeout"), failed("not_run")), "", "error"),
        ((passed(), passed()), "the tests could not be loaded", "error"),
        ((), "", "error"),
    ],
    ids=[
        "all-pass",
        "only-stubs",
        "some-pass-some-stubbed",
        "a-property-fails",
        "learner-code-raises",
        "stub-and-failure",
        "cannot-import",
        "crash-in-one-test",
        "timeout",
        "run-error-with-passes",
        "no-results",
    ],
)
def test_status_follows_from_the_kinds_of_failure(tests, error, expected):
    assert status(run(*tests, error=error)) == expected


def test_a_run_without_results_is_never_a_pass():
    assert status(run()) == "error"
    assert points(EXERCISE, run()) == 0


def test_points_are_an_exact_share_of_the_passed_tests():
    two_of_three = run(passed("a"), passed("b"), failed("failure"))

    assert points(EXERCISE, two_of_three) == Fraction(20, 3)


def test_a_broken_exercise_keeps_credit_for_the_tests_that_passed():
    crashed = run(passed("a"), failed("crash", "b"), failed("not_run", "c"))

    assert points(EXERCISE, crashed) == Fraction(10, 3)


def test_the_message_gives_the_reason_for_an_error_in_one_line():
    crashed = run(
        passed("a"),
        failed("failure", "b", "wrong values\n  expected 1"),
        failed("crash", "c", "called sys.exit(1), which ends the whole program"),
    )
    grade = gradebook([EXERCISE], [crashed], "exercises").grades[0]

    assert grade.status == "error"
    assert grade.message == "called sys.exit(1), which ends the whole program"


def test_the_message_of_a_failing_exercise_is_its_first_failure():
    failing = run(passed(), failed("failure", "b", "\nThe rows do not sum to one.\n"))
    grade = gradebook([EXERCISE], [failing], "exercises").grades[0]

    assert grade.message == "The rows do not sum to one."


def test_the_message_of_a_failing_exercise_is_its_first_named_mistake():
    failing = run(
        passed(),
        failed("failure", "b", "The values are wrong.\n  expected  1"),
        failed("failure", "c", "The shape is wrong.\n  likely mistake: a transpose."),
    )
    grade = gradebook([EXERCISE], [failing], "exercises").grades[0]

    assert grade.message == "The shape is wrong."


def test_the_most_telling_failure_names_a_mistake_or_else_comes_first():
    plain = [failed("failure", "a", "wrong"), failed("failure", "b", "also wrong")]
    named = failed("failure", "c", "wrong\n  likely mistake: this one")

    assert most_telling([*plain, named]) is named
    assert most_telling(plain) is plain[0]
    assert most_telling([]) is None


def test_of_the_failures_of_one_mistake_the_docstring_example_is_shown():
    mistake = "  likely mistake: grads[{}] was changed in place"
    large = failed(
        "failure",
        "test_two_identical_calls_take_identical_steps",
        "\n".join(["grads changed", *["  row"] * 8, mistake.format("'w1'")]),
    )
    other = failed("failure", "test_other", "wrong\n  likely mistake: another")
    small = failed(
        "failure",
        "test_sgd_update_gives_the_docstring_example",
        "\n".join(["grads changed", "  row", mistake.format("'w'")]),
    )

    assert most_telling([large, other, small]) is small
    # Only the same mistake: a different one named first keeps its place.
    assert most_telling([other, large, small]) is other


# softmax's failures when it sums down the columns: on the docstring's
# example, a transposed result looks the same, and its test lists both.
AXIS_0 = "  likely mistake: normalized along axis 0. Use axis=-1."
AXIS_0_OR_TRANSPOSED = (
    "  likely mistake: on this input these mistakes give the same result: "
    "(1) normalized along axis 0. Use axis=-1. (2) the slices were transposed."
)


def test_the_docstring_example_is_shown_where_it_lists_the_mistake_shown():
    shape = failed("failure", "test_softmax_for_any_shape", f"wrong\n{AXIS_0}")
    example = failed(
        "failure",
        "test_softmax_gives_the_docstring_example",
        f"wrong\n{AXIS_0_OR_TRANSPOSED}",
    )
    other = failed(
        "failure",
        "test_softmax_gives_the_docstring_example",
        "wrong\n  likely mistake: (1) no shift. (2) a sum of logs.",
    )

    assert most_telling([shape, example]) is example
    # A list that holds no mistake named alone is another mistake.
    assert most_telling([shape, other]) is shape


def test_what_the_function_computes_comes_before_what_it_must_refuse():
    # As with out[:, labels] = 1 in one_hot and no check of the labels: the
    # docstring's example fails plainly, a refusal test names a mistake.
    example = failed("failure", "test_one_hot_gives_the_docstring_example", "wrong")
    refusal = failed(
        "failure",
        "test_one_hot_rejects_labels_outside_the_classes[minus-one]",
        "expected ValueError\n  likely mistake: -1 is not the last class",
    )
    raises = failed("failure", "test_an_integer_x_raises_type_error", "no error")

    assert most_telling([refusal, example]) is example
    assert most_telling([raises, refusal]) is refusal  # then as before
    assert most_telling([refusal]) is refusal


def test_the_tests_of_refusals_are_told_by_their_names():
    names = {
        test.name
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        for test in ast.walk(ast.parse(path.read_text()))
        if isinstance(test, ast.FunctionDef) and test.name.startswith("test_")
    }
    refusals = sorted(name for name in names if checks_refusal(name))
    assert refusals == [
        "test_an_integer_x_raises_type_error",
        "test_mismatched_inner_sizes_raise_value_error",
        "test_one_hot_rejects_a_bad_label_wherever_it_is",
        "test_one_hot_rejects_a_label_that_is_not_a_number",
        "test_one_hot_rejects_labels_outside_the_classes",
        "test_one_hot_rejects_labels_that_are_not_whole_numbers",
        "test_operands_that_are_not_1d_or_2d_raise_value_error",
    ]


def test_one_mistake_named_comes_before_a_list_of_those_that_fit():
    listed = failed("failure", "a", "wrong\n  likely mistake: either (1) x (2) y")
    one = failed("failure", "b", "wrong\n  likely mistake: x")

    assert most_telling([listed, one]) is one
    assert most_telling([listed]) is listed


def test_the_score_adds_exact_points_and_next_up_is_the_first_not_done():
    second = ExerciseInfo(2, "sigmoid", "The sigmoid", Fraction(10), ())
    third = ExerciseInfo(3, "softmax", "Softmax", Fraction(5), ())
    runs = [
        run(passed(), passed(), failed("failure")),
        run(passed()),
        run(failed("not_implemented")),
    ]
    book = gradebook([EXERCISE, second, third], runs, "exercises")

    assert book.score == Fraction(20, 3) + 10
    assert book.max_score == 25
    assert book.done == 1
    assert not book.all_done
    assert book.next_up.name == "dot"


def test_every_exercise_done_means_nothing_is_next():
    book = gradebook([EXERCISE], [run(passed())], "solutions")

    assert book.all_done
    assert book.next_up is None

"""The machine-readable reports, built from a gradebook made by hand."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from decimal import Decimal
from fractions import Fraction

import pytest

from grader.exercises import EXERCISES, NAMES
from grader.formats import (
    Timing,
    number,
    shares,
    to_gradescope,
    to_json,
    to_junit,
    to_markdown,
)
from grader.grading import gradebook
from grader.results import ExerciseRun, TestResult
from selftests.grader_support import (
    check_gradescope_report,
    check_json_report,
    check_junit_report,
)


def exact(value: float) -> Decimal:
    """A number of a report as the decimal it was written as."""
    return Decimal(str(value))


TIMING = Timing(datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc), 1.5)
# Output as a learner might print it: colour codes and a stray NUL byte,
# neither of which XML 1.0 can hold.
RAW_OUTPUT = "\x1b[31mred\x1b[0m and a \x00 byte | pipe\n"


def sample_runs():
    """One run of each kind, for the ten exercises in order."""
    ok, bad = TestResult("test_ok", True), "The result has the wrong shape."
    runs = {
        "dot": [ok, ok, TestResult("test_shape", False, "failure", bad, RAW_OUTPUT)],
        "sigmoid": [TestResult("test_a", False, "not_implemented", "Not started")],
        "softmax": [ok, TestResult("test_b", False, "crash", "segfault | oops")],
    }
    result = []
    for exercise in EXERCISES:
        tests = runs.get(exercise.name, [ok])
        error = "no tests found" if exercise.name == "train" else ""
        result.append(ExerciseRun(exercise.name, [] if error else tests, error, 0.25))
    return result


BOOK = gradebook(EXERCISES, sample_runs(), "exercises")


def test_numbers_are_exact_when_whole_and_rounded_otherwise():
    assert number(Fraction(10)) == 10
    assert isinstance(number(Fraction(10)), int)
    assert number(Fraction(20, 3)) == 6.6667


def test_json_report_lists_every_exercise_in_order_with_its_grade():
    report = json.loads(to_json(BOOK, TIMING))

    check_json_report(report)
    dot = report["exercises"][0]
    assert (dot["status"], dot["passed"], dot["total"]) == ("failing", 2, 3)
    assert dot["points"] == 6.6667
    assert dot["tests"][2]["output"] == RAW_OUTPUT
    assert report["exercises"][-1]["status"] == "error"
    assert report["timing"]["started"] == "2030-01-02T03:04:05+00:00"


def test_json_report_changes_only_in_timing_between_runs():
    later = Timing(datetime(2031, 1, 1, tzinfo=timezone.utc), 9.0)
    first, second = json.loads(to_json(BOOK, TIMING)), json.loads(to_json(BOOK, later))

    assert first.pop("timing") != second.pop("timing")
    assert first == second


# What each test of an exercise whose module cannot be loaded says: the
# file, the line and what Python said, as the learner sees it.
UNLOADED = (
    "exercises/dot.py has a syntax error on line 1: '(' was never closed\n"
    "    def dot(a, b:\n"
    "           ^"
)


def unloaded_book():
    """BOOK, but dot's module cannot be loaded: each test says why."""
    runs = sample_runs()
    tests = [TestResult(f"test_{i}", False, "import_error", UNLOADED) for i in (1, 2)]
    runs[0] = ExerciseRun("dot", tests, duration=0.25)
    return gradebook(EXERCISES, runs, "exercises")


def test_json_report_gives_why_a_module_could_not_be_loaded_as_its_error():
    dot = json.loads(to_json(unloaded_book(), TIMING))["exercises"][0]

    assert dot["status"] == "error"
    assert dot["error"] == UNLOADED
    assert dot["message"] == UNLOADED.splitlines()[0]


def test_json_report_error_stays_empty_for_an_exercise_that_only_fails():
    report = json.loads(to_json(BOOK, TIMING))

    assert [exercise["error"] for exercise in report["exercises"][:3]] == [""] * 3


def test_gradescope_gives_a_run_without_tests_its_whole_error():
    runs = sample_runs()
    stop = "exercises/train.py was still running after 3 s\n  stopped at line 2: x"
    runs[-1] = ExerciseRun("train", [], stop, 3.0)
    results = json.loads(to_gradescope(gradebook(EXERCISES, runs, "exercises"), TIMING))

    train = [test for test in results["tests"] if "train" in test["tags"]]
    assert [test["output"] for test in train] == [stop]


def test_junit_report_is_valid_xml_with_failures_and_errors_apart():
    text = to_junit(BOOK, TIMING)

    check_junit_report(text)
    suites = {suite.get("name"): suite for suite in ET.fromstring(text)}
    assert suites["dot"].get("failures") == "1"
    assert suites["softmax"].get("errors") == "1"
    assert suites["train"].find("testcase/error").get("message") == "no tests found"
    output = suites["dot"].find("testcase[@name='test_shape']/system-out").text
    assert "\\x1b[31mred" in output and "\\x00" in output


def test_gradescope_report_shares_each_exercises_points_among_its_tests():
    results = json.loads(to_gradescope(BOOK, TIMING))

    check_gradescope_report(results, float(BOOK.max_score))
    assert results["score"] == number(BOOK.score)
    dot = [test for test in results["tests"] if test["name"].startswith("1. dot")]
    assert [test["max_score"] for test in dot] == [3.3334, 3.3333, 3.3333]
    train = [test for test in results["tests"] if "train" in test["name"]]
    assert len(train) == 1 and train[0]["max_score"] == 10
    assert train[0]["status"] == "failed"


def test_gradescope_shares_add_up_to_each_exercises_points_to_the_last_decimal():
    # Seven tests of a 10-point exercise: 10/7 has no exact decimal form.
    runs = sample_runs()
    runs[0] = ExerciseRun("dot", [TestResult(f"test_{i}", i < 5) for i in range(7)])
    results = json.loads(to_gradescope(gradebook(EXERCISES, runs, "exercises"), TIMING))
    dot = [test for test in results["tests"] if test["name"].startswith("1. dot")]

    assert sum(map(exact, (test["max_score"] for test in dot))) == 10
    assert all(len(str(test["max_score"]).split(".")[-1]) <= 4 for test in dot)
    check_gradescope_report(results, 100)


def test_gradescope_total_is_the_sum_of_the_tests_scores():
    runs = sample_runs()
    runs[0] = ExerciseRun("dot", [TestResult(f"test_{i}", i < 5) for i in range(7)])
    results = json.loads(to_gradescope(gradebook(EXERCISES, runs, "exercises"), TIMING))

    assert exact(results["score"]) == sum(
        map(exact, (t["score"] for t in results["tests"]))
    )


def passing(name: str, passed: list[bool]) -> ExerciseRun:
    """A run of exercise `name` whose tests pass or fail as `passed` says."""
    return ExerciseRun(name, [TestResult(f"t{i}", ok) for i, ok in enumerate(passed)])


@pytest.mark.parametrize(
    "patterns",
    [
        # The first of three tests of a 10-point exercise failing, the
        # rest done: the exact score is 96.666..., not 96.6666.
        {"dot": [False, True, True]},
        {"dot": [True, False, False], "sigmoid": [False, True, True]},
        {"dot": [False] * 6 + [True], "train": [True, False, True] * 3},
        {name: [False, False, True] for name in NAMES},
        {name: [True] * 3 + [False] * (i % 5) for i, name in enumerate(NAMES)},
    ],
)
def test_gradescope_total_is_the_exact_score_rounded_once_and_the_tests_add_up(
    patterns,
):
    runs = [passing(name, patterns.get(name, [True])) for name in NAMES]
    book = gradebook(EXERCISES, runs, "exercises")
    results = json.loads(to_gradescope(book, TIMING))

    assert Fraction(str(results["score"])) == round(book.score, 4)
    assert results["output"].endswith(f"score {results['score']}/100")
    check_gradescope_report(results, 100)
    for grade in book.grades:
        mine = [
            exact(t["max_score"]) for t in results["tests"] if grade.name in t["tags"]
        ]
        assert sum(mine) == grade.max_points
        assert max(mine) - min(mine) <= Decimal("0.0001")


@pytest.mark.parametrize("count", [1, 3, 7, 13, 250])
def test_shares_are_as_equal_as_four_decimals_allow_and_add_up(count):
    parts = shares(Fraction(10), count)

    assert sum(parts) == 10
    assert max(parts) - min(parts) <= Fraction(1, 10**4)
    assert all((part * 10**4).denominator == 1 for part in parts)


def test_markdown_summary_has_a_row_per_exercise_and_escapes_pipes():
    text = to_markdown(BOOK)
    rows = [line for line in text.splitlines() if line.startswith("| ")]

    assert len(rows) == 1 + len(EXERCISES)  # the header, then the exercises
    assert "segfault \\| oops" in text
    assert "| 1 | dot | failing | 2/3 | 6.6667/10 |" in text


def test_markdown_summary_speaks_the_graders_language_and_the_others_do_not():
    from grader import i18n

    stub = (
        "Not started yet: exercise 2 (sigmoid): sigmoid_grad is not written "
        "yet. Run `python -m grader hint sigmoid` for a hint."
    )
    runs = sample_runs()
    runs[1] = ExerciseRun(
        "sigmoid",
        [
            TestResult("test_ok", True),
            TestResult("test_a", False, "not_implemented", stub),
        ],
    )
    runs[3] = ExerciseRun("one_hot", [TestResult("test_a", False, "not_implemented")])
    book = gradebook(EXERCISES, runs, "exercises")
    with i18n.speaking("ja"):
        text = to_markdown(book)
        reports = to_json(book, TIMING) + to_gradescope(book, TIMING)

    assert text.startswith("### nn-kata の採点: 10 問中 5 問完了、得点 ")
    assert "| # | 演習 | 状態 | テスト | 点数 | 備考 |" in text
    assert "| 1 | dot | 失敗あり (failing) | 2/3 |" in text
    # The stub's own sentence, and the grader's for a stub not started.
    assert "演習 2(sigmoid)の sigmoid_grad はまだ書かれていません。" in text
    assert "未着手です。スタブがまだ NotImplementedError を送出しています。" in text
    assert "not written yet" not in text and "still raises" not in text
    assert "not written yet" in reports and "まだ" not in reports

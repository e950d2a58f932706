"""Judge the runs: each exercise's status and points, and the score.

Pure functions of what the runner brought back and of the catalogue: no
processes, no files, no output. The same runs always give the same grades.
"""

import re
from dataclasses import dataclass
from fractions import Fraction

from grader.exercises import ExerciseInfo
from grader.i18n import N_
from grader.results import (
    CRASH,
    IMPORT_ERROR,
    NOT_IMPLEMENTED,
    NOT_RUN,
    TIMEOUT,
    ExerciseRun,
    TestResult,
)

NOT_STARTED = "not_started"
ERROR = "error"
FAILING = "failing"
DONE = "done"
STATUSES = (NOT_STARTED, ERROR, FAILING, DONE)

# A failed test of one of these kinds means the exercise could not be
# judged fairly: its module does not load, or its process did not survive.
ERROR_KINDS = frozenset({IMPORT_ERROR, CRASH, TIMEOUT, NOT_RUN})
# How a test's failure message names the mistake behind it, when the test
# recognises one (see tests/judge.py).
MISTAKE_LABEL = "likely mistake:"


@dataclass(frozen=True)
class Grade:
    """Where one exercise stands."""

    exercise: ExerciseInfo
    run: ExerciseRun
    status: str
    points: Fraction

    @property
    def name(self) -> str:
        return self.exercise.name

    @property
    def max_points(self) -> Fraction:
        return self.exercise.points

    @property
    def total(self) -> int:
        return len(self.run.tests)

    @property
    def passed(self) -> int:
        return sum(test.passed for test in self.run.tests)

    @property
    def failed(self) -> int:
        return self.total - self.passed

    @property
    def failures(self) -> list[TestResult]:
        return [test for test in self.run.tests if not test.passed]

    @property
    def message(self) -> str:
        """Why the exercise is not done, in one line ('' when it is)."""
        if self.status == DONE:
            return ""
        if self.status == NOT_STARTED:
            # In English, as the reports keep it; translated where shown.
            return N_("not started: the stub still raises NotImplementedError")
        if self.run.error:
            # Its later lines (the lines of code a stop names) are details,
            # shown in full where the run's error is.
            return first_line(self.run.error)
        failures = self.failures
        if self.status == ERROR:
            failures = [test for test in failures if test.kind in ERROR_KINDS]
        failure = most_telling(failures)
        return first_line(failure.message) if failure else ""


@dataclass(frozen=True)
class Gradebook:
    """Every exercise's grade, in learning order, for one target."""

    grades: tuple[Grade, ...]
    target: str = "exercises"

    @property
    def score(self) -> Fraction:
        return sum((grade.points for grade in self.grades), Fraction(0))

    @property
    def max_score(self) -> Fraction:
        return sum((grade.max_points for grade in self.grades), Fraction(0))

    @property
    def done(self) -> int:
        return sum(grade.status == DONE for grade in self.grades)

    @property
    def all_done(self) -> bool:
        return self.done == len(self.grades)

    @property
    def next_up(self) -> Grade | None:
        """The first exercise, in learning order, that is not done."""
        return next((g for g in self.grades if g.status != DONE), None)


def status(run: ExerciseRun) -> str:
    """The status of one exercise's run: one of STATUSES.

    A run with no results at all is an error, never a pass.
    """
    failures = [test for test in run.tests if not test.passed]
    if run.error or not run.tests:
        return ERROR
    if any(test.kind in ERROR_KINDS for test in failures):
        return ERROR
    if not failures:
        return DONE
    if len(failures) == len(run.tests) and all(
        test.kind == NOT_IMPLEMENTED for test in failures
    ):
        return NOT_STARTED
    return FAILING


def points(exercise: ExerciseInfo, run: ExerciseRun) -> Fraction:
    """The exercise's points in proportion to its passed tests, exactly."""
    if not run.tests:
        return Fraction(0)
    passed = sum(test.passed for test in run.tests)
    return exercise.points * Fraction(passed, len(run.tests))


def grade(exercise: ExerciseInfo, run: ExerciseRun) -> Grade:
    """Judge one exercise from its run."""
    return Grade(exercise, run, status(run), points(exercise, run))


def gradebook(
    exercises: list[ExerciseInfo], runs: list[ExerciseRun], target: str
) -> Gradebook:
    """Judge every exercise; `runs` are in the same order as `exercises`."""
    grades = tuple(grade(e, r) for e, r in zip(exercises, runs, strict=True))
    return Gradebook(grades, target)


def exercise_error(grade: Grade) -> str:
    """Why the exercise failed as a whole, in full, '' if it did not: its
    run's error, or the reason its module could not be loaded when that is
    why every failing test failed (each test reports it as its own)."""
    if grade.run.error:
        return grade.run.error
    failures = [test for test in grade.failures if test.kind != NOT_RUN]
    reasons = {test.message for test in failures}
    if failures and len(reasons) == 1 and failures[0].kind == IMPORT_ERROR:
        return reasons.pop()
    return ""


def most_telling(failures: list[TestResult]) -> TestResult | None:
    """The failure to show first; None when there is none.

    Failures of what the function computes (its docstring's example, its
    properties) come before failures of what it must refuse (a test that a
    bad input raises, see `checks_refusal`): a function that computes the
    wrong thing is the bigger problem, and its input checks are best added
    once the rest works. Among the failures of the same kind, the first
    that names one likely mistake comes first, else the first that names
    several, else the first of all: a named mistake tells the learner what
    to change, where a bare failure only tells them that something is
    wrong; one mistake named says it more plainly than a list of those that
    fit ("(1) ... (2) ..."). Of the failures that name that same mistake,
    the docstring's example comes first, if it is one of them: the input
    the learner knows, and a small one.
    """
    computing = [test for test in failures if not checks_refusal(test.name)]
    return _most_telling(computing or failures, failures)


# Words in the names of the tests that a bad input is refused: "rejects"
# (test_one_hot_rejects_labels_outside_the_classes) or "raise(s)"
# (test_mismatched_inner_sizes_raise_value_error).
_REFUSAL = re.compile(r"_(rejects|raises?)_")


def checks_refusal(name: str) -> bool:
    """Whether test `name` checks that a bad input is refused."""
    return _REFUSAL.search(name.partition("[")[0]) is not None


def _most_telling(
    failures: list[TestResult], every: list[TestResult]
) -> TestResult | None:
    """The failure to show of `failures`, which are of one kind, where
    `every` is all the exercise's failures."""
    named = [test for test in failures if MISTAKE_LABEL in test.message]
    single = (test for test in named if not _lists_mistakes(test.message))
    chosen = next(single, named[0] if named else None)
    if chosen is None:
        return failures[0] if failures else None
    # The same mistake is best seen on the docstring's example, the input
    # the learner knows, and a small one, rather than on a property's:
    # even where, on that input, other mistakes give the same result.
    mistakes = mistakes_named(chosen.message)
    alone = named_alone(every)
    same = [
        test
        for test in named
        if counted_as(mistakes_named(test.message), alone) == mistakes
    ]
    return example_first(same, chosen)


def example_first(same: list[TestResult], other: TestResult) -> TestResult:
    """Of the failures `same`, which share one mistake, the test of the
    docstring's example (test_softmax_gives_the_docstring_example) if it is
    one of them, else `other`."""
    return next((test for test in same if "_docstring_example" in test.name), other)


def named_alone(failures: list[TestResult]) -> set[str]:
    """The lines of `mistakes_named` that are the only mistake a failure
    of `failures` names."""
    lines = (mistakes_named(test.message) for test in failures)
    return {mistakes[0] for mistakes in lines if len(mistakes) == 1}


def counted_as(mistakes: tuple[str, ...], alone: set[str]) -> tuple[str, ...]:
    """The likely mistakes a failure that names `mistakes` (see
    `mistakes_named`) is counted under: `mistakes`, or, when they are one
    list of several that fit and one of those is the mistake another
    failure names alone (`alone`, see `named_alone`), that one: the list
    would explain once more a mistake already explained, and that mistake
    is the likeliest cause of both."""
    if len(mistakes) != 1:
        return mistakes
    for mistake in listed_mistakes(mistakes[0]):
        line = f"{MISTAKE_LABEL} {mistake}"
        if line in alone:
            return (line,)
    return mistakes


def listed_mistakes(line: str) -> list[str]:
    """The mistakes of a numbered list in a likely-mistake line, "(1) ...
    (2) ..." (or, its `gist`, "(#) ... (#) ..."); none when it names one."""
    items = re.split(r"(?:^|(?<= ))\((?:[1-9]\d*|#)\) ", line)[1:]
    return [item.strip() for item in items] if len(items) > 1 else []


def mistakes_named(message: str) -> tuple[str, ...]:
    """The likely mistakes `message` names, one a line, each without the
    particulars of the input that showed it (see `gist`): the same for
    two failures of one mistake on different inputs."""
    return tuple(
        gist(line.strip()) for line in message.splitlines() if MISTAKE_LABEL in line
    )


# What a failure's wording holds of the input that showed it rather than
# of its cause, in the order they are replaced: a quoted name (a dict's
# key, as in params['w1']), a NumPy dtype named by its size, a number, then
# the arrays and shapes the numbers made.
_PARTICULARS = (
    (re.compile(r"(?<![\w'])'[^'\s]*'(?![\w'])"), "'_'"),
    (re.compile(r'(?<![\w"])"[^"\s]*"(?![\w"])'), "'_'"),
    (re.compile(r"\b(?:u?int|float|complex)(?:8|16|32|64|128)\b"), "dtype"),
    (re.compile(r"(?<![\w.])\d+(?:\.\d*)?(?:e[-+]?\d+)?(?!\w)"), "#"),
    (re.compile(r"\[[-+#,.\s\[\]]*\]"), "[#]"),
    (re.compile(r"\([-+#,\s]*\)"), "(#)"),
)


def gist(text: str) -> str:
    """`text` with the particulars of one input replaced by placeholders:
    "KeyError: 'w1'" and "KeyError: 'b2'", or "index 3 is out of bounds
    for axis 1 with size 3" and the same with 2 and 2, say the same thing
    about two inputs, and one cause is shown once."""
    for pattern, placeholder in _PARTICULARS:
        text = pattern.sub(placeholder, text)
    return text


def _lists_mistakes(message: str) -> bool:
    """Whether `message` names several mistakes that fit, numbered."""
    mistake = message.partition(MISTAKE_LABEL)[2]
    return "(1) " in mistake and "(2) " in mistake


def first_line(text: str) -> str:
    """The first line of `text` that is not blank, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")

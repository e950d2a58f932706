"""Test configuration for the kata: what to test, and how failures read.

``pytest`` tests the learner's exercises/; ``pytest --target solutions``
tests the model answers.
"""

import re

import pytest
from hypothesis import HealthCheck, settings

from tests import harness, sandbox
from tests.judge import KataFailure, advice_for, labelled_call

# The grade must be the same on every run and every machine: a fixed
# sequence of examples, no example database carried between runs, no
# wall-clock deadline, and the same profile whether or not CI is set.
# Both profiles start from hypothesis' own defaults, not from whichever
# profile is active: under CI that is hypothesis' "ci" profile, which
# would make exploring derandomized too.
settings.register_profile(
    "grade",
    parent=settings.get_profile("default"),
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    report_multiple_bugs=False,
    max_examples=15,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
# More examples, different each run: for hunting bugs, not for grading.
# One failure a test, explained as a grade explains it: hypothesis would
# otherwise report several at once, as one group the learner cannot read.
settings.register_profile(
    "explore",
    parent=settings.get_profile("default"),
    derandomize=False,
    max_examples=1000,
    deadline=None,
    database=None,
    print_blob=False,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.load_profile("grade")


def pytest_addoption(parser):
    group = parser.getgroup("nn-kata")
    group.addoption(
        "--target",
        default="exercises",
        help="the package to test: exercises (default), solutions, or a path",
    )
    group.addoption(
        "--impl",
        action="append",
        default=[],
        metavar="NAME=FILE",
        help="test FILE in place of the exercise module NAME",
    )
    group.addoption(
        "--separate",
        action="store_true",
        help="call the learner's functions in a process of their own, as "
        "grading mode does",
    )
    group.addoption(
        "--explore",
        action="store_true",
        help="many more random examples, different on every run (not the grade)",
    )


def pytest_configure(config):
    overrides = [item.split("=", 1) for item in config.getoption("--impl")]
    retarget(config.getoption("--target"), overrides, config.getoption("--separate"))
    if config.getoption("--explore"):
        settings.load_profile("explore")


def retarget(target, overrides=(), separate=False, prepare=None, advice=True):
    """Point the tests at the package `target`, with files standing in for
    some of its modules (pairs of exercise name and path). The grader calls
    this in each process that runs one exercise's tests.

    With `separate`, the learner's functions run in a process of their own,
    which runs `prepare()` (the grader's limits) before anything else; its
    pid is returned. Without `advice`, failures name no command of the
    grader for the learner to run: the grade is someone else's."""
    harness.configure(
        target, overrides, separate=separate, prepare=prepare, advice=advice
    )
    return harness.config.student.pid if harness.config.student else None


def pytest_unconfigure(config):
    harness.configure(config.getoption("--target"))  # ends a learner's process


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Report a failure as one plain explanation instead of a traceback, and
    record what kind of failure it was (the grader reads it).

    Building pytest's usual traceback costs more than most tests here, and
    a learner is better served by the explanation alone.
    """
    error = call.excinfo.value if call.excinfo else None
    if error is None or isinstance(error, pytest.skip.Exception):
        return None
    # The explanation already shows the input: no patch files with the
    # failing examples, and no note asking to apply them.
    item.__dict__.pop("_hypothesis_failing_examples", None)
    kind, text = explain(error)
    return pytest.TestReport(
        item.nodeid,
        item.location,
        dict.fromkeys(item.keywords, 1),
        "failed",
        text,
        call.when,
        [(f"Captured {key} {when}", out) for when, key, out in item._report_sections],
        call.duration,
        call.start,
        call.stop,
        user_properties=[*item.user_properties, ("kata_kind", kind)],
    )


def trusted_advice(error):
    """The likely mistake when `error` came from inside a trusted stand-in
    for another exercise's function that the learner's code called: the
    learner cannot see that code, only what they passed to it."""
    callee = harness.trusted_callee(error)
    if callee is None:
        return None
    function, exercise = callee
    if harness.passes_by_name(error, function):
        # The names are in order: what they hold is in doubt, not the order.
        return (
            f"the error comes from inside {function}, which runs here as a "
            f"trusted copy, not your exercises/{exercise}.py: your line passes "
            f"it {harness.signature_of(function)} in order, so check what those "
            "arguments hold: their shapes, and the sizes they were made with."
        )
    return (
        f"the error comes from inside {function}, which runs here as a trusted "
        f"copy, not your exercises/{exercise}.py: check the arguments your line "
        f"passes to it, and their order: {harness.signature_of(function)}."
    )


def flaky_recursion(error):
    """The RecursionError of a learner's function that calls itself, where
    hypothesis reports it as an input whose results differ between calls:
    the limit is reached on the line that calls in one run, on the def
    line of the function entered in another, which hypothesis takes for
    two outcomes. The one raised on the line that calls is shown."""
    if type(error).__name__ not in ("Flaky", "FlakyFailure"):
        return None
    found = [e for e in getattr(error, "exceptions", ()) if harness.calls_itself(e)]
    found.sort(key=lambda e: harness.learner_code(e).startswith("def "))
    return found[0] if found else None


# What the stubs' NotImplementedError says of its function.
STUB_WORDS = re.compile(r"\bis\snot\swritten\syet\b")


def not_written(error):
    """Whether `error` says a function is not written yet: the stub's
    NotImplementedError (see grader/stubs.py), or a bare one. One raised
    with words of the learner's own marks a part of a function that is
    written, and is shown as any exception, with the call that reached it."""
    return isinstance(error, NotImplementedError) and (
        not str(error) or STUB_WORDS.search(str(error)) is not None
    )


def explain(error):
    """Return (kind, message) for an exception raised by a test."""
    if not_written(error):
        return "not_implemented", f"Not started yet: {error}"
    if isinstance(error, harness.ExerciseImportError):
        return "import_error", str(error)
    if isinstance(error, harness.InputModified):
        error.locate()  # the line that made the change, now it is reported
    if isinstance(error, (KataFailure, harness.InputModified)):
        return "failure", str(error)
    recursion = flaky_recursion(error)
    if recursion is not None:
        return explain(recursion)
    if type(error).__name__ in ("Flaky", "FlakyFailure"):
        return "failure", (
            "The same input gave different results on different calls.\n"
            "  likely mistake: state kept between calls (a global, a default "
            "argument that is modified, or unseeded randomness)."
        )
    if isinstance(error, AssertionError):
        return "failure", f"{type(error).__name__}: {error}"
    if isinstance(error, sandbox.StudentProcessEnded):
        return "crash", str(error)
    if isinstance(error, (SystemExit, KeyboardInterrupt, MemoryError)):
        return "crash", f"{type(error).__name__} while running the exercise"
    # An exception raised without a message (raise KeyboardInterrupt) is
    # told by its name alone.
    text = str(error)
    lines = [f"{type(error).__name__}: {text}" if text else type(error).__name__]
    unshowable = getattr(error, "kata_unshowable", None)
    if unshowable:
        lines = [
            f"{type(error).__name__} (its message cannot be shown: str() of it "
            f"raised {unshowable})"
        ]
    call = getattr(error, "kata_call", None)
    if call is not None:
        # A call laid out on several lines is shown below: the first line
        # says what was raised.
        below, text = [], str(call)
        if "\n" in text:
            below, call = [labelled_call(text)], f"{call.function}(...)"
        if harness.reads_the_keyboard(error):
            lines = [f"{call} stopped at input(), to read from the keyboard.", *below]
        else:
            lines = [f"{call} raised {lines[0]}", *below]
    where = harness.learner_line(error)
    if where is not None:
        lines.append(f"  where     {where}")
    # A test may have told the mistake apart already (on other inputs).
    advice = (
        getattr(error, "kata_mistake", None)
        or trusted_advice(error)
        or advice_for(error, learners=where is not None)
    )
    if advice:
        lines.append(f"  likely mistake: {advice}")
    return "exception", "\n".join(lines)

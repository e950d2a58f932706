"""``python -m grader``: the grader's command line (see `grader.cli`)."""

from grader import prestart

# Before anything else: the tests' process imports numpy, pytest and
# hypothesis while this one imports the grader and reads the arguments.
prestart.begin()

from grader.cli import run  # noqa: E402

run(prog="python -m grader")

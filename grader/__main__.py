"""``python -m grader``: the grader's command line (see `grader.cli`)."""

import sys

from grader import outside, prestart

# A Python without the project's packages (a shell where the environment
# is not active): one sentence says so, not a traceback.
missing = outside.missing_package()
if missing:
    sys.exit(outside.tell_missing(missing, sys.argv[1:]))

# Before anything else: the tests' process imports numpy, pytest and
# hypothesis while this one imports the grader and reads the arguments.
prestart.begin()

from grader.cli import run  # noqa: E402

run(prog="python -m grader")

"""``python -m grader``: the grader's command line (see `grader.cli`)."""

from grader.cli import run

run(prog="python -m grader")

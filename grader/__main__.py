"""``python -m grader``: the grader's command line (see `grader.cli`)."""

import sys

from grader.cli import main

sys.exit(main(prog="python -m grader"))

"""What running an exercise's tests produces: the data the runner hands to
the judge (`grader.grading`) and the reports.

Plain data, cheap to import, and simple to send between processes as
JSON; and the one way a long text is cut before it is sent, so that what
reads it later knows how much is missing.
"""

import re
from dataclasses import dataclass, field

# The limits a run is held to unless told otherwise: far above what any
# exercise's tests need, far below what would hurt the machine.
DEFAULT_TIMEOUT = 30.0  # seconds per exercise
DEFAULT_MEMORY_MB = 2048  # address space per exercise
# Set by grading mode for its child when the submission graded is not the
# project it runs in: the folder, as the teacher named it. An environment
# variable, not an option, so that a release's older grader ignores it.
SUBMISSION_VARIABLE = "NN_KATA_SUBMISSION"

# What went wrong in a failed test. The first four come from conftest.py;
# the runner adds the last three, for tests the process did not survive.
NOT_IMPLEMENTED = "not_implemented"  # the stub's NotImplementedError
IMPORT_ERROR = "import_error"  # the module under test cannot be loaded
FAILURE = "failure"  # a property of the exercise does not hold
EXCEPTION = "exception"  # the learner's code raised
CRASH = "crash"  # exit, segfault, out of memory, print flood
TIMEOUT = "timeout"  # still running at the time limit
NOT_RUN = "not_run"  # never started: the process ended before it
# How the tests end what they say of an exercise whose file is not there
# (the way back to it, `reset`, may follow).
MISSING_ENDING = "is missing: was it moved or deleted?"


@dataclass
class TestResult:
    """The outcome of one test. A skipped test counts as passed: it
    judged nothing."""

    __test__ = False  # not a test class, whatever pytest makes of the name

    name: str
    passed: bool
    kind: str = ""  # empty when passed, else one of the kinds above
    message: str = ""
    output: str = ""  # what the learner's code printed, trimmed
    duration: float = 0.0  # seconds, setup to teardown


@dataclass
class ExerciseRun:
    """Everything one exercise's test process reported."""

    name: str
    tests: list[TestResult] = field(default_factory=list)
    error: str = ""  # why the run as a whole broke, in one line, if it did
    duration: float = 0.0
    timed_out: bool = False  # stopped at its time limit
    # Stopped by the grader at one of its limits: time, printed size, memory.
    stopped_at_limit: bool = False

    @property
    def output(self) -> str:
        return "".join(test.output for test in self.tests)


# The line that stands for the lines cut out of the middle of a long text.
CUT_NOTE = "[... {lines} {noun} ({chars} characters) cut ...]"
_CUT_NOTE = re.compile(r"\[\.\.\. (\d+) lines? \(\d+ characters\) cut \.\.\.\]")


def trim(text: str, limit: int) -> str:
    """`text`, or as many whole lines of its start and its end as fit in
    `limit` characters, around a line that says how many were cut.

    Lines are kept whole, so what is shown can be read; the one exception
    is a first line longer than half the limit, which is shortened and says
    so at its end.
    """
    if len(text) <= limit:
        return text
    lines = text.splitlines(keepends=True)
    half = limit // 2
    if len(lines[0]) > half:
        head = [_shorten(lines[0], half)]
    else:
        head = _fitting(lines, half)
    rest = lines[len(head) :]
    room = limit - sum(map(len, head))
    tail = _fitting(rest[::-1], room)[::-1]
    hidden = rest[: len(rest) - len(tail)]
    if not hidden:
        return "".join(head + tail)
    if not head[-1].endswith("\n"):
        head[-1] += "\n"
    note = CUT_NOTE.format(
        lines=len(hidden),
        noun="line" if len(hidden) == 1 else "lines",
        chars=sum(map(len, hidden)),
    )
    return "".join([*head, note + "\n", *tail])


def lines_cut(line: str) -> int | None:
    """How many lines the note `line` stands for; None if it is no note."""
    match = _CUT_NOTE.fullmatch(line.strip())
    return int(match.group(1)) if match else None


def _fitting(lines: list[str], room: int) -> list[str]:
    """The leading `lines` whose lengths add up to at most `room`."""
    kept = []
    for line in lines:
        room -= len(line)
        if room < 0:
            break
        kept.append(line)
    return kept


def _shorten(line: str, length: int) -> str:
    body = line.rstrip("\n")
    end = line[len(body) :]
    return f"{body[:length]} [... {len(body) - length} characters cut]{end}"

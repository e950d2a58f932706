"""What running an exercise's tests produces: the data the runner hands to
the judge (`grader.grading`) and the reports.

Plain data with no behaviour, cheap to import, and simple to send between
processes as JSON.
"""

from dataclasses import dataclass, field

# The limits a run is held to unless told otherwise: far above what any
# exercise's tests need, far below what would hurt the machine.
DEFAULT_TIMEOUT = 30.0  # seconds per exercise
DEFAULT_MEMORY_MB = 2048  # address space per exercise

# What went wrong in a failed test. The first four come from conftest.py;
# the runner adds the last three, for tests the process did not survive.
NOT_IMPLEMENTED = "not_implemented"  # the stub's NotImplementedError
IMPORT_ERROR = "import_error"  # the module under test cannot be loaded
FAILURE = "failure"  # a property of the exercise does not hold
EXCEPTION = "exception"  # the learner's code raised
CRASH = "crash"  # exit, segfault, out of memory, print flood
TIMEOUT = "timeout"  # still running at the time limit
NOT_RUN = "not_run"  # never started: the process ended before it


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

    @property
    def output(self) -> str:
        return "".join(test.output for test in self.tests)

"""Run one exercise's tests in a child process and bring back the results.

Each exercise runs in a process of its own, forked from the grader so that
numpy, pytest and hypothesis are already imported. Whatever the learner's
code does there (loop forever, exit, crash, allocate without end, print
without end) stays there: the grader kills it at its time limit, reads what
it reported, and turns anything missing into an error. Nothing a child
sends back is trusted to be complete: a missing result is never a pass.

The child reports as it goes, one JSON line per event on a pipe: the tests
it collected, the test it is starting, each finished test. So when it dies
the grader still knows which tests passed and which one was running.

This module only runs tests and collects what happened; deciding what the
results mean (statuses, points) is `grader.grading`'s business. Nothing
here keeps state between calls, so a long-lived process can call
`run_many` again and again.
"""

import gc
import json
import os
import resource
import select
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Tiny matrices need no BLAS threads, and a process that forks while a
# thread pool runs can hang its child: set these before numpy is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import hypothesis.extra.numpy  # noqa: E402,F401  (warm imports for the children)
import numpy  # noqa: E402,F401
import pytest  # noqa: E402
from _pytest.assertion.rewrite import AssertionRewritingHook  # noqa: E402

from grader.results import (  # noqa: E402
    CRASH,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    EXCEPTION,
    NOT_RUN,
    TIMEOUT,
    ExerciseRun,
    TestResult,
)

# What a child may write to one file (its captured output) before it is
# stopped: far more than any useful debugging print, far less than a disk.
OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024
# Of each test's captured output, this much is kept (half from the start,
# half from the end) and sent back.
OUTPUT_KEPT_CHARS = 2000
# A failure message longer than this is cut: it is meant to be read.
MESSAGE_KEPT_CHARS = 4000

# Test modules import these packages from the project under test. A parent
# that imported them from another tree (a test session of the grader, say)
# must not lend its copies to the child.
PROJECT_MODULES = ("conftest", "tests", "exercises", "solutions")


@dataclass
class Job:
    """What to run: one exercise's tests against one target."""

    name: str
    root: Path
    target: str = "exercises"
    overrides: tuple = ()
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    explore: bool = False

    @property
    def test_file(self) -> Path:
        return Path(self.root) / "tests" / f"test_{self.name}.py"

    def pytest_args(self) -> list[str]:
        args = [
            str(self.test_file),
            f"--rootdir={self.root}",
            "--target",
            self.target,
            # Only the plugins the tests need: whatever else is installed
            # (random ordering, timeouts, xdist) must not change the grade.
            "-p",
            "_hypothesis_pytestplugin",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:terminal",
            "-o",
            "addopts=",
            "--assert=plain",
            "-W",
            "ignore::pytest.PytestAssertRewriteWarning",
        ]
        for name, path in self.overrides:
            args += ["--impl", f"{name}={path}"]
        if self.explore:
            args.append("--explore")
        return args


def run_many(
    jobs: list[Job],
    workers: int | None = None,
    on_finish: Callable[[int, ExerciseRun], None] | None = None,
) -> list[ExerciseRun]:
    """Run the jobs, at most `workers` at a time; results in the jobs' order.

    `on_finish(index, run)` is called in this process as each job ends, in
    whatever order they end (for a progress display).
    """
    workers = workers or os.cpu_count() or 1
    pending = list(enumerate(jobs))
    running: dict[int, _Child] = {}  # read fd -> child
    runs: list[ExerciseRun | None] = [None] * len(jobs)

    def finish(index, run):
        runs[index] = run
        if on_finish is not None:
            on_finish(index, run)

    try:
        while pending or running:
            while pending and len(running) < workers:
                index, job = pending.pop(0)
                if not job.test_file.is_file():
                    finish(index, _missing_tests(job))
                    continue
                child = _Child.start(index, job)
                running[child.fd] = child
            if not running:
                continue
            deadline = min(child.deadline for child in running.values())
            timeout = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select(list(running), [], [], timeout)
            for fd in ready:
                child = running[fd]
                if not child.read():
                    del running[fd]
                    finish(child.index, child.finish())
            now = time.monotonic()
            for fd, child in list(running.items()):
                if now >= child.deadline:
                    del running[fd]
                    finish(child.index, child.stop())
    finally:
        for child in running.values():
            child.stop()
    return runs


def run_exercise(job: Job) -> ExerciseRun:
    """Run one job and return its results."""
    return run_many([job], workers=1)[0]


def _missing_tests(job: Job) -> ExerciseRun:
    where = job.test_file.relative_to(job.root)
    return ExerciseRun(job.name, error=f"no tests found: {where} does not exist")


class _Child:
    """The grader's side of one running child: its pipe and what it said."""

    def __init__(self, index: int, job: Job, pid: int, fd: int):
        self.index = index
        self.job = job
        self.pid = pid
        self.fd = fd
        self.started = time.monotonic()
        self.deadline = self.started + job.timeout
        self.buffer = b""
        self.collected: list[str] = []
        self.results: dict[str, TestResult] = {}
        self.current = ""  # the test that started and has not finished
        self.problems: list[str] = []  # collection errors, interruptions
        self.complete = False

    @classmethod
    def start(cls, index: int, job: Job) -> "_Child":
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_fd)
            code = 0
            try:
                _child_main(job, write_fd)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        os.close(write_fd)
        return cls(index, job, pid, read_fd)

    def read(self) -> bool:
        """Take in what the child wrote; False once it closed its pipe."""
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            return False
        *lines, self.buffer = (self.buffer + chunk).split(b"\n")
        for line in lines:
            self._take(line)
        return True

    def _take(self, line: bytes) -> None:
        try:
            event = json.loads(line)
            if "collected" in event:
                self.collected = [str(name) for name in event["collected"]]
            elif "start" in event:
                self.current = str(event["start"])
            elif "test" in event:
                result = TestResult(**event["test"])
                self.results[result.name] = result
                self.current = ""
            elif "problem" in event:
                self.problems.append(str(event["problem"]))
            elif "abort" in event:
                self.problems.insert(0, str(event["abort"]))
                self.complete = True
            elif "complete" in event:
                self.complete = True
        except (ValueError, TypeError):
            pass  # not ours: ignore, and let a missing result speak

    def finish(self) -> ExerciseRun:
        """The run of a child that closed its pipe, which it does by ending."""
        os.close(self.fd)
        _kill_group(self.pid)  # anything the tests left running
        _, status = os.waitpid(self.pid, 0)
        if self.complete:
            return self._run(self.problems[0] if self.problems else "", CRASH)
        return self._run(_death(status), CRASH)

    def stop(self) -> ExerciseRun:
        """Kill a child that ran out of time, and make a run of what it said."""
        _kill_group(self.pid)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)
        return self._run(
            f"was still running after {self.job.timeout:g} s (an endless loop?)",
            TIMEOUT,
        )

    def _run(self, reason: str, kind: str) -> ExerciseRun:
        """Every collected test, with the one that was running blamed for
        `reason` and those never reached marked as not run."""
        run = ExerciseRun(self.job.name, duration=time.monotonic() - self.started)
        names = self.collected + [n for n in self.results if n not in self.collected]
        for name in names:
            result = self.results.get(name)
            if result is None and reason and name == self.current:
                result = TestResult(name, False, kind, reason)
            elif result is None:
                result = TestResult(
                    name, False, NOT_RUN, "not run: the tests stopped before this one"
                )
            run.tests.append(result)
        if reason and self.current:
            reason = f"{reason} in {self.current}"
        if not reason and not run.tests:
            reason = "no tests found in " + str(self.job.test_file.name)
        if not reason and any(test.kind == NOT_RUN for test in run.tests):
            reason = "the tests stopped before all of them ran"
        run.error = reason
        return run


def _kill_group(pid: int) -> None:
    """Kill the child's process group (the child and anything it started)."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _death(status: int) -> str:
    """Say in one line why a child ended before it finished."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        reasons = {
            signal.SIGSEGV: "crashed the Python process (segmentation fault)",
            signal.SIGBUS: "crashed the Python process (bus error)",
            signal.SIGXFSZ: "printed more than "
            f"{OUTPUT_LIMIT_BYTES // (1024 * 1024)} MB (a print in a loop?)",
            signal.SIGKILL: "was killed (out of memory?)",
        }
        return reasons.get(sig, f"was killed by signal {signal.Signals(sig).name}")
    code = os.WEXITSTATUS(status)
    return f"ended the Python process (exit code {code}: os._exit?)"


# Everything below runs in the child.


def _child_main(job: Job, write_fd: int) -> None:  # pragma: no cover
    """Run the tests in this (forked) process, reporting on `write_fd`."""
    os.setpgid(0, 0)  # so that the grader can kill whatever this starts
    # Everything inherited from the grader lives as long as this process:
    # spare it from garbage collection (pytest collects repeatedly at the
    # end of a session, and the inherited heap is most of the heap).
    gc.freeze()
    _limit_resources(job)
    channel = _Channel(write_fd)
    with tempfile.TemporaryFile() as sink:
        # Output that escapes pytest's capture (from C code, say) goes
        # nowhere, and input() must not wait for a keyboard: the grader's
        # terminal is not the learner's.
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        nothing = os.open(os.devnull, os.O_RDONLY)
        os.dup2(nothing, 0)
        os.close(nothing)
        sys.stdout = sys.stderr = open(1, "w", errors="replace", closefd=False)
        os.chdir(job.root)
        sys.path.insert(0, str(job.root))
        # Grading leaves the project as it found it: no __pycache__ folders
        # appear in exercises/.
        sys.dont_write_bytecode = True
        _forget_project_modules()
        _forget_assertion_rewriting()
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        code = pytest.main(job.pytest_args(), plugins=[_Reporter(channel, job)])
        if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR):
            channel.send(problem=f"pytest could not run the tests: {_complaint(sink)}")
    channel.send(complete=True)


def _complaint(file) -> str:  # pragma: no cover
    """The line of what was written to `file` where pytest says what is
    wrong (its usage errors end with a few lines of context)."""
    sys.stderr.flush()
    file.seek(0)
    lines = file.read().decode(errors="replace").strip().splitlines()
    errors = [line.split("error:", 1)[1] for line in lines if "error:" in line]
    return (errors or lines or ["no reason given"])[-1].strip()


def _limit_resources(job: Job) -> None:  # pragma: no cover
    memory = job.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES))
    # A crash must not leave a core file in the learner's project.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Python ignores SIGXFSZ, turning a print flood into an OSError the
    # learner's code might catch; the default action ends the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)


def _forget_project_modules() -> None:  # pragma: no cover
    for name in list(sys.modules):
        if name.partition(".")[0] in PROJECT_MODULES:
            del sys.modules[name]


def _forget_assertion_rewriting() -> None:  # pragma: no cover
    """Drop the import hook of a pytest session the grader runs inside (its
    own tests, say): the tests are run with plain asserts, as always."""
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if not isinstance(finder, AssertionRewritingHook)
    ]


class _Channel:
    """The child's end of the pipe: one JSON object per line."""

    def __init__(self, fd: int):
        self.fd = fd

    def send(self, **event) -> None:
        data = memoryview((json.dumps(event) + "\n").encode())
        while data:
            data = data[os.write(self.fd, data) :]


class _Reporter:
    """A pytest plugin that sends each test's result as soon as it is known."""

    def __init__(self, channel: _Channel, job: Job):
        self.channel = channel
        self.job = job
        self.pending: dict[str, TestResult] = {}
        self.crashes: dict[str, str] = {}  # test name -> why it crashed
        self.fatal: dict[str, str] = {}  # crashes the process cannot survive

    def pytest_configure(self, config):
        # conftest.py replaces every traceback with its own explanation:
        # let pytest build the cheapest kind first (the default parses the
        # source of every frame).
        config.option.tbstyle = "native"

    def pytest_collection_finish(self, session):
        self.channel.send(collected=[_test_name(item.nodeid) for item in session.items])

    def pytest_collectreport(self, report):
        if report.failed:
            lines = str(report.longreprtext).strip().splitlines() or ["?"]
            self.channel.send(problem=f"the tests could not be loaded: {lines[-1]}")

    def pytest_runtest_logstart(self, nodeid, location):
        self.channel.send(start=_test_name(nodeid))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        yield
        if call.excinfo is not None:
            error = call.excinfo.value
            reason = _crash_reason(error, self.job)
            if reason:
                self.crashes[_test_name(item.nodeid)] = reason
            if isinstance(error, MemoryError):
                self.fatal[_test_name(item.nodeid)] = reason

    def pytest_runtest_logreport(self, report):
        name = _test_name(report.nodeid)
        result = self.pending.setdefault(name, TestResult(name, True))
        result.duration += report.duration
        if report.failed and result.passed:  # the first failure tells
            kind = dict(report.user_properties).get("kata_kind") or EXCEPTION
            result.passed = False
            result.kind = kind
            result.message = _trim(str(report.longreprtext), MESSAGE_KEPT_CHARS)
            if name in self.crashes:
                result.kind, result.message = CRASH, self.crashes[name]
        if report.when == "teardown":
            # The last phase's report carries the output of all three.
            result.output = _trim(report.capstdout + report.capstderr)
            self.channel.send(test=vars(self.pending.pop(name)))
            if name in self.fatal:
                # Memory the failed test held may never come back, and
                # pytest itself fails in the next test: stop here.
                self.channel.send(abort=f"{self.fatal[name]} in {name}")
                os._exit(0)

    def pytest_keyboard_interrupt(self, excinfo):
        self.channel.send(problem="the exercise raised KeyboardInterrupt")


def _test_name(nodeid: str) -> str:
    return nodeid.split("::", 1)[-1]


def _crash_reason(error: BaseException, job: Job) -> str:
    """One line for an exception that would end a real program, else ''."""
    if isinstance(error, SystemExit):
        return (
            f"called sys.exit({error.code!r}), which ends the whole program: "
            "return a value instead"
        )
    if isinstance(error, MemoryError):
        return f"ran out of memory (the limit is {job.memory_mb} MB)"
    return ""


def _trim(text: str, limit: int = OUTPUT_KEPT_CHARS) -> str:
    """`text`, or its start and end around a note of what was cut."""
    if len(text) <= limit:
        return text
    half = limit // 2
    cut = len(text) - 2 * half
    return f"{text[:half]}\n[... {cut} characters cut ...]\n{text[-half:]}"

"""Run one exercise's tests in a child process and bring back the results.

Each exercise runs in a process of its own, forked from the grader so that
numpy, pytest and hypothesis are already imported. Whatever the learner's
code does there (loop forever, exit, crash, allocate without end, print
without end) stays there: the grader kills it at its time limit, reads what
it reported, and turns anything missing into an `error`. Nothing a child
sends back is trusted to be complete: a missing result is never a pass.
"""

import json
import os
import resource
import select
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# The order matters: BLAS threads are not needed for tiny matrices, and a
# forked child of a process with a running thread pool can hang.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import hypothesis.extra.numpy  # noqa: E402,F401  (warm imports for the children)
import numpy  # noqa: E402,F401
import pytest  # noqa: E402

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 2048
# What a child may write to its captured output before it is stopped.
OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024
# Learner output kept for a message.
OUTPUT_SHOWN_CHARS = 2000


@dataclass
class TestResult:
    """The outcome of one test."""

    name: str
    passed: bool
    kind: str = ""  # not_implemented, import_error, failure, exception, crash
    message: str = ""
    output: str = ""


@dataclass
class ExerciseRun:
    """Everything one exercise's child process reported."""

    name: str
    tests: list[TestResult] = field(default_factory=list)
    error: str = ""  # why the run as a whole broke, if it did
    duration: float = 0.0

    @property
    def output(self) -> str:
        return "".join(test.output for test in self.tests)


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

    def pytest_args(self) -> list[str]:
        args = [
            str(self.root / "tests" / f"test_{self.name}.py"),
            f"--rootdir={self.root}",
            "--target",
            self.target,
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


class _Collector:
    """A pytest plugin that keeps one TestResult per test."""

    def __init__(self):
        self.results: dict[str, TestResult] = {}
        self.errors: list[str] = []

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.failed:
            name = report.nodeid.split("::", 1)[-1]
            kind = dict(report.user_properties).get("kata_kind", "")
            if report.failed and not kind:
                kind = "exception"
            output = report.capstdout + report.capstderr
            previous = self.results.get(name)
            if previous is None or previous.passed:
                self.results[name] = TestResult(
                    name,
                    report.passed,
                    kind,
                    "" if report.passed else str(report.longreprtext),
                    output,
                )

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(str(report.longreprtext).strip().splitlines()[-1])


def _child(job: Job, write_fd: int) -> None:
    """Run the tests in this (forked) process and write the results."""
    os.setpgid(0, 0)
    limit = job.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(
        resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES)
    )
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        os.chdir(job.root)
        sys.path.insert(0, str(job.root))
        collector = _Collector()
        pytest.main(job.pytest_args(), plugins=[collector])
    payload = {
        "tests": [vars(result) for result in collector.results.values()],
        "errors": collector.errors,
    }
    data = json.dumps(payload).encode()
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(data)


def start(job: Job):
    """Fork a child for `job`; return (pid, read end of its result pipe)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_fd)
        code = 0
        try:
            _child(job, write_fd)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def run_many(jobs: list[Job], workers: int | None = None) -> list[ExerciseRun]:
    """Run the jobs, at most `workers` at a time; results in the jobs' order."""
    workers = workers or os.cpu_count() or 1
    pending = list(enumerate(jobs))
    running = {}  # read fd -> (index, job, pid, started, chunks)
    runs: list[ExerciseRun | None] = [None] * len(jobs)
    while pending or running:
        while pending and len(running) < workers:
            index, job = pending.pop(0)
            pid, fd = start(job)
            running[fd] = (index, job, pid, time.monotonic(), [])
        now = time.monotonic()
        wait = min(started + job.timeout for _, job, _, started, _ in running.values())
        ready, _, _ = select.select(list(running), [], [], max(0.0, wait - now))
        for fd in ready:
            chunk = os.read(fd, 1 << 16)
            if chunk:
                running[fd][4].append(chunk)
                continue
            index, job, pid, started, chunks = running.pop(fd)
            os.close(fd)
            runs[index] = _finish(job, pid, b"".join(chunks), time.monotonic() - started)
        now = time.monotonic()
        for fd, (index, job, pid, started, _) in list(running.items()):
            if now - started >= job.timeout:
                _kill(pid)
                running.pop(fd)
                os.close(fd)
                run = ExerciseRun(job.name, duration=now - started)
                run.error = f"stopped after {job.timeout:g} s: an endless loop?"
                runs[index] = run
    return runs


def run_exercise(job: Job) -> ExerciseRun:
    """Run one job and return its results."""
    return run_many([job], workers=1)[0]


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _finish(job: Job, pid: int, data: bytes, duration: float) -> ExerciseRun:
    """Build the run from what the child sent and how it ended."""
    _, status = os.waitpid(pid, 0)
    try:
        os.killpg(pid, signal.SIGKILL)  # anything the tests left running
    except (ProcessLookupError, PermissionError):
        pass
    run = ExerciseRun(job.name, duration=duration)
    try:
        payload = json.loads(data)
        run.tests = [TestResult(**test) for test in payload["tests"]]
        errors = payload["errors"]
    except (ValueError, KeyError, TypeError):
        run.error = _death(status)
        return run
    if errors:
        run.error = errors[0]
    elif not run.tests:
        run.error = "no test ran"
    return run


def _death(status: int) -> str:
    """Say in one line why a child ended without reporting."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        reasons = {
            signal.SIGSEGV: "crashed the Python process (segmentation fault)",
            signal.SIGXFSZ: "printed more than "
            f"{OUTPUT_LIMIT_BYTES // (1024 * 1024)} MB",
            signal.SIGKILL: "was killed (out of memory?)",
        }
        return reasons.get(sig, f"was killed by signal {signal.Signals(sig).name}")
    code = os.WEXITSTATUS(status)
    return (
        f"ended the process early with exit code {code} "
        "(sys.exit or os._exit in the exercise?)"
    )

"""Run exercises' tests in child processes and bring back the results.

One grade is one pytest session, forked from the grader so that numpy,
pytest and hypothesis are already imported. The session loads the project's
conftest and collects the test modules once; then, for each exercise, it
forks a worker that runs just that exercise's tests and reports on a pipe
of its own. Collecting once is what makes a full grade fast: configuring
pytest and importing the test modules cost more than most exercises' tests.

Whatever the learner's code does in a worker (loop forever, exit, crash,
allocate without end, print without end) stays there: the grader kills the
worker at its time limit, reads what it reported, and turns anything missing
into an error. Nothing a worker sends back is trusted to be complete: a
missing result is never a pass.

A worker reports as it goes, one JSON line per event: its process id, the
tests it collected, the test it is starting, each finished test. So when it
dies the grader still knows which tests passed and which one was running.
The session adds how the worker ended, once it has reaped it.

This module only runs tests and collects what happened; deciding what the
results mean (statuses, points) is `grader.grading`'s business. Nothing
here keeps state between calls, so a long-lived process can call
`run_many` again and again.
"""

import functools
import gc
import json
import os
import re
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
    trim,
)

# What a child may write to one file (its captured output) before it is
# stopped: far more than any useful debugging print, far less than a disk.
OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024
# Of each test's captured output, this much is kept (whole lines from the
# start and the end) and sent back.
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
    # Call the learner's functions in a process of their own (grading mode).
    separate: bool = False

    @property
    def test_file(self) -> Path:
        return Path(self.root) / "tests" / f"test_{self.name}.py"

    @property
    def module_file(self) -> str:
        """The module under test, named as the learner knows it."""
        return f"{self.target}/{self.name}.py"


def session_args(root: Path, test_files: list[Path], job: Job) -> list[str]:
    """pytest's arguments for a session that collects `test_files`, set up
    as for `job` (each worker then points the tests at its own job)."""
    args = [
        *map(str, test_files),
        f"--rootdir={root}",
        "--target",
        job.target,
        # Only the plugins the tests need: whatever else is installed
        # (random ordering, timeouts, xdist) must not change the grade.
        "-p",
        "_hypothesis_pytestplugin",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:terminal",
        # It runs the garbage collector five times at the end of a session,
        # for warnings no grade uses.
        "-p",
        "no:unraisableexception",
        "-o",
        "addopts=",
        "--assert=plain",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
    ]
    if job.explore:
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
    runs: list[ExerciseRun | None] = [None] * len(jobs)

    def finish(index, run):
        runs[index] = run
        if on_finish is not None:
            on_finish(index, run)

    sessions: dict[tuple, list[int]] = {}
    for index, job in enumerate(jobs):
        if job.test_file.is_file():
            key = (Path(job.root).resolve(), job.explore)
            sessions.setdefault(key, []).append(index)
        else:
            finish(index, _missing_tests(job))
    for indices in sessions.values():
        _Session([(i, jobs[i]) for i in indices], workers).run(finish)
    return runs


def run_exercise(job: Job) -> ExerciseRun:
    """Run one job and return its results."""
    return run_many([job], workers=1)[0]


def _missing_tests(job: Job) -> ExerciseRun:
    where = job.test_file.relative_to(job.root)
    return ExerciseRun(job.name, error=f"no tests found: {where} does not exist")


# How long a session may take to collect the tests and start a worker: far
# more than collecting ever takes, unless something hangs.
STARTUP_GRACE = 60.0


class _Session:
    """The grader's side of one pytest session and its workers."""

    def __init__(self, jobs: list[tuple[int, Job]], workers: int):
        self.jobs = jobs
        self.workers = workers

    def run(self, finish) -> None:
        pipes = [os.pipe() for _ in self.jobs]
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the session process
            code = 0
            try:
                for read_fd, _ in pipes:
                    os.close(read_fd)
                channels = [_Channel(write_fd) for _, write_fd in pipes]
                _session_main(self.jobs, channels, self.workers)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        running = {}
        for (index, job), (read_fd, write_fd) in zip(self.jobs, pipes, strict=True):
            os.close(write_fd)
            running[read_fd] = _Child(index, job, read_fd)
        try:
            self._watch(running, finish)
        finally:
            for child in running.values():
                finish(child.index, child.stop())
            _kill_group(pid)
            os.waitpid(pid, 0)

    def _watch(self, running: dict, finish) -> None:
        last_news = time.monotonic()
        while running:
            now = time.monotonic()
            started = [c.deadline for c in running.values() if c.pid]
            deadline = min(started, default=last_news + STARTUP_GRACE)
            ready, _, _ = select.select(list(running), [], [], max(0, deadline - now))
            for fd in ready:
                last_news = time.monotonic()
                child = running[fd]
                if not child.read():
                    del running[fd]
                    finish(child.index, child.finish())
            now = time.monotonic()
            for fd, child in list(running.items()):
                if child.pid and now >= child.deadline:
                    del running[fd]
                    finish(child.index, child.stop())
            if not any(c.pid for c in running.values()):
                if running and now - last_news >= STARTUP_GRACE:
                    return  # the session hangs: `run` stops what is left


class _Child:
    """The grader's side of one exercise's worker: its pipe and what it said."""

    def __init__(self, index: int, job: Job, fd: int):
        self.index = index
        self.job = job
        self.fd = fd
        self.pid = 0  # the worker's, once it says it has started
        self.started = time.monotonic()
        self.deadline = self.started + job.timeout
        self.buffer = b""
        self.collected: list[str] = []
        self.results: dict[str, TestResult] = {}
        self.current = ""  # the test that started and has not finished
        self.problems: list[str] = []  # collection errors, interruptions
        self.status: int | None = None  # how the worker ended (waitpid)
        # The learner's process in grading mode, held by a pidfd: it may
        # leave the worker's process group, and its pid may be reused.
        self.learner: int | None = None
        self.complete = False

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
            if "pid" in event:
                self.pid = int(event["pid"])
                self.started = time.monotonic()
                self.deadline = self.started + self.job.timeout
            elif "collected" in event:
                self.collected = [str(name) for name in event["collected"]]
            elif "start" in event:
                self.current = str(event["start"])
            elif "test" in event:
                result = _test_result(event["test"], self.collected)
                self.results[result.name] = result
                self.current = ""
            elif "problem" in event:
                self.problems.append(str(event["problem"]))
            elif "abort" in event:
                self.problems.insert(0, str(event["abort"]))
                self.complete = True
            elif "complete" in event:
                self.complete = True
            elif "status" in event:
                self.status = int(event["status"])
            elif "learner" in event and self.learner is None:
                self.learner = os.pidfd_open(int(event["learner"]))
        except Exception:  # malformed, too deep, of the wrong types
            pass  # not ours: ignore, and let a missing result speak

    def finish(self) -> ExerciseRun:
        """The run of a worker whose pipe closed: it ended, and the session
        said how (or the session itself ended)."""
        os.close(self.fd)
        if self.pid:
            _kill_group(self.pid)  # anything the tests left running
        self._kill_learner()
        if self.complete or (not self.pid and self.problems):
            return self._run(self.problems[0] if self.problems else "")
        if self.status is None:
            return self._run("the grader's test session ended unexpectedly")
        return self._run(*_death(self.status, self.job.module_file))

    def stop(self) -> ExerciseRun:
        """Kill a worker that ran out of time, and make a run of what it said."""
        if self.pid:
            _kill_group(self.pid)
        self._kill_learner()
        os.close(self.fd)
        if not self.pid:
            return self._run("the tests did not start", "collecting them hung?")
        return self._run(
            f"{self.job.module_file} was still running after {self.job.timeout:g} s",
            "an endless loop?",
            kind=TIMEOUT,
        )

    def _kill_learner(self) -> None:
        """End the learner's process, wherever it has gone."""
        if self.learner is not None:
            try:
                signal.pidfd_send_signal(self.learner, signal.SIGKILL)
            except OSError:
                pass  # it has ended already
            os.close(self.learner)
            self.learner = None

    def _run(self, reason: str, guess: str = "", kind: str = CRASH) -> ExerciseRun:
        """Every collected test, with the one that was running blamed for
        `reason` (and `guess`, what may have caused it), and those never
        reached marked as not run."""
        run = ExerciseRun(self.job.name, duration=time.monotonic() - self.started)
        names = self.collected + [n for n in self.results if n not in self.collected]
        blame = f"{reason}: {guess}" if guess else reason
        for name in names:
            result = self.results.get(name)
            if result is None and reason and name == self.current:
                result = TestResult(name, False, kind, blame)
            elif result is None:
                result = TestResult(
                    name, False, NOT_RUN, "not run: the tests stopped before this one"
                )
            run.tests.append(result)
        if reason and self.current:
            reason = f"{reason} in {self.current}"
        if reason and guess:
            reason = f"{reason}: {guess}"
        if not reason and not run.tests:
            reason = "no tests found in " + str(self.job.test_file.name)
        if not reason and any(test.kind == NOT_RUN for test in run.tests):
            reason = "the tests stopped before all of them ran"
        run.error = reason
        return run


def _test_result(fields, collected: list[str]) -> TestResult:
    """A test's outcome from its event, checked field by field: a worker
    reports only tests it collected, once each, with values of the right
    types (anything else raises ValueError)."""
    types = {"name": str, "passed": bool, "kind": str, "message": str, "output": str}
    if not isinstance(fields, dict) or not set(fields) <= {*types, "duration"}:
        raise ValueError("not a test's outcome")
    for key, kind in types.items():
        if key in fields and type(fields[key]) is not kind:
            raise ValueError(f"{key} is not a {kind.__name__}")
    if fields.get("name") not in collected:
        raise ValueError("not a collected test")
    duration = float(fields.get("duration", 0.0))
    texts = {
        key: _printable(fields[key]) for key in ("message", "output") if key in fields
    }
    return TestResult(**{**fields, **texts, "duration": duration})


# Control characters but the line break and the tab: what a learner's code
# prints may hold terminal escapes (clear the screen, move the cursor,
# recolour) that must not reach the terminal of whoever reads the grade.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """`text` with each control character shown as its escape, \\x1b say."""
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _kill_group(pid: int) -> None:
    """Kill the child's process group (the child and anything it started)."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _death(status: int, subject: str) -> tuple[str, str]:
    """Say in one line, of `subject`, why a child ended before it finished;
    and what may have caused it, if a guess is worth making."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        flood = f"printed more than {OUTPUT_LIMIT_BYTES // (1024 * 1024)} MB"
        reasons = {
            signal.SIGSEGV: ("crashed the Python process (segmentation fault)", ""),
            signal.SIGBUS: ("crashed the Python process (bus error)", ""),
            signal.SIGXFSZ: (flood, "a print in a loop?"),
            signal.SIGKILL: ("was killed", "out of memory?"),
        }
        name = signal.Signals(sig).name
        what, guess = reasons.get(sig, (f"was killed by signal {name}", ""))
    else:
        code = os.WEXITSTATUS(status)
        what = f"ended the Python process with exit code {code}"
        guess = "a call to os._exit?"
    return f"{subject} {what}", guess


# Everything below runs in the session process or in a worker.


def _session_main(jobs, channels, workers) -> None:  # pragma: no cover
    """Collect every job's tests once, then run each job in a worker."""
    # Everything inherited from the grader lives as long as this process:
    # spare it from garbage collection, which would otherwise walk the whole
    # inherited heap again and again while the tests are collected.
    gc.freeze()
    root = Path(jobs[0][1].root)
    sink = tempfile.TemporaryFile()
    # Output that escapes pytest's capture (from C code, say) goes nowhere,
    # and input() must not wait for a keyboard: the grader's terminal is
    # not the learner's.
    os.dup2(sink.fileno(), 1)
    os.dup2(sink.fileno(), 2)
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)
    os.close(nothing)
    sys.stdout = sys.stderr = open(1, "w", errors="replace", closefd=False)
    os.chdir(root)
    sys.path.insert(0, str(root))
    # Grading leaves the project as it found it: compiled modules are cached
    # outside it, so no __pycache__ folder appears in exercises/.
    sys.pycache_prefix = str(_cache_dir() / "pycache")
    sys.dont_write_bytecode = False
    _forget_project_modules()
    _forget_assertion_rewriting()
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"

    files = list(dict.fromkeys(job.test_file for _, job in jobs))
    dispatcher = _Dispatcher(jobs, channels, workers)
    code = pytest.main(session_args(root, files, jobs[0][1]), plugins=[dispatcher])
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR):
        reason = f"pytest could not run the tests: {_complaint(sink)}"
        for channel in channels:
            if not channel.closed:
                channel.send(problem=reason)


class _Dispatcher:
    """A pytest plugin for the session: instead of running the collected
    tests itself, it forks a worker per job to run that job's tests."""

    def __init__(self, jobs, channels, workers):
        self.jobs = jobs
        self.channels = channels
        self.workers = workers

    def pytest_configure(self, config):
        # conftest.py replaces every traceback with its own explanation:
        # let pytest build the cheapest kind first (the default parses the
        # source of every frame).
        config.option.tbstyle = "native"

    def pytest_collectreport(self, report):
        if not report.failed:
            return
        lines = str(report.longreprtext).strip().splitlines() or ["?"]
        for (_, job), channel in zip(self.jobs, self.channels, strict=True):
            if Path(report.nodeid).name == job.test_file.name:
                channel.send(problem=f"the tests could not be loaded: {lines[-1]}")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        items: dict[str, list] = {}
        for item in session.items:
            items.setdefault(Path(str(item.path)).name, []).append(item)
        gc.freeze()  # the collected tests, too, live as long as the workers
        queue = list(zip(self.jobs, self.channels, strict=True))
        running: dict[int, _Channel] = {}
        while queue or running:
            while queue and len(running) < self.workers:
                (_, job), channel = queue.pop(0)
                tests = items.get(job.test_file.name, [])
                if not tests:
                    channel.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    for other in self.channels:
                        if other is not channel:
                            other.close()  # its pipe must end with its worker
                    _worker_main(session, job, tests, channel)
                running[pid] = channel
            if running:
                pid, status = os.wait()
                channel = running.pop(pid, None)
                if channel is not None:
                    channel.send(status=status)
                    channel.close()
        return True


def _worker_main(session, job: Job, items, channel) -> None:  # pragma: no cover
    """Run one job's tests in this (forked) process and report on `channel`."""
    code = 0
    try:
        os.setpgid(0, 0)  # so that the grader can kill whatever this starts
        channel.send(pid=os.getpid())
        _own_capture(session.config)
        # Before the limits: a separate learner's process is forked here,
        # and sets the same limits on itself.
        learner = _retarget(session.config, job, separate=job.separate)
        if learner:
            channel.send(learner=learner)
        _limit_resources(job)
        reporter = _Reporter(channel, job)
        session.config.pluginmanager.register(reporter, "kata-reporter")
        channel.send(collected=[_test_name(item.nodeid) for item in items])
        for item, following in zip(items, [*items[1:], None], strict=True):
            item.ihook.pytest_runtest_protocol(item=item, nextitem=following)
        channel.send(complete=True)
    except BaseException:
        code = 70
    finally:
        if job.separate:
            _retarget(session.config, job)  # stops the learner's process
        os._exit(code)


def _cache_dir() -> Path:
    """Where the grader may keep files between runs, outside any project."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nn-kata"


def _own_capture(config) -> None:  # pragma: no cover
    """Give this worker capture files of its own.

    A forked worker shares the session's open files, and workers run side by
    side: each must capture what its tests print into files nobody else
    writes (where the output limit also applies)."""
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None and capture.is_globally_capturing():
        capture.stop_global_capturing()
        capture.start_global_capturing()


def _retarget(config, job: Job, separate: bool = False):  # pragma: no cover
    """Point the tests at this job's target, with its stand-in files.

    The project's conftest.py offers `retarget(target, overrides, separate,
    prepare)` for this: the tests decide what to load, and the session was
    set up for the first job only. With `separate`, the learner's functions
    run in a process of their own, under this job's limits: its pid is
    returned."""
    kwargs = {}
    if separate:
        kwargs = {"separate": True, "prepare": functools.partial(_limit_resources, job)}
    for plugin in config.pluginmanager.get_plugins():
        retarget = getattr(plugin, "retarget", None)
        if getattr(plugin, "__name__", "").endswith("conftest") and callable(retarget):
            return retarget(job.target, list(job.overrides), **kwargs)
    return None


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
    # No exercise needs a process or a thread of its own, and a fork bomb
    # must not take the machine down: the limit counts all of the user's
    # processes, so 1 forbids any new one. (The system ignores this limit
    # for root.)
    resource.setrlimit(resource.RLIMIT_NPROC, (1, 1))


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
    """One end of a job's pipe, written by the session and its worker: one
    JSON object per line."""

    def __init__(self, fd: int):
        self.fd = fd
        self.closed = False

    def send(self, **event) -> None:
        data = memoryview((json.dumps(event) + "\n").encode())
        try:
            while data:
                data = data[os.write(self.fd, data) :]
        except BrokenPipeError:
            pass  # the grader has stopped listening: nothing to tell

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
            self.closed = True


class _Reporter:
    """A pytest plugin that sends each test's result as soon as it is known."""

    def __init__(self, channel: _Channel, job: Job):
        self.channel = channel
        self.job = job
        self.pending: dict[str, TestResult] = {}
        self.crashes: dict[str, str] = {}  # test name -> why it crashed
        self.fatal: dict[str, str] = {}  # crashes the process cannot survive

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
            result.message = trim(str(report.longreprtext), MESSAGE_KEPT_CHARS)
            if name in self.crashes:
                result.kind, result.message = CRASH, self.crashes[name]
        if report.when == "teardown":
            # The last phase's report carries the output of all three.
            result.output = trim(report.capstdout + report.capstderr, OUTPUT_KEPT_CHARS)
            self.channel.send(test=vars(self.pending.pop(name)))
            if name in self.fatal:
                # Memory the failed test held may never come back, and
                # pytest itself fails in the next test: stop here.
                self.channel.send(abort=f"{self.fatal[name]} in {name}")
                os._exit(0)


def _test_name(nodeid: str) -> str:
    return nodeid.split("::", 1)[-1]


def _crash_reason(error: BaseException, job: Job) -> str:
    """One line for an exception that would end a real program, else ''."""
    if isinstance(error, SystemExit):
        return (
            f"{job.module_file} called sys.exit({error.code!r}), which ends the "
            "whole program: return a value instead"
        )
    if isinstance(error, MemoryError):
        return f"{job.module_file} ran out of memory (the limit is {job.memory_mb} MB)"
    return ""

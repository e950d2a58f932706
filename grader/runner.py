"""Run exercises' tests in child processes and bring back the results.

One grade is one pytest session (`grader.session`), forked from the grader
at once: it imports numpy, pytest and hypothesis while the grader gets on
with its own work. The session loads the project's conftest and collects
the test modules once; then, for each exercise, it forks a worker that runs
just that exercise's tests and reports on a pipe of its own. Collecting
once is what makes a full grade fast: configuring pytest and importing the
test modules cost more than most exercises' tests. The watch keeps a
session warm (`WarmSession`), so that a save costs only its worker.

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
`run_many` again and again. Importing it imports neither numpy nor pytest
nor hypothesis: `preload` does, for a process that starts many sessions.
"""

import ast
import itertools
import json
import os
import re
import select
import signal
import socket
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from grader import lifeline, prestart
from grader.results import (
    CRASH,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    NOT_RUN,
    TIMEOUT,
    ExerciseRun,
    TestResult,
    trim,
)

# What a worker may write to one file (its captured output) before it is
# stopped: far more than any useful debugging print, far less than a disk.
OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024
# Of each test's captured output, this much is kept (whole lines from the
# start and the end) and sent back.
OUTPUT_KEPT_CHARS = 2000

# Each exercise's tests are dealt out to this many workers, like cards: the
# first test to the first worker, the second to the second, and so on. One
# exercise then keeps two cores busy, and the slow tests of a module, which
# tend to sit together, land in different workers. The deal is the same on
# every machine and in every command (a grade, `check`, the watch, a
# notebook, a batch), so that code which keeps state between calls meets the
# same tests in the same order wherever it is graded: a deal of its own for
# the batch would save it some time and cost a learner the grade they saw.
PARTS = 2


def preload() -> None:
    """Import numpy, pytest and hypothesis here, once, so that every
    session forked from this process later starts with them."""
    import grader.session  # noqa: F401


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
    # Let failures name a command of the grader for the learner to run
    # (`reset`): not when grading someone else's submission, where it would
    # act on the project of whoever reads the report.
    advice: bool = True
    # Which share of the exercise's tests to run: those whose position in
    # the module is `part` modulo `parts` (see `split`).
    part: int = 0
    parts: int = PARTS
    # Where the processes running the tests write their stacks when the
    # grader asks, at the time limit (see `_Child.where`).
    stack_file: str = ""

    @property
    def test_file(self) -> Path:
        return Path(self.root) / "tests" / f"test_{self.name}.py"

    @property
    def module_file(self) -> str:
        """The module under test, named as the learner knows it: from its
        package's folder, wherever that was staged (a batch's submission)."""
        return f"{Path(self.target).name}/{self.name}.py"

    @property
    def module_path(self) -> Path:
        """Where the module under test is."""
        return Path(self.root, self.target, f"{self.name}.py")


def run_many(
    jobs: list[Job],
    workers: int | None = None,
    on_finish: Callable[[int, ExerciseRun], None] | None = None,
) -> list[ExerciseRun]:
    """Run the jobs, at most `workers` at a time; results in the jobs' order.

    `on_finish(index, run)` is called in this process as each job ends, in
    whatever order they end (for a progress display).
    """
    return start(jobs, workers).wait(on_finish)


def start(jobs: list[Job], workers: int | None = None) -> "Grading":
    """Start running the jobs now, and return at once: the caller may do
    other work while the tests are collected and run, then `wait`."""
    return Grading(jobs, workers or os.cpu_count() or 1)


def split(jobs: list[Job]) -> tuple[list[Job], list[int]]:
    """Each job as `job.parts` jobs, one per share of its tests; and for
    each of those, the position of the job it came from.

    The first share of every job comes before any second share: an
    exercise that loops then holds one worker until the time limit, not
    all of them at once, and the other exercises are graded meanwhile.
    A job's shares still come in their own order.
    """
    parts, owners = [], []
    for part in range(max((job.parts for job in jobs), default=0)):
        for index, job in enumerate(jobs):
            if part < job.parts:
                parts.append(replace(job, part=part))
                owners.append(index)
    return parts, owners


def _with_stack_file(job: Job) -> Job:
    """`job` with a new, empty file for its processes' stacks (the `_Child`
    that watches the job removes it)."""
    handle, path = tempfile.mkstemp(prefix="kata-stack-", suffix=".txt")
    os.close(handle)
    return replace(job, stack_file=path)


def merge(runs: list[ExerciseRun], stops: list | None = None) -> ExerciseRun:
    """One exercise's run from the runs of its parts (`split`'s order), and
    from why each stopped before its end, if it did (`stops`, a `_Stop` or
    None per part).

    The tests come back in the module's order, dealt back as they were
    dealt out. When the parts stopped alike (each at the time limit, say:
    one limit, reached in every worker), the run tells one stop, with every
    test it cut short and every line they were running; else the first
    part that broke down says why the run did."""
    if len(runs) == 1:
        return runs[0]
    dealt = itertools.zip_longest(*(run.tests for run in runs))
    run = ExerciseRun(
        runs[0].name,
        tests=[test for turn in dealt for test in turn if test is not None],
        error=next((run.error for run in runs if run.error), ""),
        duration=max(run.duration for run in runs),
        timed_out=any(run.timed_out for run in runs),
        stopped_at_limit=any(run.stopped_at_limit for run in runs),
    )
    parts = [stop for stop in stops or () if stop is not None]
    together = _Stop.together(parts)
    if together is not None:
        run.error = together.error()
        blamed = {(test, stop.blame()) for stop in parts for test in stop.tests}
        for test in run.tests:
            if (test.name, test.message) in blamed:
                test.message = together.blame()
    return run


class _Dealt:
    """Gathers the runs of split jobs, and hands on each job's merged run
    (to `finish(index, run)`) once all its parts have ended."""

    def __init__(self, finish: Callable[[int, ExerciseRun], None], owners: list[int]):
        self.finish = finish
        self.owners = owners  # for each part, the position of its job
        self.parts = Counter(owners)  # for each job, how many parts it has
        # For each job, its parts ended so far: run and stop, by index.
        self.runs: dict[int, dict[int, tuple]] = {}

    def part_finished(self, index: int, run: ExerciseRun, stop=None) -> None:
        """Take in the run of part `index`, and why it stopped before its
        end (a `_Stop`), if it did."""
        job = self.owners[index]
        parts = self.runs.setdefault(job, {})
        parts[index] = (run, stop)
        if len(parts) == self.parts[job]:
            ordered = [parts[part] for part in sorted(parts)]
            runs = [run for run, _ in ordered]
            self.finish(job, merge(runs, [stop for _, stop in ordered]))


def running_now(children: list["_Child"]) -> list[str]:
    """The exercises of `children` (the workers of a grade, those ended
    too) with a share of their tests running now, by name, each once, in
    the order they started. Never more than there are workers: an exercise
    whose first share has ended while its second waits for a worker is not
    running, but still to run."""
    return list(dict.fromkeys(c.job.name for c in children if _runs_now(c)))


def _runs_now(child: "_Child") -> bool:
    """Whether `child` has started and not ended. One that has reported
    every test it collected is done but for closing its pipe: the next
    worker may say it started before the grader reads that close, and the
    two must not both be counted."""
    collected = getattr(child, "collected", None)
    reported = collected and len(child.results) >= len(collected)
    return bool(child.pid) and not child.ended and not reported


def running_for(children: list["_Child"], now: float) -> dict[str, float]:
    """How long each exercise with a share of its tests running (among the
    workers `children`) has been running it, by name, at `now` (a
    `time.monotonic` time): the seconds of its oldest share still running.

    Each share is held to the time limit on its own, and the shares of one
    exercise may run one after the other: these seconds, not the grade's,
    are the ones the limit stops."""
    ages: dict[str, float] = {}
    for child in children:
        if _runs_now(child):
            age = now - child.started
            ages[child.job.name] = max(age, ages.get(child.job.name, 0.0))
    return ages


def run_exercise(job: Job) -> ExerciseRun:
    """Run one job and return its results."""
    return run_many([job], workers=1)[0]


class Grading:
    """Jobs being run: one session per project folder, one after another."""

    def __init__(self, jobs: list[Job], workers: int):
        self.count = len(jobs)
        self.jobs, self.owners = split(jobs)
        self.missing = []
        sessions: dict[tuple, list[tuple[int, Job]]] = {}
        for index, job in enumerate(self.jobs):
            if job.test_file.is_file():
                key = (Path(job.root).resolve(), job.explore)
                sessions.setdefault(key, []).append((index, job))
            else:
                self.missing.append(index)
        # A session holds two descriptors per job while it runs: a long
        # list of jobs is run by several sessions, one after another.
        self.sessions = [
            _Session(jobs_[start : start + MOST_FDS], workers)
            for jobs_ in sessions.values()
            for start in range(0, len(jobs_), MOST_FDS)
        ]
        if self.sessions:
            self.sessions[0].start()

    def wait(
        self,
        on_finish: Callable[[int, ExerciseRun], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[ExerciseRun]:
        """The runs, in the jobs' order, once every job has ended.

        `cancel()`, if given, is asked every `CANCEL_POLL` seconds while the
        jobs run: when it says True, every worker still running is stopped
        and `Cancelled` is raised; the jobs that had ended were passed to
        `on_finish` (`list`, which waits only so long, shows those)."""
        runs: list[ExerciseRun | None] = [None] * self.count

        def merged(index, run):
            runs[index] = run
            if on_finish is not None:
                on_finish(index, run)

        finish = _Dealt(merged, self.owners).part_finished
        for index in self.missing:
            finish(index, _missing_tests(self.jobs[index]))
        for session in self.sessions:
            session.start()
            orphans = session.wait(finish, cancel, keep_orphans=True)
            # The session died under these jobs: an exercise's code may kill
            # it (a signal to its parent, say). They run again in sessions
            # of their own one at a time, so that the next death leaves only
            # the job that was running, its likely cause, without a result.
            while orphans:
                again = _Session(orphans, workers=1)
                again.start()
                orphans = again.wait(finish, cancel, keep_orphans=True)
        return runs


def _fields(job: Job) -> dict:
    """`job` as JSON can carry it (see `grader.session`)."""
    return {**asdict(job), "root": str(job.root)}


def _missing_tests(job: Job) -> ExerciseRun:
    where = job.test_file.relative_to(job.root)
    return ExerciseRun(job.name, error=f"no tests found: {where} does not exist")


class Cancelled(Exception):
    """A grade stopped at its caller's request (see `WarmSession.run`)."""


# How often a grade that may be cancelled asks whether it is.
CANCEL_POLL = 0.1


# The most pipes handed to a waiting session in one message (the system
# allows about 250 descriptors per message).
MOST_FDS = 200

# How long a session may take to collect the tests and start a worker: far
# more than collecting ever takes, unless something hangs.
STARTUP_GRACE = 60.0


class _Session:
    """The grader's side of one pytest session and its workers."""

    def __init__(self, jobs: list[tuple[int, Job]], workers: int):
        self.jobs = jobs
        self.workers = workers
        self.pid = 0
        self.running: dict[int, _Child] = {}
        self.children: list[_Child] = []

    def start(self) -> None:
        if self.pid:
            return
        self.jobs = [(index, _with_stack_file(job)) for index, job in self.jobs]
        pipes = [os.pipe() for _ in self.jobs]
        self._take_waiting(pipes)
        if not self.pid:
            self._fork(pipes)
        for (index, job), (read_fd, write_fd) in zip(self.jobs, pipes, strict=True):
            os.close(write_fd)
            self.running[read_fd] = _Child(index, job, read_fd)
        self.children = list(self.running.values())  # ended ones too

    def _take_waiting(self, pipes: list[tuple[int, int]]) -> None:
        """Hand the jobs to the session `grader.prestart` started, if it is
        waiting: it has imported the test libraries meanwhile."""
        waiting = prestart.take()
        if waiting is None:
            return
        pid, channel = waiting
        message = {
            "jobs": [[index, _fields(job)] for index, job in self.jobs],
            "workers": self.workers,
        }
        try:
            if len(pipes) > MOST_FDS:
                raise OSError("too many jobs to send at once")
            data = json.dumps(message).encode()
            socket.send_fds(channel, [data], [write_fd for _, write_fd in pipes])
            self.pid = pid
        except OSError:
            _kill_group(pid)
            os.waitpid(pid, 0)
        finally:
            channel.close()

    def _fork(self, pipes: list[tuple[int, int]]) -> None:
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the session process
            code = 0
            try:
                lifeline.end_with_parent(parent)
                for read_fd, _ in pipes:
                    os.close(read_fd)
                from grader import session

                channels = [session.Channel(write_fd) for _, write_fd in pipes]
                session.main(self.jobs, channels, self.workers)
            except BaseException:
                code = 70
            finally:
                os._exit(code)

    def wait(
        self,
        finish: Callable[[int, ExerciseRun], None],
        cancel: Callable[[], bool] | None = None,
        keep_orphans: bool = False,
    ) -> list[tuple[int, Job]]:
        """Wait for every job to end, finishing each. With `keep_orphans`,
        the jobs the session's death left without a result are not finished
        but returned (as index and job) to run again: all of them when more
        than one worker ran at a time, else all but the one that was
        running when the session died. A session that died before it
        started any worker would die again: its jobs are finished."""
        children = list(self.running.values())
        alone = self.workers == 1

        def orphan(child: "_Child", run: ExerciseRun) -> bool:
            started = any(c.pid for c in children)
            return (
                keep_orphans
                and started
                and child.orphaned(run)
                and not (alone and child.pid)
            )

        try:
            return _watch_keeping(self.running, finish, cancel, orphan)
        finally:
            _kill_group(self.pid)
            os.waitpid(self.pid, 0)


class WarmSession:
    """A pytest session kept running between grades of one project, with
    every test module collected: a grade then costs only its workers.

    Jobs come to the session over a socket, each with the write end of the
    pipe its worker reports on. A session that has died (the learner's
    code may kill it) is started again at the next `run`.
    """

    def __init__(self, root: Path, workers: int | None = None):
        self.root = Path(root)
        self.workers = workers or os.cpu_count() or 1
        self.pid = 0
        self.socket: socket.socket | None = None
        # The workers of the jobs under way, read between two reads of
        # their pipes (from `cancel`): those with a pid have started.
        self.children: list[_Child] = []

    def run(
        self,
        jobs: list[Job],
        on_finish: Callable[[int, ExerciseRun], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[ExerciseRun]:
        """Run the jobs (of this project, not exploring) like `run_many`.

        `cancel()`, if given, is asked every `CANCEL_POLL` seconds while the
        jobs run: when it says True, every worker still running is stopped
        and `Cancelled` is raised (a learner who quits, or saves again, need
        not wait for the end of a grade that no longer matters)."""
        runs: list[ExerciseRun | None] = [None] * len(jobs)

        def merged(index, run):
            runs[index] = run
            if on_finish is not None:
                on_finish(index, run)

        parts, owners = split(jobs)
        dealt = _Dealt(merged, owners)
        try:
            self._run_parts(jobs, list(enumerate(parts)), dealt, cancel)
        finally:
            self.children = []  # none is under way between two runs
        return runs

    def _run_parts(self, jobs, parts, dealt, cancel, retried=False) -> None:
        """Run `parts` (index and job, from `split(jobs)`), finishing each
        through `dealt`."""
        finish = dealt.part_finished
        present = []
        for index, job in parts:
            if job.test_file.is_file():
                present.append((index, _with_stack_file(job)))
            else:
                finish(index, _missing_tests(job))
        fds = [self._submit(job) for _, job in present]
        if None in fds:
            # No session would start (a conftest.py that fails, say): a
            # grade of their own says why.
            for fd in fds:
                if fd is not None:
                    os.close(fd)
            for _, job in present:
                Path(job.stack_file).unlink(missing_ok=True)
            alone = sorted({dealt.owners[index] for index, _ in present})
            for index, run in zip(
                alone, run_many([jobs[i] for i in alone]), strict=True
            ):
                dealt.finish(index, run)
            return
        children = [
            _Child(index, job, fd)
            for (index, job), fd in zip(present, fds, strict=True)
        ]
        self.children = children
        unstarted = self._watch(children, finish, cancel, retry=not retried)
        if unstarted:
            # The session died (the code of an earlier job may kill it) while
            # these jobs were on their way to it: a new one runs them.
            self.close()
            self._run_parts(jobs, unstarted, dealt, cancel, retried=True)

    def _watch(self, children, finish, cancel, retry: bool) -> list[tuple[int, Job]]:
        """Watch `children` to their end, finishing each; with `retry`, those
        whose worker never started are not finished but returned (as index
        and job, without the stack file), to run again."""

        def unstarted(child: "_Child", run: ExerciseRun) -> bool:
            return retry and not (child.pid or child.complete or child.problems)

        running = {child.fd: child for child in children}
        return _watch_keeping(running, finish, cancel, unstarted)

    def start(self) -> None:
        """Start the session now, if it is not running: it takes a while
        to collect the tests, which a first `run` need not wait for."""
        if not self.pid:
            self._start()

    def _submit(self, job: Job) -> int | None:
        """Hand `job` to the session, started anew if need be; the read end
        of its worker's pipe, or None when no session takes it."""
        message = _fields(job)
        for _ in range(2):
            if not self.pid:
                self._start()
            read_fd, write_fd = os.pipe()
            try:
                socket.send_fds(self.socket, [json.dumps(message).encode()], [write_fd])
                return read_fd
            except OSError:
                os.close(read_fd)
                self.close()
            finally:
                os.close(write_fd)
        return None

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the session process
            code = 0
            try:
                lifeline.end_with_parent(parent)
                ours.close()
                from grader import session

                session.serve(self.root, False, theirs, self.workers)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        theirs.close()
        self.socket = ours

    def close(self) -> None:
        """Stop the session and everything it started."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None
        if self.pid:
            _kill_group(self.pid)
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0


def _watch_keeping(running: dict, finish, cancel, kept) -> list[tuple[int, Job]]:
    """`_watch` the workers in `running`, finishing each (with its run and
    why it stopped, see `_Dealt.part_finished`) but those that
    `kept(child, run)` holds back: they are returned (as index and job,
    without the stack file) to run again. Cancelled or interrupted, it
    stops every worker still running, since no one waits for them."""
    held = []

    def finished(index, run):
        child = by_index[index]
        if kept(child, run):
            held.append((index, replace(child.job, stack_file="")))
        else:
            finish(index, run, child.halt)

    by_index = {child.index: child for child in running.values()}
    try:
        _watch(running, finished, cancel)
    except BaseException:
        # Cancelled, or interrupted (Ctrl+C, a closed terminal).
        for child in running.values():
            child.abandon()
        running.clear()
        raise
    finally:
        for child in running.values():
            finished(child.index, child.stop())
    return held


def _watch(running: dict, finish, cancel=None) -> None:
    """Read what the workers in `running` (pipe to `_Child`) say until each
    has ended or run out of time; `finish` each as it does. Raise
    `Cancelled` as soon as `cancel()` (if given) says so."""
    last_news = time.monotonic()
    while running:
        now = time.monotonic()
        started = [c.deadline for c in running.values() if c.pid]
        deadline = min(started, default=last_news + STARTUP_GRACE)
        wait = max(0, deadline - now)
        if cancel is not None:
            wait = min(wait, CANCEL_POLL)
        ready = _readable(list(running), wait)
        if cancel is not None and cancel():
            raise Cancelled
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
                return  # the session hangs: the caller stops what is left


def _readable(fds: list[int], timeout: float) -> list[int]:
    """Those of `fds` with something to read (or at their end), waiting at
    most `timeout` seconds. Unlike select(), poll takes descriptors of any
    number: a process with many files open (a notebook's kernel, say) may
    hand out pipes numbered past 1024."""
    poll = select.poll()
    for fd in fds:
        poll.register(fd, select.POLLIN)
    return [fd for fd, _ in poll.poll(timeout * 1000)]


class _Child:
    """The grader's side of one exercise's worker: its pipe and what it said."""

    def __init__(self, index: int, job: Job, fd: int):
        self.index = index
        self.job = job
        self.fd = fd
        self.pid = 0  # the worker's, once it says it has started
        self.ended = False  # and once the grader has let go of it
        self.started = time.monotonic()
        self.deadline = self.started + self.job.timeout
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
        # The test after which the worker stopped itself, if it did: one
        # it could not survive (see `grader.session`).
        self.aborted = ""
        self.halt: _Stop | None = None  # why its tests stopped, once known
        # The files the worker's tests print into, as (device, inode) pairs.
        self.capture: list[tuple[int, int]] = []
        # What the worker said of the stop it made itself, and the lines of
        # the module under test that made it.
        self.abort_guess = ""
        self.abort_lines: tuple[tuple[int, str], ...] = ()
        # The line of the module under test that called os._exit, if any.
        self.exit_line: tuple[int, str] | None = None

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
                self.aborted = str(event.get("after", ""))
                self.abort_guess = str(event.get("guess", ""))
                self.abort_lines = tuple(map(_line, event.get("lines", ())))
                self.complete = True
            elif "exit_line" in event:
                self.exit_line = _line(event["exit_line"])
            elif "complete" in event:
                self.complete = True
            elif "status" in event:
                self.status = int(event["status"])
            elif "capture" in event:
                self.capture = [(int(dev), int(ino)) for dev, ino in event["capture"]]
            elif "learner" in event and self.learner is None:
                self.learner = os.pidfd_open(int(event["learner"]))
        except Exception:  # malformed, too deep, of the wrong types
            pass  # not ours: ignore, and let a missing result speak

    def finish(self) -> ExerciseRun:
        """The run of a worker whose pipe closed: it ended, and the session
        said how (or the session itself ended)."""
        at_limit = self.status is not None and _at_limit(self.status)
        # Stopped for what it printed, the process wrote its stack first.
        frames = self._frames_written() if at_limit else ()
        self.abandon()  # anything the tests left running
        if self.aborted:
            return self._run(
                self.problems[0],
                self.abort_guess,
                lines=self.abort_lines,
                running=self.aborted,
                at_limit=True,
            )
        if self.complete or (not self.pid and self.problems):
            return self._run(self.problems[0] if self.problems else "")
        if self.status is None:
            return self._run("the grader's test session ended unexpectedly.")
        what, guess = _death(self.status, self.job.module_file)
        # Only a process that exited can have called os._exit; and when the
        # line that did is known, the call is no longer a guess.
        if self.exit_line is not None and os.WIFEXITED(self.status):
            return self._run(what, EXIT_CALLED, lines=(self.exit_line,))
        return self._run(what, guess, lines=frames[:1], at_limit=at_limit)

    def orphaned(self, run: ExerciseRun) -> bool:
        """Whether `run`, this child's, is cut short by the death of the
        session rather than by anything the worker did or said."""
        return not (self.complete or self.problems or run.timed_out) and (
            self.status is None
        )

    def stop(self) -> ExerciseRun:
        """Kill a worker that ran out of time, and make a run of what it said."""
        frames = self.frames() if self.pid else ()
        where = frames[0] if frames else None
        printed = self.printed() if self.pid and self.current else ""
        self.abandon()
        if not self.pid:
            return self._run("the tests did not start", "collecting them hung?")
        module = self.job.module_path
        guess = LOOP_GUESS if where is None or not _prints(where[1]) else PRINT_GUESS
        # A while loop that cannot end is the one to name, if it holds a
        # loop of its own that the process was stopped in.
        stuck = _while_stuck(module, frames)
        loop = _loop_held(module, frames) if stuck is None else stuck[:3]
        if stuck is not None:
            guess = stuck[4]
        run = self._run(
            f"{self.job.module_file} was still running after {self.job.timeout:g} s",
            guess,
            kind=TIMEOUT,
            at_limit=True,
            stopped_at=where,
            loop=loop,
        )
        run.timed_out = True
        for test in run.tests:
            if test.name == self.current:
                test.output = trim(printed, OUTPUT_KEPT_CHARS)
        return run

    def printed(self) -> str:
        """What the running test has printed so far, read from the worker's
        capture files: a worker killed at its time limit cannot send it."""
        texts = []
        for fd, known in zip((1, 2), self.capture, strict=False):
            path = Path(f"/proc/{self.pid}/fd/{fd}")
            try:
                status = path.stat()
                # Between tests the worker prints into the session's file,
                # shared with other workers: only its own capture is read.
                if (status.st_dev, status.st_ino) != known:
                    continue
                with path.open("rb") as file:
                    texts.append(file.read(OUTPUT_LIMIT_BYTES))
            except OSError:
                continue  # it has ended, or the system has no /proc
        return _printable(b"".join(texts).decode(errors="replace"))

    def abandon(self) -> None:
        """Stop the worker and the learner's process, and let go of the
        worker's pipe and stacks file; what it said is kept."""
        self.ended = True
        if self.pid:
            _kill_group(self.pid)
        self._kill_learner()
        os.close(self.fd)
        self._forget_stacks()

    def frames(self) -> tuple[tuple[int, str], ...]:
        """The lines of the module under test that were running, and their
        code, as the processes running the tests tell when asked: the line
        running first, then the lines of the module that called it (of one
        process and thread). Nothing if none of them was in that module.

        In grading mode the learner's process is asked first, alone: two
        processes writing their stacks into one file at once can interleave
        their lines past reading. The worker is asked only if that process
        named no line of the module."""
        module = self.job.module_path
        stacks = Path(self.job.stack_file)
        if self.learner is not None:
            try:
                signal.pidfd_send_signal(self.learner, signal.SIGUSR1)
            except OSError:
                pass  # it has ended: the worker may still say where it is
            else:
                found = _frames_told(stacks, module, STACK_WAIT / 2)
                if found:
                    return found
        try:
            os.kill(self.pid, signal.SIGUSR1)
        except OSError:
            return ()
        return _frames_told(stacks, module, STACK_WAIT)

    def _frames_written(self) -> tuple[tuple[int, str], ...]:
        """The lines of the module under test in the stacks the processes
        wrote before they ended, as `frames` gives them; nothing if none
        did."""
        if not self.job.stack_file:
            return ()
        module = self.job.module_path
        return _frames_told(Path(self.job.stack_file), module, FLOOD_STACK_WAIT)

    def _forget_stacks(self) -> None:
        if self.job.stack_file:
            Path(self.job.stack_file).unlink(missing_ok=True)

    def _kill_learner(self) -> None:
        """End the learner's process, wherever it has gone."""
        if self.learner is not None:
            try:
                signal.pidfd_send_signal(self.learner, signal.SIGKILL)
            except OSError:
                pass  # it has ended already
            os.close(self.learner)
            self.learner = None

    def _run(
        self,
        reason: str,
        guess: str = "",
        kind: str = CRASH,
        lines: tuple[tuple[int, str], ...] = (),
        at_limit: bool = False,
        running: str = "",
        stopped_at: tuple[int, str] | None = None,
        loop: tuple[int, int, str] | None = None,
    ) -> ExerciseRun:
        """Every collected test, with the one that was running (`running`,
        by default the one that started last) blamed for `reason` (and
        `guess`, what may have caused it, with the `lines` of the module it
        was running), and those never reached marked as not run.
        `at_limit`: the grader stopped the tests at one of its limits.
        `stopped_at`: the line of the module the grader stopped them at,
        and `loop`, the loop around it (`_loop_around`), if known; both go
        among the lines. What stopped them is kept as `halt`."""
        run = ExerciseRun(self.job.name, duration=time.monotonic() - self.started)
        running = running or self.current
        running = (running,) if reason and running else ()
        halt = _Stop(reason, guess, running, lines)
        self.halt = halt.at(stopped_at, loop) if reason else None
        names = self.collected + [n for n in self.results if n not in self.collected]
        for name in names:
            result = self.results.get(name)
            if result is None and name in running:
                result = TestResult(name, False, kind, self.halt.blame())
            elif result is None:
                result = TestResult(
                    name, False, NOT_RUN, "not run: the tests stopped before this one"
                )
            run.tests.append(result)
        reason = self.halt.error() if self.halt else ""
        # The first part has no tests only when the module has none.
        if not reason and not run.tests and self.job.part == 0:
            reason = "no tests found in " + str(self.job.test_file.name)
        if not reason and any(test.kind == NOT_RUN for test in run.tests):
            reason = "the tests stopped before all of them ran"
        run.error = reason
        run.stopped_at_limit = at_limit
        return run


def _line(fields) -> tuple[int, str]:
    """A line of the module under test as a worker reports it, [number,
    code], checked (anything else raises ValueError)."""
    number, code = fields
    if type(number) is not int or type(code) is not str:
        raise ValueError("not a line")
    return number, _printable(code if len(code) <= 80 else code[:77] + "...")


# What may have kept a module running past its time limit; where the line
# it was stopped at prints, the printing too: each call writes to the
# screen, and a loop of many thousands of them takes seconds.
LOOP_GUESS = "an endless loop?"
# Where the loop held is a while loop whose condition tests a name that
# nothing in its body changes: not a guess, the loop cannot end.
WHILE_GUESS = (
    "nothing inside the while loop changes `{name}`, which its condition "
    "tests, so the loop never ends."
)
# Where that name is a counter and the condition reads an array's size too,
# which the body might change in place (a call it is passed to may resize
# it): the counter that never moves is likely the mistake, but the loop
# might end otherwise.
COUNTER_GUESS = (
    "nothing inside the while loop changes `{name}`, which its condition tests."
)
# Where the loop held tests `not it.finished` of an iterator (np.nditer)
# that nothing in its body moves on.
ITERNEXT_GUESS = (
    "nothing inside the while loop calls `{name}.iternext()`, so "
    "`{name}.finished`, which its condition tests, stays False and the loop "
    "never ends."
)
PRINT_GUESS = (
    "an endless loop? The line it was stopped at prints, and printing in a "
    "loop is slow: it may be what took the time."
)
# A call of print in a line of code ("print(v)", "for v in x: print(v)").
_PRINT_CALL = re.compile(r"(?<![\w.])print\s*\(")


def _prints(code: str) -> bool:
    """Whether the line of code `code` calls print (outside a comment; a
    "#" inside a string may cut the line short, which only hides a print)."""
    return _PRINT_CALL.search(code.split("#", 1)[0]) is not None


# What may have made a module run out of memory.
MEMORY_GUESS = "too large an array or list?"
# Why a worker that exited did, when a line of the module called os._exit.
EXIT_CALLED = "it called os._exit."
# After a stop that each worker reached, the tests it cut short (one per
# worker: PARTS is two).
# An exercise's tests run in two shares at once, so one endless loop may
# stop both; how they are shared out is the grader's business, not the
# learner's, so the sentence names the two tests and no more.
BOTH_RUNNING = "This happened in both tests that were running: {tests}."


def told(abort: str, guess: str = "", lines=()) -> str:
    """How a test cut short by a stop the worker made itself reads: what
    happened (`abort`), what may have caused it, and the `lines` ([number,
    code] each) of the module under test that did it."""
    return _Stop(abort, guess, (), tuple(map(_line, lines))).blame()


# Where the grader stopped a module at its time limit: which loop held the
# line it was stopped at, by its first and last lines (on one line, or
# several: one loop per worker).
LOOP_ON_LINE = "The loop on line {line} did not end in time."
LOOP_ON_LINES = "The loop on lines {first}-{last} did not end in time."
LOOPS_ON_LINES = "The loops on lines {lines} did not end in time."


@dataclass(frozen=True)
class _Stop:
    """Why a worker's tests stopped before their end, in the pieces the
    learner reads: what happened, what may have caused it, the tests it
    cut short and the lines of the module under test they were running;
    of those, the ones the grader stopped them at, and the loops around
    these that had not ended."""

    what: str  # "exercises/dot.py was still running after 30 s"
    guess: str = ""  # "an endless loop?"
    tests: tuple[str, ...] = ()
    lines: tuple[tuple[int, str], ...] = ()  # number and code, in order
    stopped: tuple[int, ...] = ()  # numbers, each one of `lines`
    loops: tuple[tuple[int, int], ...] = ()  # first and last line of each
    # Where the tests of several workers were stopped at different lines:
    # each of those lines and the test stopped there.
    stopped_in: tuple[tuple[int, str], ...] = ()

    def at(
        self, line: tuple[int, str] | None, loop: tuple[int, int, str] | None
    ) -> "_Stop":
        """This stop, made at `line` (number and code) of the module, in
        `loop` (its first and last line numbers, and its first line's
        code): both join the lines, each once, the loop's first line
        before the line it holds."""
        if line is None:
            return self
        lines = {*self.lines, line}
        if loop is not None:
            lines.add((loop[0], loop[2]))
        return replace(
            self,
            lines=tuple(sorted(lines)),
            stopped=(*self.stopped, line[0]),
            loops=self.loops if loop is None else (*self.loops, loop[:2]),
        )

    def blame(self) -> str:
        """What each test it cut short says: the stop, without the tests."""
        return self._told(self.what)

    def error(self) -> str:
        """The run's error: the stop, naming the tests it cut short."""
        if not self.tests:
            return self.blame()
        if len(self.tests) == 1:
            # "... ended unexpectedly in test_a.": the test goes inside
            # the sentence, before its full stop.
            what = self.what.removesuffix(".")
            end = self.what[len(what) :]
            return self._told(f"{what} in {self.tests[0]}{end}")
        # The workers run at the same time: a stop told once for two tests
        # could read as one process running both, unless it says so.
        both = BOTH_RUNNING.format(tests=" and ".join(self.tests))
        return self._told(self.what, both)

    def _told(self, what: str, after: str = "") -> str:
        """`what`, with the guess after it, then the loops that did not end
        and `after`, and the lines below it, one per row: code written into
        the sentence would be hard to tell from the words around it, its
        own colons from the sentence's."""
        told = f"{what}: {self.guess}" if self.guess else what
        for sentence in (self._loops_told(), after):
            told = f"{told} {sentence}" if sentence else told
        rows = [self._row(number, code) for number, code in self.lines]
        return "\n".join([told, *rows])

    def _row(self, number: int, code: str) -> str:
        """Line `number` of the module and its `code`, as a row below the
        sentence; the line a test was stopped at says so."""
        tests = [test for line, test in self.stopped_in if line == number]
        if tests:
            return f"  stopped at line {number} in {' and '.join(tests)}: {code}"
        if number in self.stopped:
            return f"  stopped at line {number}: {code}"
        return f"  line {number}: {code}"

    def _loops_told(self) -> str:
        """Which loops did not end, by their lines; "" if none is known."""
        spans = [str(a) if a == b else f"{a}-{b}" for a, b in self.loops]
        if not spans:
            return ""
        if len(spans) > 1:
            return LOOPS_ON_LINES.format(lines=", ".join(spans))
        first, last = self.loops[0]
        if first == last:
            return LOOP_ON_LINE.format(line=first)
        return LOOP_ON_LINES.format(first=first, last=last)

    @staticmethod
    def together(stops: list["_Stop"]) -> "_Stop | None":
        """The stops of an exercise's workers as one, when there are several
        and they are alike: each was stopped at the same time limit, say,
        or each printed past the same limit. None otherwise.

        Each line and each loop is told once; a loop that holds another one
        of the loops stands for both in the sentence, since it did not end
        either."""
        if len(stops) < 2 or len({(s.what, s.guess) for s in stops}) > 1:
            return None
        tests = tuple(test for stop in stops for test in stop.tests)
        lines = tuple(sorted({line for stop in stops for line in stop.lines}))
        stopped = tuple(sorted({n for stop in stops for n in stop.stopped}))
        loops = {loop for stop in stops for loop in stop.loops}
        outer = [
            (a, b)
            for a, b in loops
            if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in loops)
        ]
        what, guess = stops[0].what, stops[0].guess
        # Two tests stopped at two lines: each line says whose it was.
        stopped_in = (
            tuple(
                (n, test) for stop in stops for n in stop.stopped for test in stop.tests
            )
            if len(stopped) > 1
            else ()
        )
        loops = tuple(sorted(outer))
        return _Stop(what, guess, tests, lines, stopped, loops, stopped_in)


# How long the processes get to write their stacks, at most: only a
# stack that never reaches the learner's module waits that long.
STACK_WAIT = 2.0
# The same for a process that ended of a print flood: its stack was written
# before it ended, or never will be.
FLOOD_STACK_WAIT = 0.1
# Of the stacks, this much is read: a few threads' worth.
STACK_BYTES = 1 << 16
# A stack line, as faulthandler writes it.
_FRAME = re.compile(r'\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')


def _frames_told(path: Path, module: Path, wait: float) -> tuple[tuple[int, str], ...]:
    """The lines of `module` in the stacks written to the file at `path`
    (`_module_frames`), as soon as one is there; nothing if none is after
    `wait` seconds. Each process writes its stack as it can: the worker's
    may come first and stop short of the learner's code, which runs in a
    process of its own in grading mode."""
    deadline = time.monotonic() + wait
    found: tuple[tuple[int, str], ...] = ()
    while not found and time.monotonic() < deadline:
        time.sleep(0.02)
        try:
            with path.open(errors="replace") as file:
                text = file.read(STACK_BYTES)
        except OSError:
            return ()
        found = _module_frames(text, module)
    return found


def _module_frames(stacks: str, module: Path) -> tuple[tuple[int, str], ...]:
    """The frames of `module` in the first stack of `stacks` that has one
    (faulthandler's, most recent call first, a blank line after each
    thread), as line numbers and code (shortened): the innermost line of
    the module running, then the lines of the module that called it.
    Nothing if no stack holds a frame of `module`."""
    for stack in re.split(r"\n\s*\n", stacks):
        numbers = [
            int(match["line"])
            for match in _FRAME.finditer(stack)
            if _same_file(match["file"], module)
        ]
        if numbers:
            break
    else:
        return ()
    try:
        lines = module.read_text(errors="replace").splitlines()
    except OSError:
        return ()
    codes = [lines[n - 1].strip() if 0 < n <= len(lines) else "" for n in numbers]
    return tuple(_line([n, code]) for n, code in zip(numbers, codes, strict=True))


def _loop_held(
    module: Path, frames: tuple[tuple[int, str], ...]
) -> tuple[int, int, str] | None:
    """The loop of `module` that did not end, for a process stopped at
    `frames` (`_module_frames`): the innermost around the line running,
    else around the call that led to it (a loop whose every pass calls a
    function of the module spends its time in that function).

    Limitations: the grader sees one moment of the process, not which loop
    goes round for ever: in nested loops, or in a function that loops and
    is called from a loop, the innermost is named, even where an outer one
    is the one that never ends."""
    for number, _ in frames:
        loop = _loop_around(module, number)
        if loop is not None:
            return loop
    return None


def _loop_around(module: Path, number: int) -> tuple[int, int, str] | None:
    """The innermost loop of `module` (a while or a for) that holds line
    `number`, its first line included: its first and last line numbers,
    and the code of its first line. A process stopped at its time limit is
    often inside a call that the loop makes, or testing the loop's
    condition again, and the loop is what did not end. None where no loop
    holds it, or the module cannot be read."""
    try:
        source = module.read_text(errors="replace")
        tree = ast.parse(source)
    except (OSError, SyntaxError, ValueError):
        return None
    loops = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.While, ast.For, ast.AsyncFor))
        and node.lineno <= number <= (node.end_lineno or 0)
    ]
    if not loops:
        return None
    innermost = max(loops, key=lambda node: node.lineno)
    code = source.splitlines()[innermost.lineno - 1].strip()
    first, code = _line([innermost.lineno, code])
    return first, innermost.end_lineno or first, code


def _while_stuck(
    module: Path, frames: tuple[tuple[int, str], ...]
) -> tuple[int, int, str, str, str] | None:
    """The while loop of `module` around `frames` (`_module_frames`) that
    cannot end, as nothing in its body changes the names its condition
    tests, or moves on the iterator whose end it tests (`not it.finished`):
    its first and last line numbers, its first line's code, the first of
    those names and the sentence that says so. Where nothing changes a
    counter the condition reads, but the body might resize an array whose
    size it reads too (passes it to a call, calls a method of it), the
    counter is named, with a sentence that says no more than that. None
    where no such loop holds the frames.

    Limitations: only a loop that has no other way out (no break, return,
    raise or yield in it) and whose condition reads plain names, compared
    or passed to builtins that change nothing, or an array's size or
    shape (`_SIZES`, `_flat_length`), is judged; a name whose value the
    body could change in place (a list it appends to, say) or that a
    function could rebind (`global`) counts as changed, except an array
    whose size alone the condition reads, which writing into (x[i] += h)
    leaves as large."""
    try:
        source = module.read_text(errors="replace")
        tree = ast.parse(source)
    except (OSError, SyntaxError, ValueError):
        return None
    numbers = {number for number, _ in frames}
    rebound = {
        name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Global, ast.Nonlocal))
        for name in node.names
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.While) or not any(
            node.lineno <= n <= (node.end_lineno or 0) for n in numbers
        ):
            continue
        if _has_way_out(node):
            continue
        first = _line([node.lineno, source.splitlines()[node.lineno - 1].strip()])
        last = node.end_lineno or first[0]
        iterator = _finished_tested(node.test)
        if iterator is not None:
            if iterator in rebound or not _never_moved_on(iterator, node.body):
                continue
            return (
                first[0],
                last,
                first[1],
                iterator,
                ITERNEXT_GUESS.format(name=iterator),
            )
        names = _condition_names(node.test)
        reads = {n: _read_for_size(n, node.test) for n in names}
        changed = [
            n for n in names if n in rebound or not _unchanged(n, node.body, reads[n])
        ]
        if names and not changed:
            guess = WHILE_GUESS.format(name=names[0])
            return first[0], last, first[1], names[0], guess
        # One name the body changes may be all the loop needs to end; an
        # array changed in place rarely is, and its counter is named.
        counters = [n for n in names if n not in changed and not reads[n]]
        if counters and all(
            reads[n] == "size" and n not in rebound and not _rebound(n, node.body)
            for n in changed
        ):
            guess = COUNTER_GUESS.format(name=counters[0])
            return first[0], last, first[1], counters[0], guess
    return None


# What the body of a loop over an np.nditer may read of it without moving
# it on: where it is, and the values it points at.
_ITERATOR_READS = frozenset(
    {"multi_index", "index", "iterindex", "finished", "value", "operands"}
)


def _finished_tested(test: ast.expr) -> str | None:
    """The name `it` where a while loop's condition `test` is exactly
    `not it.finished`, as a loop over an np.nditer tests it; else None."""
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return None
    operand = test.operand
    if (
        isinstance(operand, ast.Attribute)
        and operand.attr == "finished"
        and isinstance(operand.value, ast.Name)
    ):
        return operand.value.id
    return None


def _parents(body: list[ast.stmt]) -> dict[ast.AST, ast.AST]:
    """Each node inside the statements of `body`, mapped to the node it
    stands in."""
    return {
        child: node
        for statement in body
        for node in ast.walk(statement)
        for child in ast.iter_child_nodes(node)
    }


def _never_moved_on(name: str, body: list[ast.stmt]) -> bool:
    """Whether nothing in `body` can move the iterator `name` on: it is only
    indexed (it[0]) or read for where it is (`_ITERATOR_READS`), never
    rebound, called (it.iternext()) or passed anywhere (next(it))."""
    parents = _parents(body)
    for statement in body:
        for node in ast.walk(statement):
            if not (isinstance(node, ast.Name) and node.id == name):
                continue
            parent = parents.get(node)
            read = (
                isinstance(parent, ast.Attribute) and parent.attr in _ITERATOR_READS
            ) or (isinstance(parent, ast.Subscript) and parent.value is node)
            if not isinstance(node.ctx, ast.Load) or not read:
                return False
    return True


# Builtins that read their arguments and change none of them.
_PURE_CALLS = frozenset(
    {"len", "abs", "min", "max", "int", "float", "round", "str", "print", "range"}
)
# What an array says of its size: numbers and tuples that reading cannot
# change, and that writing into the array (x[i] = v) leaves as they are.
_SIZES = frozenset({"size", "shape", "ndim"})


def _flat_length(node: ast.AST) -> ast.Name | None:
    """The name `x` where `node` reads the length of the array it holds,
    flattened, which is its size: `len(x.ravel())`, `len(x.flatten())` or
    `len(x.flat)`; else None."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and len(node.args) == 1
        and not node.keywords
    ):
        return None
    flattened = node.args[0]
    called = (
        isinstance(flattened, ast.Call)
        and not flattened.args
        and not flattened.keywords
    )
    attribute = flattened.func if called else flattened
    wanted = ("ravel", "flatten") if called else ("flat",)
    if (
        isinstance(attribute, ast.Attribute)
        and attribute.attr in wanted
        and isinstance(attribute.value, ast.Name)
    ):
        return attribute.value
    return None


def _size_read(node: ast.AST) -> bool:
    """Whether `node` reads the size of an array held by a name: `x.size`,
    `x.shape`, `x.ndim`, or an item of its shape, `x.shape[0]`."""
    if isinstance(node, ast.Subscript):
        node = node.value
        if not (isinstance(node, ast.Attribute) and node.attr == "shape"):
            return False
    return (
        isinstance(node, ast.Attribute)
        and node.attr in _SIZES
        and isinstance(node.value, ast.Name)
        and isinstance(node.ctx, ast.Load)
    )


def _condition_names(test: ast.expr) -> list[str]:
    """The names a while loop's condition `test` reads, in order, each
    once; none where it does more than compare, do arithmetic and call
    `_PURE_CALLS` (a call or an attribute may change between passes)."""
    allowed = (
        ast.Name,
        ast.Constant,
        ast.Compare,
        ast.BoolOp,
        ast.UnaryOp,
        ast.BinOp,
        ast.Load,
        ast.cmpop,
        ast.boolop,
        ast.unaryop,
        ast.operator,
        ast.Call,
    )
    # What len(x.ravel()) reads besides len and x: x.ravel() and x.ravel.
    flattening = {
        part
        for node in ast.walk(test)
        if _flat_length(node) is not None
        for part in ast.walk(node.args[0])
        if not isinstance(part, (ast.Name, ast.Load))
    }
    names: list[str] = []
    for node in ast.walk(test):
        if isinstance(node, (ast.Attribute, ast.Subscript)) and _size_read(node):
            continue  # its name, an item of its shape, walked on their own
        if node in flattening:
            continue
        if not isinstance(node, allowed):
            return []
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name)
            and node.func.id in _PURE_CALLS
            and not node.keywords
        ):
            return []
        if isinstance(node, ast.Name) and node.id not in _PURE_CALLS:
            names.append(node.id)
    # The counter a learner forgot usually comes first ("epoch < epochs").
    return list(dict.fromkeys(sorted(names, key=lambda n: _first_use(test, n))))


def _first_use(test: ast.expr, name: str) -> tuple[int, int]:
    """Where `name` is first read in `test`, as (line, column)."""
    return min(
        (node.lineno, node.col_offset)
        for node in ast.walk(test)
        if isinstance(node, ast.Name) and node.id == name
    )


def _has_way_out(loop: ast.While) -> bool:
    """Whether `loop` has a way out besides its condition: a break of its
    own, or a return, raise or yield anywhere in its body."""
    leaves = (ast.Return, ast.Raise, ast.Yield, ast.YieldFrom)
    stack = list(loop.body) + list(loop.orelse)
    while stack:
        node = stack.pop()
        if isinstance(node, (*leaves, ast.Break)):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue  # its own returns end it, not the loop
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            # A break inside ends the inner loop only.
            stack += [n for n in ast.walk(node) if isinstance(n, leaves)]
            continue
        stack += list(ast.iter_child_nodes(node))
    return False


def _read_for_size(name: str, test: ast.expr) -> str:
    """How the condition `test` reads `name`: "size" where only through
    an array's size or shape (`_size_read`, `_flat_length`), "length"
    where through its length too (`len(name)`), else ""."""
    parents = {
        child: node for node in ast.walk(test) for child in ast.iter_child_nodes(node)
    }
    flattened = [_flat_length(node) for node in ast.walk(test)]
    reads = set()
    for node in ast.walk(test):
        if not (isinstance(node, ast.Name) and node.id == name):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Attribute) and _size_read(parent):
            reads.add("size")
        elif any(node is array for array in flattened):
            reads.add("size")
        elif (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Name)
            and parent.func.id == "len"
        ):
            reads.add("length")
        else:
            return ""
    # A dict's length grows as it is written to (d[k] = v); not an array's.
    return "length" if "length" in reads else "size"


def _unchanged(name: str, body: list[ast.stmt], read_for: str = "") -> bool:
    """Whether no statement of `body` can change what `name` holds: it is
    only read, in arithmetic, comparisons, as an index, or as an argument
    of a builtin of `_PURE_CALLS`, or for its size (`x.shape`). Where the
    condition reads only its length or size (`read_for`, see
    `_read_for_size`), taking an item of it (`keys[i]`) reads it too:
    whatever is done to that item, the length stays; and where only an
    array's size, so does writing an item (x[i] += h, x.flat[i] = v)."""
    if _rebound(name, body):
        return False
    parents = _parents(body)
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and node.id == name:
                parent = parents.get(node)
                if not (
                    _only_read(node, parent, parents)
                    or read_for
                    and _item_read(node, parent)
                    or read_for == "size"
                    and _item_written(node, parent, parents)
                ):
                    return False
    return True


def _rebound(name: str, body: list[ast.stmt]) -> bool:
    """Whether a statement of `body` binds `name` to something else (or
    deletes it), rather than changing in place what it holds."""
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and node.id == name:
                if not isinstance(node.ctx, ast.Load):
                    return True
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.alias)):
                if getattr(node, "name", None) == name or (
                    isinstance(node, ast.alias) and (node.asname or node.name) == name
                ):
                    return True
    return False


def _only_read(
    node: ast.Name, parent: ast.AST | None, parents: dict[ast.AST, ast.AST]
) -> bool:
    """Whether the name `node`, under `parent`, is read without a chance
    of being changed (or aliased, to be changed under another name).
    `parents` maps each node of the loop's body to the one it stands in."""
    if isinstance(parent, (ast.BinOp, ast.Compare, ast.UnaryOp, ast.BoolOp)):
        return True
    if isinstance(parent, ast.FormattedValue):
        return True
    if isinstance(parent, ast.Attribute) and _size_read(parent):
        return True
    if isinstance(parent, ast.Subscript):
        return parent.slice is node
    if isinstance(parent, (ast.Tuple, ast.Slice)):
        return _in_index(parent, parents)
    if isinstance(parent, ast.Call):
        func = parent.func
        return (
            isinstance(func, ast.Name)
            and func.id in _PURE_CALLS
            and (node in parent.args)
        )
    return False


def _in_index(node: ast.Tuple | ast.Slice, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether `node` is the index of a subscript, or a part of it: the
    parts of `x[i, j]`, `x[i:j]` or `x[i, :j]`, whose names are only
    read, whatever is done to the item. A tuple anywhere else (`f((i,
    j))`, `i, j = ...`) may be passed on, or stands for names assigned."""
    child, parent = node, parents.get(node)
    while isinstance(parent, (ast.Tuple, ast.Slice)):
        child, parent = parent, parents.get(parent)
    return isinstance(parent, ast.Subscript) and parent.slice is child


def _item_read(node: ast.Name, parent: ast.AST | None) -> bool:
    """Whether the name `node`, under `parent`, is read for an item of it
    (`keys[i]`), which does not change its length."""
    return (
        isinstance(parent, ast.Subscript)
        and parent.value is node
        and isinstance(parent.ctx, ast.Load)
    )


def _item_written(
    node: ast.Name, parent: ast.AST | None, parents: dict[ast.AST, ast.AST]
) -> bool:
    """Whether the name `node`, under `parent`, is an array that items of
    it are read from or written to (`x[i] += h`, `x.flat[i] = v`), which
    changes neither its size nor its shape; not deleted from (`del x[i]`).
    `parents` maps each node of the loop's body to the one it stands in."""
    if isinstance(parent, ast.Attribute) and parent.attr == "flat":
        node, parent = parent, parents.get(parent)
    return (
        isinstance(parent, ast.Subscript)
        and parent.value is node
        and isinstance(parent.ctx, (ast.Load, ast.Store))
    )


def _same_file(name: str, module: Path) -> bool:
    try:
        return Path(name).resolve() == module.resolve()
    except OSError:
        return False


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


def _at_limit(status: int) -> bool:
    """Whether a worker that ended with `status` was stopped by one of the
    grader's limits (the size of what it printed), not by its own doing."""
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXFSZ


def _death(status: int, subject: str) -> tuple[str, str]:
    """Say in one line, of `subject`, why a child ended before it finished;
    and what may have caused it, if a guess is worth making."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        flood = f"printed more than {OUTPUT_LIMIT_BYTES // (1024 * 1024)} MB"
        reasons = {
            signal.SIGSEGV: ("crashed the Python process (segmentation fault).", ""),
            signal.SIGBUS: ("crashed the Python process (bus error).", ""),
            signal.SIGXFSZ: (flood, "a print in a loop?"),
            signal.SIGKILL: ("was killed", "out of memory?"),
        }
        name = signal.Signals(sig).name
        what, guess = reasons.get(sig, (f"was killed by signal {name}.", ""))
    else:
        code = os.WEXITSTATUS(status)
        what = f"ended the Python process with exit code {code}"
        guess = "a call to os._exit?"
    return f"{subject} {what}", guess

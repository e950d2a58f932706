"""The pytest side of a grade: the session process and its workers.

`grader.runner` forks a process that runs this module's `main` (one grade:
every job known at the start) or `serve` (a warm session that takes jobs
as they come, for the watch). Either way the process imports numpy, pytest
and hypothesis, loads the project's conftest and collects the test modules
once; then, for each exercise, it forks a worker that runs just that
exercise's tests and reports on a pipe of its own, one JSON line per event.

Importing this module imports pytest, numpy and hypothesis: the grader
itself never needs to, and a process that will start many sessions (the
watch, a notebook) imports it once so that every session forks warm.
"""

import faulthandler
import functools
import gc
import json
import os
import re
import resource
import select
import signal
import socket
import sys
import tempfile
import traceback
import warnings
from collections import deque
from pathlib import Path

# Tiny matrices need no BLAS threads, and a process that forks while a
# thread pool runs can hang its child: set these before numpy is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import hypothesis.extra.numpy  # noqa: E402,F401  (imported once, for every worker)
import numpy  # noqa: E402,F401

# Hypothesis seeds NumPy's global generator before every example, and NumPy
# loads numpy.random only when it is first used: load it once here rather
# than in every worker.
import numpy.random  # noqa: E402,F401
import pytest  # noqa: E402
from _pytest.assertion.rewrite import AssertionRewritingHook  # noqa: E402

from grader import lifeline  # noqa: E402
from grader.results import CRASH, EXCEPTION, TestResult, trim  # noqa: E402
from grader.runner import (  # noqa: E402
    MEMORY_GUESS,
    OUTPUT_KEPT_CHARS,
    OUTPUT_LIMIT_BYTES,
    Job,
    told,
)

# A failure message longer than this is cut: it is meant to be read.
MESSAGE_KEPT_CHARS = 4000

# Test modules import these packages from the project under test. A parent
# that imported them from another tree (a test session of the grader, say)
# must not lend its copies to the child.
PROJECT_MODULES = ("conftest", "tests", "exercises", "solutions")

# A warm session's messages: one job, as JSON, with its pipe's write end.
MESSAGE_BYTES = 1 << 16

# The process's own way out, kept before a worker puts `_exit_telling` in
# os._exit's place: the worker's ends are not the learner's.
_exit = os._exit


def session_args(root: Path, test_files: list[Path], target: str, explore: bool):
    """pytest's arguments for a session that collects `test_files`, set up
    for `target` (each worker then points the tests at its own job)."""
    args = [
        *map(str, test_files),
        f"--rootdir={root}",
        "--target",
        target,
        # Only the plugins the tests need: whatever else is installed
        # (random ordering, timeouts, xdist) must not change the grade.
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
    if explore:
        args.append("--explore")
    return args


def main(jobs, channels, workers) -> None:  # pragma: no cover
    """Collect every job's tests once, then run each job in a worker.

    `jobs` are (index, `grader.runner.Job`) pairs, `channels` their pipes.
    """
    files = list(dict.fromkeys(job.test_file for _, job in jobs))
    pairs = zip(jobs, channels, strict=True)
    queue = deque((job, channel) for (_, job), channel in pairs)
    _run_session(jobs[0][1], files, _Dispatcher(queue, channels, workers))


def await_jobs(commands: socket.socket) -> None:  # pragma: no cover
    """Wait for one grade's jobs on `commands`, then run them as `main`.

    The message is the JSON of ``{"jobs": [[index, job fields], ...],
    "workers": N}``, with the write end of each job's pipe, in order. The
    process was started before the grader knew what to run
    (`grader.prestart`); it has imported numpy, pytest and hypothesis
    meanwhile. It ends unused when the socket closes first.
    """
    data, fds = _receive(commands, MESSAGE_BYTES * 4, 1 << 10)
    commands.close()
    if not data:
        return
    message = json.loads(data)
    jobs = [(index, _job_from(fields)) for index, fields in message["jobs"]]
    main(jobs, [Channel(fd) for fd in fds], message["workers"])


def _receive(commands: socket.socket, size: int, most_fds: int):
    """One message and the file descriptors sent with it; empty once the
    other end has closed."""
    try:
        data, fds, _, _ = socket.recv_fds(commands, size, most_fds)
    except OSError:
        return b"", []
    return data, fds


def serve(root, explore, commands, workers) -> None:  # pragma: no cover
    """Collect every test module of the project at `root`, then run each
    job that comes on `commands` (a socket) in a worker, until the socket
    closes."""
    files = sorted((Path(root) / "tests").glob("test_*.py"))
    first = _job_from({"name": "", "root": str(root), "explore": explore})
    dispatcher = _Dispatcher(deque(), [], workers, commands)
    _run_session(first, files, dispatcher)


def _run_session(job, files, dispatcher) -> None:  # pragma: no cover
    # Everything inherited from the grader lives as long as this process:
    # spare it from garbage collection, which would otherwise walk the whole
    # inherited heap again and again while the tests are collected.
    gc.freeze()
    root = Path(job.root)
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
    sys.pycache_prefix = str(cache_dir() / "pycache")
    sys.dont_write_bytecode = False
    _forget_project_modules()
    _forget_assertion_rewriting()
    _same_examples_everywhere()
    _remember_digests()
    _warm_up()
    _load_what_confinement_needs()
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"

    # The hypothesis plugin is passed as it is, not named with -p: naming
    # it makes pytest search every installed package's entry points.
    import _hypothesis_pytestplugin

    code = pytest.main(
        session_args(root, files, job.target, job.explore),
        plugins=[dispatcher, _hypothesis_pytestplugin],
    )
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR):
        reason = f"pytest could not run the tests: {_complaint(sink)}"
        for channel in dispatcher.open_channels():
            channel.send(problem=reason)


def cache_dir() -> Path:
    """Where the grader may keep files between runs, outside any project."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nn-kata"


class _Dispatcher:
    """A pytest plugin for the session: instead of running the collected
    tests itself, it forks a worker per job to run that job's tests.

    With `commands` (a socket) it takes jobs from there, for as long as it
    stays open; without, it runs the jobs in `queue` and returns."""

    def __init__(self, queue, channels, workers, commands=None):
        self.queue = queue
        self.channels = list(channels)  # every pipe a worker must not hold
        self.workers = workers
        self.commands = commands
        self.running: dict[int, Channel] = {}
        self.exercises: dict[int, str] = {}  # worker pid -> its exercise
        self.problems: dict[str, str] = {}  # test file name -> why it failed
        self.session = None

    def open_channels(self):
        return [channel for channel in self.channels if not channel.closed]

    def pytest_configure(self, config):
        # conftest.py replaces every traceback with its own explanation:
        # let pytest build the cheapest kind first (the default parses the
        # source of every frame).
        config.option.tbstyle = "native"

    def pytest_sessionstart(self, session):
        self.session = session

    def pytest_collectreport(self, report):
        if report.failed:
            lines = str(report.longreprtext).strip().splitlines() or ["?"]
            problem = f"the tests could not be loaded: {lines[-1]}"
            self.problems[Path(report.nodeid).name] = problem
        elif self.commands is None:
            self._start_collected(report)

    def _start_collected(self, report) -> None:
        """Start the next jobs if their tests are the ones just collected:
        a grade's first workers need not wait while the session collects
        every other module."""
        tests = [node for node in report.result if isinstance(node, pytest.Item)]
        if not tests or len(tests) != len(report.result):
            return  # not a module of plain test functions
        name = Path(report.nodeid).name
        gc.freeze()  # what is collected so far lives as long as the workers
        while (
            self.queue
            and len(self.running) < self.workers
            and self.queue[0][0].test_file.name == name
        ):
            job, channel = self.queue.popleft()
            self._start(self.session, job, tests, channel)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        items: dict[str, list] = {}
        for item in session.items:
            items.setdefault(Path(str(item.path)).name, []).append(item)
        gc.freeze()  # the collected tests, too, live as long as the workers
        while True:
            while len(self.running) < self.workers:
                entry = self._next_job()
                if entry is None:
                    break
                job, channel = entry
                tests = items.get(job.test_file.name, [])
                self._start(session, job, tests, channel)
            if self.commands is None:
                if not self.running:
                    return True
                self._reaped(*os.wait())
            elif not self._listen():
                return True

    def _next_job(self):
        """Take from the queue the first job (and its channel) whose
        exercise has no share of its tests running, or else the first; None
        when none is left.

        An exercise that loops then holds one worker until its time limit,
        not every worker, while the others grade the rest; one exercise
        alone still runs its shares side by side."""
        self._drop_abandoned()
        if not self.queue:
            return None
        busy = set(self.exercises.values())
        position = next(
            (at for at, (job, _) in enumerate(self.queue) if job.name not in busy), 0
        )
        entry = self.queue[position]
        del self.queue[position]
        return entry

    def _drop_abandoned(self) -> None:
        """Forget the queued jobs the grader no longer waits for (a grade a
        save cancelled): their code may loop, and only the grader stops a
        worker at its time limit."""
        for entry in list(self.queue):
            _, channel = entry
            if _reader_gone(channel.fd):
                self.queue.remove(entry)
                channel.close()

    def _start(self, session, job, tests, channel) -> None:
        problem = self.problems.get(job.test_file.name)
        if problem:
            channel.send(problem=problem)
        if not tests:
            channel.close()
            return
        tests = tests[job.part :: job.parts]
        if not tests:  # a module with fewer tests than parts
            channel.send(collected=[])
            channel.send(complete=True)
            channel.close()
            return
        _digest_ahead(tests)
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            lifeline.end_with_parent(parent)
            for other in self.channels:
                if other is not channel:
                    other.close()  # its pipe must end with its worker
            if self.commands is not None:
                self.commands.close()
            _worker_main(session, job, tests, channel)
        self.running[pid] = channel
        self.exercises[pid] = job.name

    def _reaped(self, pid: int, status: int) -> None:
        self.exercises.pop(pid, None)
        channel = self.running.pop(pid, None)
        if channel is not None:
            channel.send(status=status)
            channel.close()

    def _listen(self) -> bool:  # pragma: no cover - a warm session only
        """Wait for a job or a worker's end; False once the grader is gone."""
        # A worker's end is noticed by polling: a short wait costs nothing
        # next to a test run, and needs no signal handler.
        timeout = 0.005 if self.running else None
        ready, _, _ = select.select([self.commands], [], [], timeout)
        while self.running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            self._reaped(pid, status)
        if not ready:
            return True
        data, fds = _receive(self.commands, MESSAGE_BYTES, 1)
        if not data or not fds:
            for fd in fds:
                os.close(fd)
            return False
        channel = Channel(fds[0])
        self.channels.append(channel)
        self.channels = self.open_channels()
        self.queue.append((_job_from(json.loads(data)), channel))
        return True


def _reader_gone(fd: int) -> bool:
    """Whether the read end of the pipe whose write end is `fd` is closed:
    the system then reports an error on the write end."""
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poller.poll(0))


def _job_from(fields: dict) -> Job:
    fields = dict(fields)
    fields["root"] = Path(fields["root"])
    fields["overrides"] = tuple(tuple(pair) for pair in fields.get("overrides", ()))
    return Job(**fields)


def _worker_main(session, job, items, channel) -> None:  # pragma: no cover
    """Run one job's tests in this (forked) process and report on `channel`."""
    code = 0
    try:
        os.setpgid(0, 0)  # so that the grader can kill whatever this starts
        channel.send(pid=os.getpid())
        _own_capture(session.config)
        channel.send(capture=_capture_files())
        # Before the limits: a separate learner's process is forked here,
        # and sets the same limits on itself.
        learner = _retarget(session.config, job, separate=job.separate)
        if learner:
            channel.send(learner=learner)
        _limit_resources(job)
        os._exit = functools.partial(_exit_telling, channel, job)
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
        _exit(code)


def _exit_telling(channel, job, status):  # pragma: no cover
    """os._exit in a worker: first tell the grader which line of the module
    under test called it, if one did, for a process that ends this way says
    nothing else (no exception, no traceback); then end the process."""
    frames = traceback.extract_stack(sys._getframe(1))
    where = _learners_frame(
        [(frame.filename, frame.lineno or 0, frame.line or "") for frame in frames],
        job,
    )
    if where and where[0] == job.module_file:
        channel.send(exit_line=list(where[1:]))
    _exit(status)


def _own_capture(config) -> None:  # pragma: no cover
    """Give this worker capture files of its own.

    A forked worker shares the session's open files, and workers run side by
    side: each must capture what its tests print into files nobody else
    writes (where the output limit also applies)."""
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None and capture.is_globally_capturing():
        capture.stop_global_capturing()
        capture.start_global_capturing()


def _capture_files() -> list[list[int]]:  # pragma: no cover
    """Which files this worker's standard output and error are now, as
    [device, inode] pairs: the grader reads them if the worker runs out of
    time, when what the test printed can no longer be sent."""
    files = [os.fstat(fd) for fd in (1, 2)]
    return [[file.st_dev, file.st_ino] for file in files]


def _retarget(config, job, separate=False):  # pragma: no cover
    """Point the tests at this job's target, with its stand-in files.

    The project's conftest.py offers `retarget(target, overrides, separate,
    prepare)` for this: the tests decide what to load, and the session was
    set up for the first job only. With `separate`, the learner's functions
    run in a process of their own, under this job's limits: its pid is
    returned. A job without `advice` says so, and only then, so that a
    conftest.py from before that option still takes the others."""
    kwargs = {}
    if separate:
        kwargs = {"separate": True, "prepare": functools.partial(_limit_resources, job)}
    if not job.advice:
        kwargs["advice"] = False
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


def _limit_resources(job) -> None:  # pragma: no cover
    # Python ignores SIGXFSZ, turning a print flood into an OSError the
    # learner's code might catch; the default action ends the process.
    # (Set first: `_tell_where_on_request` chains to it.)
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    _tell_where_on_request(job.stack_file)
    # On top of what the process holds already (Python, NumPy, pytest):
    # the limit is the memory the tests may take, as --memory says.
    memory = address_space() + job.memory_mb * 1024 * 1024
    ceiling = resource.getrlimit(resource.RLIMIT_AS)[1]
    if ceiling != resource.RLIM_INFINITY:
        memory = min(memory, ceiling)  # only root may raise the hard limit
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES))
    # A crash must not leave a core file in the learner's project.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # No exercise needs a process or a thread of its own, and a fork bomb
    # must not take the machine down: the limit counts all of the user's
    # processes, so 1 forbids any new one. (The system ignores this limit
    # for root.)
    resource.setrlimit(resource.RLIMIT_NPROC, (1, 1))


def address_space() -> int:
    """The bytes of address space this process holds (what RLIMIT_AS
    counts): the first field of /proc/self/statm, in pages.

    Limitations: 0 where there is no /proc (outside Linux), so that there
    the memory limit counts the whole process, the grader's own share
    included."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


# The files `_tell_where_on_request` writes to: open for as long as the
# process lives.
_STACK_FILES = []


def _tell_where_on_request(path: str) -> None:  # pragma: no cover
    """On SIGUSR1, write the stack of every thread to the file `path`; and
    on SIGXFSZ too, before the process ends of it.

    The grader asks, when a test runs out of time, just before it kills
    the process: the learner then learns which line of theirs was running.
    The stack is written from C, so even a loop that never returns to
    Python code is caught where it is. Both the worker and a separate
    learner's process append to the same file."""
    if not path:
        return
    try:
        file = open(path, "a")
    except OSError:
        return  # the grade goes on; only the line is missing
    _STACK_FILES.append(file)
    faulthandler.register(signal.SIGUSR1, file=file, all_threads=True)
    # A print flood ends the process by SIGXFSZ: the stack, written on the
    # way, tells the grader which line printed.
    faulthandler.register(signal.SIGXFSZ, file=file, all_threads=True, chain=True)


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


def _same_examples_everywhere() -> None:  # pragma: no cover
    """Make the examples hypothesis generates the same for every learner,
    whoever starts the grade.

    Hypothesis now and then tries a number found in the source of a loaded
    module of the project's own (any not from the standard library or
    site-packages, and not a test module): the learner's module, the
    grader's, a test suite's. Every learner's code is then tried on inputs
    of its own, and which of the grader's modules happened to be loaded
    (the command line, the watch, the grader's own tests) would change
    them too. Here no such number is found: hypothesis keeps its own
    stock of telling values, the same for everyone. This also spares
    reading and parsing those modules, and the cache of them hypothesis
    would otherwise write into the project.

    Limitations: this reaches into hypothesis' internals, and does nothing
    where they are not as expected.
    """
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants

        nothing = Constants()
        providers._get_local_constants = lambda: nothing
        providers.CONSTANTS_CACHE.cache.clear()
    except (ImportError, AttributeError):
        pass


def _remember_digests() -> None:  # pragma: no cover
    """Have hypothesis hash each test's source once per session rather
    than twice per test run.

    Hypothesis derives a test's examples from a digest of the test's
    source, which it reads and hashes again on every run: in every worker,
    for every test. The source cannot change while its function object
    lives, so the digest is kept with the function, and `_digest_ahead`
    works it out in the session, before the workers are forked.

    Limitations: this reaches into hypothesis' internals, and does nothing
    where they are not as expected.
    """
    try:
        from hypothesis import core
    except ImportError:
        return
    digest = getattr(core, "function_digest", None)
    if digest is None or hasattr(digest, "cache_info"):
        return
    core.function_digest = functools.lru_cache(maxsize=None)(digest)


def _digest_ahead(tests) -> None:  # pragma: no cover
    """Work out, before forking, the digests that `_remember_digests`
    keeps: of each of `tests` (collected items) that hypothesis runs."""
    from hypothesis import core

    if not hasattr(core.function_digest, "cache_info"):
        return
    for item in tests:
        given = getattr(getattr(item, "obj", None), "hypothesis", None)
        inner = getattr(given, "inner_test", None)
        if inner is not None:
            core.function_digest(inner)


# Parts of NumPy it loads only when first used. A learner's process that
# gives up root (grading mode) may no longer read them: it loads them
# before, and each loads them faster from a session that already has.
LAZY_NUMPY = ("numpy.ma", "numpy.polynomial", "numpy.char", "numpy.rec")


def _load_what_confinement_needs() -> None:  # pragma: no cover
    """Under root, load `LAZY_NUMPY` once here rather than in every
    learner's process; elsewhere nothing is confined and nothing is
    loaded before it is used."""
    if os.geteuid() != 0:
        return
    for name in LAZY_NUMPY:
        try:
            __import__(name)
        except ImportError:
            pass


def _warm_up() -> None:  # pragma: no cover
    """Run the property-test machinery once, on made-up data, before any
    worker is forked.

    Python specializes the code it runs, and hypothesis fills caches as it
    draws: a worker forked afterwards starts with both, instead of paying
    for them in its own first tests. No code of the project runs here, and
    no test's examples depend on it: each test derives its own from itself.
    """
    from hypothesis import HealthCheck, Phase, example, given, settings
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp

    sizes = st.integers(1, 5)
    values = st.floats(-10.0, 10.0, allow_nan=False, allow_subnormal=False)
    matrices = hnp.arrays("float64", st.tuples(sizes, sizes), elements=values)

    @settings(
        database=None,
        derandomize=True,
        deadline=None,
        max_examples=5,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(sizes, matrices)
    @example(2, numpy.ones((2, 3)))
    def draw(size, matrix):
        numpy.asarray(matrix).sum(axis=-1, keepdims=True)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            draw()
    except Exception:
        pass  # only time is lost


class Channel:
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

    def __init__(self, channel: Channel, job):
        self.channel = channel
        self.job = job
        self.pending: dict[str, TestResult] = {}
        self.crashes: dict[str, str] = {}  # test name -> why it crashed
        self.fatal: dict[str, str] = {}  # crashes the process cannot survive
        self.run_error = ""  # what the tests said of the run as a whole

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
                self.fatal[_test_name(item.nodeid)] = _memory_stop(error, self.job)
            # An error of the whole run (a module that ended the learner's
            # process as it loaded), told once.
            run_error = getattr(error, "kata_run_error", "")
            if run_error and isinstance(run_error, str) and not self.run_error:
                self.run_error = run_error
                self.channel.send(problem=run_error)

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
                self.channel.send(**self.fatal[name], after=name)
                _exit(0)


def _test_name(nodeid: str) -> str:
    return nodeid.split("::", 1)[-1]


def _crash_reason(error: BaseException, job) -> str:
    """What to say of an exception that would end a real program (its first
    line says what happened), else ''."""
    if isinstance(error, SystemExit):
        return _exit_reason(error, job)
    if isinstance(error, MemoryError):
        return told(**_memory_stop(error, job))
    return ""


def _memory_stop(error: MemoryError, job) -> dict:
    """What the grader is told of a MemoryError: that the module ran out of
    memory, what may have asked for so much, and the line of the module
    under test that did, where the error came through one (the allocation
    that failed raised it, so its traceback holds the line)."""
    stop = {
        "abort": f"{job.module_file} ran out of memory "
        f"(the limit is {job.memory_mb} MB)",
        "guess": MEMORY_GUESS,
    }
    where = _learner_line(error, job)
    if where and where[0] == job.module_file:
        stop["lines"] = [list(where[1:])]
    return stop


# How a call that raises SystemExit may be written: exit() and quit() (the
# builtins), sys.exit(), or any of them through a module (builtins.exit).
_EXIT_CALL = re.compile(r"(?<![\w.])((?:[A-Za-z_]\w*\.)*(?:exit|quit))\s*\(")
# A frame of a traceback as Python writes it out: file, line and code, if
# the file could be read (the traceback of the learner's process, in
# grading mode).
_TRACEBACK_FRAME = re.compile(
    r'^  File "([^"]+)", line (\d+), in [^\n]*\n(?:    ([^\n]*)\n)?', re.MULTILINE
)


def _exit_reason(error: SystemExit, job) -> str:
    """Say that the learner's code ended the program, naming the call as it
    is written where the line that made it can be found (with the line);
    else naming the exception, which is all that is known."""
    code = "" if error.code is None else repr(error.code)
    where = _learner_line(error, job)
    called = _EXIT_CALL.search(where[2]) if where else None
    if called:
        what = f"called {called.group(1)}({code})"
    else:
        what = f"raised SystemExit({code})"
    lines = [
        f"{job.module_file} {what}, which ends the whole program: to leave a "
        "function, return (or raise an exception to report a problem)."
    ]
    if where:
        path, number, line = where
        lines.append(f"  where     {path}, line {number}: {line}")
    return "\n".join(lines)


def _learner_line(error: BaseException, job) -> tuple[str, int, str] | None:
    """The innermost line of the learner's code that `error` came through:
    its file (named as the learner knows it), number and code; None if it
    came through none."""
    text = getattr(error, "kata_traceback", None)
    if isinstance(text, str):
        frames = [(f, int(n), code) for f, n, code in _TRACEBACK_FRAME.findall(text)]
    else:
        frames = [
            (frame.filename, frame.lineno or 0, frame.line or "")
            for frame in traceback.extract_tb(error.__traceback__)
        ]
    return _learners_frame(frames, job)


def _learners_frame(frames, job) -> tuple[str, int, str] | None:
    """Of `frames` (file, line number, code; the outermost first), the
    innermost in the learner's code, its file named as the learner knows
    it; None if there is none."""
    root = Path(job.root).resolve()
    folder = (root / job.target).resolve()
    overrides = {Path(path).resolve() for _, path in job.overrides}
    for name, number, code in reversed(frames):
        path = Path(name).resolve()
        if path.parent == folder or path in overrides:
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            return str(shown), number, code.strip()
    return None

"""A test session started before the command line is even read.

Most commands run tests, and a test session spends most of its start
importing numpy, pytest and hypothesis. `begin` forks that process the
moment the grader starts, before the grader imports its own modules and
reads its arguments: the runner then hands it the grade's jobs
(`grader.session.await_jobs`), or it is stopped unused. Only the command
line does this (``python -m grader``, ``kata``); a program that imports
the grader gets a session forked when it runs tests.

This module imports nothing but the standard library's smallest parts: it
runs first.
"""

import os
import signal
import socket
import sys

# The session waiting for its jobs: its process id and our end of the
# socket it listens on.
_waiting: tuple[int, socket.socket] | None = None
_begun = False
# Commands that never run tests, or (`list`) seldom: for them, importing
# the test libraries would only cost time. `list` with a report runs
# every test, so it gets a session then.
NO_TESTS = frozenset({"list", "hint", "doc", "reset"})
REPORTS = ("--json", "--junit", "--gradescope")


def begin(argv: list[str] | None = None) -> None:
    """Fork the session that will run this grade's tests (once a process),
    unless the command line `argv` (by default this process's) names a
    command that needs none: it then forks one if it ever does."""
    global _waiting, _begun
    if _begun:
        return
    _begun = True
    if not needs_tests(sys.argv[1:] if argv is None else argv):
        return
    try:
        ours, theirs = socket.socketpair()
    except OSError:
        return  # the grade forks its session when it needs one
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:  # at the limit of processes, say
        ours.close()
        theirs.close()
        return
    if pid == 0:  # pragma: no cover - runs in the session process
        code = 0
        try:
            ours.close()
            from grader import lifeline, session

            lifeline.end_with_parent(parent)
            session.await_jobs(theirs)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    theirs.close()
    _waiting = (pid, ours)


def take() -> tuple[int, socket.socket] | None:
    """The waiting session, for the first grade that asks; None after that,
    or when none was started."""
    global _waiting
    waiting, _waiting = _waiting, None
    return waiting


def cancel() -> None:
    """Stop the waiting session, if it was not taken: this command runs no
    tests, or runs them otherwise."""
    waiting = take()
    if waiting is None:
        return
    pid, ours = waiting
    ours.close()
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def needs_tests(argv: list[str]) -> bool:
    """Whether the command line `argv` may well run tests. A word is taken
    for the command wherever it stands: a mistake only costs the head
    start."""
    if any(arg.startswith(REPORTS) for arg in argv):
        return True
    return not NO_TESTS.intersection(argv)

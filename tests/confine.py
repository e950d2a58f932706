"""Give the learner's process no more rights than it needs.

When the grader runs as root, the process that runs the learner's code
(see `tests.sandbox`) becomes a user of its own before it loads anything.
"""

import os
import signal
import sys

# The user ids a learner's process runs as, when the grader runs as root:
# one per process, unused by any account, so that the processes of two
# learners cannot signal each other and a process limit applies to each.
UID_BASE = 200_000


def drop_privileges():
    """Run as a user of this process's own, if the grader runs as root.

    Root may signal or trace any process, read and write any file, and is
    held to no process limit; a user id that no one else has can do none of
    these, and cannot read the files of other submissions or of the
    grader. What the learner's code may need from disk (the modules an
    exercise may import, its own source) is loaded before. Where the
    system refuses, the process stays root.
    """
    if os.geteuid() != 0:
        return
    _preload()
    uid = UID_BASE + os.getpid()
    try:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        _libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    except OSError:
        pass


# Modules an exercise may import that NumPy and the tests do not load
# themselves: loaded before the files they come from may become unreadable.
PRELOADED = (
    "numpy.random",
    "numpy.linalg",
    "numpy.fft",
    # NumPy loads these only when first used (np.unique does numpy.ma).
    "numpy.ma",
    "numpy.polynomial",
    "numpy.char",
    "numpy.rec",
    "numpy.strings",
    "math",
    "cmath",
    "statistics",
    "random",
    "itertools",
    "functools",
    "operator",
    "collections",
    "copy",
    "dataclasses",
    "typing",
    "fractions",
    "decimal",
    "numbers",
    "heapq",
    "bisect",
    "array",
    "string",
    "time",
)


def _preload():
    import importlib

    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def end_with_parent(parent):
    """Have this process killed as soon as its parent, whose pid was
    `parent`, ends: a learner's endless loop must not outlive the tests'
    process, however that ends (Linux only; elsewhere the tests' process
    stops it when it can)."""
    if sys.platform.startswith("linux"):
        try:
            _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            return
    if os.getppid() != parent:
        os._exit(0)  # the parent ended before the request was made


# From <linux/prctl.h>.
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38


def _libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)

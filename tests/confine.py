"""Give the learner's process no more rights than it needs.

When the grader runs as root, the process that runs the learner's code
(see `tests.sandbox`) becomes a user of its own before it loads anything.
"""

import os

# The user ids a learner's process runs as, when the grader runs as root:
# one per process, unused by any account, so that the processes of two
# learners cannot signal each other and a process limit applies to each.
UID_BASE = 200_000


def drop_privileges():
    """Run as a user of this process's own, if the grader runs as root.

    Root may signal or trace any process, read and write any file, and is
    held to no process limit; a user id that no one else has can do none of
    these. Where Python's own files are not readable by every user (an
    interpreter installed in a root-only folder), the process keeps the one
    right to read files, so that Python and NumPy can still import what
    they need; where the system refuses either, the process stays root.
    """
    if os.geteuid() != 0:
        return
    _preload()
    if _readable_by_all(_interpreter_folders()):
        kept = []
    elif _can_keep(CAP_DAC_READ_SEARCH):
        kept = [CAP_DAC_READ_SEARCH]
    else:
        return  # the new user could not import the standard library
    uid = UID_BASE + os.getpid()
    try:
        _libc().prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        _set_capabilities(kept)
        _libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    except OSError:
        pass


# Modules an exercise may import that NumPy and the tests do not load
# themselves: loaded before the files they come from may become unreadable.
PRELOADED = (
    "numpy.random",
    "numpy.linalg",
    "numpy.fft",
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
)


def _preload():
    import importlib

    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


# From <linux/prctl.h> and <linux/capability.h>.
PR_SET_KEEPCAPS = 8
PR_SET_NO_NEW_PRIVS = 38
CAP_DAC_READ_SEARCH = 2
CAPABILITY_VERSION_3 = 0x20080522


def _libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def _can_keep(capability):
    """Whether this process holds `capability` in its permitted set."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("CapPrm:"):
                    return bool(int(line.split()[1], 16) >> capability & 1)
    except (OSError, ValueError):
        pass
    return False


def _set_capabilities(capabilities):
    """Make `capabilities` this process's only ones (effective and permitted)."""
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [(name, ctypes.c_uint32) for name in ("eff", "prm", "inh")]

    mask = sum(1 << capability for capability in capabilities)
    data = (Data * 2)()
    data[0].eff = data[0].prm = mask & 0xFFFFFFFF
    data[1].eff = data[1].prm = mask >> 32
    header = Header(CAPABILITY_VERSION_3, 0)
    if _libc().capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _interpreter_folders():
    import sysconfig

    paths = sysconfig.get_paths()
    return [paths["stdlib"], paths["purelib"], paths["platlib"]]


def _readable_by_all(folders):
    """Whether anyone may read `folders` (each folder above them searchable)."""
    import stat

    for folder in folders:
        path = os.path.abspath(folder)
        while True:
            try:
                mode = os.stat(path).st_mode
            except OSError:
                return False
            if not mode & stat.S_IXOTH:
                return False
            parent = os.path.dirname(path)
            if parent == path:
                break
            path = parent
        if not os.stat(folder).st_mode & stat.S_IROTH:
            return False
    return True

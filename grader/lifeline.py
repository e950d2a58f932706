"""Processes that end with the process that started them.

The grader forks a test session, the session forks a worker per exercise,
and a worker may fork a process for the learner's code. Each of them is
stopped by its parent when a grade ends or is cancelled; but a parent
that is killed outright (a terminal window closed, SIGKILL) stops
nothing, and a worker caught in the learner's endless loop would spin on
forever. `end_with_parent` asks the system to kill a process the moment
its parent ends, whatever way it ends.

Limitations: only Linux offers this (PR_SET_PDEATHSIG); elsewhere it does
nothing. The system forgets the request when the process changes its user
(a learner's process that gives up root): ask again afterwards.
"""

import os
import signal
import sys

# From <linux/prctl.h>.
PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Have this process killed when its parent ends. `parent` is the pid
    the parent had before the fork: a parent that ended already, before
    the request was made, ends this process now."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            return  # not offered: the parent's own clean-up still applies
    if os.getppid() != parent:
        os._exit(0)  # the parent is gone: no one waits for this process

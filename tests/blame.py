"""Find the line of the learner's that changed an argument in place.

A call that changed an argument it was meant to leave alone is run once
more, for the message only, under a line tracer (sys.settrace, which every
Python the kata supports has). After each line of the learner's files has
run, the argument is compared with a copy taken before the call: the
first line after which the two differ is the one that wrote into it,
directly or through a NumPy call it made (``np.clip(x, 0, 1, out=x)``).

The same tracer finds the line that put a new object in a dict argument
in place of one it held (see `entries_kept`).

The second run costs a run with a tracer: it is made only for a failure,
for a call that was quick and whose argument is small, and gives up
quietly past its bounds, when the message stays as it was.

Limitations: a function whose changes depend on what earlier calls left
behind (a cache, a global) may not change its argument the same way
again, and then no line is found.
"""

import copy
import sys
import time

import numpy as np

# How many events the tracer looks at, and for how long, before it stops
# looking: the run goes on untraced to its end.
MAX_EVENTS = 20_000
MAX_SECONDS = 0.5
# The largest argument, in bytes of its arrays, compared after each line.
MAX_BYTES = 64 * 1024
# How deep a dict or list argument is followed when sizing it.
MAX_DEPTH = 8


def small(value, depth=0):
    """Whether `value` (an array, a number, a dict or list of them) holds
    few enough bytes to be compared after every line: MAX_BYTES at most."""
    return _bytes(value, depth) <= MAX_BYTES


def _bytes(value, depth):
    if depth > MAX_DEPTH:
        return MAX_BYTES + 1
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return sum(_bytes(item, depth + 1) for item in value)
    return 8


def entries_kept(watched):
    """A `same` for `traced` that holds while the dict `watched` keeps its
    keys and, under each, the very object it holds now: it stops holding
    after the line that stores a new object under a key (params[k] =
    params[k] - ...), whether or not the numbers differ."""
    entries = dict(watched)

    def kept(_saved, now):
        return now.keys() == entries.keys() and all(
            now[key] is value for key, value in entries.items()
        )

    return kept


def traced(run, watched, mine, same):
    """Call `run()` under a line tracer and return (its result, the place
    it first changed `watched`): (file name, line number) of the first
    line, in a file that `mine(file name)` accepts, after which `watched`
    is no longer `same` as it was; None for the place when it stayed the
    same, or the tracer stopped before it changed. What `run` raises goes
    through."""
    saved = copy.deepcopy(watched)
    found, last = [], [None]
    budget = [MAX_EVENTS, time.monotonic() + MAX_SECONDS]
    files = {}

    def done():
        return found or budget[0] <= 0 or time.monotonic() > budget[1]

    def lines(frame, event, arg):
        if done():
            sys.settrace(None)  # the rest runs at full speed
            return None
        budget[0] -= 1
        # A line runs between the event before it and the next one: the
        # change is the last line's, or a call's that line made.
        if last[0] is not None and not same(saved, watched):
            found.append(last[0])
            return None
        if event == "line":
            last[0] = (frame.f_code.co_filename, frame.f_lineno)
        return lines

    def calls(frame, event, arg):
        if done():
            sys.settrace(None)
            return None
        name = frame.f_code.co_filename
        if name not in files:
            files[name] = bool(mine(name))
        return lines if files[name] else None

    before = sys.gettrace()
    sys.settrace(calls)
    try:
        result = run()
    finally:
        sys.settrace(before)
    return result, (found[0] if found else None)

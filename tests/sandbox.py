"""Call the learner's functions in a process of their own.

In grading mode the tests never import learner code. A child process,
forked before any limit is set, loads the learner's module and serves
calls: the tests' process sends it the arguments (pickled: they come from
the tests, which the child may trust) and gets back plain data only, as
JSON with each array in NumPy's ``.npy`` format, read without pickle.
Whatever the learner's code does in its own process (patch NumPy or
pytest, return an object equal to everything, subclass float, exit) it
cannot change how its results are judged, because they are judged here,
on values rebuilt from bytes.

What crosses back, for a result or for an argument as the call left it:

- None, bool, int, float, complex, str (subclasses become their base);
- NumPy scalars and arrays of bool, integer, float or complex dtype
  (array subclasses become plain arrays);
- dicts, lists and tuples of these;
- a reference to an object the call was given (``result is params``),
  so that identity and in-place changes read as they would in one process;
- the new contents of an array an earlier call returned, where this call
  changed it (a buffer kept and filled again), so that the earlier result
  changes here as the caller's would in one process;
- for anything else, an `Opaque` stand-in that names its type and equals
  nothing but itself.

A function passed as an argument (the ``f`` of numerical_gradient) stays
here: the child calls back, with plain data, and gets f's value.
"""

import base64
import builtins
import functools
import io
import json
import os
import pickle
import signal
import struct
import sys
import traceback
import types
import warnings

import numpy as np

from tests import blame

# Values of the tests' that stay in the tests' process, called back.
CALLBACK_TYPES = (types.FunctionType, types.MethodType, functools.partial)
# How many objects that went across are kept the same on both sides.
MIRRORED = 64
# Array dtypes that cross as they are: numbers and truth values.
PLAIN_KINDS = frozenset("biufc")
# How deep a returned structure is followed before the rest is opaque.
MAX_DEPTH = 32
# Ints of more bits go across in hex: JSON writes them in decimal, which
# Python refuses to write or read past 4300 digits (about 14000 bits).
DECIMAL_BITS = 4000
# Longest text kept of a message, a type name or a repr sent back.
TEXT_LIMIT = 4000
# Largest message read from the learner's process (a result of hundreds of
# megabytes is not an answer to any exercise).
MESSAGE_LIMIT = 512 * 1024 * 1024


# The process's own way out, kept before the learner's process puts
# `_exit_telling` in os._exit's place.
_exit = os._exit


class StudentProcessEnded(Exception):
    """The learner's process is gone, or sent what is not an answer."""


class Opaque:
    """A value of the learner's that is not plain data: its type and repr."""

    def __init__(self, type_name, text):
        self.type_name = type_name
        self.text = text

    def __repr__(self):
        return f"<{self.type_name} object: {self.text}>"

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)


class StudentError(Exception):
    """An exception of the learner's whose class is not one the tests know
    (raised as a subclass of this named as the learner's)."""


class _Malformed(ValueError):
    """What the learner's process sent is not plain data."""


# ---------------------------------------------------------------------------
# The tests' side.


class Student:
    """The learner's process, as the tests see it."""

    def __init__(self, load, prepare=None):
        """Fork the learner's process. `load(name)` loads the module of
        exercise `name` there; `prepare()` runs there first (limits)."""
        self.pid = None
        self.ended = None
        self.ended_at_import = ""
        # Objects that went across, by id: (handle, object). The same
        # object sent again is the same object over there, so that a
        # learner's cache keyed on identity behaves as in one process.
        self._handles = {}
        self._forgotten = []
        self._next_handle = 0
        to_child, self._requests = os.pipe()
        self._answers, to_parent = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the learner's process
            _keep_only(to_child, to_parent)
            _serve(to_child, to_parent, load, prepare)
        os.close(to_child)
        os.close(to_parent)
        self.pid = pid
        self._reader = os.fdopen(self._answers, "rb", buffering=1 << 16)
        self._writer = os.fdopen(self._requests, "wb", buffering=1 << 16)

    def call(
        self, exercise, function, args, kwargs, trusted=(), quiet=False, fresh=False
    ):
        """Call the learner's `function` of `exercise` with `args`; with
        `quiet`, what it prints is thrown away; with `fresh`, the call runs in
        a module loaded again for it alone, with nothing earlier calls kept.

        Return (result, parameter names). Arguments are changed in place as
        the call changed them. The learner's exceptions are raised again
        here, as the nearest class the tests know.
        """
        result, names, _ = self._call(
            exercise, function, args, kwargs, trusted, quiet, fresh
        )
        return result, names

    def written_at(
        self, exercise, function, args, kwargs, trusted, index, rebound=False
    ):
        """Call the learner's `function` again, quiet, in a module loaded
        for the call alone, under the line tracer of `tests.blame`
        watching argument number `index`: return the place of the line
        that first changed it (with `rebound`, that first put a new object
        under one of its keys, see `blame.entries_kept`), as the learner's
        process names it (not yet checked: see `harness.written_line`), or
        None."""
        trace = {"index": index, "rebound": bool(rebound)}
        _, _, place = self._call(
            exercise, function, args, kwargs, trusted, True, True, trace=trace
        )
        return place

    def _call(
        self, exercise, function, args, kwargs, trusted, quiet, fresh, trace=None
    ):
        """`call`, with what the tracer found when `trace` names an
        argument to watch ({"index": ..., "rebound": ...}, as `written_at`
        makes it): (result, parameter names, place or None)."""
        if self.ended is not None:
            self._raise_ended()
        callbacks = []
        objects = _objects_by_path(args, kwargs)
        request = {
            "writes": self._writes(),
            "handles": self._handles_of(objects),
            "forget": self._forgotten,
            "exercise": exercise,
            "function": function,
            "trusted": list(trusted),
            "quiet": bool(quiet),
            "fresh": bool(fresh),
            "trace": trace,
            "args": args,
            "kwargs": kwargs,
            "errors": np.geterr(),
            "filters": list(warnings.filters),
        }
        self._forgotten = []
        self._send(_pickle(request, callbacks))
        while True:
            message = self._receive()
            kind = message.get("kind")
            try:
                if kind == "callback":
                    self._update_arguments(message, args, kwargs, objects)
                    call = [self._decode(arg, objects) for arg in message["args"]]
                elif kind == "return":
                    self._update_returned(message)
                    self._update_arguments(message, args, kwargs, objects)
                    names = [str(name) for name in message.get("parameters") or []]
                    result = self._decode(message["result"], objects)
                    return result, names, message.get("written")
                elif kind == "raise":
                    self._update_returned(message)
                    # A call that raised may have changed its arguments
                    # first, which the tests tell as in one process.
                    self._update_arguments(message, args, kwargs, objects)
                    names = [str(name) for name in message.get("parameters") or []]
            except StudentProcessEnded:
                raise
            except Exception:
                self._end("it sent something that is not an answer")
            if kind == "callback":
                self._answer_callback(callbacks, message.get("id"), call)
            elif kind == "raise":
                error = _rebuild_exception(message)
                error.kata_parameters = names
                raise error
            elif kind == "exit":
                importing = exercise if message.get("importing") else None
                self._end(self._death(), _exit_line(message), importing)
            elif kind == "import_error":
                raise _import_error(str(message.get("message")))
            else:
                self._end("it sent an answer of an unknown kind")

    def _handles_of(self, objects):
        """[path, handle] for each container or array among the arguments."""
        pairs = []
        for path, value in objects.items():
            if isinstance(value, (dict, list, tuple, np.ndarray)):
                entry = self._handles.get(id(value))
                if entry is None or entry[1] is not value:
                    entry = self._remember(value, self._new_handle())
                pairs.append([list(path), entry[0]])
        return pairs

    def _writes(self):
        """[handle, contents] for each array the learner's side returned
        that the tests have written to since: a learner's function that
        keeps what it returned (a cached array, say) sees the writes, as
        it would in one process."""
        from tests.harness import same  # (the harness imports this module)

        writes = []
        for entry in self._handles.values():
            handle, value, seen = (*entry, None)[:3]
            if seen is not None and not same(value, seen[0]):
                writes.append([handle, value])
                seen[0] = value.copy()
        return writes

    def _by_handle(self):
        """The objects that came across before, by handle."""
        return {entry[0]: entry[1] for entry in self._handles.values()}

    def _new_handle(self):
        self._next_handle += 1
        return -self._next_handle  # the learner's side counts upward

    def _remember(self, value, handle):
        entry = self._handles.pop(id(value), None)
        if entry is None or entry[1] is not value:
            entry = (handle, value)
            if handle > 0 and isinstance(value, np.ndarray):
                entry = (handle, value, [value.copy()])
        self._handles[id(value)] = entry  # the most recent last
        while len(self._handles) > MIRRORED:
            oldest = next(iter(self._handles))
            self._forgotten.append(self._handles.pop(oldest)[0])
        return entry

    def _decode(self, node, objects):
        """`decode`, remembering the new objects the learner's side named."""
        named = []
        value = decode(node, objects, named, self._by_handle())
        for handle, item in named:
            self._remember(item, handle)
        return value

    def _update_returned(self, message):
        """Give each array the learner's side returned before the contents
        the message says a call gave it since, as the caller's copy of a
        buffer kept over there and filled again would hold in one process."""
        kept = self._by_handle()
        for handle, node in _sequence(message.get("changed", []), pairs=True):
            # Only what that side returned (its handles count upward): the
            # tests' own objects change only as a call's arguments do.
            if type(handle) is not int or handle <= 0:
                continue
            target, new = kept.get(handle), decode(node)
            if not (isinstance(target, np.ndarray) and isinstance(new, np.ndarray)):
                continue
            if new.shape != target.shape or new.dtype != target.dtype:
                continue
            writeable = target.flags.writeable
            try:
                target.flags.writeable = True
                np.copyto(target, new, casting="unsafe")
            except ValueError:
                continue  # a view of a read-only array: nothing can write it
            finally:
                target.flags.writeable = writeable
            entry = self._handles.get(id(target))
            if entry is not None and len(entry) == 3:
                entry[2][0] = target.copy()  # not a write of the tests'

    def _answer_callback(self, callbacks, number, args):
        """Call the tests' function number `number` and send back its value."""
        try:
            reply = {"value": callbacks[int(number)](*args)}
        except Exception as error:  # the tests' own function failed: say so
            reply = {"error": error}
        try:
            payload = pickle.dumps(reply)
        except Exception:
            payload = pickle.dumps({"error": RuntimeError(str(reply["error"]))})
        self._send(payload)

    def _update_arguments(self, message, args, kwargs, objects):
        """Bring `args` to the state the learner's copies are in: a function
        of the tests' may read them (through a closure) while it is called
        back, and the tests look at them once the call is over."""
        named, existing = [], self._by_handle()
        state = message["state"]
        for index, arg in enumerate(args):
            _update(arg, state["args"][index], objects, named, existing)
        for key, value in kwargs.items():
            _update(value, state["kwargs"][key], objects, named, existing)
        for handle, item in named:
            self._remember(item, handle)

    def _send(self, payload):
        try:
            self._writer.write(struct.pack("<Q", len(payload)) + payload)
            self._writer.flush()
        except (BrokenPipeError, OSError):
            self._end("it stopped reading")

    def _receive(self):
        try:
            head = self._reader.read(8)
            if len(head) != 8:
                self._end(self._death())
            (size,) = struct.unpack("<Q", head)
            if size > MESSAGE_LIMIT:
                self._end("it sent an answer far too large to be one")
            body = self._reader.read(size)
            if len(body) != size:
                self._end(self._death())
            message = json.loads(body)
            if not isinstance(message, dict):
                raise _Malformed
            return message
        except StudentProcessEnded:
            raise
        except Exception:  # malformed, too deep, unreadable: not an answer
            self._end("it sent something that is not an answer")

    def _death(self):
        """Why the learner's process ended, in words."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return "the process running it ended"
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXFSZ:
            return "it printed more than the output limit (a print in a loop?)"
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            name = signal.Signals(number).name if number in _SIGNALS else number
            return f"the process running it was killed by signal {name}"
        return f"the process running it exited with code {os.WEXITSTATUS(status)}"

    def _end(self, reason, where=None, importing=None):
        """Stop, for `reason`, at the learner's line `where` if known;
        `importing`: the exercise whose module was loading, if one was."""
        self.ended = f"The exercise's code ended its own process: {reason}."
        if importing:
            self.ended_at_import = _ended_at_import(importing, reason)
        for told in ("ended", "ended_at_import"):
            if where and getattr(self, told):
                setattr(self, told, f"{getattr(self, told)}\n  where     {where}")
        self.close()
        self._raise_ended()

    def _raise_ended(self):
        """Raise why the learner's process is gone; once it ended as a
        module loaded, the error carries that too, for the run as a whole
        (see `grader.session`): every test fails on it alike, and the
        exercise's error says what happened, not a test's."""
        error = StudentProcessEnded(self.ended)
        error.kata_run_error = self.ended_at_import
        raise error

    def close(self):
        """Stop the learner's process."""
        for stream in (self._writer, self._reader):
            try:
                stream.close()
            except OSError:
                pass
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError, PermissionError):
                pass
            self.pid = None


_SIGNALS = {int(s) for s in signal.Signals}


def _ended_at_import(exercise, reason):
    """What the run of `exercise` says when its module ended the learner's
    process as it loaded, for `reason`: no test could call anything."""
    from tests.harness import module_file

    return (
        f"{module_file(exercise)} ended its own process as it was imported: {reason}."
    )


def _exit_line(message):
    """The line of the learner's that called os._exit, from the stack an
    "exit" message holds, as `harness.learner_line` names it; None if the
    call came from none of the learner's files."""
    from tests.harness import learner_line

    stack = types.SimpleNamespace(kata_traceback=str(message.get("traceback", "")))
    return learner_line(stack)


def _pickle(request, callbacks):
    """Pickle a request, each function in it replaced by a numbered
    callback (functions stay in this process)."""

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            # Functions the tests wrote; not the library functions pickle
            # itself names to rebuild an array.
            if isinstance(obj, CALLBACK_TYPES) and _of_the_tests(obj):
                callbacks.append(obj)
                return ("callback", len(callbacks) - 1)
            return None

    buffer = io.BytesIO()
    Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(request)
    return buffer.getvalue()


def _of_the_tests(function):
    """Whether `function` is one the tests wrote (a closure, a lambda, a
    function of theirs), not one pickle names to rebuild a value with
    (NumPy's array builders, re's pattern compiler...)."""
    function = getattr(function, "func", function)  # a partial
    module = getattr(function, "__module__", None) or ""
    name = getattr(function, "__qualname__", None) or ""
    return "<" in name or module.partition(".")[0] in ("tests", "selftests")


def _walk(args, kwargs):
    """(path, value) for every value among the arguments, containers before
    their contents: a path is the argument's index or keyword, then keys
    and indices down to the value. An object held in two places is found
    at both."""

    def walk(value, path, depth):
        yield path, value
        if depth >= MAX_DEPTH:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key), depth + 1)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index), depth + 1)

    for index, arg in enumerate(args):
        yield from walk(arg, (index,), 0)
    for key, value in kwargs.items():
        yield from walk(value, (key,), 0)


def _objects_by_path(args, kwargs):
    """Every value among the tests' arguments, by its path as it comes back
    from the learner's process."""
    return {tuple(map(_key, path)): value for path, value in _walk(args, kwargs)}


def _update(target, node, objects, named=None, existing=None):
    """Make `target` (an argument of the tests') hold what the learner's
    process says its copy held after the call."""
    new = decode(node, objects, named, existing)
    if target is new:
        return
    if isinstance(target, np.ndarray) and isinstance(new, np.ndarray):
        try:
            if target.shape != new.shape:
                target.shape = new.shape
            np.copyto(target, new, casting="unsafe")
        except (AttributeError, TypeError, ValueError):
            pass  # reshaped beyond what a view allows: the values differ
    elif isinstance(target, dict) and isinstance(new, dict):
        target.clear()
        target.update(new)
    elif isinstance(target, list) and isinstance(new, list):
        target[:] = new


def decode(node, objects=None, named=None, existing=None):
    """Rebuild a value from what the learner's process sent.

    Only plain data is built; anything else in `node` raises ValueError.
    `objects` maps paths to the tests' own arguments: a reference to one
    gives that very object, its contents brought up to date first.
    """
    objects = objects or {}
    value = _decode(node, objects, named, existing)
    handle = node.get("h")
    if not isinstance(handle, int) or isinstance(handle, bool) or handle == 0:
        return value
    kept = (existing or {}).get(handle)
    if kept is not None and kept is not value and _sync(kept, value):
        value = kept  # an object that came across before: the same one again
    if named is not None:
        named.append((handle, value))
    return value


def _decode(node, objects, named, existing):
    if not isinstance(node, dict):
        raise _Malformed
    kind = node.get("t")
    if kind == "none":
        return None
    if kind in ("bool", "int", "float", "str"):
        value = node["v"]
        expected = {"bool": bool, "int": int, "float": (float, int), "str": str}
        if not isinstance(value, expected[kind]):
            raise _Malformed
        return float(value) if kind == "float" else value
    if kind == "bigint":
        if not isinstance(node["v"], str):
            raise _Malformed
        return int(node["v"], 16)
    if kind == "complex":
        return complex(float(node["re"]), float(node["im"]))
    if kind == "array":
        array = _array(node)
        # A read-only result stays read-only on this side: whether the
        # caller may write to it is part of what some tests judge.
        if node.get("ro") is True:
            array.flags.writeable = False
        return array
    if kind == "scalar":
        return _array(node)[()]
    if kind in ("list", "tuple"):
        items = [
            decode(item, objects, named, existing) for item in _sequence(node["items"])
        ]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {
            decode(key, objects, named, existing): decode(
                value, objects, named, existing
            )
            for key, value in _sequence(node["items"], pairs=True)
        }
    if kind == "ref":
        return _referenced(node, objects, named, existing)
    if kind == "opaque":
        return Opaque(str(node.get("type"))[:200], str(node.get("repr"))[:TEXT_LIMIT])
    raise _Malformed


def _referenced(node, objects, named, existing):
    """The tests' object at the path in `node`, updated to its new state."""
    path = tuple(_key(part) for part in _sequence(node["path"]))
    if path not in objects:
        raise _Malformed
    target = objects[path]
    if "now" in node:
        _update(target, node["now"], objects, named, existing)
    return target


def _sequence(value, pairs=False):
    if not isinstance(value, list) or (
        pairs and not all(isinstance(p, list) and len(p) == 2 for p in value)
    ):
        raise _Malformed
    return value


def _key(part):
    """A path component as JSON carries it back (tuples become lists)."""
    return part if isinstance(part, (str, int)) else str(part)


def _array(node):
    data = base64.b64decode(str(node["npy"]), validate=True)
    array = np.load(io.BytesIO(data), allow_pickle=False)
    if not isinstance(array, np.ndarray) or array.dtype.kind not in PLAIN_KINDS:
        raise _Malformed
    if array.dtype.fields is not None or array.dtype.subdtype is not None:
        raise _Malformed
    return array


# Exception classes the tests may see raised again with the learner's
# message: Python's own and NumPy's. Any other is its nearest such base.
def _known_exception(name):
    kind = getattr(builtins, name, None)
    if isinstance(kind, type) and issubclass(kind, BaseException):
        return kind
    for namespace in (np.exceptions, np.linalg):
        kind = getattr(namespace, name.rpartition(".")[2], None)
        if isinstance(kind, type) and issubclass(kind, Exception):
            return kind
    return None


def _rebuild_exception(message):
    names = [str(name) for name in message.get("mro") or []]
    text = str(message.get("message", ""))[:TEXT_LIMIT]
    args = message.get("args")
    plain = (str, int, float, bool, type(None))
    if not (isinstance(args, list) and all(type(a) in plain for a in args)):
        args = [text]
    first = names[0] if names and names[0].isidentifier() else "Exception"
    for name in names:
        kind = _known_exception(name)
        if kind is None or kind in (BaseException, Exception):
            continue
        try:
            kind(*args)
        except Exception:
            continue
        break
    else:
        kind = StudentError
    if kind.__name__ != first:
        # The learner's own class, as the tests' except clauses and
        # messages see it: a subclass of the nearest known one, same name.
        kind = type(first, (kind,), {"__module__": "exercise"})
    error = kind(*args)
    error.kata_traceback = str(message.get("traceback", ""))[-TEXT_LIMIT:]
    meant, name = message.get("meant"), message.get("name")
    error.kata_meant = meant[:TEXT_LIMIT] if isinstance(meant, str) else ""
    unshowable = message.get("unshowable")
    if isinstance(unshowable, str) and unshowable:
        error.kata_unshowable = unshowable[:TEXT_LIMIT]
    if isinstance(error, (NameError, AttributeError)) and isinstance(name, str):
        error.name = name[:TEXT_LIMIT]
    return error


def _import_error(text):
    from tests.harness import ExerciseImportError

    return ExerciseImportError(text[:TEXT_LIMIT])


# ---------------------------------------------------------------------------
# The learner's side.


def _keep_only(*pipes):  # pragma: no cover - runs in the learner's process
    """Close every file this process inherited but its standard streams and
    `pipes`: the learner's code must not reach the pipe on which the tests
    report their results, nor any other file the tests' process holds."""
    keep = sorted({0, 1, 2, *pipes})
    for low, high in zip(keep, [*keep[1:], os.sysconf("SC_OPEN_MAX")], strict=True):
        os.closerange(low + 1, high)
    # Captured output went through files just closed: write to the
    # standard streams themselves, which the capture also holds.
    sys.stdout = open(1, "w", errors="replace", closefd=False)
    sys.stderr = open(2, "w", errors="replace", closefd=False)


def _serve(requests, answers, load, prepare):  # pragma: no cover
    """Answer calls until the tests' process goes away."""
    code = 0
    try:
        if prepare is not None:
            prepare()
        channel = _Channel(requests, answers)
        os._exit = functools.partial(_exit_telling, channel)
        modules = {}
        while True:
            request = channel.request()
            if request is None:
                break
            _answer(channel, request, modules, load)
    except BaseException:
        # The tests' process reports the end; this says why, for whoever
        # reads the captured output.
        traceback.print_exc()
        code = 70
    finally:
        _exit(code)


def _exit_telling(channel, status):  # pragma: no cover
    """os._exit in the learner's process: first send the tests the stack of
    the call, for a process that ends so says nothing else (no exception,
    no traceback); then end the process."""
    try:
        stack = "".join(traceback.format_stack(sys._getframe(1)))
        message = {"kind": "exit", "traceback": stack[-TEXT_LIMIT:]}
        channel.reply({**message, "importing": bool(_loading)})
    except BaseException:
        pass  # the tests' side is gone: it learns nothing either way
    _exit(status)


class _Channel:  # pragma: no cover - used in the learner's process
    def __init__(self, requests, answers):
        self.arguments, self.known = ((), {}), {}
        self.reader = os.fdopen(requests, "rb", buffering=1 << 16)
        self.writer = os.fdopen(answers, "wb", buffering=1 << 16)

    def _frame(self):
        """The next message's bytes, or None when the tests' side is gone."""
        head = self.reader.read(8)
        if len(head) != 8:
            return None
        (size,) = struct.unpack("<Q", head)
        return self.reader.read(size)

    def request(self):
        """The next request, unpickled, or None at the end."""
        body = self._frame()
        if body is None:
            return None
        channel = self

        class Unpickler(pickle.Unpickler):
            def persistent_load(self, pid):
                return _Callback(channel, pid[1])

        return Unpickler(io.BytesIO(body)).load()

    def reply(self, message):
        # What the learner printed goes to the captured output before the
        # tests look at it, not some time later.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        body = json.dumps(message).encode()
        self.writer.write(struct.pack("<Q", len(body)) + body)
        self.writer.flush()

    def callback_result(self):
        """The tests' answer to a callback; the end if they are gone."""
        body = self._frame()
        if body is None:
            _exit(0)
        return pickle.loads(body)


class _Callback:  # pragma: no cover - used in the learner's process
    """A function of the tests', called from the learner's process."""

    def __init__(self, channel, number):
        self.channel = channel
        self.number = number
        self.__name__ = "f"

    def __call__(self, *args):
        known = self.channel.known
        message = {
            "kind": "callback",
            "id": self.number,
            "args": [encode(arg, known) for arg in args],
            "state": _state(*self.channel.arguments, known),
        }
        self.channel.reply(message)
        answer = self.channel.callback_result()
        if "error" in answer:
            raise answer["error"]
        return answer["value"]


def _answer(channel, request, modules, load):  # pragma: no cover
    from tests.harness import (
        ExerciseImportError,
        _running,
        _silenced,
        learners_file,
        no_function,
        same,
    )

    # For `_run`, which cannot import them: the tests' packages are hidden
    # while the learner's code runs.
    _judges[:] = [learners_file, same]

    name = request["exercise"]
    _loading[:] = [name]
    try:
        if request.get("fresh"):
            # A module of its own for this call; later calls keep the one
            # they had, as a fresh `Exercise` in the tests' process does.
            module = load(name)
        else:
            if name not in modules:
                modules[name] = load(name)
            module = modules[name]
    except ExerciseImportError as error:
        module = error
        if not request.get("fresh"):
            modules[name] = error
    finally:
        _loading.clear()
    if isinstance(module, ExerciseImportError):
        channel.reply({"kind": "import_error", "message": str(module)})
        return
    function = getattr(module, request["function"], None)
    if not callable(function):
        text = no_function(module, request["function"])
        channel.reply({"kind": "import_error", "message": text})
        return
    args, kwargs = list(request["args"]), request["kwargs"]
    for handle, contents in request["writes"]:
        kept = _mirrors.get(handle)
        if kept is not None:
            _sync(kept, contents)
            if handle in _sent:
                _sent[handle] = _bytes_of(kept)
    _mirror(args, kwargs, request["handles"], request["forget"])
    known = _known_objects(args, kwargs)
    channel.arguments, channel.known = (args, kwargs), known
    try:
        with np.errstate(**request["errors"]), warnings.catch_warnings():
            warnings.filters[:] = request["filters"]
            with _running(module, request["trusted"]), _silenced(request["quiet"]):
                result, written = _run(function, args, kwargs, request.get("trace"))
    except BaseException as error:
        channel.reply(
            {
                **_raised(error),
                "changed": _changed(),
                "state": _state(args, kwargs, known),
                "parameters": _parameters(function),
            }
        )
        return
    changed = _changed()
    channel.reply(
        {
            "kind": "return",
            "changed": changed,
            "result": encode(result, known),
            "state": _state(args, kwargs, known),
            "parameters": _parameters(function),
            "written": written,
        }
    )


# The exercise whose module is loading in the learner's process, if one
# is: an exit then comes from the module's top level, not from a call.
_loading = []


# What `blame.traced` needs of the harness: whose a file is, and whether
# two values are the same.
_judges = []


def _run(function, args, kwargs, trace):  # pragma: no cover
    """(The result of `function(*args, **kwargs)`, None); with `trace`
    naming an argument (see `Student.written_at`), run under the tracer of
    `tests.blame`, the place of the line that first changed that argument
    (or rebound one of its entries) in its stead."""
    if trace is None:
        return function(*args, **kwargs), None
    watched = args[trace["index"]]
    mine, same = _judges
    if trace.get("rebound"):
        same = blame.entries_kept(watched)
    return blame.traced(lambda: function(*args, **kwargs), watched, mine, same)


def _state(args, kwargs, known):  # pragma: no cover
    """The arguments of the current call as they are now."""
    return {
        "args": [encode(arg, known) for arg in args],
        "kwargs": {key: encode(value, known) for key, value in kwargs.items()},
    }


# The learner's side of the objects that went across, by handle: negative
# handles are the tests', positive ones this side's.
_mirrors = {}
_handles_by_id = {}
_last_handle = [0]
# The bytes of each array this side returned, by handle, as they last went
# across: one that a later call changes is sent again (see `_changed`).
_sent = {}


def _bytes_of(array):  # pragma: no cover
    """The contents of `array`, to compare later; None if unreadable."""
    try:
        return array.tobytes()
    except Exception:
        return None


def _changed():  # pragma: no cover
    """[handle, contents] for each array this side returned in an earlier
    call whose contents changed since they went across: a buffer kept
    between calls and filled again, whose earlier result changes with it."""
    changed = []
    for handle, before in list(_sent.items()):
        value = _mirrors.get(handle)
        now = _bytes_of(value) if isinstance(value, np.ndarray) else None
        if now is None:
            del _sent[handle]
        elif now != before:
            _sent[handle] = now
            changed.append([handle, _array_node(np.asarray(value), "array", value)])
    return changed


def _mirror(args, kwargs, handles, forget):  # pragma: no cover
    """Put back in `args` and `kwargs` the objects this side already holds
    for the tests' objects, brought up to date, so that the same object
    sent twice is the same object here."""
    for handle in forget:
        _sent.pop(handle, None)
        gone = _mirrors.pop(handle, None)
        if gone is not None and _handles_by_id.get(id(gone)) == handle:
            del _handles_by_id[id(gone)]
    for path, handle in handles:  # containers come before their contents
        holder, slot = (
            (args, path[0]) if isinstance(path[0], int) else (kwargs, path[0])
        )
        for part in path[1:]:
            holder, slot = holder[slot], part
        fresh = holder[slot]
        kept = _mirrors.get(handle)
        if kept is not None and kept is not fresh and _sync(kept, fresh):
            if not isinstance(holder, tuple):
                holder[slot] = kept
        elif kept is None:
            _mirrors[handle] = fresh
            _handles_by_id[id(fresh)] = handle


def _sync(kept, fresh):  # pragma: no cover
    """Give `kept` the contents of `fresh`, in place, if it can take them."""
    if isinstance(kept, np.ndarray) and isinstance(fresh, np.ndarray):
        if kept.shape != fresh.shape or kept.dtype != fresh.dtype:
            return False
        try:
            np.copyto(kept, fresh)
        except ValueError:  # read-only
            return False
        return True
    if type(kept) is dict and type(fresh) is dict:
        kept.clear()
        kept.update(fresh)
        return True
    if type(kept) is list and type(fresh) is list:
        kept[:] = fresh
        return True
    return False


def _known_objects(args, kwargs):  # pragma: no cover
    """id -> (object, path) for every container and array passed in, at
    the first place it is found. The objects are held, so no new object
    can take one of their ids."""
    known = {}
    for path, value in _walk(args, kwargs):
        if isinstance(value, (dict, list, tuple, np.ndarray)):
            known.setdefault(id(value), (value, list(path)))
    return known


def encode(value, known, depth=0):  # pragma: no cover
    """Plain data for `value`, with references to the objects in `known`."""
    if depth > MAX_DEPTH:
        return _opaque(value)
    entry = known.get(id(value))
    if entry is not None and entry[0] is value:
        node = {"t": "ref", "path": entry[1]}
        if isinstance(value, (dict, list, np.ndarray)):
            node["now"] = _contents(value, known, depth)
        return node
    try:
        node = _contents(value, known, depth)
    except Exception:
        return _opaque(value)
    if isinstance(value, (dict, list, tuple, np.ndarray)) and node["t"] != "opaque":
        node["h"] = _handle_for(value)
        if node["h"] > 0 and isinstance(value, np.ndarray):
            _sent[node["h"]] = _bytes_of(value)
    return node


def _handle_for(value):  # pragma: no cover
    """The handle of `value`: the one it already has, if it went across
    before, so that the tests see the same object again."""
    handle = _handles_by_id.get(id(value))
    if handle is None or _mirrors.get(handle) is not value:
        _last_handle[0] += 1
        handle = _last_handle[0]
        _mirrors[handle] = value
        _handles_by_id[id(value)] = handle
    return handle


def _contents(value, known, depth):  # pragma: no cover
    if value is None:
        return {"t": "none"}
    if isinstance(value, np.ndarray):
        return _array_node(np.asarray(value), "array", value)
    if isinstance(value, np.generic):
        return _array_node(np.asarray(value), "scalar", value)
    if isinstance(value, bool):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, int):
        number = int.__index__(value)
        if number.bit_length() > DECIMAL_BITS:
            return {"t": "bigint", "v": hex(number)}
        return {"t": "int", "v": number}
    if isinstance(value, float):
        return {"t": "float", "v": float.__float__(value)}
    if isinstance(value, complex):
        number = complex.__complex__(value)
        return {"t": "complex", "re": number.real, "im": number.imag}
    if isinstance(value, str):
        return {"t": "str", "v": str.__str__(value)[:TEXT_LIMIT]}
    if isinstance(value, dict):
        items = [
            [encode(key, known, depth + 1), encode(item, known, depth + 1)]
            for key, item in dict.items(value)
        ]
        return {"t": "dict", "items": items}
    if isinstance(value, (list, tuple)):
        kind = "list" if isinstance(value, list) else "tuple"
        items = [encode(item, known, depth + 1) for item in value]
        return {"t": kind, "items": items}
    return _opaque(value)


def _array_node(array, kind, original):  # pragma: no cover
    if array.dtype.kind not in PLAIN_KINDS or array.dtype.fields is not None:
        return _opaque(original)
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array), allow_pickle=False)
    node = {"t": kind, "npy": base64.b64encode(buffer.getvalue()).decode("ascii")}
    if kind == "array" and not array.flags.writeable:
        node["ro"] = True
    return node


def _opaque(value):  # pragma: no cover
    try:
        text = repr(value)
    except BaseException:
        text = "?"
    name = type(value).__name__ if isinstance(type(value).__name__, str) else "?"
    return {"t": "opaque", "type": name[:200], "repr": str(text)[:TEXT_LIMIT]}


def _raised(error):  # pragma: no cover
    names = [kind.__name__ for kind in type(error).__mro__]
    try:
        text, args, unshowable = str(error), getattr(error, "args", ()), ""
    except BaseException as failure:
        # No message, and what str() raised: told as the tests' process
        # tells such an error raised there (see harness.showable).
        text, args, unshowable = "", (), type(failure).__name__
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    plain = (str, int, float, bool, type(None))
    if not (isinstance(args, tuple) and all(type(a) in plain for a in args)):
        args = (text,)
    return {
        "kind": "raise",
        "mro": names,
        "args": [a[:TEXT_LIMIT] if isinstance(a, str) else a for a in args[:8]],
        "message": text[:TEXT_LIMIT],
        "unshowable": unshowable[:TEXT_LIMIT],
        "traceback": "".join(lines)[-TEXT_LIMIT:],
        # Only here can the names in reach of the frame that raised be read.
        "meant": _meant(error),
        "name": _missing_name(error),
    }


def _missing_name(error):  # pragma: no cover
    """The name a NameError or AttributeError found missing, else ''."""
    try:
        name = getattr(error, "name", None)
    except Exception:
        return ""
    return name if type(name) is str else ""


def _meant(error):  # pragma: no cover
    """The name `error` most likely meant (see `harness.meant_name`), ''
    when none, or when the learner's objects would not say."""
    from tests.harness import meant_name

    try:
        return str(meant_name(error) or "")
    except Exception:
        return ""


def _parameters(function):  # pragma: no cover
    import inspect

    try:
        return [str(name) for name in inspect.signature(function).parameters]
    except (TypeError, ValueError):
        return []

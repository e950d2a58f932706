"""``python -m grader`` for the tests, started without starting Python.

A command of the grader spends about 0.4 CPU-seconds importing numpy,
pytest and hypothesis before it does anything, and the suite runs hundreds
of commands on machines with two cores. So each test process keeps a server
(``python -m selftests.forkserver``) that has imported them, and a command
is a fork of that server which then becomes ``python -m grader``: a process
of its own, with the arguments, folder, environment and standard streams
the test gives it, ending as the command ends. `popen` and `run` stand for
`subprocess.Popen` and `subprocess.run` of ``python -m grader``.

A command gets a new Python instead where a fork would differ from one:
in a tree with a grader of its own (a student release, whose grader
``-m grader`` would import), with an environment that changes what Python
does as it starts (``PYTHON*`` variables other than the server's, a C
locale), or on a system without ``os.pidfd_open``. KATA_FORK=0 gives every
command a new Python.
"""

import atexit
import io
import json
import locale
import os
import random
import runpy
import select
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

# A request is one packet: its fields as JSON, and four descriptors: the
# command's stdin, stdout and stderr, and the server's end of a socket of
# the request's own, on which the server answers with the command's
# process id and, once the command has ended, its exit status.
MAX_REQUEST = 1 << 20
# Locales that Python changes as it starts (PEP 538: a C or unset one),
# which a fork would not: a command in one gets a new Python.
PLAIN_LOCALES = ("", "C", "POSIX")

_lock = threading.Lock()
_started: "_Server | None" = None


def popen(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    stdin=None,
    stdout=None,
    stderr=None,
    text: bool = False,
    bufsize: int = -1,
    start_new_session: bool = False,
    take_terminal: bool = False,
):
    """``python -m grader ARGS``, started as `subprocess.Popen` starts a
    command (`stdin`, `stdout`, `stderr`: PIPE, DEVNULL, STDOUT, a file
    descriptor or None), forked from the server where it can be.
    `take_terminal`: the command's stdin, a terminal, becomes its
    controlling terminal (with `start_new_session`)."""
    server = _server(cwd, env)
    if server is None:
        return subprocess.Popen(
            [sys.executable, "-m", "grader", *args],
            cwd=cwd,
            env=env,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            text=text,
            bufsize=bufsize,
            start_new_session=start_new_session,
            preexec_fn=_take_terminal if take_terminal else None,
        )
    streams = _Streams(stdin, stdout, stderr, text, bufsize)
    request = {
        "args": list(args),
        "cwd": str(cwd),
        "env": dict(env),
        "new_session": start_new_session,
        "take_terminal": take_terminal,
        # Python keeps SIGINT ignored in a process started with it ignored.
        "sigint_ignored": signal.getsignal(signal.SIGINT) == signal.SIG_IGN,
    }
    return Forked(server, request, streams)


def run(
    args: list[str], cwd: Path, env: dict[str, str], input: str = "", timeout=None
) -> subprocess.CompletedProcess:
    """``python -m grader ARGS`` run to its end as `subprocess.run` runs a
    command with ``capture_output=True, text=True``: `input` on its stdin."""
    pipe = subprocess.PIPE
    process = popen(args, cwd, env, pipe, pipe, pipe, text=True)
    try:
        stdout, stderr = process.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    command = [sys.executable, "-m", "grader", *args]
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


class Forked:
    """A command forked from the server, used as a `subprocess.Popen`:
    `stdin`, `stdout`, `stderr`, `pid`, `returncode`, `poll`, `wait`,
    `communicate`, `send_signal` and `kill`."""

    def __init__(self, server: "_Server", request: dict, streams: "_Streams"):
        self.args = ["python", "-m", "grader", *request["args"]]
        self.returncode: int | None = None
        self._answers = server.submit(request, streams.theirs)
        streams.close_theirs()
        self.stdin, self.stdout, self.stderr = streams.ours
        self.pid = self._read_number()

    def _read_number(self, timeout: float | None = None) -> int:
        ready, _, _ = select.select([self._answers], [], [], timeout)
        if not ready:
            raise subprocess.TimeoutExpired(self.args, timeout)
        answer = self._answers.recv(64)
        if not answer:
            raise RuntimeError("the fork server ended before the command did")
        return int(answer)

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self._read_number(timeout=0)
            except subprocess.TimeoutExpired:
                return None
            self._answers.close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = self._read_number(timeout)
            self._answers.close()
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def communicate(self, input: str = "", timeout: float | None = None):
        """Write `input`, read stdout and stderr to their ends, wait."""
        read = {}
        readers = [
            threading.Thread(target=lambda n=n, f=f: read.__setitem__(n, f.read()))
            for n, f in (("out", self.stdout), ("err", self.stderr))
            if f is not None
        ]
        for reader in readers:
            reader.daemon = True
            reader.start()
        if self.stdin is not None:
            try:
                if input:
                    self.stdin.write(input)
                self.stdin.close()
            except BrokenPipeError:
                pass  # the command did not read it all, as subprocess allows
        self.wait(timeout)
        for reader in readers:
            reader.join(timeout)
        return read.get("out"), read.get("err")


class _Streams:
    """The three standard streams of a command: the descriptors it gets
    (`theirs`) and the files this process keeps of the pipes (`ours`)."""

    def __init__(self, stdin, stdout, stderr, text: bool, bufsize: int):
        self._close = []
        self.ours = [None, None, None]
        self.theirs = [
            self._stream(0, stdin, text, bufsize),
            self._stream(1, stdout, text, bufsize),
        ]
        if stderr == subprocess.STDOUT:
            self.theirs.append(self.theirs[1])
        else:
            self.theirs.append(self._stream(2, stderr, text, bufsize))

    def _stream(self, index: int, given, text: bool, bufsize: int) -> int:
        if given is None:
            return index  # this process's own, as Popen leaves it
        if given == subprocess.DEVNULL:
            fd = os.open(os.devnull, os.O_RDWR)
            self._close.append(fd)
            return fd
        if given != subprocess.PIPE:
            return given if isinstance(given, int) else given.fileno()
        read, write = os.pipe()
        ours, theirs = (write, read) if index == 0 else (read, write)
        self._close.append(theirs)
        mode = ("w" if index == 0 else "r") + ("" if text else "b")
        buffering = 1 if text and bufsize == 1 else -1
        self.ours[index] = open(ours, mode, buffering=buffering)
        return theirs

    def close_theirs(self) -> None:
        for fd in self._close:
            os.close(fd)


class _Server:
    """This process's end of its fork server."""

    def __init__(self, environment: dict[str, str]):
        self.environment = environment
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "selftests.forkserver", str(theirs.fileno())],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            pass_fds=(theirs.fileno(),),
        )
        theirs.close()
        self.socket = ours
        ready, _, _ = select.select([ours], [], [], 60)
        self.alive = bool(ready) and ours.recv(16) == b"ready"
        atexit.register(self.close)

    def close(self) -> None:
        """End the server (whose commands have ended by now)."""
        self.socket.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def submit(self, request: dict, fds: list[int]) -> socket.socket:
        """Send `request`; the socket its answers come on."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        data = json.dumps(request).encode()
        socket.send_fds(self.socket, [data], [*fds, theirs.fileno()])
        theirs.close()
        return ours


def _server(cwd: Path, env: dict[str, str]) -> "_Server | None":
    """This process's fork server, started on first use, if the command
    (run in `cwd` with `env`) can be forked from it."""
    global _started
    if os.environ.get("KATA_FORK") == "0" or not hasattr(os, "pidfd_open"):
        return None
    if Path(cwd, "grader", "__init__.py").exists():
        return None
    with _lock:
        if _started is None:
            from selftests.grader_support import clean_environment

            _started = _Server(clean_environment())
    if not _started.alive or _startup(env) != _startup(_started.environment):
        return None
    if _locale(env) in PLAIN_LOCALES:
        return None
    return _started


def _startup(env: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in env.items() if key.startswith("PYTHON")}


def _locale(env: dict[str, str]) -> str:
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        if env.get(variable):
            return env[variable]
    return ""


def _take_terminal() -> None:
    """Make stdin, a terminal, the controlling terminal of this process,
    the leader of a new session."""
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


# The server's side.


def serve(fd: int) -> None:
    """Fork a command for each request on the socket `fd`, and tell each
    request when its command ends; return when the socket closes."""
    import grader.cli  # noqa: F401
    import grader.outside  # noqa: F401
    import grader.prestart  # noqa: F401
    import grader.runner
    import grader.watch  # noqa: F401

    grader.runner.preload()
    control = socket.socket(fileno=fd)
    control.send(b"ready")
    running: dict[int, tuple[int, socket.socket]] = {}  # pidfd: pid, answers
    while True:
        ready, _, _ = select.select([control, *running], [], [])
        for pidfd in [ended for ended in ready if ended in running]:
            pid, answers = running.pop(pidfd)
            _, status = os.waitpid(pid, 0)
            os.close(pidfd)
            _answer(answers, os.waitstatus_to_exitcode(status))
            answers.close()
        if control in ready:
            data, fds, _, _ = socket.recv_fds(control, MAX_REQUEST, 4)
            if not data:
                return
            answers = socket.socket(fileno=fds[3])
            pid = os.fork()
            if pid == 0:
                server_files = [control, answers, *running]
                server_files += [theirs for _, theirs in running.values()]
                _become(json.loads(data), fds[:3], server_files)
            for fd in fds[:3]:
                os.close(fd)
            running[os.pidfd_open(pid)] = (pid, answers)
            _answer(answers, pid)


def _answer(answers: socket.socket, number: int) -> None:
    try:
        answers.send(str(number).encode())
    except OSError:
        pass  # the test no longer waits for it


def _become(request: dict, fds: list[int], server_files: list) -> None:
    """In the forked child: become ``python -m grader ARGS`` as `request`
    asks, with `fds` as stdin, stdout and stderr. Never returns: the
    command's end (SystemExit, or an exception) ends the process."""
    for item in server_files:
        os.close(item) if isinstance(item, int) else item.close()
    if request["new_session"]:
        os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in set(fds) - {0, 1, 2}:
        os.close(fd)
    if request["take_terminal"]:
        _take_terminal()
    if request["sigint_ignored"]:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    else:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")  # as grader.session does at import
    try:
        locale.setlocale(locale.LC_CTYPE, "")
    except locale.Error:
        pass  # as Python leaves a locale the system lacks
    _standard_streams()
    # Fresh seeds, as a new process has: forks would share the server's.
    random.seed()
    import numpy.random

    numpy.random.seed()
    sys.argv = ["-m", *request["args"]]
    sys.path[0] = os.getcwd()  # as `python -m` puts it
    runpy.run_module("grader", run_name="__main__", alter_sys=True)
    raise SystemExit(0)


def _standard_streams() -> None:
    """New sys.stdin, sys.stdout and sys.stderr on descriptors 0, 1 and 2,
    made as Python makes them as it starts (in a UTF-8 locale)."""
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(
        open(1, "wb", closefd=False), encoding="utf-8", line_buffering=os.isatty(1)
    )
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(
        open(2, "wb", closefd=False),
        encoding="utf-8",
        errors="backslashreplace",
        line_buffering=True,
    )


if __name__ == "__main__":
    serve(int(sys.argv[1]))

"""``python -m grader watch``: grade each exercise again as soon as it is saved.

The watch shows one exercise at a time, the one the learner is working on:
at first the first exercise that is not done, then whichever was saved
last. It moves on to the next exercise only when asked (``n``), never by
itself: the learner decides when an exercise is finished.

Changes are noticed through file events (the `watchfiles` library) where
the system has them, and by hashing the exercise files on a timer where it
does not (``--poll``, or when events cannot be set up). With events, the
files are also hashed every second: a network drive may never send an
event. Only a change of content counts, so an editor that saves by writing
a new file and renaming it over the old one is noticed like any other.

A test session is kept running beside this process, with every test
module already collected (`grader.runner.WarmSession`): a save costs only
the worker that runs the saved exercise's tests, not starting Python,
pytest and the tests again. The session is started again when the tests,
conftest.py, pyproject.toml, data/ or the grader change. Everything runs
in one thread: the runner forks, and a fork must not catch another thread
halfway through something.

Keys: ``h`` the next hint, ``n`` the next exercise, ``l`` the list, ``c``
check every exercise, ``q`` quit. On a terminal a key acts at once; with
stdin piped, keys are read as lines (``q`` and Enter). Piped, each redraw
is printed as a block of its own, ending with the line of keys.
"""

import argparse
import hashlib
import os
import select
import sys
import termios
import time
import tty
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from rich.text import Text

from grader import cache, hints, i18n
from grader.exercises import ExerciseInfo
from grader.grading import DONE, NOT_STARTED, Grade, grade, gradebook, most_telling
from grader.i18n import N_, _
from grader.project import Project
from grader.render import STATUS_STYLES, Screen, aligned, exercise_error, explained
from grader.results import ExerciseRun, lines_cut

# How often the files are hashed when polling: a save waits at most this
# long to be noticed, which counts against the 0.3 s the learner should
# wait for a result; hashing ten small files costs microseconds.
POLL_INTERVAL = 0.1
# With file events, the files are hashed this often as well, in case the
# events never come (network drives).
SAFETY_INTERVAL = 1.0
# File events: wait this long after the last event before grading (an
# editor's save can be several writes), and at most this long in all.
EVENT_STEP_MS = 20
EVENT_DEBOUNCE_MS = 100
# How long to wait for file events before looking at the keyboard again.
EVENT_WAIT_MS = 80
# Lines of a failure message and of the learner's output shown: enough to
# read the failure, few enough that the keys stay on screen.
MESSAGE_LINES = 14
OUTPUT_LINES = 6

EXIT_DONE = 0
EXIT_NOT_DONE = 1

KEYS_LINE = N_("keys: h hint | n next exercise | l list | c check all | q quit")


def watch_command(
    args: argparse.Namespace,
    project: Project,
    screen: Screen,
    prog: str,
    stdin: TextIO | None = None,
) -> int:
    """Watch the exercises until the learner quits; return the exit code
    (0 when every exercise is done at the end, else 1)."""
    stdin = sys.stdin if stdin is None else stdin
    watch = Watch(project, screen, prog, args)
    folder = project.root / watch.target
    source, note = open_source(folder, project.names, poll=args.poll)
    watch.note = note
    # Keys are read from the start: one pressed during the first grade
    # waits for it instead of being lost.
    try:
        with read_keys(stdin) as keys:
            watch.grade_all()
            watch.focus = watch.first_not_done()
            watch.draw()
            while not watch.finished:
                key = keys.read(source.idle)
                if key:
                    watch.press(key)
                    continue
                for name in source.changes():
                    watch.saved(name)
    finally:
        watch.close()
    return EXIT_DONE if watch.all_done() else EXIT_NOT_DONE


class Watch:
    """What the watch knows and shows: every exercise's last run, the one
    in focus, and the hints revealed for it."""

    def __init__(self, project: Project, screen: Screen, prog: str, args):
        self.project = project
        self.screen = screen
        self.out = screen.out
        self.prog = prog
        self.target = getattr(args, "target", "exercises")
        self.limits = (args.timeout, args.memory)
        self.runs: dict[str, ExerciseRun] = {}
        self.focus: ExerciseInfo = project.exercises[0]
        self.event = ""  # what caused this redraw, in a few words
        self.hint = ""  # the hint revealed for the exercise in focus
        self.note = ""  # how changes are noticed
        self.finished = False
        from grader import runner

        self.runner = runner
        self.session: runner.WarmSession | None = None
        self.session_key = ""  # what the session loaded: see `tests`
        # Started now, so that numpy, pytest, hypothesis and the tests are
        # loaded while the first screen is read, not at the first save.
        self.tests().start()

    def tests(self):
        """The warm test session, started again if what it loaded changed."""
        key = cache.shared_fingerprint(self.project.root)
        if self.session is None or key != self.session_key:
            self.close()
            self.session = self.runner.WarmSession(self.project.root)
            self.session_key = key
        return self.session

    def close(self) -> None:
        """Stop the test session, if one is running."""
        if self.session is not None:
            self.session.close()
            self.session = None

    def grade(self, names: list[str], use_kept: bool) -> float:
        """Grade the exercises `names`; kept grades are used only when
        `use_kept` and their code has not changed since. Returns the
        seconds it took."""
        started = time.monotonic()
        keys = cache.fingerprints(self.project.root, self.target, names, self.limits)
        runs = {}
        if use_kept:
            runs = cache.recall(self.project.state_dir, self.target, keys)
        stale = [name for name in names if name not in runs]
        if stale:
            timeout, memory_mb = self.limits
            jobs = [
                self.runner.Job(
                    name,
                    self.project.root,
                    target=self.target,
                    timeout=timeout,
                    memory_mb=memory_mb,
                )
                for name in stale
            ]
            fresh = {run.name: run for run in self.tests().run(jobs)}
            runs.update(fresh)
            try:
                kept = {name: (keys[name], run) for name, run in fresh.items()}
                cache.remember(self.project.state_dir, self.target, kept)
            except OSError:
                pass  # keeping it only saves time later
        self.runs.update(runs)
        return time.monotonic() - started

    def grade_all(self) -> None:
        self.out.print(_("Grading every exercise in {target}/ ...", target=self.target))
        seconds = self.grade(self.project.names, use_kept=True)
        self.event = _("started, graded in {seconds} s", seconds=f"{seconds:.2f}")

    def grade_of(self, exercise: ExerciseInfo) -> Grade:
        run = self.runs.get(exercise.name) or ExerciseRun(exercise.name, error="")
        return grade(exercise, run)

    def first_not_done(self, after: int = 0) -> ExerciseInfo:
        """The first exercise from position `after` on (wrapping round)
        that is not done; the one in focus when every one is."""
        exercises = self.project.exercises
        ordered = exercises[after:] + exercises[:after]
        return next((e for e in ordered if self.grade_of(e).status != DONE), self.focus)

    def all_done(self) -> bool:
        return all(self.grade_of(e).status == DONE for e in self.project.exercises)

    def saved(self, name: str) -> None:
        """Grade the exercise that was just saved, and show it."""
        exercise = self.project.find(name)
        if exercise != self.focus:
            self.hint = ""
        self.focus = exercise
        seconds = self.grade([name], use_kept=False)
        self.event = _(
            "saved {path}, graded in {seconds} s",
            path=f"{self.target}/{name}.py",
            seconds=f"{seconds:.2f}",
        )
        self.draw()

    def press(self, key: str) -> None:
        """Act on one key."""
        key = key.lower()
        if key == "q":
            self.finished = True
        elif key == "h":
            self.reveal_hint()
            self.draw()
        elif key == "n":
            self.next_exercise()
        elif key == "l":
            self.draw()
            self.out.print()
            self.screen.listing(self.book())
        elif key == "c":
            self.out.print(_("Checking every exercise ..."))
            seconds = self.grade(self.project.names, use_kept=True)
            self.event = _(
                "checked every exercise in {seconds} s", seconds=f"{seconds:.2f}"
            )
            self.draw()
            self.out.print()
            self.screen.gradebook(self.book(), self.prog)

    def next_exercise(self) -> None:
        position = self.project.exercises.index(self.focus)
        following = self.first_not_done(after=position + 1)
        if following == self.focus:
            self.event = _("no other exercise is left to do")
        else:
            self.event = _("moved on to {name}", name=following.name)
            self.focus, self.hint = following, ""
        self.draw()

    def reveal_hint(self) -> None:
        exercise = self.focus
        state = self.project.state_dir
        already = hints.seen(state).get(exercise.name, 0)
        shown = hints.reveal(exercise, already)
        if not shown:
            self.hint = _("Exercise {name} has no hints.", name=exercise.name)
            return
        # Counted in the catalogue's order, shown in the learner's language.
        self.hint = _(
            "Hint {shown} of {total}: {hint}",
            shown=len(shown),
            total=len(exercise.hints),
            hint=i18n.hints(exercise)[len(shown) - 1],
        )
        self.event = _("hint for {name}", name=exercise.name)
        try:
            hints.remember(state, exercise.name, len(shown))
        except OSError:
            pass  # the next `h` shows this hint again: no harm done

    def book(self):
        runs = [
            self.runs.get(e.name) or ExerciseRun(e.name) for e in self.project.exercises
        ]
        return gradebook(list(self.project.exercises), runs, self.target)

    def draw(self) -> None:
        """Show the exercise in focus: cleared and redrawn on a terminal, a
        new block otherwise."""
        if self.out.is_terminal:
            self.out.clear()
        else:
            self.out.print(f"----- {time.strftime('%H:%M:%S')} -----")
        for line in self.lines():
            self.out.print(line, soft_wrap=True)
        self.out.file.flush()

    def lines(self) -> Iterator[Text]:
        book = self.book()
        g = self.grade_of(self.focus)
        exercise = g.exercise
        yield Text(
            _(
                "nn-kata watch: {done} of {total} done ({event})",
                done=book.done,
                total=len(book.grades),
                event=self.event,
            ),
            style="dim",
        )
        yield Text()
        header = Text(f"{exercise.number}. {exercise.name}: {i18n.title(exercise)}  ")
        header.append(i18n.status(g.status), style=STATUS_STYLES.get(g.status, ""))
        header.append(_("  {passed}/{total} tests", passed=g.passed, total=g.total))
        yield header
        yield Text()
        yield from self.verdict(g)
        if self.hint:
            yield Text()
            yield Text(self.hint, style="cyan")
        yield Text()
        if self.note:
            yield Text(self.note, style="dim")
        yield Text(_(KEYS_LINE), style="dim")

    def verdict(self, g: Grade) -> Iterator[Text]:
        """What to do about the exercise in focus."""
        name = g.exercise.name
        if g.status == DONE:
            yield Text(_("Every test passes."), style="green")
            if not self.all_done():
                yield Text(_("Press n for the next exercise."))
            return
        if g.status == NOT_STARTED:
            yield Text(
                _(
                    "Open {target}/{name}.py, read the docstring, and replace "
                    "`raise NotImplementedError(...)` with your code.",
                    target=self.target,
                    name=name,
                    prog=self.prog,
                )
            )
            return
        error = exercise_error(g)
        if error:
            yield Text(i18n.failure(aligned(error)), style="red")
        shown = explained(g)
        failure = most_telling(shown)
        if failure is None:
            return
        yield Text(f"x {failure.name}")
        message = i18n.failure(aligned(failure.message))
        yield Text(_cut(message, MESSAGE_LINES, "    "))
        if failure.output.strip():
            yield Text(_("  What your code printed:"), style="dim")
            output = "\n".join(map(_note_translated, failure.output.splitlines()))
            yield Text(_cut(output, OUTPUT_LINES, "    | "))
        more = len(shown) - 1
        if more > 0:
            yield Text(
                _(
                    "{count} more failing; `{prog} check {name}` shows them all.",
                    count=more,
                    prog=self.prog,
                    name=name,
                ),
                style="dim",
            )


def _note_translated(line: str) -> str:
    """A line of the learner's output as it is, but for the runner's note
    of the lines it cut, which is the grader's and speaks its language."""
    return i18n.failure(line) if lines_cut(line) is not None else line


def _cut(text: str, limit: int, prefix: str) -> str:
    lines = text.rstrip().splitlines()
    if len(lines) > limit:
        hidden = len(lines) - limit + 1
        lines = [*lines[: limit - 1], _("[... {count} more lines]", count=hidden)]
    return "\n".join(prefix + line for line in lines)


class PollingSource:
    """Notices changes by hashing the exercise files every POLL_INTERVAL."""

    idle = POLL_INTERVAL

    def __init__(self, folder: Path, names: list[str]):
        self.folder = folder
        self.names = names
        self.hashes = {name: self._hash(name) for name in names}

    def _hash(self, name: str) -> str | None:
        try:
            return hashlib.sha256((self.folder / f"{name}.py").read_bytes()).hexdigest()
        except OSError:
            return None

    def rescan(self, names: list[str] | None = None) -> list[str]:
        """The exercises among `names` (default: all) whose content changed
        since the last look."""
        changed = []
        for name in names or self.names:
            digest = self._hash(name)
            if digest != self.hashes.get(name) and digest is not None:
                changed.append(name)
            self.hashes[name] = digest
        return changed

    def changes(self) -> list[str]:
        return self.rescan()


class EventSource(PollingSource):
    """Notices changes through file events, with a slow rescan as well."""

    idle = 0.0  # the wait is in `changes`, for the events

    def __init__(self, folder: Path, names: list[str]):
        super().__init__(folder, names)
        import watchfiles

        self.events = watchfiles.watch(
            folder,
            debounce=EVENT_DEBOUNCE_MS,
            step=EVENT_STEP_MS,
            rust_timeout=EVENT_WAIT_MS,
            yield_on_timeout=True,
            raise_interrupt=True,
        )
        next(self.events)  # sets the watch up now, so that failures show now
        self.last_rescan = time.monotonic()

    def changes(self) -> list[str]:
        touched = {Path(path).stem for _, path in next(self.events)}
        names = [name for name in self.names if name in touched]
        if time.monotonic() - self.last_rescan >= SAFETY_INTERVAL:
            self.last_rescan = time.monotonic()
            names = None  # every file
        elif not names:
            return []
        return self.rescan(names)


def open_source(folder: Path, names: list[str], poll: bool):
    """The way to notice changes, and a line saying which it is."""
    every = f"{POLL_INTERVAL:g}"
    if poll:
        note = _(
            "Watching {folder}/ by polling every {seconds} s.",
            folder=folder.name,
            seconds=every,
        )
        return PollingSource(folder, names), note
    try:
        source = EventSource(folder, names)
    except Exception as error:  # noqa: BLE001 - any failure means: poll
        note = _(
            "File events are unavailable ({why}); polling {folder}/ every {seconds} s.",
            why=f"{type(error).__name__}: {error}",
            folder=folder.name,
            seconds=every,
        )
        return PollingSource(folder, names), note
    return source, _("Watching {folder}/ for saves.", folder=folder.name)


class _Keys:
    """Keys from stdin: one at a time from a terminal in cbreak mode, else
    the characters of each line. At the end of the input, no more keys."""

    def __init__(self, fd: int | None, terminal: bool):
        self.fd = fd
        self.terminal = terminal
        self.pending = ""

    def read(self, timeout: float) -> str:
        """The next key, or '' when none came within `timeout` seconds."""
        if not self.pending and self.fd is not None:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if ready:
                data = os.read(self.fd, 1024).decode(errors="replace")
                if not data:
                    self.fd = None  # the input ended
                self.pending = "".join(c for c in data if not c.isspace())
        elif self.fd is None and timeout:
            time.sleep(timeout)
        key, self.pending = self.pending[:1], self.pending[1:]
        return key


@contextmanager
def read_keys(stdin: TextIO) -> Iterator[_Keys]:
    """Keys from `stdin`, with a terminal in cbreak mode until the end."""
    try:
        fd = stdin.fileno()
    except (AttributeError, ValueError, OSError):
        yield _Keys(None, False)
        return
    if not os.isatty(fd):
        yield _Keys(fd, False)
        return
    saved = termios.tcgetattr(fd)
    try:
        # TCSANOW: the default would throw away keys already typed.
        tty.setcbreak(fd, termios.TCSANOW)
        yield _Keys(fd, True)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)

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
check every exercise, ``b`` back from the list or the report to the
exercise, ``q`` quit; Ctrl+C quits too. The last line the watch prints says
that it stopped, and whether it stopped a grade before its end. The list and
the report are drawn in place of the exercise, as part of the screen; once
every exercise is done, the screen shows the report and what to do next. A
hint belongs to the exercise in focus: ``h`` on the list or the report goes
back to it, and the top line says so ("back to NAME for its next hint").
A hint is shown with its exercise only while the exercise is not done. On
a terminal a key acts at once, and the keys that send escape sequences
(arrows, Home) are ignored; with stdin piped, keys are read as lines (``q``
and Enter). When the input ends, the watch says so once and
goes on grading saves without keys. Piped, each redraw is printed as a block
of its own, ending with the line of keys.

Every grade begins with a line saying what is graded, printed under the
screen; on a terminal, above the line of keys, which is drawn again below
it and stays last. Before the first screen, the first grade has a line of
keys of its own: ``q`` stops it, the other keys act once it ends. On a
terminal, a grade of several exercises adds a line (above the keys as
well) that is redrawn as each of them starts or ends: how many are done,
which run, which are still to run (waiting for a worker, or between two
shares of their tests); once none is left to start, that the grade waits
for those running, up to the time limit. Once the grade of a save has run
half a second, the screen is drawn again to say that it shows the grade of
the code before the save, and what is being graded, in place of the line
that says the watch waits for saves; the headline, which said what is
graded, is not printed again under it (a quicker grade draws nothing more:
the screen would flicker). Nothing moves by itself: the display changes
only as a grade goes, never from a thread.

On a terminal, the screen fits its width and height: lines break between
words (a line of keys between keys), prose (a failure's statement and
likely mistake, a hint, a note) at PROSE_COLUMNS at most however wide the
terminal, the blank lines between its parts go first, with the line that
says how saves are noticed, a failure is shortened only as far as the
height requires (the input's later rows first, then what was expected and
what came back, then its statement, cut between words, then where, the
first row of the call that reproduces it last, the likely mistake only
on a screen too small for it beside the statement's first row, which then
takes the rows, and the note of what is gone is said short or not at all),
the line that counts the other failing tests stays until each part of the
failure is down to its first row, but never at the cost of the statement's
rows, the hint just asked for stays whole
until a save of its exercise is graded, short of the rows the exercise's
line needs and of those that bring back what was expected and what came
back, down to its first row (one only remembered, or asked for before
that save, goes before the failure), the report keeps its table and
score (once every exercise is done, the score and the closing line
longest, What next going first, each part whole or not at all), and
what still does not fit is cut with a line that says how much and what
shows it all (rows of a table, with what lists them); the top line
always stays in view, in one row where
a shorter way of saying a save fits (its files without their folder, then
without the time), else in two rows at most. A resize draws the screen
again at the new size, during a grade too.
"""

import argparse
import copy
import hashlib
import io
import os
import re
import select
import signal
import sys
import termios
import time
import tty
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.text import Text

from grader import cache, hints, i18n
from grader.exercises import ExerciseInfo
from grader.grading import DONE, NOT_STARTED, Grade, grade, gradebook, most_telling
from grader.i18n import N_, _
from grader.project import Project
from grader.render import (
    EXCEPTION_NAME,
    FAILED_MARK,
    FAILED_MARK_PLAIN,
    LABEL,
    LABELLED,
    PROSE_WIDTH,
    STATUS_STYLES,
    Screen,
    aligned,
    by_phrases,
    clipped,
    exercise_error,
    explained,
    failed_line,
    failed_mark,
    fitted,
    header_rows,
    long_label,
    not_run_note,
    opened_call,
    output_label,
    paragraph_rows,
    printed_in_report,
    printed_note,
    printed_output,
    some_named,
    timed_name,
    wrapped_lines,
)
from grader.results import ExerciseRun, lines_cut

# How often the files are hashed when polling: a save waits at most this
# long to be noticed (half of it on average), which counts against the
# 0.3 s the learner should wait for a result. Hashing ten small files and
# looking at the keyboard this often keeps an idle watch under 1 % of a
# core.
POLL_INTERVAL = 0.05
# With file events, the files are hashed this often as well, in case the
# events never come (network drives).
SAFETY_INTERVAL = 1.0
# A grade that has run this long (seconds) may be stuck: saves are looked
# for while it runs, and a new save of what it grades stops it.
SLOW_GRADE = 1.0
# Once the grade of a save has run this long (seconds), the screen is drawn
# again to say that what it shows is the grade of the code before the save.
# A quicker grade is not worth a redraw: the screen would flicker.
BEFORE_SAVE_SHOWN = 0.5
# File events: wait this long after the last event before grading (an
# editor's save can be several writes), and at most this long in all.
EVENT_STEP_MS = 20
EVENT_DEBOUNCE_MS = 100
# How long to wait for file events before looking at the keyboard again.
EVENT_WAIT_MS = 80
# Off a terminal, where the screen has no height, a failure message is
# shown whole, as `check` shows it. On a terminal, a message is shortened
# only as far as the terminal's height requires: in the report, down to
# MIN_MESSAGE_LINES, what is below it being cut after that (see
# `Watch.fitted`); on the exercise's screen, as far as the call and the
# likely mistake (see `_fitted`). Lines of the learner's output shown:
# enough to see what it printed (`check` shows more).
MIN_MESSAGE_LINES = 5
OUTPUT_LINES = 6
# The names of the tests that were running when a run stopped, as its error
# gives them (see grader/runner.py): in the row of the line a test was
# stopped at ("  stopped at line 46 in test_a: up = f(x)"), in the sentence
# of a stop in one test ("... after 30 s in test_a: ..."), and in the
# sentence that names the two a stop told once cut short; and that
# sentence without them, which still says that both stopped.
_RUNNING_TEST = r"test_\w+(?:\[[^\]]*\])?"
_STOPPED_IN = re.compile(
    rf"^(  stopped at line \d+) in {_RUNNING_TEST}(?: and {_RUNNING_TEST})*:", re.M
)
_RUNNING_IN = re.compile(rf" in {_RUNNING_TEST}(?=[:.] |[:.]$)")
_BOTH_NAMED = re.compile(
    rf" This happened in both tests that were running: "
    rf"{_RUNNING_TEST} and {_RUNNING_TEST}\."
)
BOTH_UNNAMED = " This happened in both tests that were running."

EXIT_DONE = 0
EXIT_NOT_DONE = 1

KEYS_LINE = N_("keys: h hint | n next exercise | l list | c check all | q quit")
# While a table is shown instead of the exercise.
TABLE_KEYS_LINE = N_(
    "keys: b back to the exercise | h hint | n next exercise | l list | "
    "c check all | q quit"
)
# An exercise that is done needs no hint.
DONE_EXERCISE_KEYS_LINE = N_("keys: n next exercise | l list | c check all | q quit")
# The last exercise done: n shows what is left to do, not another exercise.
ALL_DONE_EXERCISE_KEYS_LINE = N_("keys: n what next | l list | c check all | q quit")
# Once every exercise is done there is no hint to give, nor a next one.
DONE_KEYS_LINE = N_("keys: b back to the exercise | l list | c check all | q quit")
# Nor, while no exercise was on screen in this session, one to go back to.
DONE_UNSEEN_KEYS_LINE = N_("keys: l list | c check all | q quit")
# While the exercise's file is gone, h gives no hint (see `hint_lines`):
# it is not offered. From the list or the report, b goes back to it.
NO_FILE_TABLE_KEYS_LINE = N_(
    "keys: b back to the exercise | n next exercise | l list | c check all | q quit"
)
# The list, every exercise done: n shows what is left to do, as it does from
# the exercise; the report shows it already.
DONE_LISTING_KEYS_LINE = N_(
    "keys: b back to the exercise | n what next | l list | c check all | q quit"
)
# Under the screen during the grade of a save (see `Watch.grading_now`),
# as the screen shows that save's exercise, or not.
BEFORE_SAVE_SHOWN_LINE = N_("Shown above: the grade of the code before this save.")
RESULT_TO_COME_LINE = N_("Its result will take this screen's place.")
# During the first grade, before any screen: q stops it; the others act
# once it ends. Its label differs from the other lines of keys, which
# are drawn only with a screen.
FIRST_GRADE_KEYS_LINE = N_(
    "keys during the grade: q quit | the others act once it ends"
)
# Keys read from a pipe, a line at a time: a key acts once Enter ends its
# line (see `Watch.press_line`).
PIPED_KEYS = N_("{keys} | Enter after each")
# Once the input has ended (a pipe closed), keys are no longer read.
NO_KEYS_LINE = N_("keys: none, the input has ended | Ctrl+C quits")
# What a terminal sends for a key that is not a character (arrows, Home,
# F1...): ESC, then [ and parameters up to a final letter or ~, or O and
# one character, or any one character (Alt+key).
ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?", re.DOTALL)
# A limit on a failure message's lines that no message reaches.
UNLIMITED = sys.maxsize
# The fewest columns a hint's text, or a likely mistake, may have beside
# its label: on a terminal narrower, the text is filled as a paragraph.
HINT_COLUMNS = 50
# How far a hint's later lines stand in when it is filled as a paragraph:
# as far as a likely mistake's stand in under its label.
HINT_INDENT = 2
# The most columns prose takes on a terminal however wide (a failure's
# statement and likely mistake, a hint, the notes): a line much longer is
# hard to follow back to the start of the next. The likely mistake stands
# after the widest label, 22 columns in: 100 leaves its text 78 columns,
# the width of prose everywhere else in the grader (PROSE_WIDTH). Values
# and tables keep the terminal's width: an array's row reads best whole.
PROSE_COLUMNS = 100
# The line in place of a table's last rows (see `Watch.rows_note`): with
# the key that lists them, or the command, each from the longest way.
ROWS_KEY_NOTES = (
    N_("[... {count} more rows: press l for the list]"),
    N_("[... {count} more rows: l lists them]"),
)
ROWS_COMMAND_NOTES = (
    N_("[... {count} more rows: `{prog} list` lists them all]"),
    N_("[... {count} more rows: `{prog} list`]"),
)
# The same, in place of every row: "more" would speak of rows not shown.
EVERY_ROW_KEY_NOTES = (
    N_("[the table's {count} rows: press l for the list]"),
    N_("[the table's {count} rows: l lists them]"),
    N_("[{count} rows: l lists them]"),
)
EVERY_ROW_COMMAND_NOTES = (
    N_("[the table's {count} rows: `{prog} list` lists them all]"),
    N_("[the table's {count} rows: `{prog} list`]"),
    N_("[{count} rows: `{prog} list`]"),
)
# The ways to say how many lines of the whole report a screen left out,
# from the longest.
REPORT_LINES_NOTES = (
    N_("[... {count} more lines: `{prog}` prints them all]"),
    N_("[... {count} more lines: `{prog}`]"),
)
# The note that ends a screen cut short where `check` shows it all, from
# the longest (see `fewest_rows`).
CHECK_NOTES = (
    N_("[... {count} more lines: `{prog} check {name}` shows them all]"),
    N_("[... {count} more lines: `{prog} check {name}`]"),
)
# Shorter ways of saying what caused a screen, from the longest, for a top
# line that would take two rows on a narrow terminal: the exercise's line
# below names the exercise, and the report says what was checked, and
# which exercise ran until the time limit.
SHORTER = {
    N_("first grade, {seconds} s"): (N_("graded in {seconds} s"),),
    N_("hint for {name}"): (N_("a hint"),),
    N_("back to the failure of {name}"): (N_("back to the failure"),),
    N_("back to {name}"): (N_("back"),),
    N_("showing {name}, saved last"): (N_("saved last"),),
    N_("showing {name}, the first exercise"): (N_("the first exercise"),),
    N_("the list of exercises"): (N_("the list"),),
    # On a narrow terminal the time goes last: "checked all" splits nothing.
    N_("checked every exercise in {seconds} s"): (
        N_("checked all in {seconds} s"),
        N_("checked all"),
    ),
    # Those not run again, shortest counted: a long name ("checked all but
    # numerical_gradient") takes most of 50 columns; the exercise's line
    # names it.
    N_(
        "checked every exercise in {seconds} s; {names} unchanged, not run to "
        "the time limit again"
    ): (
        N_("checked all in {seconds} s; {names} not run again"),
        N_("checked all; {names} not run again"),
        N_("checked all but {names}"),
        N_("{count} not run again"),
    ),
    # The first grade checks every exercise too, but no key asked for it:
    # said as the first, lest "checked all" seem an answer to a `c` no one
    # pressed. The shortest fits one row of 40 columns beside the count.
    N_("first grade, {seconds} s; {kept} unchanged, not run to the time limit again"): (
        N_("first grade, {seconds} s; {names} not run again"),
        N_("first grade; {names} not run again"),
        N_("first grade; {count} not run again"),
        N_("first grade; {count} not rerun"),
    ),
    # The watch has no key that shows a hint read before: each way gives
    # the whole command, as every other suggestion does, but the last: a
    # terminal too narrow for the command beside the count would break
    # the line, and push the failure the hint gave way to down a row.
    N_("{name} has no more hints; `{prog} hint --seen {name}` shows them again"): (
        N_("no more hints; `{prog} hint --seen {name}` shows them"),
        N_("no more hints: `{prog} hint --seen {name}`"),
        N_("no more hints"),
    ),
}
# The shorter ways of SHORTER said only where no longer way takes one row,
# the count alone included (see `Watch.top_line`): they leave out a
# command.
LAST_WAYS = (N_("no more hints"),)
# The fewest columns of a hint's last row kept before the note that says
# what shows it whole (see `hint_ended`).
HINT_WORDS_COLUMNS = 12
# The fewest rows a hint just asked for keeps beside a failure that needs
# its rows (see `Watch.exercise_fitted`): its first, whole, and the row that
# says what shows the rest.
HINT_LEAST_ROWS = 2
# The ways of saying a save that name no file (see `saved_events`).
UNNAMED_SAVES = (
    N_("saved and graded"),
    N_("saved"),
    N_("deleted and graded"),
    N_("deleted"),
)
# The line that counts the other failing tests said short, without the
# command that shows them (see `verdict`), as `others`.
COUNT_ONLY = "count only"
# Between the keys of a line of keys: a line of keys breaks only there.
KEYS_SEPARATOR = " | "

# What the screen shows below its top line: the exercise in focus, the
# list of exercises (`l`), or the whole grade (`c`, and once every
# exercise is done, with what to do next). A save, `h`, `n` and `b` go
# back to an exercise.
EXERCISE = "exercise"
LISTING = "listing"
SUMMARY = "summary"


def watch_command(
    args: argparse.Namespace,
    project: Project,
    screen: Screen,
    prog: str,
    stdin: TextIO | None = None,
) -> int:
    """Watch the exercises until the learner quits, which the last line
    says; return the exit code (0 when every exercise is done at the end,
    else 1: an exercise whose grade was stopped is not known done)."""
    stdin = sys.stdin if stdin is None else stdin
    with ctrl_c_kept() as ctrl_c:
        return _watched(args, project, screen, prog, stdin, ctrl_c)


def _watched(
    args: argparse.Namespace,
    project: Project,
    screen: Screen,
    prog: str,
    stdin: TextIO,
    ctrl_c: "CtrlC",
) -> int:
    """`watch_command`, with Ctrl+C kept in `ctrl_c`."""
    watch = Watch(project, screen, prog, args)
    watch.ctrl_c = ctrl_c
    folder = project.root / watch.target
    source, note = open_source(folder, project.names, poll=args.poll)
    watch.note = note
    # Keys are read from the start: one pressed during the first grade
    # waits for it instead of being lost.
    told = True  # whether someone is there to read that the watch stopped
    noticed: list[str] = []  # saves whose grade waits for keys typed before
    try:
        with (
            read_keys(stdin) as keys,
            hang_up_ends_the_watch(),
            watch.redraw_on_resize(),
        ):
            watch.keys, watch.source = keys, source
            if watch.grade_all():
                watch.focus_on(watch.first_not_done())
                watch.view = SUMMARY if watch.all_done() else EXERCISE
                watch.draw()
            elif not watch.finished:
                # A save stopped the first grade: the screen waits for the
                # grade of that save, which grades what was left as well.
                watch.saved(watch.saves_held())
            while not watch.finished:
                ctrl_c.check()
                if watch.resized:
                    watch.draw()
                stopped = watch.saves_held() if watch.unfinished else []
                if stopped:
                    # A save stopped the grade under way: the grade of that
                    # save ends it, and keys typed meanwhile wait for it.
                    watch.saved(stopped)
                    continue
                key = keys.read(source.idle)
                if key:
                    watch.press(key)
                    continue
                if keys.ended and not watch.keys_ended:
                    watch.input_ended()
                saves = [*noticed, *watch.saves_held(), *source.changes()]
                # A key typed as the watch waited for file events came
                # before the save's event: it acts before the save's grade,
                # as pressed. Only keys typed during the grade wait for it.
                noticed = saves if keys.typed() else []
                if saves and not noticed:
                    watch.saved(list(dict.fromkeys(saves)))
    except KeyboardInterrupt:
        # Ctrl+C is how a watch whose input has ended is stopped, and what
        # many press out of habit: a way to quit, not an error.
        pass
    except HungUp:
        told = False  # the terminal is gone: there is no one to tell
    finally:
        watch.close()
    if told:
        watch.say_stopped()
    # An exercise whose grade was stopped (by q, or Ctrl+C) is not known
    # done, whatever its grade before.
    done = watch.all_done() and not watch.unfinished and not watch.cut_short
    return EXIT_DONE if done else EXIT_NOT_DONE


class StatusLine:
    """The status line of a grade (see `Watch.status_line`): on a terminal,
    drawn with the line of keys under it, so that the keys stay last."""

    def __init__(self, watch: "Watch", text: Text):
        self.watch = watch
        self.text = text
        self.live = watch.live(self.shown(text))

    def shown(self, text: Text):
        """`text`, with the line of keys under it once a screen has one."""
        watch = self.watch
        return Group(text, watch.keys_line) if watch.keys_rows else text

    def start(self, refresh: bool = False) -> None:
        watch = self.watch
        watch.status_rows = self.rows
        if watch.overflows():
            # Drawn again with room for this line under it: the top of
            # the screen would scroll away.
            watch.redraw_during_grade()
            self.live = watch.live(self.shown(self.text))
        watch.lift_keys()  # drawn again below the status line
        self.live.start(refresh=refresh)

    def update(self, text: Text, refresh: bool = False) -> None:
        self.text = text
        self.watch.status_rows = max(self.watch.status_rows, self.rows)
        self.live.update(self.shown(text), refresh=refresh)

    @property
    def rows(self) -> int:
        return _text_rows(self.text)

    def stop(self) -> None:
        self.live.stop()  # which erases the keys drawn with it
        self.watch.status_rows = 0
        self.watch.put_keys()


class CtrlC:
    """Whether Ctrl+C (SIGINT) was pressed while `ctrl_c_kept` held it.

    Python drops an exception raised where nothing can catch it: in a
    finalizer, or in a weakref callback such as the one each import
    leaves. A Ctrl+C that comes just then raises its KeyboardInterrupt
    there, and it is gone. The mark stays: the watch checks it between
    keys and saves, and as a grade waits (`Watch.cancel`), so that it
    stops all the same, as promptly."""

    def __init__(self):
        self.pressed = False

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl+C was pressed."""
        if self.pressed:
            raise KeyboardInterrupt


@contextmanager
def ctrl_c_kept() -> Iterator[CtrlC]:
    """Within, Ctrl+C raises KeyboardInterrupt as by default, and is marked
    in the `CtrlC` given as well. Left alone where SIGINT is not Python's
    default: ignored (a shell's background job starts so), or handled by
    the program that runs the watch."""
    ctrl_c = CtrlC()
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield ctrl_c
        return

    def pressed(signum, frame):
        ctrl_c.pressed = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, pressed)
    try:
        yield ctrl_c
    finally:
        signal.signal(signal.SIGINT, previous)


class HungUp(Exception):
    """The watch's terminal was closed (SIGHUP), or it was asked to end
    (SIGTERM)."""


@contextmanager
def hang_up_ends_the_watch() -> Iterator[None]:
    """Within, SIGHUP and SIGTERM raise `HungUp`, wherever the watch is, so
    that it stops its test session and the grade under way on its way out:
    by default these signals end the process at once, leaving the workers
    of the grade running."""

    def hung_up(signum, frame):
        raise HungUp

    ends = [signal.SIGTERM, getattr(signal, "SIGHUP", None)]
    previous = {sig: signal.signal(sig, hung_up) for sig in ends if sig is not None}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


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
        self.view = EXERCISE  # what the screen shows (see EXERCISE)
        self.event = ""  # what caused this redraw, in a few words
        self.top_drawn: Text | None = None  # the top line on screen
        # Shorter ways of saying an event, for a top line too long for a row.
        self.shorter: dict[str, list[str]] = {}
        # The event says a save and nothing drawn since has replaced it: a
        # key that changes nothing on screen must not hide it.
        self.save_unseen = False
        # The event of the last save, and whether the key being acted on was
        # typed before that save's screen was drawn: the top line says both.
        self.save_event = ""
        self.save_events: list[str] = []  # its ways, from the longest
        self.with_save = False
        # Ways of saying that save and the event of such a key at once,
        # shorter than the two joined (see `events`).
        self.after_save: list[str] = []
        # Ways of saying that save and that key in one sentence, in place
        # of the two joined: a save that deleted the file of the exercise
        # `h` was typed for is why it gives no hint (see `deleted_no_hint`).
        self.said_as_one: list[str] = []
        # Ways of saying the check of every exercise that `c`, typed with
        # that save, made: a later key typed with it says it too, lest the
        # check asked for seem unheard.
        self.checked_with_save: list[str] = []
        self.hint = ""  # the hint revealed for the exercise in focus
        # The exercises drawn on the exercise's screen in this session: `b`
        # goes "back" only to one of them (see `back_to`).
        self.shown: set[str] = set()
        # The exercises whose hint was asked for with `h` since their last
        # save was graded: such a hint stays whole on a small screen; one
        # only remembered (read in an earlier session, or before that save)
        # gives way before the failure does.
        self.hints_asked: set[str] = set()
        # Whether the exercise's screen drawn last left out rows of its
        # failure for the hint asked for (see `exercise_fitted`).
        self.failure_hidden = False
        # The rows `check` prints of a run at a width (see `check_rows`).
        self.checked: tuple = (None, None, [])
        # What the last `h` did: "hint", "last" (the last hint again),
        # "done" or "none" (no hint to show); see `back_for_hint`.
        self.hint_said = ""
        self.note = ""  # how changes are noticed
        self.notice = ""  # said once, in the next screen only
        self.keys_ended = False  # the input ended: no key will come
        self.finished = False
        self.resized = False  # the terminal changed size since the last draw
        # Where keys and saves come from, asked during a grade too: `q`, or
        # a new save of what is being graded, stops it (see `cancel`).
        self.keys = None
        self.source = None
        self.ctrl_c = CtrlC()  # Ctrl+C, as `watch_command` keeps it
        self.held: list[str] = []  # saves noticed during a grade
        # Exercises whose grade a save stopped before they were graded, and
        # whether that grade was the whole report (`c`): both are done with
        # the grade of that save.
        self.unfinished: list[str] = []
        self.report_asked = False
        self.grading: list[str] = []  # the exercises being graded
        self.cut_short = False  # the last grade was stopped before its end
        self.timed_out: list[str] = []  # those the last grade stopped at the limit
        # The exercises a grade ran (or kept) until the time limit, with the
        # fingerprint of the code it ran: `c` does not run them again while
        # it is unchanged, as the first grade does not.
        self.looped: dict[str, str] = {}
        # Those the last grade did not run again, their code unchanged
        # since a run that reached the time limit: kept by `c` (see
        # `looped`), or from .kata/ by a grade that uses kept grades.
        self.loops_kept: list[str] = []
        self.grade_started = self.saves_asked = 0.0
        self.tick = None  # redraws the seconds of a long grade (see progress)
        # The rows of the last headline, while no screen has been drawn
        # under it: a grade a save stopped leaves it, for the next to replace.
        self.headline_rows = 0
        self.headline = ""
        # While a grade is under way, what goes under the screen (its
        # headline and status line) must fit too: the rows the screen
        # took as drawn, and those of the status line shown now.
        self.under_way = False
        self.screen_rows = 0
        # Whether a blank row stands under the top line: it goes for the
        # rows of a hint just asked for (see `hint_left_room`).
        self.spaced = True
        self.status_rows = 0
        self.refitted_for: tuple = ()
        # Whether the list shows every row, while a screen is drawn: the
        # same for every way of cutting it tried (see `rows_note`).
        self.every_row_listed: bool | None = None
        # The line of keys that ends the screen on a terminal, and its rows
        # (0 before the first screen, or off a terminal).
        self.keys_line = Text()
        self.keys_rows = 0
        # The exercises a save's grade grades, while it runs, and whether
        # the screen says that it shows their code before the save: drawn
        # once the grade has run BEFORE_SAVE_SHOWN (see `before_save_due`).
        self.saving: list[str] = []
        self.saving_files: list[str] = []  # those saved, named in the headline
        self.before_save = False
        self.before_save_drawn = False
        # The line that says which files are being graded, as the screen
        # shows it ("" when it does not): a save that stops their grade
        # starts one the screen says already.
        self.grading_now_drawn = ""
        self.ever_drawn = False
        from grader import runner

        self.runner = runner
        self.session: runner.WarmSession | None = None
        self.session_key = ""  # what the session loaded: see `tests`
        # Started now, so that numpy, pytest, hypothesis and the tests are
        # loaded while the first screen is read, not at the first save.
        self.tests().start()

    @contextmanager
    def redraw_on_resize(self) -> Iterator[None]:
        """Within, a terminal that changes size (SIGWINCH) marks the screen
        to be drawn again (`resized`), which the watch does between keys
        and saves, and during a grade as it waits (see `redraw_due`): its
        lines were broken for the old width, and cut for the old height.
        The signal only sets the mark, so it is safe wherever it comes.
        Where there is no such signal (or no terminal), the next key or
        save draws the screen at the new size."""
        signum = getattr(signal, "SIGWINCH", None)
        if signum is None or not self.out.is_terminal:
            yield
            return

        def resized(signum, frame):
            self.resized = True

        previous = signal.signal(signum, resized)
        try:
            yield
        finally:
            signal.signal(signum, previous)

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

    def grade(
        self, names: list[str], use_kept: bool, headline: str, loops: bool = False
    ) -> float | None:
        """Grade the exercises `names`; kept grades are used only when
        `use_kept` and their code has not changed since; with `loops`, the
        grade of one that a grade ran until the time limit is used too,
        while its code has not changed (see `looped`). `headline`,
        what is being graded, is printed first. Returns the seconds it
        took, or None when the grade was cancelled (see `cancel`)."""
        self.under_way, self.cut_short = True, True
        self.retitle()
        try:
            seconds = self.grade_under_way(names, use_kept, headline, loops)
        finally:
            self.under_way = False
        # Ctrl+C, or the end of the terminal, leaves `cut_short` set.
        self.cut_short = seconds is None
        return seconds

    def retitle(self) -> None:
        """On a terminal, write the top line of the screen drawn again, in
        its place, when it takes as many rows: a grade has started, and
        what the top line said before (a save graded, a hint) is over."""
        if not (self.out.is_terminal and self.ever_drawn and self.top_drawn):
            return
        top = self.wrapped(self.top_line())
        rows = self.rows([top])
        if rows != self.rows([self.top_drawn]) or top.plain == self.top_drawn.plain:
            return
        # Saved, moved to the first row, the rows cleared, printed, restored:
        # nothing under the top line moves.
        self.out.file.write("\x1b7\x1b[H" + "\x1b[2K\n" * (rows - 1) + "\x1b[2K\x1b[H")
        self.out.print(top, soft_wrap=True, end="")
        self.out.file.write("\x1b8")
        self.out.file.flush()
        self.top_drawn = top

    def grade_under_way(
        self, names: list[str], use_kept: bool, headline: str, loops: bool = False
    ) -> float | None:
        """`grade`, while `under_way` says so."""
        self.show_headline(headline)
        started = time.monotonic()
        keys = cache.fingerprints(self.project.root, self.target, names, self.limits)
        self.loops_kept = []
        runs = self.kept_runs(names, keys) if use_kept else {}
        # Taken in now: a save that stops the grade below regrades only
        # what was not known, so a kept grade dropped would stay unknown.
        self.runs.update(runs)
        if loops:
            # Run again on the same code, a loop would only hold the grade
            # up as long again, to the same end.
            self.loops_kept = [
                name
                for name in names
                if name in self.runs and keys.get(name) == self.looped.get(name)
            ]
            runs.update({name: self.runs[name] for name in self.loops_kept})
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
            self.grading = stale
            self.grade_started = time.monotonic()
            fresh: dict[str, ExerciseRun] = {}
            try:
                with self.progress(stale) as shown:

                    def finished(index: int, run: ExerciseRun) -> None:
                        fresh[stale[index]] = run
                        if shown is not None:
                            shown(index, run)

                    self.tests().run(jobs, finished, cancel=self.cancel)
            except self.runner.Cancelled:
                # What had ended is kept; what had not is graded again
                # with the save that stopped it (see `saved`).
                self.keep(fresh, keys)
                self.unfinished = [name for name in stale if name not in fresh]
                return None
            finally:
                self.grading = []
            runs.update(self.keep(fresh, keys))
        self.runs.update(runs)
        # What held the grade up: those stopped at the time limit.
        self.timed_out = [n for n in stale if runs.get(n) and runs[n].timed_out]
        self.remember_loops(stale, keys)
        return time.monotonic() - started

    def remember_loops(self, graded: list[str], keys: dict[str, str]) -> None:
        """Note in `looped`, with the fingerprint (`keys`, name to
        fingerprint) of the code it ran, each exercise this grade ran, or
        kept, until the time limit; forget the others of `graded`: a later
        `c` need not wait for the same loop again."""
        for name in graded:
            self.looped.pop(name, None)
        for name in [*self.timed_out, *self.loops_kept]:
            self.looped[name] = keys[name]

    def kept_runs(self, names: list[str], keys: dict[str, str]) -> dict:
        """The kept runs of `names` whose fingerprints are still `keys`
        (name to fingerprint), by name; with them, those the last grade ran
        until the time limit, named in `loops_kept`: run again on the same
        code, a loop would only hold the grade up as long again, to the
        same end. The watch's screen decides nothing, so it may show them
        (see `cache`); a save of the exercise runs it again."""
        state = self.project.state_dir
        runs = cache.recall(state, self.target, keys)
        stopped = cache.recall(state, self.target, keys, timed_out=True)
        # Only a run stopped at the time limit: one stopped for what it
        # printed took no such wait.
        self.loops_kept = [
            name
            for name in names
            if name not in runs and name in stopped and stopped[name].timed_out
        ]
        runs.update({name: stopped[name] for name in self.loops_kept})
        return runs

    def show_headline(self, headline: str) -> None:
        """Print `headline`, what is graded, under the screen, in place of
        the headline of the grade this one replaces (one grade under way
        is named at a time); remembered with its rows, for the next grade
        to replace. On a terminal, the line of keys stays last: the
        headline goes above it, and the screen is drawn again first if
        the headline would push its top line away."""
        self.headline = headline
        if self.headline_in_screen():
            return  # the screen says what is graded (see `saved`)
        if self.overflows(self.rows([self.headline_text()])):
            self.draw()
        self.lift_keys(self.headline_rows)
        self.out.print(self.headline_text(), soft_wrap=True)
        self.headline_rows = self.rows([self.headline_text()])
        self.put_keys()
        self.out.file.flush()

    def headline_text(self) -> Text:
        """The headline, on a terminal broken between words to fit it (see
        `i18n.fill`): cut by the terminal at its edge, a verb or a name
        would be split."""
        if not self.out.is_terminal:
            return Text(self.headline)
        return Text(i18n.fill(self.headline, self.out.width - 1, commands=True))

    def overflows(self, headline_rows: int | None = None) -> bool:
        """Whether the screen as drawn, with the headline (of
        `headline_rows`, or those shown) and the status line under it, is
        taller than the terminal: its top line would scroll away."""
        if not (self.out.is_terminal and self.ever_drawn):
            return False
        rows = self.headline_rows if headline_rows is None else headline_rows
        if self.screen_rows + rows + self.status_rows <= self.out.height - 1:
            return False
        # Drawn at these sizes already, as short as it goes: drawing it
        # again would only flicker.
        return self.refitted_for != self.layout()

    def layout(self) -> tuple:
        return self.out.height, self.out.width, self.status_rows

    def under_screen(self) -> int:
        """The rows to leave free under the screen while a grade is under
        way: its headline, and its status line (two rows if none is shown
        yet: a grade of several, or a long one, shows it soon; else its
        own rows, lest a row stay blank while the screen hides some: one
        that grows draws the screen again, see `redraw_due`)."""
        if not (self.under_way and self.out.is_terminal):
            return 0
        headline = 0 if self.headline_in_screen() else self.rows([self.headline_text()])
        status = self.status_rows or 2
        if self.view == SUMMARY and not self.before_save:
            # No more than the status line may take: the report keeps the
            # rest for what is left to do (see `least_middle`).
            status = min(status, self.status_room())
        return headline + status

    def headline_in_screen(self) -> bool:
        """Whether the screen, drawn again during the grade of a save, says
        what the headline said (see `bottom_lines`): the headline is not
        printed under it then, lest three lines say that a grade is under
        way."""
        return bool(self.saving) and self.before_save_drawn

    def lift_keys(self, above: int = 0) -> None:
        """On a terminal, erase the line of keys that ends the screen, and
        the `above` rows over it: what is printed next takes their place."""
        rows = self.keys_rows + above
        if self.out.is_terminal and rows:
            self.out.file.write(f"\x1b[{rows}A\r\x1b[J")

    def put_keys(self) -> None:
        """On a terminal, print the line of keys again, last, after lines
        printed in its place (see `lift_keys`)."""
        if self.out.is_terminal and self.keys_rows:
            self.out.print(self.keys_line, soft_wrap=True)

    def before_save_due(self) -> bool:
        """Whether the screen should now be drawn again to say that it
        shows the grade of the code before the save being graded: once
        per grade of a save, on a terminal, once the grade has run
        BEFORE_SAVE_SHOWN, and only over a screen drawn before."""
        if not (self.saving and self.ever_drawn and self.out.is_terminal):
            return False
        if self.before_save_drawn:
            return False
        if time.monotonic() - self.grade_started < BEFORE_SAVE_SHOWN:
            return False
        self.before_save_drawn = True
        return True

    def redraw_due(self, status_rows: int = 0) -> bool:
        """Whether the screen should be drawn again during a grade: to say
        that it shows the grade of the code before the save (see
        `before_save_due`), because the terminal changed size (a grade
        held up by a loop may take a long time), or to make room for a
        status line of `status_rows` about to be shown: grown first, it
        would push the top line away, and the newline that ends it, as
        it is taken down, would scroll the screen."""
        before_save = self.before_save_due()
        if before_save or self.resized:
            return True
        shown, self.status_rows = self.status_rows, max(self.status_rows, status_rows)
        try:
            return self.overflows()
        finally:
            self.status_rows = shown

    def rows_freed(self, status_rows: int) -> bool:
        """Whether a status line about to be shown in `status_rows` frees
        rows of a screen drawn to fit above a taller one: cut to fit, the
        screen would show more in them (a row of the report's table),
        which would otherwise stay blank under the line of keys."""
        if not (self.out.is_terminal and self.ever_drawn and self.under_way):
            return False
        shown = self.status_rows
        if status_rows >= shown:
            return False
        before = self.under_screen()
        if self.screen_rows + before < self.out.height - 1:
            return False  # the screen fitted with rows to spare: not cut
        self.status_rows = status_rows
        try:
            return self.under_screen() < before
        finally:
            self.status_rows = shown

    def redraw_during_grade(self, status_rows: int = 0, stop_status=None) -> None:
        """Draw the screen again during a grade, with the headline under
        it, and room for a status line of `status_rows`, if any; once the
        grade of a save has run BEFORE_SAVE_SHOWN, saying that it shows
        the grade of the code before the save. The status line must be
        stopped first, it is drawn under the screen: by `stop_status()`,
        if given, called once the screen is laid out, just before it is
        written."""
        self.status_rows = max(self.status_rows, status_rows)
        if not self.ever_drawn:
            if stop_status is not None:
                stop_status()
            self.status_rows = max(self.status_rows, status_rows)
            self.redraw_first_grade()
            return
        self.before_save = self.headline_in_screen()
        try:
            self.draw(stop_status)
        finally:
            self.before_save = False
        if not self.headline_in_screen():
            self.show_headline(self.headline)

    def redraw_first_grade(self) -> None:
        """Before the first screen, on a terminal that changed size: its
        rows cleared whole, and the headline and the line of keys printed
        again, broken for the new width. A terminal that rewraps the rows
        it shows would leave pieces of the old ones above the status line,
        which is drawn again in place."""
        self.resized = False
        self.out.clear()
        self.out.print(self.headline_text(), soft_wrap=True)
        self.headline_rows = self.rows([self.headline_text()])
        self.put_first_keys()
        self.out.file.flush()

    def keep(self, fresh: dict[str, ExerciseRun], keys: dict[str, str]) -> dict:
        """Take in the runs `fresh` and keep them for later, but those of
        exercises saved while they ran: their code was not the one saved.
        Returns the runs taken."""
        fresh = {name: run for name, run in fresh.items() if name not in self.held}
        self.runs.update(fresh)
        try:
            kept = {name: (keys[name], run) for name, run in fresh.items()}
            cache.remember(self.project.state_dir, self.target, kept, self.limits)
        except OSError:
            pass  # keeping it only saves time later
        return fresh

    @contextmanager
    def progress(self, names: list[str]) -> Iterator:
        """While `names` are graded, a line on a terminal that says how many
        are done, the seconds so far, the time limit and which are still
        running, redrawn as each one ends and each second; nothing
        elsewhere (the headline said it). Yields the callback for
        `WarmSession.run`'s `on_finish`.

        The line is redrawn only from that callback, never from a thread:
        a thread could be caught halfway through a write by the fork that
        starts a test session. One exercise has no progress to show.
        """
        if not self.out.is_terminal:
            yield None
            return
        if len(names) == 1:
            with self.seconds_shown(names[0]):
                yield None
            return
        running = list(names)  # those not finished yet
        shown = self.grade_status(names, running)

        def redraw() -> None:
            nonlocal shown, live
            text = self.grade_status(names, running)
            rows = _text_rows(text)
            due = self.redraw_due(rows)
            if self.rows_freed(rows):
                # Drawn again around the shorter line: left as it is, the
                # screen would keep a blank row under the keys.
                self.status_rows, due = rows, True
            if due:
                # Taken down only once the screen is laid out: laying out
                # a report takes a while, the status line stays till then.
                self.redraw_during_grade(_text_rows(text), live.stop)
                # Broken for the width it is drawn at.
                shown = self.grade_status(names, running)
                live = self.status_line(shown)
                live.start(refresh=True)
                return
            if text.plain != shown.plain:
                shown = text
                live.update(text, refresh=True)

        def finished(index: int, run: ExerciseRun) -> None:
            running.remove(names[index])
            if running:  # the last one ends the line, it is not redrawn
                redraw()

        live = self.status_line(shown)
        # Redrawn from `cancel` too, as workers start: never from a thread.
        self.tick = redraw
        live.start(refresh=True)
        try:
            yield finished
        finally:
            self.tick = None
            live.stop()

    def grade_status(self, names: list[str], running: list[str]) -> Text:
        """The status line of a grade of `names`, of which `running` are
        not finished yet (see `progress`)."""
        started = self.started(running)
        # Each with the seconds its own tests have run: those the
        # limit counts, which the grade's may pass.
        ages = self.ages()
        timed = [timed_name(name, ages) for name in started]
        # The seconds go on as one that loops holds the grade up: a
        # line that does not change would look frozen.
        fields = {
            "done": len(names) - len(running),
            "total": len(names),
            "seconds": int(time.monotonic() - self.grade_started),
            "limit": f"{self.limits[0]:g}",
        }
        # Every exercise in one group: running now, or still to run
        # (one between two shares of its tests too).
        waiting = [name for name in running if name not in started]
        # Without the names: said when no worker has started yet (the
        # session is starting), or on a terminal too small for them.
        counted = _(
            "grading: {done} of {total} finished, {seconds} s (limit "
            "{limit} s each; saving regrades; q quits)",
            **fields,
        )
        if not started:
            text = counted
        elif waiting:
            # One that loops holds a worker: the others are named as
            # still to run, not as running.
            text = _(
                "grading: {done} of {total} finished, {seconds} s (limit "
                "{limit} s each; saving regrades; q quits), still running: "
                "{names}; still to run: {waiting}",
                names=some_named(timed),
                waiting=some_named(waiting),
                **fields,
            )
        else:
            # Nothing left to start: the grade ends with these, which
            # the learner waits for, up to the limit should one loop.
            text = _(
                "grading: {done} of {total} finished, {seconds} s (limit "
                "{limit} s each; saving regrades; q quits), still running: "
                "{names}, which the grade waits for, up to the time limit",
                names=some_named(timed),
                **fields,
            )
        return self.status_text(text, counted)

    def started(self, names: list[str]) -> list[str]:
        """Those of `names` with tests a worker runs now, in their order
        (see `runner.running_now`)."""
        session = self.session
        children = session.children if session is not None else []
        now = set(self.runner.running_now(children))
        return [name for name in names if name in now]

    def ages(self) -> dict[str, float]:
        """How long each exercise with tests running has run them (see
        `runner.running_for`)."""
        session = self.session
        children = session.children if session is not None else []
        return self.runner.running_for(children, time.monotonic())

    def status_text(self, line: str, shorter: str = "") -> Text:
        """A status `line` as the terminal shows it: broken between words
        to fit its width (the help it ends with must stay readable), a
        word too long for a line cut short with an ellipsis; no word of
        English alone on the last row (see `_widow_taken_in`). In no more
        rows than the screen leaves it (see `status_room`): said the
        `shorter` way, if any, when that takes fewer, then its last rows
        cut, the last row kept ending in an ellipsis."""
        columns = self.out.width - 1  # see `wrapped`
        ellipsis = self.ellipsis()
        room = self.status_room()
        rows = self.status_rows_of(line)
        if len(rows) > room and shorter:
            rows = min(rows, self.status_rows_of(shorter), key=len)
        if len(rows) > room:
            rows = [*rows[: room - 1], _ended(rows[room - 1], columns, ellipsis)]
        return Text("\n".join(rows), style="dim", no_wrap=True, overflow="crop")

    def status_rows_of(self, line: str) -> list[str]:
        """The rows of a status `line` with the keys typed so far, broken
        for the terminal (see `status_text`)."""
        columns = self.out.width - 1  # see `wrapped`
        waiting = self.keys_waiting()
        if waiting:
            # Said as soon as typed: a key that waits for the grade's end
            # would otherwise seem unheard.
            line = _(
                "{status}; keys typed: {keys} (they act once the grade ends)",
                status=line,
                keys=waiting,
            )
        text = wrapped_lines(Text(line), columns)
        ellipsis = self.ellipsis()
        rows = _widow_taken_in(text.plain.split("\n"), columns)
        return [clipped(row, columns, ellipsis) for row in rows]

    def status_room(self) -> int:
        """The most rows a status line may take on the terminal: those
        left under the screen at its least (its top line, the fewest rows
        of its middle, see `least_middle`, and its last lines) and the
        headline; at least one. A taller line would push the top line,
        which says what is graded, off the screen."""
        if not self.ever_drawn:
            used = self.rows([self.headline_text()]) + self.keys_rows
            return max(1, self.out.height - 1 - used)
        # As the screen is drawn during the grade (see
        # `redraw_during_grade`).
        before, self.before_save = self.before_save, self.headline_in_screen()
        try:
            top = self.wrapped(self.top_line())
            if self.before_save and not self.room_for_before_save(top):
                self.before_save = False  # left out, as `draw` leaves it
            bottom = [self.wrapped(line) for line in self.bottom_lines(compact=True)]
            least = self.least_middle()
        finally:
            self.before_save = before
        headline = 0 if self.headline_in_screen() else self.rows([self.headline_text()])
        used = self.rows([top, Text(), *bottom]) + least + headline
        return max(1, self.out.height - 1 - used)

    def keys_waiting(self) -> str:
        """The keys of the watch typed during the grade under way, which
        act once it ends, each once, in the order typed ("c, l"); "" when
        there are none. `q` acts at once, and is not among them."""
        typed = self.keys.typed() if self.keys is not None else ""
        keys = [key for key in _as_keys(typed) if key in WATCH_KEYS and key != "q"]
        return i18n.listed(list(dict.fromkeys(keys)))

    def status_line(self, text: Text) -> "StatusLine":
        """A line below the output, above the line of keys (lifted for it,
        and drawn with it), redrawn only when updated with a refresh, and
        gone once stopped, the line of keys then put back: see `StatusLine`.
        """
        return StatusLine(self, text)

    def live(self, renderable) -> Live:
        """What `StatusLine` draws with: `renderable` below the output."""
        return Live(
            renderable,
            console=self.out,
            auto_refresh=False,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )

    def cancel(self) -> bool:
        """Whether the grade under way should stop: the learner pressed
        `q`, or saved again an exercise being graded (its grade would be
        out of date). Other keys and saves wait for the grade's end.
        Raises KeyboardInterrupt once Ctrl+C was pressed (see `CtrlC`)."""
        self.ctrl_c.check()
        if self.tick is not None:
            self.tick()
        # Every key typed so far is looked at, not just the first: a `q`
        # typed after another key (waiting for the grade's end) still stops.
        typed = self.keys.typed() if self.keys is not None else ""
        if "q" in _as_keys(typed):
            self.finished = True
            return True
        # Asking for saves may wait a little for file events: not while a
        # grade is quick, only once it has run long enough to be stuck.
        now = time.monotonic()
        if self.source is not None and now - self.grade_started >= SLOW_GRADE:
            if now - self.saves_asked >= SLOW_GRADE / 2:
                self.saves_asked = now
                self.held.extend(self.source.changes())
        return any(name in self.grading for name in self.held)

    def saves_held(self) -> list[str]:
        """The saves noticed during the last grade, each once, in order."""
        held, self.held = list(dict.fromkeys(self.held)), []
        return held

    @contextmanager
    def seconds_shown(self, name: str) -> Iterator[None]:
        """While one exercise is graded, once a second has gone by, a line
        on the terminal with the seconds so far, redrawn each second from
        `cancel` (which the runner calls as it waits), never from a thread.
        A quick grade shows nothing, unless a key is typed during it: the
        line then says at once that the key was taken, and acts once the
        grade ends (see `status_text`)."""
        started = time.monotonic()
        live = None
        shown, said = 0, ""

        def line(seconds: int) -> Text:
            return self.status_text(
                _(
                    "grading {name}: {seconds} s (limit {limit} s; saving "
                    "regrades; q quits)",
                    name=name,
                    seconds=seconds,
                    limit=f"{self.limits[0]:g}",
                )
            )

        def tick() -> None:
            nonlocal live, shown, said
            seconds = int(time.monotonic() - started)
            waiting = self.keys_waiting()
            quiet = seconds == shown and waiting == said
            # The rows of the line about to be shown: room is made for them
            # first (see `progress`).
            rows = _text_rows(line(seconds)) if live is not None and not quiet else 0
            if self.redraw_due(rows):
                # In sight while the screen is laid out (see `progress`).
                self.redraw_during_grade(rows, live.stop if live else None)
                live, shown = None, 0  # shown again at the next second
            if seconds == shown and waiting == said and (live or not waiting):
                return
            shown, said = seconds, waiting
            text = line(seconds)
            if live is None:
                live = self.status_line(text)
                live.start()
            live.update(text, refresh=True)

        self.tick = tick
        try:
            yield
        finally:
            self.tick = None
            if live is not None:
                live.stop()

    def grade_all(self) -> bool:
        """Grade every exercise, with the grades kept; whether the grade
        ran to its end (a save or `q` may stop it)."""
        headline = _("Grading {target}/ ...", target=self.target)
        self.put_first_keys()
        seconds = self.grade(self.project.names, True, headline)
        if seconds is None:
            return False
        self.say("first grade, {seconds} s", seconds=f"{seconds:.2f}")
        fields = {
            "seconds": f"{seconds:.2f}",
            "names": some_named(self.timed_out),
            "limit": f"{self.limits[0]:g}",
            "kept": some_named(self.loops_kept),
        }
        # The learner waited for those timed out: said, lest the time seem
        # the grader's, or every exercise's. Those kept were not run: said,
        # lest their result seem this grade's.
        if self.timed_out and self.loops_kept:
            self.event = _(
                "first grade, {seconds} s: {names} ran until the time limit "
                "of {limit} s; {kept} unchanged, not run to the time limit "
                "again",
                **fields,
            )
        elif self.timed_out:
            self.event = _(
                "first grade, {seconds} s: {names} ran until the time "
                "limit of {limit} s",
                **fields,
            )
        elif self.loops_kept:
            self.say(
                "first grade, {seconds} s; {kept} unchanged, not run to the time "
                "limit again",
                **{**fields, "names": fields["kept"], "count": len(self.loops_kept)},
            )
        return True

    def put_first_keys(self) -> None:
        """On a terminal, before the first screen, print the line of keys
        of the first grade: a grade held up by a loop may take until the
        time limit, and q must be seen to stop it."""
        if not self.out.is_terminal:
            return
        line = keys_wrapped(_(FIRST_GRADE_KEYS_LINE), self.out.width - 1)
        self.keys_line = Text(line, style="dim")
        self.keys_rows = self.rows([self.keys_line])
        self.put_keys()

    def say_stopped(self) -> None:
        """Say that the watch has stopped, and whether a grade was left
        unfinished (its exercises are not known done): on a terminal, in
        place of the line of keys, which act no more."""
        if self.cut_short:
            line = _("The watch stopped before the grade under way finished.")
        else:
            line = _("The watch stopped.")
        self.lift_keys()
        self.out.print(self.wrapped(Text(line)), soft_wrap=True)
        self.out.file.flush()

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

    def focus_on(self, exercise: ExerciseInfo) -> None:
        """Show `exercise` from now on, with the last hint the learner has
        seen for it: coming back to an exercise brings its hint back."""
        self.focus = exercise
        count = hints.seen(self.project.state_dir).get(exercise.name, 0)
        count = min(count, len(exercise.hints))  # the file may say more
        self.hint = self.hint_text(exercise, count) if count else ""

    def hint_text(self, exercise: ExerciseInfo, count: int) -> str:
        """Hint `count` of `exercise` (from 1 to its number of hints), in a
        sentence."""
        # Counted in the catalogue's order, shown in the learner's language;
        # the last says so, as `hint` does, since `h` brings it back again.
        fields = {
            "shown": count,
            "total": len(exercise.hints),
            "hint": i18n.hints(exercise)[count - 1],
        }
        if count == len(exercise.hints):
            return _("Hint {shown} of {total}, the last: {hint}", **fields)
        return _("Hint {shown} of {total}: {hint}", **fields)

    def saved(self, names: list[str]) -> None:
        """Grade the exercises just saved, `names` in the order they were
        noticed, and show the one most worth seeing (see `worth_seeing`).
        """
        if not names:
            return
        paths = [f"{self.target}/{name}.py" for name in names]
        left, self.unfinished = self.unfinished, []
        graded = [*names, *(other for other in left if other not in names)]
        headline = _("Grading {path} ...", path=i18n.listed(paths))
        self.saving, self.saving_files = graded, names
        # A save that stopped the grade of the same files: the screen says
        # what is graded already, and a headline would say it twice.
        shown = self.grading_now_drawn
        self.before_save_drawn = bool(shown) and shown == self.grading_now().plain
        try:
            seconds = self.grade(graded, False, headline)
        finally:
            self.saving = []
        if seconds is None:
            return  # saved again, or the learner quits: nothing to show
        # A hint asked for belongs to the failure it was asked for: once a
        # save is graded, the screen may show another, which matters more.
        self.hints_asked.difference_update(graded)
        # Its hint read again too: `hint` may have shown more of them
        # meanwhile, in another terminal.
        self.focus_on(self.worth_seeing(names))
        # The exercise's line names the file, when the screen shows it.
        summary = self.report_asked or self.all_done()
        shown = not summary and names == [self.focus.name]
        self.save_events = self.saved_events(names, seconds, shown)
        event = self.save_events[0]
        self.event, self.save_unseen = event, True
        self.save_event = event
        self.checked_with_save = []
        if self.keys is not None:
            self.keys.mark()  # the keys typed by now came with this save
        # Once every exercise is done, what is left to say is the summary;
        # a report asked for with `c`, which this save stopped, is shown.
        report, self.report_asked = self.report_asked, False
        self.view = SUMMARY if report or self.all_done() else EXERCISE
        self.draw()

    def saved_events(
        self, names: list[str], seconds: float, shown: bool = False
    ) -> list[str]:
        """The ways the top line may say that the exercises `names` were
        saved and graded in `seconds`, from the longest: in full, then
        each file without its folder, then without the time as well, for
        a narrow terminal (see `top_line`); with `shown` (the screen shows
        the one exercise saved, and its line names it), then with no file
        named."""
        # A file deleted is noticed as a change too: said as what it was.
        folder = self.project.root / self.target
        gone = [name for name in names if not (folder / f"{name}.py").exists()]
        timed = {"seconds": f"{seconds:.2f}"}
        if len(names) == 1:
            file = f"{names[0]}.py"
            full = {"path": f"{self.target}/{file}", **timed}
            if gone:
                return [
                    _("deleted {path}, graded in {seconds} s", **full),
                    _("deleted {path}, graded in {seconds} s", path=file, **timed),
                    _("deleted {path}", path=file),
                    *([_("deleted and graded"), _("deleted")] if shown else []),
                ]
            return [
                _("saved {path}, graded in {seconds} s", **full),
                _("saved {path}, graded in {seconds} s", path=file, **timed),
                _("saved {path}", path=file),
                *([_("saved and graded"), _("saved")] if shown else []),
            ]
        files = {"count": len(names), "names": i18n.listed(names)}
        if gone:
            return [
                _(
                    "saved or deleted {count} files ({names}), graded in {seconds} s",
                    **files,
                    **timed,
                ),
                _("saved or deleted {count} files ({names})", **files),
                _("saved or deleted {count} files", count=len(names)),
            ]
        # Said without the names last: two long ones take a row of 40
        # columns of their own, and the failure shown names its exercise.
        return [
            _("saved {count} files ({names}), graded in {seconds} s", **files, **timed),
            _("saved {count} files ({names})", **files),
            _("saved {count} files", count=len(names)),
        ]

    def worth_seeing(self, names: list[str]) -> ExerciseInfo:
        """Of the exercises `names` just saved, the one to show: one that
        is not done, the one on screen first (the learner is working on
        it); else the one on screen if it was saved, else the first saved.
        A failure is what the learner has to see, wherever it is."""
        saved = [self.project.find(name) for name in names]
        if self.focus in saved:
            saved.remove(self.focus)
            saved.insert(0, self.focus)
        failing = [e for e in saved if self.grade_of(e).status != DONE]
        return (failing or saved)[0]

    def input_ended(self) -> None:
        """Say, once, that keys are no longer read, and how to stop."""
        self.keys_ended = True
        self.event, self.save_unseen = _("the input ended"), False
        self.notice = _(
            "The input has ended, so keys are no longer read. Saves are "
            "still graded; press Ctrl+C to stop the watch."
        )
        self.draw()

    def press(self, key: str) -> None:
        """Act on one key; from a pipe, where keys come a line at a time,
        on one line of them (see `press_line`)."""
        if self.keys_piped():
            self.press_line(key)
        else:
            self.act(key)

    def keys_piped(self) -> bool:
        """Whether keys come from a pipe, a line at a time, rather than
        from a terminal, a key at a time."""
        return self.keys is not None and not self.keys.terminal

    def press_line(self, line: str) -> None:
        """Act on a line of keys read from a pipe: on each key in turn if
        it holds only keys of the watch; else name the line in one short
        note, rather than redraw the whole screen for each of its
        characters."""
        if all(key in WATCH_KEYS for key in _as_keys(line)):
            for key in line:
                if not self.finished:
                    self.act(key)
            return
        # A line of several characters is no key, rather than one key
        # that the watch lacks.
        note = _not_a_key(line) if len(line) == 1 else _not_keys(line)
        self.out.print(Text(f"({note})", style="dim"), soft_wrap=True)
        self.out.file.flush()

    def act(self, key: str) -> None:
        """Act on one key; a full-width letter, as typed with a Japanese
        input method on, as the letter it stands for."""
        typed, key = key, _as_keys(key)
        save_unseen, self.save_unseen = self.save_unseen, False
        # A key typed while a save was graded (or as it was noticed) is seen
        # by the learner only with the screen it draws: that screen's top
        # line must still say the save.
        self.with_save = self.keys is not None and self.keys.marked
        self.after_save, self.said_as_one = [], []
        try:
            self.act_on(key, typed, save_unseen)
        finally:
            self.with_save = False

    def act_on(self, key: str, typed: str, save_unseen: bool) -> None:
        if key == "q":
            self.finished = True
        elif key == "h":
            came_from, self.view = self.view, EXERCISE
            self.reveal_hint()
            if came_from != EXERCISE:
                # The screen changes under the learner: the top line says
                # where it went, and why.
                self.event = self.back_for_hint()
                if self.hint_said == "last":
                    # Not on screen before this `h`, the last hint is what
                    # it asked for: shown as a hint just asked for is.
                    self.hints_asked.add(self.focus.name)
            self.said_as_one = self.deleted_no_hint()
            self.draw()
        elif key == "n":
            self.next_exercise()
        elif key == "b":
            if self.view == EXERCISE and save_unseen:
                # b typed while a save was graded: the screen is already
                # the one b asks for, and says the save; it stays as it is.
                self.save_unseen = True
                return
            name = self.focus.name
            # The hint on screen was read: from now on it gives way to the
            # failure first, as a hint only remembered does.
            self.hints_asked.discard(name)
            if self.view == EXERCISE and self.failure_hidden:
                self.say("back to the failure of {name}", name=name)
            elif self.view == EXERCISE:
                # Nothing to go back from: said, so that b does not seem to act.
                self.event = _("{name} is on screen already", name=name)
            else:
                self.view = EXERCISE
                self.event = self.back_to()
            self.draw()
        elif key == "l":
            self.view = LISTING
            self.say("the list of exercises")
            self.draw()
        elif key == "c":
            headline = _("Checking every exercise ...")
            seconds = self.grade(self.project.names, False, headline, loops=True)
            if seconds is None:
                self.report_asked = True  # shown once the save is graded
                return
            self.say("checked every exercise in {seconds} s", seconds=f"{seconds:.2f}")
            self.after_save = self.check_after_save(seconds=seconds)
            if self.loops_kept:
                names = some_named(self.loops_kept)
                self.say(
                    "checked every exercise in {seconds} s; {names} unchanged, "
                    "not run to the time limit again",
                    seconds=f"{seconds:.2f}",
                    names=names,
                    count=len(self.loops_kept),
                )
                self.after_save = self.check_after_save(names)
            self.view = SUMMARY
            self.draw()
            if self.with_save:
                self.checked_with_save = self.checked_ways(seconds)
        elif key.isprintable():
            # Not a key of the watch: said, so that it does not look ignored.
            self.event = _not_a_key(typed)
            self.draw()

    def checked_ways(self, seconds: float) -> list[str]:
        """The ways of saying, from the longest, that `c` checked every
        exercise in `seconds`, naming those it did not run again."""
        if not self.loops_kept:
            return [_("checked all in {seconds} s", seconds=f"{seconds:.2f}")]
        fields = {"seconds": f"{seconds:.2f}", "names": some_named(self.loops_kept)}
        return [
            _("checked all in {seconds} s; {names} not run again", **fields),
            _("checked all; {names} not run again", **fields),
        ]

    def check_after_save(
        self, names: str = "", seconds: float | None = None
    ) -> list[str]:
        """The shortest way of saying that one file was saved and then
        every exercise checked, in `seconds`, or else `names` not run
        again (see `after_save`): in one row at 80 columns, where the two
        joined take two, pushing the report down a row. None when the key
        did not come with a save of one file."""
        files = self.saving_files
        if not (self.with_save and self.save_event and len(files) == 1):
            return []
        path = f"{files[0]}.py"
        if not (self.project.root / self.target / path).exists():
            return []  # deleted: said as such, at length
        if seconds is not None:
            return [
                _(
                    "saved {path}; checked all in {seconds} s",
                    path=path,
                    seconds=f"{seconds:.2f}",
                )
            ]
        return [
            _(
                "saved {path}; checked all; {names} not run again",
                path=path,
                names=names,
            )
        ]

    def back_to(self) -> str:
        """The top line's event for `b` on the list or the report, said
        (see `say`: shorter where it would take two rows, the exercise's
        line naming the exercise): back to the exercise in focus if it was
        on screen in this session; else it is shown for the first time,
        and the top line says which it is and why: the one saved last, or,
        every exercise done from the start, the first."""
        name = self.focus.name
        if name in self.shown:
            self.say("back to {name}", name=name)
        elif self.save_event:
            self.say("showing {name}, saved last", name=name)
        else:
            self.say("showing {name}, the first exercise", name=name)
        return self.event

    def back_for_hint(self) -> str:
        """The top line's event for `h` pressed on the list or the report:
        the screen went back to the exercise in focus, whose hint it is,
        and says so, with what `h` did there, in one sentence (see
        `reveal_hint`)."""
        name = self.focus.name
        if name not in self.shown:
            return self.first_shown_for_hint()
        # Short enough for one row of 80 columns with the longest name: the
        # list or the report it came from is the screen the learner left.
        sentences = {
            "hint": _("back to {name} for its next hint", name=name),
            "done": _("back to {name}: done, no hint needed", name=name),
            "none": _("back to {name}, which has no hints", name=name),
            "last": _("back to {name}: its last hint again", name=name),
            "gone": _("back to {name}: no file, no hint", name=name),
        }
        event = sentences[self.hint_said]
        self.shorter[event] = self.hint_said_short()
        return event

    def hint_said_short(self) -> list[str]:
        """The top line's event for `h`, naming no exercise: the shortest
        ways of saying what it did, from the longest, on a terminal where
        the name would take a row of its own (the exercise's line names
        it); the shortest fit one row of 40 columns."""
        return {
            "hint": [_("the next hint"), _("a hint")],
            "done": [_("done, no hint needed"), _("no hint needed")],
            "none": [_("no hints")],
            "last": [_("the last hint again"), _("last hint")],
            "gone": [_("no file, no hint"), _("file missing")],
        }[self.hint_said]

    def deleted_no_hint(self) -> list[str]:
        """The top line's event for `h`, in its ways from the longest, when
        it gave no hint because the save it was typed with deleted the
        exercise's file: one cause and its effect, rather than two events
        joined by "then"; [] for any other `h`."""
        name = self.focus.name
        saved = self.with_save and self.save_event and self.saving_files == [name]
        if self.hint_said != "gone" or not saved:
            return []
        path = f"{name}.py"
        return [
            _("{path} deleted, so no hint", path=f"{self.target}/{path}"),
            _("{path} deleted, so no hint", path=path),
            _("deleted, so no hint"),
        ]

    def first_shown_for_hint(self) -> str:
        """The top line's event for `h`, as `back_for_hint` says it, for an
        exercise not on screen before in this session: there is nothing to
        go back to; which exercise it is, and why, as `back_to` says it,
        with what `h` did there."""
        name = self.focus.name
        if self.save_event:
            which = _("{name}, saved last", name=name)
        else:
            which = _("{name}, the first exercise", name=name)
        said = {
            "hint": N_("{which}: its next hint"),
            "done": N_("{which}: done, no hint needed"),
            "none": N_("{which}: it has no hints"),
            "last": N_("{which}: its last hint again"),
            "gone": N_("{which}: no file, no hint"),
        }[self.hint_said]
        event = _(said, which=which)
        # Too long for a row with a long name: said without why it is the
        # one shown (see `events`).
        self.shorter[event] = [
            _(said, which=_("showing {name}", name=name)),
            *self.hint_said_short(),
        ]
        return event

    def next_exercise(self) -> None:
        if self.all_done():
            self.event = _("every exercise is done")
            self.view = SUMMARY
            self.draw()
            return
        position = self.project.exercises.index(self.focus)
        following = self.first_not_done(after=position + 1)
        if following == self.focus:
            self.event = _("no other exercise is left to do")
        else:
            self.event = _("moved on to {name}", name=following.name)
            self.focus_on(following)
        self.view = EXERCISE
        self.draw()

    def reveal_hint(self) -> None:
        exercise = self.focus
        if self.grade_of(exercise).status == DONE:
            # A hint helps with a failure: a done exercise has none.
            self.event = _("{name} is done: no hint is needed", name=exercise.name)
            self.hint_said = "done"
            return
        if self.file_gone():
            # No hint is shown while the file is gone (see `hint_lines`):
            # none is revealed either, lest it count as read unseen.
            self.event = _(
                "{name}.py is gone: no hint until `{prog} reset {name}`",
                name=exercise.name,
                prog=self.prog,
            )
            self.hint_said = "gone"
            # Too long for a row beside the count: said without the name,
            # which the exercise's line gives.
            self.shorter[self.event] = self.hint_said_short()
            return
        state = self.project.state_dir
        already = hints.seen(state).get(exercise.name, 0)
        shown = hints.reveal(exercise, already)
        if not shown:
            self.hint = _("Exercise {name} has no hints.", name=exercise.name)
            self.event = _("{name} has no hints", name=exercise.name)
            self.hint_said = "none"
            return
        self.hint = self.hint_text(exercise, len(shown))
        if len(shown) == already:
            # Pressed again after the last: no hint is new, so the hint
            # read gives way to the failure, as one only remembered does;
            # the top line says so, lest the key seem unheard.
            self.hints_asked.discard(exercise.name)
            self.say(
                "{name} has no more hints; `{prog} hint --seen {name}` shows them "
                "again",
                name=exercise.name,
                prog=self.prog,
            )
            self.hint_said = "last"
        else:
            self.hints_asked.add(exercise.name)
            self.say("hint for {name}", name=exercise.name)
            self.hint_said = "hint"
        try:
            hints.remember(state, exercise.name, len(shown))
        except OSError:
            pass  # the next `h` shows this hint again: no harm done

    def book(self):
        runs = [
            self.runs.get(e.name) or ExerciseRun(e.name) for e in self.project.exercises
        ]
        return gradebook(list(self.project.exercises), runs, self.target)

    def draw(self, stop_status=None) -> None:
        """Show the screen: cleared and redrawn on a terminal, a new block
        otherwise. Its middle is what `view` says: the exercise in focus,
        the list, or the whole grade; on a terminal, fitted to its height
        (see `fitted`), so that the top line stays on screen. A status line
        under way is taken down by `stop_status()`, if given, once the
        screen is laid out: it stays in sight while that takes."""
        self.resized = False
        self.spaced = True
        self.every_row_listed = None
        top = self.wrapped(self.top_line())
        if self.before_save and not self.room_for_before_save(top):
            # "Shown above" over nothing but a note would say what is not:
            # the top line says what is graded, and the rows go to the
            # exercise's line. `redraw_during_grade` sets it back.
            self.before_save = False
        bottom = [self.wrapped(line) for line in self.bottom_lines()]
        self.grading_now_drawn = self.grading_now().plain if self.before_save else ""
        try:
            if self.view == LISTING:
                middle, bottom = self.listing_fitted(top, bottom)
            elif self.view == SUMMARY:
                middle, bottom = self.summary_fitted(top, bottom)
            else:
                middle, bottom = self.exercise_fitted(top, bottom)
                self.shown.add(self.focus.name)
        finally:
            self.every_row_listed = None
        if stop_status is not None:
            # Stopped, a status line gives up its rows; they stay its own.
            status_rows = self.status_rows
            stop_status()
            self.status_rows = status_rows
        # Written in one piece: a screen cleared, then printed line by
        # line, would flash blank on a slow terminal.
        with self.out:
            if self.out.is_terminal:
                self.out.clear()
            else:
                self.out.print(f"----- {time.strftime('%H:%M:%S')} -----")
            self.out.print(top, soft_wrap=True)
            if self.spaced:
                self.out.print()
            for line in [*middle, *bottom]:
                self.out.print(line, soft_wrap=True)
        self.out.file.flush()
        spacing = [Text()] if self.spaced else []
        self.screen_rows = self.rows([top, *spacing, *middle, *bottom])
        self.top_drawn = top
        self.refitted_for = self.layout() if self.under_way else ()
        self.notice = ""
        self.headline_rows = 0
        self.ever_drawn = True
        # The line of keys ends the screen: what is printed under the screen
        # during a grade goes above it (see `show_headline`).
        self.keys_line = bottom[-1]
        self.keys_rows = self.rows([bottom[-1]]) if self.out.is_terminal else 0

    def room_for_before_save(self, top: Text) -> bool:
        """Whether the line that says the screen shows the grade before the
        save (see `grading_now`) leaves room under `top` for what it
        speaks of: the exercise's line, or a row of the list or report,
        with the note of what is cut."""
        if not self.out.is_terminal:
            return True
        bottom = [self.wrapped(line) for line in self.bottom_lines(compact=True)]
        return self.room(top, bottom) >= self.least_middle()

    def least_middle(self) -> int:
        """The fewest rows of the middle of the screen worth showing on a
        terminal: the exercise's line and a row under it (a note of what
        is cut), or a row of the list with that note; in the report of an
        exercise not done, its row, the note of the rows gone and the
        score (see `report_cut`): what is left to do."""
        if self.view == SUMMARY and not self.book().all_done:
            count = len(self.project.names)
            ways = [*ROWS_KEY_NOTES, *ROWS_COMMAND_NOTES]
            notes = [self.noted(_(way, count=count, prog=self.prog)) for way in ways]
            # The note as the report says it, the longer of its two ways.
            key, command = (
                min(self.rows([n]) for n in pair) for pair in [notes[:2], notes[2:]]
            )
            return 2 + max(key, command)
        if self.view != EXERCISE:
            return 2
        header = self.wrapped(self.header(self.grade_of(self.focus)))
        return self.rows([header]) + 1

    def wrapped(self, text: Text) -> Text:
        """`text` broken between words to fit the terminal, each line that
        is too wide (see `wrapped_lines`); as it is elsewhere, where the
        reader's own program wraps or scrolls."""
        return fitted(text, self.out)

    def prose(self, text: Text) -> Text:
        """`text`, prose, broken between words to fit the terminal and
        PROSE_COLUMNS (see `wrapped`); as it is off a terminal."""
        if not self.out.is_terminal:
            return text
        return wrapped_lines(text, min(self.out.width - 1, PROSE_COLUMNS))

    def noted(self, line: str) -> Text:
        """A note of what a screen left out, `line`, dimmed and broken to
        fit the terminal: the command it gives, when too wide for a row,
        breaks at its spaces rather than where the terminal would cut it,
        inside a word (see `i18n.fill`); as it is off a terminal."""
        columns = self.out.width - 1  # see `wrapped`
        if not self.out.is_terminal or i18n.width(line) <= columns:
            return Text(line, style="dim")
        return Text(i18n.fill(line, columns, commands=True), style="dim")

    def phrases(self, text: Text) -> Text:
        """`text`, a short line of a few phrases, broken between them to
        fit the terminal and PROSE_COLUMNS (see `by_phrases`); as it is off
        a terminal."""
        if not self.out.is_terminal:
            return text
        return by_phrases(text, min(self.out.width - 1, PROSE_COLUMNS))

    def rows(self, lines: list[Text]) -> int:
        """How many rows of the terminal `lines` take, as printed."""
        columns = max(self.out.width, 1)
        return sum(
            max(1, -(-i18n.width(row) // columns))
            for line in lines
            for row in line.plain.split("\n")
        )

    def room(self, top: Text, bottom: list[Text]) -> int | None:
        """The rows left for the middle of the screen between `top` (and
        the blank line under it) and `bottom`; None off a terminal."""
        if not self.out.is_terminal:
            return None
        # The last row stays free: the newline that ends the last line
        # moves down to it, and would scroll the top line away.
        spacing = [Text()] if self.spaced else []
        used = self.rows([top, *spacing]) + self.rows(bottom) + self.under_screen()
        return self.out.height - 1 - used

    def fitted(
        self,
        lines_for,
        room: int | None,
        low: int = MIN_MESSAGE_LINES,
        most: int = 0,
        cut=None,
    ) -> list[Text]:
        """The lines `lines_for(limit)` gives, with the failure shown in at
        most `limit` lines (None: as it is off a terminal), made to fit in
        `room` rows: the failure shortened as little as the height requires
        (never below `low` lines, and from `most`, by default the lines of
        the failure in full), then, if they still do not fit,
        the lines at the end cut and replaced by a line that says how many
        there were and where to read them all (or as `cut(lines, room)`
        cuts them)."""
        if room is None:
            return lines_for(None)
        lines = lines_for(UNLIMITED)
        if self.rows(lines) <= room:
            return lines
        # The longest failure that fits, found by halving: a guess from
        # the rows over would overshoot, as a value's rows wrap on a narrow
        # terminal, and leave rows empty that the failure needed.
        high = max(low, (most or self.message_length()) - 1)
        best = lines_for(low)
        while low < high:
            middle = (low + high + 1) // 2
            tried = lines_for(middle)
            if self.rows(tried) <= room:
                low, best = middle, tried
            else:
                high = middle - 1
        if cut is not None:
            return cut(best, room)
        return self.cut(best, room, full=lines)

    def summary_fitted(
        self, top: Text, bottom: list[Text]
    ) -> tuple[list[Text], list[Text]]:
        """The report and the `bottom` lines, made to fit under `top` on a
        terminal. What gives way first: the blank lines and the line that
        says how saves are noticed, only as many as the rows require (see
        `summary_spaced`); then the failure below the score, as `fitted`
        shortens and cuts it; the table and the score last (see
        `summary_cut`)."""
        room = self.room(top, bottom)
        if room is None:
            return self.summary_lines(None), bottom
        lines = self.summary_lines(UNLIMITED)
        if self.rows(lines) <= room:
            return lines, bottom
        spaced = self.summary_spaced(top, lines, bottom)
        if spaced is not None:
            return spaced
        bottom = [self.wrapped(line) for line in self.bottom_lines(compact=True)]

        def compact(limit: int) -> list[Text]:
            return self.compacted(self.summary_lines(limit))

        lines = self.fitted(compact, self.room(top, bottom), cut=self.summary_cut)
        if self.spaced and not self.rows_not_done(lines):
            # The blank line under the top line gives way before the row
            # of what is left to do.
            self.spaced = False
            tighter = self.fitted(compact, self.room(top, bottom), cut=self.summary_cut)
            if self.rows_not_done(tighter):
                return tighter, bottom
            self.spaced = True
        return lines, bottom

    def summary_spaced(
        self, top: Text, lines: list[Text], bottom: list[Text]
    ) -> tuple[list[Text], list[Text]] | None:
        """The report's `lines` and the `bottom` lines under `top`, with
        only as many of their blank lines, and of the line that says how
        saves are noticed, left out as the terminal's rows require; None
        when the report does not fit even without them all. They go in
        this order: the blank lines of the bottom, then those of the
        report from the last up, then the line that says how saves are
        noticed, and last the blank line under the table, which sets it
        apart from the score. The list of exercises, which has no blank
        line of its own, gives way alike (see `listing_fitted`)."""
        blanks = [i for i, line in enumerate(lines) if not line.plain.strip()]
        bare = [line for line in bottom if line.plain.strip()]
        compact = [self.wrapped(line) for line in self.bottom_lines(compact=True)]
        # The first blank line stands under the table: it sets the table
        # apart from the score, and goes last.
        later = blanks[1:]
        tries = [(set(later[len(later) - n :]), bare) for n in range(len(later) + 1)]
        tries += [(set(later), compact), (set(blanks), compact)]
        for gone, ends in tries:
            kept = [line for i, line in enumerate(lines) if i not in gone]
            if self.rows(kept) <= self.room(top, ends):
                return kept, ends
        return None

    def rows_not_done(self, lines: list[Text]) -> bool:
        """Whether `lines` hold the row of an exercise not done in the
        report's table; true once every exercise is done."""
        book = self.book()
        names = {g.name for g in book.grades if g.status != DONE}
        return book.all_done or bool(_table_spans(lines, names))

    def listing_fitted(
        self, top: Text, bottom: list[Text]
    ) -> tuple[list[Text], list[Text]]:
        """The list of exercises and the `bottom` lines, made to fit under
        `top` on a terminal: the blank lines and the line that says how
        saves are noticed go first, only as many as the rows require (see
        `summary_spaced`), then the list's last rows, for a line
        that counts them and gives the command that lists them all (`l`
        would only show this list again); the rows kept are those of the
        exercises not done, then of the one in focus (see `table_kept`),
        and the rule under the list's head, then the head, go before the
        last of them."""
        lines = self.listing_lines()
        room = self.room(top, bottom)
        if room is None or self.rows(lines) <= room:
            return lines, bottom
        spaced = self.summary_spaced(top, lines, bottom)
        if spaced is not None:
            return spaced
        bottom = [self.wrapped(line) for line in self.bottom_lines(compact=True)]
        room = self.room(top, bottom)
        spans = _table_spans(lines, {g.name for g in self.book().grades})
        head = lines[: spans[0][0]] if spans else []
        # As in the report (see `report_cut`), the rule under the head,
        # then the head, go before the last row kept.
        ruled = bool(head) and not head[-1].plain.strip(" ─-")
        heads = [head, *([head[:-1]] if ruled else []), []]
        every = [line for start, end in spans for line in lines[start:end]]
        for head_kept, low in [*((h, 1) for h in heads), (head, 0)]:
            if head_kept != head and self.rows([*head_kept, *every]) <= room:
                return [*head_kept, *every], bottom
            for kept in range(len(spans) - 1, low - 1, -1):
                rows = self.table_kept(lines, spans, kept, self.focus.name)
                note = self.rows_note(len(spans) - kept, False)
                shown = [*head_kept, *rows, note]
                if self.rows(shown) <= room:
                    return shown, bottom
        return self.cut(lines, room), bottom

    def compacted(self, lines: list[Text]) -> list[Text]:
        """The report's `lines` without its blank lines, nor anything
        before the head of its table."""
        names = {g.name for g in self.book().grades}
        table = [i for i, line in enumerate(lines) if _table_row(line.plain, names)]
        head = table[0] if table else 0
        # The table's head and its rule, over as many lines as they take.
        while head > 0 and lines[head - 1].plain.strip():
            head -= 1
        return [line for line in lines[head:] if line.plain.strip()]

    def summary_cut(self, lines: list[Text], room: int) -> list[Text]:
        """The report's `lines` made to fit in `room` rows: its table and
        its score first. Below them, while an exercise is not done, the
        failure is cut (see `cut`); should even the table not fit, its
        last rows give way to one line that says how many lines are gone
        and what prints them all. Once every exercise is done, see
        `done_cut`."""
        if self.rows(lines) <= room:
            return lines
        if not self.book().all_done:
            return self.report_cut(lines, room)
        parts = self.done_parts(lines)
        if parts is None:
            return self.cut(lines, room)
        return self.done_cut(*parts, room=room)

    def done_parts(self, lines: list[Text]) -> tuple | None:
        """The report of every exercise done, `lines` without blank ones,
        in its parts: the table's head, its rows, the score, what stands
        between the score and the closing line (the note that the code
        printed), the closing line, and what follows it ("What next"), a
        paragraph each (see `_paragraphs`). None for lines not laid out
        so."""
        book = self.book()
        table = _table_spans(lines, {g.name for g in book.grades})
        if not table:
            return None
        score = table[-1][1]
        closing = _("All {count} exercises done. Well done!", count=len(book.grades))
        found = _lines_saying(lines, closing, score + 1)
        if found is None:
            return None
        start, end = found
        return (
            lines[: table[0][0]],
            [Text("\n").join(lines[first:last]) for first, last in table],
            lines[score],
            lines[score + 1 : start],
            Text("\n").join(lines[start:end]),
            _paragraphs(lines[end:]),
        )

    def done_cut(self, *parts, room: int) -> list[Text]:
        """The report of every exercise done, in its `parts` (see
        `done_parts`), in `room` rows: the first of `done_layouts` that
        fits; nothing if none does."""
        for shown in self.done_layouts(*parts):
            if self.rows(shown) <= room:
                return shown
        return []

    def done_layouts(self, head, rows, score, printed, closing, after) -> Iterator:
        """The ways to show the report of every exercise done, in its
        parts (see `done_parts`), from the whole report to its score alone.

        What the learner needs most stays longest. The score and the
        closing line say that the kata is finished: they go last. Every
        row of the table says "done", as the score does: the table gives
        way first, its last rows first, to one line that counts them and
        says how to list them. The note that the code printed asks for a
        tidy-up that can wait: it goes next. What next says what to do now
        the kata is done: it goes then, an item at a time from its last;
        then the line of the table, then the closing line. Each part but
        the table goes whole, never a row of it: a sentence cut in its
        middle says something else. The table's rows fill the rows the
        other parts leave (see `table_filled`): no row stays blank while
        one is hidden. What is gone below the score is counted in one
        line under the closing line, and where to read it all."""
        paragraphs = [line for paragraph in after for line in paragraph]
        yield [*head, *rows, score, *printed, closing, *paragraphs]
        notes: dict[int, list[Text]] = {}
        yield from self.table_filled(
            head, rows, [score, *printed, closing, *paragraphs], notes
        )
        for kept in range(len(after), -1, -1):
            if kept and _heading(after[kept - 1][-1].plain):
                continue  # a heading ("What next:") would stand over nothing
            shown = [line for paragraph in after[:kept] for line in paragraph]
            gone = [line for paragraph in after[kept:] for line in paragraph]
            note = self.gone_note([*printed, *gone])
            rest = [score, closing, *shown, *note]
            yield from self.table_filled(head, rows, rest, notes)
        everything = self.gone_note([*head, *rows, *printed, *paragraphs])
        yield [score, closing, *everything]
        yield [score, *everything]
        yield [score]

    def table_filled(
        self, head: list[Text], rows: list[Text], rest: list[Text], notes: dict
    ) -> Iterator[list[Text]]:
        """The ways to show the table of every exercise done, its `head`
        and `rows`, above the `rest` of the report, the table's last rows
        given way to one line that counts them (see `rows_gone`): from its
        rows all but one, the head kept while a row fits with it, then
        without the rule under it, then without either, to no row at all.
        `notes` keeps the lines that count rows, by count, as they are
        said: each says them as the list would show them."""

        def gone(count: int) -> list[Text]:
            if count not in notes:
                notes[count] = self.rows_gone(count)
            return notes[count]

        ruled = bool(head) and not head[-1].plain.strip(" ─-")
        heads = [head, *([head[:-1]] if ruled else []), []]
        for head_kept in heads:
            for kept in range(len(rows) - 1, 0, -1):
                yield [*head_kept, *rows[:kept], *gone(len(rows) - kept), *rest]
        yield [*gone(len(rows)), *rest]

    def gone_note(self, gone: list[Text]) -> list[Text]:
        """The line that says how many lines of the report of every
        exercise done are `gone` (blank ones aside), and what prints them
        all; none when none is."""
        count = sum(1 for line in gone for row in line.plain.split("\n") if row.strip())
        if not count:
            return []
        return [self.noted(self.more_lines_note(count))]

    def rows_gone(self, count: int) -> list[Text]:
        """The line in place of a table's last `count` rows (see
        `rows_note`); none when no row is gone."""
        return [self.rows_note(count)] if count else []

    def rows_note(self, count: int, key: bool = True) -> Text:
        """The line in place of the last `count` rows of a table of the
        exercises: how many are gone (or that all are), and how to list
        every exercise. The key, while keys are read, `key`, and the list
        shows every row at this size (see `list_shows_every_row`); else
        the command: a key that shows fewer rows than it promises sends
        the learner nowhere. On a terminal, the first way of saying it
        that takes the fewest rows: a shorter way, where the longer
        wraps."""
        every = count >= len(self.project.exercises)
        if key and not self.keys_ended and self.list_shows_every_row():
            ways = EVERY_ROW_KEY_NOTES if every else ROWS_KEY_NOTES
        else:
            ways = EVERY_ROW_COMMAND_NOTES if every else ROWS_COMMAND_NOTES
        lines = [self.noted(_(way, count=count, prog=self.prog)) for way in ways]
        if not self.out.is_terminal:
            return lines[0]
        fewest = min(self.rows([line]) for line in lines)
        return next(line for line in lines if self.rows([line]) == fewest)

    def list_shows_every_row(self) -> bool:
        """Whether the list of exercises (key l), drawn now at this size,
        shows every row of its table; always off a terminal."""
        if not self.out.is_terminal:
            return True
        if self.every_row_listed is None:
            # Laid out again for each way of cutting the report tried, the
            # list would take seconds: a grade's status line waits for them.
            self.every_row_listed = self.every_row_listed_now()
        return self.every_row_listed

    def every_row_listed_now(self) -> bool:
        """`list_shows_every_row`, the list laid out now."""
        state = (self.view, self.event, self.notice, self.before_save)
        self.view, self.notice, self.before_save = LISTING, "", False
        self.say("the list of exercises")
        try:
            top = self.wrapped(self.top_line())
            bottom = [self.wrapped(line) for line in self.bottom_lines()]
            middle, _bottom = self.listing_fitted(top, bottom)
        finally:
            self.view, self.event, self.notice, self.before_save = state
        names = {g.name for g in self.book().grades}
        return len(_table_spans(middle, names)) == len(names)

    def report_cut(self, lines: list[Text], room: int) -> list[Text]:
        """The report of an exercise not done, `lines`, in `room` rows: the
        table and the score whole if they fit with a line for the cut,
        the failure below cut as `cut` does; else the table's last rows
        give way to a line that counts them and says how to list them,
        and the failure to one under the score that says what shows it
        (which goes first, should a row not fit with it); else the score
        alone, with a line for all that is gone."""
        spans = _table_spans(lines, {g.name for g in self.book().grades})
        table = [start for start, _end in spans]
        # A row broken over lines ends past them.
        after = range(spans[-1][1], len(lines)) if spans else range(0)
        score = next((i for i in after if lines[i].plain.strip()), None)
        if score is None:
            return self.cut(lines, room)
        head, tail = lines[: score + 1], lines[score + 1 :]
        # The rule under the table's head goes before a row of the table;
        # the note that names the exercise's own command, before the rule
        # (the whole report holds the failure too, in a shorter note).
        rule = table[0] - 1
        ruled = rule > 0 and not lines[rule].plain.strip(" ─-")
        without_rule = [line for i, line in enumerate(head) if i != rule or not ruled]
        for shown, whole in [(head, False), (without_rule, False), (head, True)]:
            note = self.noted(self.more_lines_note(99, whole))
            left = room - self.rows(shown)
            if self.rows([note]) <= left:
                below = self.printed_whole(tail, left, note)
                return [*shown, *self.cut(below, left, whole)]
        # The table's last rows give way, counted in a line of their own;
        # under the score, a line says where the failure is, while there
        # is room for one row of the table with it.
        hidden_below = sum(1 for line in tail if line.plain.strip())
        below = self.noted(self.more_lines_note(hidden_below))
        below_notes = [[below], []] if hidden_below else [[]]
        # Above the rows, the table's head, then without the rule under it,
        # then without either: a row that names an exercise not done says
        # what is left to do even with no head above it.
        named = [line for i, line in enumerate(lines[: table[0]]) if i != rule]
        heads = [lines[: table[0]], *([named] if ruled else []), []]
        for head_kept in heads:
            for below_note in below_notes:
                for kept in range(len(table) - 1, 0, -1):
                    rows_note = self.rows_note(len(table) - kept)
                    rows = self.table_kept(lines, spans, kept)
                    shown = [*head_kept, *rows, rows_note, lines[score]]
                    if self.rows([*shown, *below_note]) <= room:
                        return [*shown, *below_note]
        gone = sum(1 for line in lines if line.plain.strip()) - 1
        note = self.noted(self.more_lines_note(gone, whole=True))
        for shown in [[lines[score], note], [lines[score]]]:
            if self.rows(shown) <= room:
                return shown
        return self.cut(lines, room)

    def printed_whole(self, lines: list[Text], room: int, note: Text) -> list[Text]:
        """`lines`, under the report's score, to be cut to `room` rows with
        a `note` of what is cut: without the note that the code printed
        when it would not stay whole above that note. Cut in its middle, a
        sentence says something else; the whole report says it all."""
        said = printed_in_report(self.book(), self.prog)
        found = _lines_saying(lines, said, 0) if said else None
        if found is None or self.rows(lines) <= room:
            return lines
        start, end = found
        if self.rows([*lines[:end], note]) <= room:
            return lines
        while end < len(lines) and not lines[end].plain.strip():
            end += 1  # the blank line under it, which went with it
        return [*lines[:start], *lines[end:]]

    def table_kept(
        self,
        lines: list[Text],
        spans: list[tuple[int, int]],
        kept: int,
        focus: str = "",
    ) -> list[Text]:
        """`kept` rows of the report's table (or of the list), whose rows
        are `spans` of `lines` (see `_table_spans`), in the table's order:
        those of the exercises not done first, then that of `focus` (the
        exercise shown), then the first of those done. What is left to do
        is what the learner needs to see; a row that says an exercise is
        done says little that the score does not."""
        names = [lines[start].plain.split()[1] for start, _end in spans]
        done = {g.name for g in self.book().grades if g.status == DONE}
        order = sorted(
            range(len(spans)),
            key=lambda i: (names[i] in done, names[i] != focus),
        )
        chosen = sorted(order[:kept])
        return [line for i in chosen for line in lines[slice(*spans[i])]]

    def message_length(self) -> int:
        """How many lines the failure the screen shows has in full: that of
        the exercise in focus, or in the report that of the next exercise
        to do; 0 when there is none."""
        if self.view == SUMMARY:
            g = self.book().next_up
        else:
            g = self.grade_of(self.focus)
        failure = None if g is None else most_telling(explained(g))
        if failure is None:
            return 0
        return len(aligned(failure.message).rstrip().splitlines())

    def cut(
        self,
        lines: list[Text],
        room: int | None,
        whole: bool = False,
        full: list[Text] | None = None,
        noted: bool = False,
        short: bool = False,
    ) -> list[Text]:
        """`lines`, or as many of their first rows as fit in `room` with a
        last line that says how many more there are and where to see them
        (in the whole report, if `whole`: see `more_lines_note`; only how
        many, if `short`); with that line even when `lines` fit, if `noted`
        (they stand for more).
        The first rows are the ones kept: the exercise's name and status,
        or the report's table. None for `room`: off a terminal, all kept.
        `lines` may be `full` shortened: the count is then of the rows of
        `full` that the screen does not show, not of those of `lines`; on
        the exercise's screen, of those `check` shows (see `check_hidden`)."""
        if room is None or self.rows(lines) <= room and not noted:
            return lines
        rows = [row for line in lines for row in line.split("\n", allow_blank=True)]
        every = self.rows(full or lines)
        # The note's rows, with the largest count it may say.
        most = self.more_lines_note(
            self.most_hidden(max(len(rows), every)), whole, short
        )
        used = self.rows([self.noted(most)])
        kept: list[Text] = []
        for row in rows:
            used += self.rows([row])
            if used > room:
                break
            kept.append(row)
        # A blank line before the note would hide one more; a heading ("What
        # next:") would stand over nothing.
        while kept and (not kept[-1].plain.strip() or _heading(kept[-1].plain)):
            kept.pop()
        hidden = sum(1 for row in rows[len(kept) :] if row.plain.strip())
        if full is not None:
            shown = sum(1 for row in kept if row.plain.strip())
            hidden = max(hidden, self.filled_rows(full) - shown)
            hidden = self.check_hidden(kept, hidden)
        cut_short = len(kept) < len(rows)
        if cut_short and kept and _name_goes_on(kept[-1].plain, rows[len(kept)].plain):
            # A test's name cut after an underscore would read as whole.
            ended = kept[-1].plain + self.ellipsis()
            if i18n.width(ended) > self.out.width - 1:
                ended = _ended(kept[-1].plain, self.out.width - 1, self.ellipsis())
            kept[-1] = Text(ended, style=kept[-1].style)
        note = self.noted(self.more_lines_note(hidden, whole, short))
        return [*kept, note]

    def check_hidden(self, shown: list[Text], counted: int) -> int:
        """How many rows of what `check NAME` prints of the failure in
        focus (`Screen.failures`: the failed test, its message, the names
        of the others) are not among the rows `shown` of it: what a note
        under them that names `check` says it shows. The screen's own
        rows left out, `counted`, elsewhere than on the exercise's screen,
        and where `check` shows none the screen does not."""
        if self.view != EXERCISE or not self.out.is_terminal:
            return counted
        left = Counter(
            row.rstrip()
            for line in shown
            for row in line.plain.split("\n")
            if row.strip()
        )
        hidden = 0
        for row in self.check_rows():
            if left[row] > 0:
                left[row] -= 1
            else:
                hidden += 1
        return hidden or counted

    def most_hidden(self, counted: int) -> int:
        """The largest count a note of rows hidden may say, the screen's
        own being `counted` at most: to size its rows."""
        return max(counted, self.check_hidden([], 0))

    def check_rows(self) -> list[str]:
        """The rows, blank ones aside, that `check NAME` prints of the
        failure in focus below its header (`Screen.failures`) on this
        terminal; laid out once for each run, width and language."""
        run = self.runs.get(self.focus.name)
        key = (self.focus.name, self.out.width, self.out.encoding, i18n.language())
        ran, laid_out, rows = self.checked
        if ran is run and laid_out == key:
            return rows
        g = self.grade_of(self.focus)
        lines = self.drawn(lambda screen: screen.failures(g))
        rows = [
            row.rstrip()
            for line in lines
            for row in line.plain.split("\n")
            if row.strip()
        ]
        self.checked = (run, key, rows)
        return rows

    def filled_rows(self, lines: list[Text]) -> int:
        """The rows of `lines` that are not blank, as printed."""
        rows = [row for line in lines for row in line.plain.split("\n")]
        return self.rows([Text(row) for row in rows if row.strip()])

    def ellipsis(self) -> str:
        """The mark that ends a row cut short, as the terminal can show it."""
        return _ellipsis(self.out.encoding)

    def more_lines_note(
        self, count: int, whole: bool = False, short: bool = False
    ) -> str:
        """The line that ends a screen cut short: how many lines it lost
        (`count`, blank ones aside), and where to read them all: in the
        report, below its score, the failure of the exercise next up;
        else (or when `whole`), the whole report. With `short`, only how
        many, unless a way that says where takes no more rows: a screen
        too small for the command needs the rows more."""
        ways = self.more_lines_ways(count, whole)
        if not short:
            return self.fewest_rows(ways)
        counted = _("[... {count} more lines]", count=count)
        if not self.out.is_terminal:
            return counted
        rows = self.rows([self.noted(counted)])
        return next(
            (way for way in ways if self.rows([self.noted(way)]) <= rows), counted
        )

    def more_lines_ways(self, count: int, whole: bool) -> list[str]:
        """The ways of saying `more_lines_note` with where to read the
        lines, from the longest."""
        book = self.book()
        if self.view != SUMMARY:
            name = self.focus.name
        elif book.next_up is not None and not whole:
            name = book.next_up.name
        else:
            # Short: on a narrow terminal, a row it takes is a row of the table;
            # shorter still where the longer way would wrap.
            return [_(way, count=count, prog=self.prog) for way in REPORT_LINES_NOTES]
        if self.view == SUMMARY and name == self.focus.name and not self.keys_ended:
            return [
                _(
                    "[... {count} more lines: press b, or run `{prog} check {name}`]",
                    count=count,
                    prog=self.prog,
                    name=name,
                )
            ]
        return [_(way, count=count, prog=self.prog, name=name) for way in CHECK_NOTES]

    def fewest_rows(self, ways: list[str]) -> str:
        """Of `ways` of saying a note, from the longest, the first that
        takes the fewest rows noted (see `noted`): on a terminal, a shorter
        way where the longer wraps and would leave words alone on a row;
        off one, the longest."""
        if not self.out.is_terminal:
            return ways[0]
        rows = [self.rows([self.noted(way)]) for way in ways]
        return ways[rows.index(min(rows))]

    def top_line(self) -> Text:
        """The screen's first line: how many exercises are done, and what
        caused this screen; on a terminal, in one row where a shorter way
        of saying the event allows (see `saved_events`, SHORTER), then
        where the count said without the watch's name allows; else in as
        few rows as any way takes, the shortest of them, naming no folder
        nor the watch: a line that wraps on every screen pushes the
        failure down for little."""
        named = [Text(line, style="dim") for line in self.top_lines()]
        if not self.out.is_terminal:
            return named[0]
        counted = [Text(line, style="dim") for line in self.top_lines(named=False)]
        lines = [*named, *counted]
        # A way that leaves out the command of the longer ways goes after
        # every way that keeps it, the count alone included: the command
        # says more than the watch's name.
        last = tuple(_(way) for way in LAST_WAYS)
        lines.sort(key=lambda line: line.plain[:-1].endswith(last))
        rows = {id(line): self.rows([self.wrapped(line)]) for line in lines}
        line = next((line for line in lines if rows[id(line)] <= 1), None)
        if line is not None:
            return line
        # A folder is worth a row of its own only when the line needs no
        # second row: over two, the file's name says enough. So is the
        # watch's name: a line of two rows says what caused the screen
        # sooner without it, as one of one row does.
        folder = f"{self.target}/"
        fewest = min(rows[id(line)] for line in lines)
        for ways in (counted, named):
            short = [line for line in ways if folder not in line.plain] or ways
            least = [line for line in short if rows[id(line)] == fewest]
            if least:
                return least[-1]
        return lines[-1]

    def top_lines(self, named: bool = True) -> list[str]:
        """The ways of saying the top line, from the longest; not `named`,
        with the count said without the watch's name, for a terminal too
        narrow for it. During a grade, what it grades: what caused the
        screen before (a save graded, a hint) is over, and would read as
        this grade's."""
        book = self.book()
        counts = {"done": book.done, "total": len(book.grades)}
        if self.under_way:
            events = self.grading_events()
        elif not self.event:
            return [_("nn-kata watch: {done} of {total} done", **counts)]
        else:
            events = self.events()
        if not named:
            return [
                _("{done} of {total} done ({event})", **counts, event=event)
                for event in events
            ]
        return [
            _("nn-kata watch: {done} of {total} done ({event})", **counts, event=event)
            for event in events
        ]

    def grading_events(self) -> list[str]:
        """The ways of saying what is graded now, from the longest: the
        files saved, with their folder, then without, then not named."""
        if not self.saving:
            return [_("grading every exercise")]
        files = [f"{name}.py" for name in self.saving_files] or [
            f"{name}.py" for name in self.saving
        ]
        if len(files) == 1:
            return [
                _("grading {path}", path=f"{self.target}/{files[0]}"),
                _("grading {path}", path=files[0]),
                _("grading a save"),
            ]
        named = {"count": len(files), "names": i18n.listed(files)}
        return [
            _("grading {count} files ({names})", **named),
            _("grading {count} files", count=len(files)),
        ]

    def say(self, event: str, **fields) -> None:
        """Make `event` (in English, with its `fields`) what the top line
        says, with its shorter way, if any (see SHORTER)."""
        self.event = _(event, **fields)
        if event in SHORTER:
            self.shorter[self.event] = [_(way, **fields) for way in SHORTER[event]]

    def events(self) -> list[str]:
        """The ways of saying what caused this screen, from the longest."""
        shorter = self.shorter.get(self.event, [])
        if self.event == self.save_event:
            return self.save_events or [self.event]
        if not (self.with_save and self.save_event):
            return [self.event, *shorter]
        if self.said_as_one:
            return self.said_as_one
        # The save is said shorter first: the screen is this event's.
        saves = self.save_events or [self.save_event]
        # A save said without its file leaves naming it to the exercise's
        # line: this event's screen may have none.
        unnamed = {_(way) for way in UNNAMED_SAVES}
        saves = [saved for saved in saves if saved not in unnamed] or saves
        pairs = [
            *((saved, self.event) for saved in saves),
            *((saves[-1], way) for way in shorter),
        ]
        if self.checked_with_save:
            # The check `c` made after the save, before this key: said
            # between them, in the order they came.
            pairs = [
                (_("{saved}; {checked}", saved=s, checked=checked), e)
                for checked in self.checked_with_save
                for s, e in pairs
            ]
        joined = [_("{saved}; then {event}", saved=s, event=e) for s, e in pairs]
        return [*joined, *self.after_save]

    def exercise_fitted(
        self, top: Text, bottom: list[Text]
    ) -> tuple[list[Text], list[Text]]:
        """The middle of the exercise's screen and its `bottom` lines, made
        to fit under `top` on a terminal (see `failure_fitted`). A hint just
        asked for gives up its later rows before what was expected and what
        came back go: they are what a failure is shown for. It keeps its
        first row whole and a row that says what shows it whole (see
        `hint_cut`), and gives up only as many rows as bring back the most
        of those values that its rows can; none where they bring back none:
        cut for nothing, it would only say less."""
        spaced = self.spaced
        whole = self.failure_fitted(top, bottom)
        rows = self.hint_rows_asked()
        if not self.failure_hidden or rows <= HINT_LEAST_ROWS:
            return whole
        kept = (whole, self.spaced, self.failure_hidden)

        def tried(hint_rows: int) -> tuple:
            self.spaced = spaced
            shown = self.failure_fitted(top, bottom, hint_rows=hint_rows)
            return shown, self.spaced, self.failure_hidden

        least = tried(HINT_LEAST_ROWS)
        most = self.hint_gives_for(least[0][0])
        if most <= self.hint_gives_for(whole[0]):
            least = kept
        else:
            # The most rows of the hint that leave the failure as many
            # values, found by halving: the fewer the hint's rows, the more
            # the failure's.
            low, high = HINT_LEAST_ROWS, rows - 1
            while low < high:
                middle = (low + high + 1) // 2
                shown = tried(middle)
                if self.hint_gives_for(shown[0][0]) >= most:
                    low, least = middle, shown
                else:
                    high = middle - 1
        shown, self.spaced, self.failure_hidden = least
        return shown

    def hint_rows_asked(self) -> int:
        """The rows of the hint just asked for (with `h`, since the last
        save of the exercise in focus was graded), whole; 0 for none."""
        if self.focus.name not in self.hints_asked:
            return 0
        return self.rows([self.wrapped(line) for line in self.hint_lines(False)])

    def failure_fitted(
        self, top: Text, bottom: list[Text], hint_rows: int | None = None
    ) -> tuple[list[Text], list[Text]]:
        """The middle of the exercise's screen and its `bottom` lines, made
        to fit under `top` on a terminal, the hint asked for cut to
        `hint_rows`, if given and fewer than it has (see `hint_cut`). What
        gives way first: the blank lines between the parts and the line
        that says how saves are noticed, then the failure's message as
        `_fitted` shortens it (its call last), the line that counts the
        other failing tests once each part of the message is down to its
        first row, or sooner, rather than a row of the statement of what
        failed, then the lines at the end (see `cut`); the hint just asked
        for stays whole (or as `hint_rows` cuts it), below what is left of
        the failure, and so does the likely mistake (its first sentence,
        which outlasts the values: see `_fitted`), but
        never at the cost of the exercise's line (see `hint_left_room`).
        A hint only remembered, or asked for before the last save of its
        exercise was graded (see `hints_asked`), gives way before all of
        these: it keeps the rows the whole failure leaves, if any. Beside
        a hint asked for, the blank row under the top line goes to the
        failure before it loses a row, unless that row would not keep one
        more. Rows that all this leaves over go back to the blank lines
        and to the line that says how saves are noticed (see
        `spaced_out`)."""
        self.failure_hidden = False
        room = self.room(top, bottom)
        if room is None:
            return self.exercise_lines(None), bottom
        lines = self.exercise_lines(UNLIMITED)
        if self.rows(lines) <= room:
            return lines, bottom
        hint = [self.wrapped(line) for line in self.hint_lines(blank=False)]
        full, bottom = bottom, [self.wrapped(line) for line in self.bottom_lines(True)]

        def spaced(shown: list[Text], hint: list[Text]) -> tuple:
            return self.spaced_out(top, shown, hint, full)

        printed = True  # what the code printed, shown while all fits

        def failure(
            limit: int, others: bool | str = False, short: bool = False
        ) -> list[Text]:
            return self.exercise_lines(
                limit,
                blanks=False,
                hint=False,
                others=others,
                printed=printed,
                short_mistake=short,
            )

        whole = failure(UNLIMITED, others=True)
        if hint and self.focus.name not in self.hints_asked:
            # A hint only remembered, not asked for now: the failure matters
            # more, and `hint NAME` shows the hint again. It keeps the rows
            # the whole failure leaves, if any.
            left = self.room(top, bottom) - self.rows(whole)
            hint = self.hint_cut(hint[0], left) if left > 0 else []
        elif hint:
            hint = self.hint_left_room(hint[0], top, bottom, self.rows(whole))
            if hint_rows is not None and len(hint) == 1:
                hint = self.hint_cut(hint[0], hint_rows)
        space = self.room(top, bottom) - self.rows(hint)
        if self.rows(whole) <= space:
            return spaced(whole, hint)
        # The hint asked for takes rows of the failure, which `b` gives back.
        self.failure_hidden = bool(hint)
        asked = bool(hint) and self.focus.name in self.hints_asked
        blank_taken = asked and self.spaced
        if blank_taken:
            # The blank row under the top line only sets it apart: it gives
            # way before a row of the failure does.
            self.spaced = False
            space = self.room(top, bottom) - self.rows(hint)
            if self.rows(whole) <= space:
                return spaced(whole, hint)
        if hint and space < self.rows(whole[:1]) + self.note_rows(self.rows(whole)):
            # The hint took the note's rows: the exercise's line and its
            # status say that it fails, and the hint says what to do. The
            # blank row would not have kept a row more of the failure.
            self.spaced = self.spaced or blank_taken
            return spaced(whole[:1], hint)
        # What the code printed gives way first of all: the message says
        # what went wrong and what to change, and `check` shows the output.
        printed = False
        # Cut for a hint, the failure says so under it, and what shows it
        # whole: the hint takes rows the learner may not know were there.
        # The note is said short (one row), then not at all, rather than
        # take the rows of the likely mistake.
        reserved, short = self.hint_note_rows(hint, whole, space)
        space -= reserved

        def said(shown: list[Text], commanded: bool = False) -> tuple:
            # Without a hint, the line that counts the others with its
            # command (`commanded`) says what shows the rest; else a note.
            hidden = self.filled_rows(whole) - self.filled_rows(shown)
            if hidden > 0:
                # Said: the rows of `check` the screen leaves out.
                hidden = self.check_hidden(shown, hidden)
            if (hint or not commanded) and hidden > 0 and not reserved:
                shown = self.said_in_spacing(shown, hidden, space)
                return spaced(self.commanded_once(shown, commanded), hint)
            if not reserved or hidden <= 0:
                return spaced(shown, hint)
            note = self.noted(self.more_lines_note(hidden, short=short))
            if short:
                note = self.note_in_room(shown, hidden, space + reserved) or note
            return spaced(self.commanded_once([*shown, note], commanded), hint)

        # The line that counts the other failing tests outlasts the later
        # rows of each part of the message: a learner on a small terminal
        # must learn that more tests fail, and what shows them. It goes
        # only when even the message with each part down to its first row
        # leaves it no room; before any part of the message goes whole. The
        # statement of the failure shown matters more than a count of the
        # others: the line goes before it would take a row of it.
        # Said short, without its command, it takes one row where the
        # whole line would take more. Before either goes, the likely mistake
        # gives way to its first sentence, what is wrong: the count and the
        # call (what reproduces the failure) outlast the advice after it,
        # as they do where the mistake is a row or two shorter.
        statement = self.whole_statement_rows()
        leasts = [
            (max(self.least_rows(), statement), False),
            (max(self.least_rows(mistake_first=True), statement), True),
        ]
        for others in (True, COUNT_ONLY):
            if others == COUNT_ONLY and not hint:
                whole_counted = failure(UNLIMITED, others=others)
                if self.rows(whole_counted) <= space:
                    # Only the count's command is left out, and the count
                    # still says that more tests fail: no note is needed.
                    return spaced(whole_counted, hint)
                # Past the line with its command, nothing would say that
                # rows are hidden: the note does, in rows kept for it.
                reserved, short = self.failure_note_rows(whole, space)
                space -= reserved
            for least, short in leasts:
                if least and self.rows(failure(least, others, short)) <= space:

                    def counted(limit: int, others=others, short=short) -> list:
                        return failure(limit, others=others, short=short)

                    most = self.rows(lines)
                    fitted = self.fitted(counted, space, low=least, most=most)
                    return said(fitted, commanded=others is True)
        short_least = leasts[1][0]
        if self.call_raised() and self.rows(failure(short_least, short=True)) <= space:
            # Past that line too, a call that raised keeps its first row and
            # where its place before the likely mistake's later advice, as
            # beside that line: a screen a row shorter must not show the
            # advice in their place.
            def raised(limit: int) -> list[Text]:
                return failure(limit, short=True)

            most = self.rows(lines)
            return said(self.fitted(raised, space, low=short_least, most=most))
        # The fewest rows the message may have without that line: its
        # likely mistake and its call whole, else the likely mistake alone;
        # each beside the statement's least, without which `_fitted` drops
        # the mistake, and the screen would not say so (see `mistake_gone`).
        least = self.statement_rows()
        lows = [
            self.mistake_rows(("likely mistake", "call")) + least,
            self.mistake_rows() + least,
        ]
        if asked and self.mistake_rows():
            # Beside a hint asked for, `_fitted` keeps the mistake's first
            # rows under the statement's least.
            lows.append(least + 1)
        low = next((low for low in lows if self.rows(failure(low)) <= space), None)
        if low is None:
            # `mistake_gone` says the cut itself, in the rows kept for it.
            shown = self.mistake_gone(failure, space + reserved, lines)
            return spaced(shown, hint)
        # The failure's rows are fewer than the screen's: the most to try.
        fitted = self.fitted(failure, space, low=max(1, low), most=self.rows(lines))
        return said(fitted)

    def commanded_once(self, shown: list[Text], commanded: bool) -> list[Text]:
        """`shown`, a failure fitted with the line that counts the other
        failing tests with its command (if `commanded`), and the note of
        its rows hidden last: the count said alone where the note gives
        that command too. Two lines in a row that point to the same
        command read as two things to run."""
        note = shown[-1].plain if shown else ""
        if not (commanded and note.startswith("[") and "`" in note):
            return shown
        g = self.grade_of(self.focus)
        count = self.wrapped(self.others_line(g, with_command=True)).plain
        alone = self.wrapped(self.others_line(g, with_command=False))
        return [alone if line.plain == count else line for line in shown]

    def said_in_spacing(self, shown: list[Text], hidden: int, space: int) -> list[Text]:
        """`shown`, a failure fitted in `space` rows beside a hint that left
        no row for the note of its `hidden` rows, with that note in the
        blank row under the top line, where a terminal has one: rows hidden
        without a word would read as the whole failure, and that row only
        sets the top line apart."""
        if not self.spaced or not self.out.is_terminal:
            return shown
        if shown and shown[-1].plain.startswith("["):
            return shown  # cut with its note already (see `cut`)
        for short in (False, True):
            note = self.noted(self.more_lines_note(hidden, short=short))
            if self.rows([*shown, note]) <= space + 1:
                self.spaced = False
                return [*shown, note]
        return shown

    def note_in_room(self, shown: list[Text], hidden: int, space: int) -> Text | None:
        """The note of the `hidden` rows of a failure, `shown` cut in
        `space` rows, with what shows them (see `more_lines_note`), when
        it fits under them, in the blank row under the top line if need be
        (see `said_in_spacing`); else None. A note kept short for rows
        that the failure fitted left over would hide the way to the rest
        for nothing."""
        note = self.noted(self.more_lines_note(hidden))
        left = space - self.rows(shown)
        if self.rows([note]) <= left:
            return note
        if self.spaced and self.out.is_terminal and self.rows([note]) <= left + 1:
            self.spaced = False
            return note
        return None

    def spaced_out(
        self, top: Text, failure: list[Text], hint: list[Text], bottom: list[Text]
    ) -> tuple[list[Text], list[Text]]:
        """The middle of the exercise's screen under `top`, `failure` (the
        exercise's line first) and `hint` fitted without blank lines, and
        the lines under it, `bottom` in full: what the fitting left out of
        them given back, as far as the rows it left over allow. Rows give
        way only to a screen that is full: first the blank line under the
        exercise's line, which sets it apart, then the line that says how
        saves are noticed, then the blank line above the hint, then those
        of the bottom."""
        compact = [self.wrapped(line) for line in self.bottom_lines(compact=True)]
        spare = self.room(top, compact) - self.rows([*failure, *hint])
        head, rest = failure[:1], failure[1:]
        if (rest or hint) and spare >= 1:
            head, spare = [*head, Text()], spare - 1
        ends = compact
        bare = [line for line in bottom if line.plain]
        if self.rows(bare) - self.rows(compact) <= spare:
            ends, spare = bare, spare - (self.rows(bare) - self.rows(compact))
        if rest and hint and spare >= 1:
            hint, spare = [Text(), *hint], spare - 1
        if ends is bare and self.rows(bottom) - self.rows(bare) <= spare:
            ends = bottom
        return [*head, *rest, *hint], ends

    def hint_note_rows(
        self, hint: list[Text], whole: list[Text], space: int
    ) -> tuple[int, bool]:
        """The rows of the note under a failure (`whole`, in full) cut for
        the `hint` beside it in `space` rows, and whether it is said short
        (see `more_lines_note` and `failure_note_rows`); (0, False) with
        no hint, or when no note does."""
        if not hint:
            return 0, False
        asked = self.focus.name in self.hints_asked
        return self.failure_note_rows(whole, space, asked)

    def failure_note_rows(
        self, whole: list[Text], space: int, asked: bool = False
    ) -> tuple[int, bool]:
        """The rows of the note under a failure (`whole`, in full) cut to
        fit in `space` rows, and whether it is said short (see
        `more_lines_note`): the longest that leaves room for the likely
        mistake and the statement's least, and, beside a hint `asked` for,
        its command for each part's first row too (the likely mistake's
        first sentence); (0, False) when no note does."""
        least = self.mistake_rows() + self.statement_rows()
        if asked and self.mistake_rows():
            # Beside a hint asked for, the mistake may keep only its first
            # row (see `_fitted`): the note outlasts its later rows.
            least = self.statement_rows() + 1
        # Beside a hint asked for, what was expected and what came back stay
        # to be compared, before the note keeps its command; said short, the
        # note takes its command back in rows left over (see `note_in_room`).
        whole_least = self.least_rows(mistake_first=True) if asked else least
        leasts = {False: max(least, whole_least), True: least}
        for short in (False, True):
            failure = self.exercise_lines(
                leasts[short], blanks=False, hint=False, others=False
            )
            most = self.most_hidden(self.rows(whole))
            note = self.noted(self.more_lines_note(most, short=short))
            if self.rows(failure) + self.rows([note]) <= space:
                return self.rows([note]), short
        return 0, False

    def mistake_gone(self, failure, room: int, lines: list[Text]) -> list[Text]:
        """The exercise in focus in `room` rows too few for its likely
        mistake whole, `failure(limit)` giving it with its message in at
        most `limit` rows: the mistake keeps its first row (see `_fitted`),
        what is left of the message takes the rows above it, and a note
        under it says how many rows of the screen in full (`lines`) are
        gone and what shows them. The statement's least outlasts the
        note's command: should the note leave it no room, the note is said
        short, without the command (one row); but that short note outlasts
        the statement's later rows, for a screen that hides rows must say
        so. Should even the statement's first row and the mistake's leave
        it no room, the short note takes the blank row under the top line;
        it goes only where there is none."""
        statement = self.rows(failure(max(2, self.statement_rows() + 1)))
        least = self.rows(failure(2))
        if not self.message_rows(lambda message, width: 1):
            # No failure shown: the run's error says what went wrong, its
            # rows of where a loop stopped too (see `error_fitted`); the
            # lines after it give way to them.
            statement = least = self.rows(failure(1)[:2])
        hidden = self.most_hidden(self.filled_rows(lines))
        # Last, the short note takes the blank row under the top line, which
        # only sets it apart: rows hidden without a word would read as the
        # whole failure (see `said_in_spacing`).
        spare = int(self.spaced and self.out.is_terminal)
        tries = [(statement, False, 0), (statement, True, 0), (least, True, 0)]
        for rows, short, spacing in [*tries, (least, True, spare)]:
            note = self.noted(self.more_lines_note(hidden, short=short))
            below = self.rows([note])
            if rows + below <= room + spacing:
                if spacing:
                    self.spaced, room = False, room + spacing
                break
        else:
            # Too small even for the statement's least: it is cut (see
            # `cut`), the short note under it.
            fewest = self.rows(failure(max(1, self.statement_rows())))
            below = 0 if fewest <= room else below

        def noted(shown: list[Text], _room: int) -> list[Text]:
            if not below:
                return shown
            if self.rows(shown) + below > room:
                return self.cut(shown, room, full=lines, noted=True, short=short)
            hidden = self.filled_rows(lines) - self.filled_rows(shown)
            hidden = self.check_hidden(shown, hidden)
            return [*shown, self.noted(self.more_lines_note(hidden, short=short))]

        most = self.rows(lines)
        return self.fitted(failure, room - below, low=1, most=most, cut=noted)

    def hint_left_room(
        self, hint: Text, top: Text, bottom: list[Text], failure_rows: int
    ) -> list[Text]:
        """The rows of the `hint` just asked for that leave room above it,
        between `top` and `bottom`, for the exercise's line and, when the
        hint fits whole below them, the line that says what shows the
        failure (of `failure_rows` in full) cut for it: the hint was asked
        for, and it outlasts that note, losing its last rows only on a
        terminal too small for it; none when even the exercise's line
        leaves no row. A hint that does not fit takes the blank row under
        the top line before it loses rows (see `spaced`)."""
        header = self.wrapped(self.header(self.grade_of(self.focus)))
        left = self.room(top, bottom) - self.rows([header])
        if self.rows([hint]) <= left - self.note_rows(failure_rows):
            return [hint]
        if self.rows([hint]) > left > 0 and self.out.is_terminal:
            # The blank row under the top line only sets it apart: the
            # hint asked for, cut short, says more in it.
            self.spaced = False
            left += 1
        return self.hint_cut(hint, left) if left > 0 else []

    def hint_gives_for(self, lines: list[Text]) -> int:
        """How many of the parts a hint asked for gives its later rows up
        for `lines`, a failure as the screen shows it, keep in sight: what
        was expected, what came back (see `value_rows`), and the likely
        mistake's first sentence, whole (see `mistake_said`)."""
        return self.value_rows(lines) + self.mistake_said(lines)

    def mistake_said(self, lines: list[Text]) -> int:
        """1 when `lines`, a failure as the screen shows it, keep the
        first sentence of its likely mistake whole (see
        `_first_sentence_rows`), else 0: cut inside it, the mistake no
        longer says what is wrong ("did you mean params?")."""

        def first_sentence(message: str, width: int | None) -> str:
            blocks = _message_blocks(message.rstrip().splitlines())
            rows = _block_rows(blocks, "    ", width)
            for (label, english), block in zip(blocks, rows, strict=True):
                if label == "likely mistake":
                    count = _first_sentence_rows(block, english)
                    kept = block[:count]
                    if count < len(block):
                        kept[-1] = _first_sentence_end(kept[-1])
                    return "".join("".join(kept).split())
            return ""

        said = self.message_rows(first_sentence)
        shown = "".join("".join(line.plain.split()) for line in lines)
        return int(bool(said) and said in shown)

    def value_rows(self, lines: list[Text]) -> int:
        """How many of what was expected and what came back `lines`, a
        failure as the screen shows it, keep in sight: 0, 1 or 2."""
        labels = [i18n.failure(f"  {label}  x").split()[0] for label in VALUE_NAMES]
        rows = [row.lstrip() for line in lines for row in line.plain.split("\n")]
        return sum(any(row.startswith(f"{label} ") for row in rows) for label in labels)

    def note_rows(self, failure_rows: int) -> int:
        """The rows of the note that says what shows a failure of
        `failure_rows` cut short, with the largest count it may say."""
        most = self.most_hidden(failure_rows)
        return self.rows([self.noted(self.more_lines_note(most))])

    def mistake_rows(self, labels=("likely mistake",)) -> int:
        """The rows the likely mistake of the failure in focus (or its
        parts of `labels`) takes on the terminal; 0 when it has none."""
        return self.message_rows(
            lambda message, width: _mistake_rows(message, "    ", width, labels)
        )

    def call_raised(self) -> bool:
        """Whether the statement of the failure in focus tells of a call
        that raised (see `_raised_at`)."""
        return bool(
            self.message_rows(
                lambda message, width: (
                    _Fitting(message, UNLIMITED, "    ", width, self.ellipsis()).raised
                )
            )
        )

    def statement_rows(self) -> int:
        """The fewest rows the statement of the failure in focus keeps on
        the terminal (see `_statement_rows`); 0 when there is none."""
        return self.message_rows(
            lambda message, width: _statement_rows(message, "    ", width)
        )

    def least_rows(self, mistake_first: bool = False) -> int:
        """The rows the message of the failure in focus takes on the
        terminal once each of its parts that give way has only its first
        row left, the likely mistake its first sentence with
        `mistake_first` (see `_least_rows`); 0 when there is no failure."""
        return self.message_rows(
            lambda message, width: _least_rows(message, "    ", width, mistake_first)
        )

    def whole_statement_rows(self) -> int:
        """The fewest rows the message of the failure in focus takes on the
        terminal with its statement whole (see `_whole_statement_rows`); 0
        when there is no failure."""
        return self.message_rows(
            lambda message, width: _whole_statement_rows(message, "    ", width)
        )

    def message_rows(self, count) -> int:
        """`count(message, width)` for the message of the failure in focus,
        laid out for the terminal's width; 0 when there is no failure."""
        failure = most_telling(explained(self.grade_of(self.focus)))
        if failure is None:
            return 0
        width = self.out.width - 1 if self.out.is_terminal else None
        return count(aligned(failure.message), width)

    def exercise_lines(
        self,
        limit: int | None,
        blanks: bool = True,
        hint: bool = True,
        others: bool | str = True,
        printed: bool = True,
        short_mistake: bool = False,
    ) -> list[Text]:
        """The exercise in focus, its failure's message in at most `limit`
        rows (None: whole, as off a terminal), each line broken to fit the
        terminal; without `blanks`, no blank line between its parts,
        without `hint`, no hint, without `others`, no line that counts
        the other failing tests (COUNT_ONLY: that line without its
        command), and without `printed`, not what the code printed; with
        `short_mistake`, the likely mistake gives way to its first
        sentence before the call does (see `_fitted`)."""
        parts = self.exercise_parts(limit, hint, others, printed, short_mistake)
        return [self.wrapped(part) for part in parts if blanks or part.plain]

    def exercise_parts(
        self,
        limit: int | None,
        hint: bool = True,
        others: bool | str = True,
        printed: bool = True,
        short_mistake: bool = False,
    ) -> Iterator[Text]:
        g = self.grade_of(self.focus)
        yield self.header(g)
        yield Text()
        limit = UNLIMITED if limit is None else limit
        yield from self.verdict(g, limit, others, printed, short_mistake)
        if hint:
            yield from self.hint_lines()

    def hint_lines(self, blank: bool = True) -> list[Text]:
        """The hint revealed, after a blank line if `blank`; none once the
        exercise is done: a hint belongs to a failure, and it comes back
        with one; none while its file is gone: a hint on code that is not
        there would hide the way back to it (`reset`)."""
        if not self.hint or self.grade_of(self.focus).status == DONE:
            return []
        if self.file_gone():
            return []
        hint = self.hint_filled(Text(self.hint, style="cyan"))
        return [*([Text()] if blank else []), hint]

    def hint_cut(self, hint: Text, rows: int) -> list[Text]:
        """The first of `rows` of the `hint`, as broken for the terminal,
        the last ending in an ellipsis and what shows the hint whole when
        it lost rows (see `hint_ended`)."""
        lines = list(hint.split("\n", allow_blank=True))
        if len(lines) <= rows:
            return [hint]
        # Its first row starts with its label ("Hint 1 of 4: "), which says
        # nothing of the hint itself.
        label = hint.plain[: hint.plain.find(": ") + 2] if rows == 1 else ""
        ended = self.hint_ended(lines[rows - 1].plain, label)
        return [*lines[: rows - 1], Text(ended, style=hint.style)]

    def hint_ended(self, row: str, label: str = "") -> str:
        """`row`, the last kept of a hint cut short, ending in an ellipsis
        and in the shortest note that fits with its first words, or in
        the row alone: which command shows the hint whole, and no hint
        more. The watch has no key for it (`h` shows the next), and a hint
        cut with nothing said would read as the hint. Only the ellipsis on
        a terminal too narrow for any. A hint cut to its first row, which
        starts with its `label` ("Hint 1 of 4: "), keeps words of its text
        with the shortest note rather than its label alone, and that
        rather than an ellipsis alone, which would say that a hint was
        there and nothing of it; where no note leaves room for words, the
        note alone says it."""
        width, mark = self.out.width - 1, self.ellipsis()
        names = {"prog": self.prog, "name": self.focus.name}
        notes = [
            _("[`{prog} hint --seen {name}` shows it whole]", **names),
            _("[whole: `{prog} hint --seen {name}`]", **names),
            _("[whole: `hint --seen {name}`]", name=self.focus.name),
        ]
        indent = row[: len(row) - len(row.lstrip())]
        if not (label and row.startswith(label)):
            # A later row: the rows above it say what the hint is about.
            for note in notes:
                words = self.hint_words(row, note)
                if words:
                    return f"{words} {note}"
                if i18n.width(f"{indent}{mark} {note}") <= width:
                    return f"{indent}{mark} {note}"
            return _ended(row, width, mark)
        for past in (label, ""):
            for note in notes:
                words = self.hint_words(row, note, past)
                if words:
                    return f"{words} {note}"
        for note in notes:
            if i18n.width(f"{indent}{note}") <= width:
                return f"{indent}{note}"
        return _ended(row, width, mark)

    def hint_words(self, row: str, note: str, past: str = "") -> str:
        """The first words of a hint's `row`, cut between words and ended
        in an ellipsis, that leave room for ` note`; '' where those past
        `past` (the hint's label, which the row starts with) are too few:
        a word or two alone would say nothing."""
        width, mark = self.out.width - 1, self.ellipsis()
        left = width - i18n.width(f" {note}")
        indent = row[: len(row) - len(row.lstrip())]
        if left - i18n.width(indent) < HINT_WORDS_COLUMNS:
            return ""
        words = _between_words(row, left, mark) or ""
        kept = words.removesuffix(mark).strip()
        if not kept.startswith(past.strip()):
            return ""
        said = i18n.width(kept[len(past.strip()) :].strip())
        return words if said >= HINT_WORDS_COLUMNS // 2 else ""

    def hint_filled(self, hint: Text) -> Text:
        """The `hint` broken to fit the terminal: its later lines under the
        start of its text after its label ("Hint 1 of 4: ", or a long one,
        "ヒント 4/4(これが最後のヒントです): "), unless that leaves the text
        fewer than HINT_COLUMNS columns; then as one paragraph, label and
        all, its later lines HINT_INDENT columns in, as a likely mistake's
        are under its label: code and words squeezed into a narrow column
        would break where they should not, and one at the first column
        would read as a line of its own. Off a terminal, broken at
        PROSE_WIDTH, as `hint` prints it: the only prose plain output
        wraps."""
        columns = min(self.out.width - 1, PROSE_COLUMNS)  # see `wrapped`
        if not self.out.is_terminal:
            columns = PROSE_WIDTH
        # The label ends at the first ": " ("Hint 1 of 4: ", "ヒント 1/4: ").
        label = hint.plain[: hint.plain.find(": ") + 2]
        hang = i18n.width(label)
        if len(label) < 2 or columns - hang < HINT_COLUMNS:
            hang = HINT_INDENT
        return Text(i18n.fill(hint.plain, columns, indent=hang), style=hint.style)

    def header(self, g: Grade) -> Text:
        """The exercise's line: number, name and title, status, and tests
        passed. On a terminal too narrow for it, it breaks between these
        parts only, never inside one (a status, "3/11 tests"), its later
        rows under the name."""
        exercise = g.exercise
        counts = _("  {passed}/{total} tests", passed=g.passed, total=g.total)
        parts = [
            Text(f"{exercise.number}. {exercise.name}: {i18n.title(exercise)}"),
            Text(i18n.status(g.status), style=STATUS_STYLES.get(g.status, "")),
            Text(counts.strip()),
        ]
        if self.before_save and exercise.name in self.saving:
            parts.insert(2, Text(_("(before this save)"), style="yellow"))
        columns = self.out.width - 1 if self.out.is_terminal else UNLIMITED
        margin = " " * i18n.width(f"{exercise.number}. ")
        return header_rows(parts, columns, margin)

    def summary_lines(self, limit: int | None) -> list[Text]:
        """The whole grade, as the grader prints it, its failure's message
        in at most `limit` lines (None: in full); once every exercise is
        done, what is left to do."""
        book = self.book()
        answers = (self.project.root / "solutions").is_dir()

        def report(screen: Screen) -> None:
            if limit is not None:
                # The report's failure shortened as on the exercise's screen.
                def shortened(message: str) -> str:
                    ellipsis = self.ellipsis()
                    return _fitted(aligned(message), limit, "", ellipsis=ellipsis)

                screen.failure_message = shortened
            # No heading of its own: the top line says what the screen is.
            help_is = self.where_help_is()
            screen.gradebook(book, self.prog, help_is, answers=answers, heading=False)

        lines = self.drawn(report)
        if not book.all_done or (self.keys_ended and self.notice):
            return lines  # the notice below says how to quit, once is enough
        if self.keys_ended:
            line = _("Saves are still graded here; Ctrl+C quits.")
        else:
            line = _("Saves are still graded here; q quits.")
        lines.append(self.wrapped(Text(f"- {line}")))
        return lines

    def listing_lines(self) -> list[Text]:
        """The list of exercises, a row each: without their titles on a
        terminal too narrow for a row to hold its title whole."""
        book = self.book()
        lines = self.drawn(lambda screen: screen.listing(book))
        # A title, or a status, broken over rows: the table takes more rows
        # than its head (two) and its rows; a head that reaches the last
        # column is broken for the terminal too (see `wrapped`).
        if sum(map(_text_rows, lines)) > len(book.grades) + 2:
            lines = self.drawn(lambda screen: screen.listing(book, titles=False))
        return lines

    def drawn(self, draw) -> list[Text]:
        """What `draw(screen)` prints through a `Screen`, as lines; on a
        terminal, with the lines it leaves to the terminal to wrap (its
        sentences, a failure's lines) broken between words, as on the
        exercise's screen (see `wrapped`)."""
        drawn = Console(
            file=_Drawing(self.out.encoding),
            width=self.out.width,
            force_terminal=self.out.is_terminal,
            color_system=self.out.color_system,
            no_color=self.out.no_color,
            markup=False,
            highlight=False,
            emoji=False,
        )
        screen = copy.copy(self.screen)
        screen.out = drawn
        draw(screen)
        text = drawn.file.getvalue().removesuffix("\n")
        lines = Text.from_ansi(text).split("\n", allow_blank=True)
        return [self.wrapped(line) for line in lines]

    def where_help_is(self) -> Text | None:
        """Under the report, the keys that help with the exercise in focus;
        None once keys are no longer read (the commands are given then)."""
        if self.keys_ended:
            return None
        name = self.focus.name
        shown = self.book().next_up
        if self.grade_of(self.focus).status == DONE:
            line = _(
                "b goes back to {name}; n moves on to the next exercise.", name=name
            )
        elif shown is not None and shown.name != name:
            # Under another exercise's failure, "a hint" would read as one
            # for that failure: `h` gives one for the exercise in focus.
            line = _(
                "Press h for a hint on {name}, the exercise you were on; "
                "b goes back to it.",
                name=name,
            )
        else:
            line = _(
                "Stuck? Press h for a hint on {name}; b goes back to it.", name=name
            )
        return Text(line, style="cyan")

    def bottom_lines(self, compact: bool = False) -> Iterator[Text]:
        """The lines under the middle of the screen, the line of keys last;
        when `compact`, without blank lines nor the one that says how saves
        are noticed, for a screen too short for what it shows."""
        if self.notice:
            if not compact:
                yield Text()
            yield self.prose(Text(self.notice, style="yellow"))
        if not compact:
            yield Text()
        if self.before_save:
            yield self.grading_now()
        elif self.note and not compact:
            yield Text(self.note, style="dim")
        # `b` goes back to an exercise that was on screen (see `back_to`).
        seen = self.focus.name in self.shown
        if self.keys_ended:
            keys = NO_KEYS_LINE
        elif self.view == EXERCISE and self.all_done():
            keys = ALL_DONE_EXERCISE_KEYS_LINE
        elif self.view == EXERCISE and self.grade_of(self.focus).status == DONE:
            keys = DONE_EXERCISE_KEYS_LINE
        elif self.view == EXERCISE and self.file_gone():
            keys = DONE_EXERCISE_KEYS_LINE  # the same keys: no hint to give
        elif self.view == EXERCISE:
            keys = KEYS_LINE
        elif self.all_done() and self.view == LISTING:
            keys = DONE_LISTING_KEYS_LINE if seen else ALL_DONE_EXERCISE_KEYS_LINE
        elif self.all_done():
            keys = DONE_KEYS_LINE if seen else DONE_UNSEEN_KEYS_LINE
        elif self.file_gone():
            keys = NO_FILE_TABLE_KEYS_LINE
        else:
            keys = TABLE_KEYS_LINE
        line = _(keys)
        if self.keys_piped() and not self.keys_ended:
            line = _(PIPED_KEYS, keys=line)
        if self.out.is_terminal:
            line = keys_wrapped(line, self.out.width - 1)  # see `wrapped`
        yield Text(line, style="dim")

    def file_gone(self) -> bool:
        """Whether the file of the exercise in focus is missing: `h` then
        gives no hint (see `reveal_hint`)."""
        return not (self.project.root / self.target / f"{self.focus.name}.py").exists()

    def grading_now(self) -> Text:
        """The line in place of the one that says the watch waits for saves
        (and of the grade's headline: what is graded is said once, here),
        while a save is graded: which files are, and what the screen shows
        meanwhile. On a terminal too narrow for it on one row, the files
        are named without their folder, then each sentence takes a row of
        its own; the ellipsis that says the grade goes on always stays
        beside the files' names."""
        saved = [f"{name}.py" for name in self.saving_files]
        paths = i18n.listed(f"{self.target}/{file}" for file in saved)
        grading = [
            _("Now grading {paths} ...", paths=paths),
            _("Now grading {paths} ...", paths=i18n.listed(saved)),
        ]
        # The list and the report show every exercise's grade, the saved
        # one's among them; the exercise screen, only its own.
        if self.view != EXERCISE or self.focus.name in self.saving:
            said = [[_(BEFORE_SAVE_SHOWN_LINE)], grading]
        else:
            # What is shown was not saved: the screen is only out of date.
            said = [grading, [_(RESULT_TO_COME_LINE)]]
        width = min(self.out.width - 1, PROSE_COLUMNS) if self.out.is_terminal else None
        return Text(_sentences_laid_out(said, width), style="yellow")

    def verdict(
        self,
        g: Grade,
        limit: int = UNLIMITED,
        others: bool | str = True,
        printed: bool = True,
        short_mistake: bool = False,
    ) -> Iterator[Text]:
        """What to do about the exercise in focus, its failure's message in
        at most `limit` lines; with `others`, how many more tests fail and
        what shows them (COUNT_ONLY: how many, alone); with `printed`, what
        the code printed during the test; with `short_mistake`, its likely
        mistake giving way to its first sentence early (see `_fitted`)."""
        name = g.exercise.name
        if g.status == DONE:
            yield Text(_("Every test passes."), style="green")
            if printed_output(g):
                source = self.project.root / self.target / f"{name}.py"
                for line in printed_note(g, source).splitlines():
                    yield Text(line, style="dim")
            if not self.all_done():
                yield Text(_("Press n for the next exercise."))
            else:
                count = len(self.project.exercises)
                line = _(
                    "All {count} exercises are done: press n for what to do next.",
                    count=count,
                )
                yield Text(line)
            return
        if g.status == NOT_STARTED:
            yield self.prose(
                Text(
                    _(
                        "Open {target}/{name}.py, read the docstring, and replace "
                        "`raise NotImplementedError(...)` with your code.",
                        target=self.target,
                        name=name,
                        prog=self.prog,
                    )
                )
            )
            return
        error = exercise_error(g)
        if error and limit < UNLIMITED and self.out.is_terminal:
            error = self.error_fitted(error, limit)
        if error:
            yield Text(i18n.failure(aligned(error)), style="red")
        shown = explained(g)
        failure = most_telling(shown)
        if failure is not None:
            mark = failed_mark(self.out.encoding)
            ellipsis = self.ellipsis()
            # Off a terminal, lines are as long as they are: none is broken.
            width = self.out.width - 1 if self.out.is_terminal else None
            yield failed_line(mark, failure.name, width)
            message = aligned(failure.message)
            # The learner who asked for a hint works on the change to make:
            # the likely mistake, beside the hint, outlasts the statement.
            asked = name in self.hints_asked and bool(self.hint)
            yield Text(
                _fitted(
                    message,
                    limit,
                    "    ",
                    width,
                    ellipsis,
                    mistake_first=asked,
                    short_mistake=short_mistake,
                )
            )
            if failure.output.strip() and printed:
                yield Text(output_label(failure.output), style="dim")
                output = "\n".join(map(_note_translated, failure.output.splitlines()))
                yield Text(_cut(output, OUTPUT_LINES, "    | "))
            if len(shown) > 1 and others:
                yield self.others_line(g, with_command=others != COUNT_ONLY)
        note = not_run_note(g)
        if note:
            yield self.prose(Text(note))

    def error_fitted(self, error: str, limit: int) -> str:
        """The exercise's `error`, whole where its rows on the terminal are
        at most `limit`; else with the names of the tests that were running
        given way (see `names_given_way`), as few as bring it down to
        `limit` rows. The loop's lines and where it stopped say what to
        change; the names of the tests that ran into it do not."""
        for told in names_given_way(error):
            if self.rows([self.wrapped(Text(i18n.failure(aligned(told))))]) <= limit:
                return told
        return told

    def others_line(self, g: Grade, with_command: bool = True) -> Text:
        """The line that counts the failing tests of `g` beyond the one
        shown, `with_command` that shows them all."""
        count = len(explained(g)) - 1
        if not with_command:
            line = _("{count} more failing.", count=count)
        else:
            line = _(
                "{count} more failing; `{prog} check {name}` shows them all.",
                count=count,
                prog=self.prog,
                name=g.exercise.name,
            )
        return self.phrases(Text(line, style="dim"))


def names_given_way(error: str) -> list[str]:
    """A run's `error`, then with the names of the tests that were running
    gone from the rows of the lines they were stopped at (the sentence
    still names them), then from its sentence too, which says that both
    stopped where it named both."""
    rows = _STOPPED_IN.sub(r"\1:", error)
    first, *rest = rows.split("\n")
    first = _RUNNING_IN.sub("", _BOTH_NAMED.sub(BOTH_UNNAMED, first))
    return [error, rows, "\n".join([first, *rest])]


def _sentences_laid_out(sentences: list[list[str]], width: int | None) -> str:
    """`sentences`, each given in its ways of saying it from the longest,
    laid out in `width` columns (None: no limit): on one row if they fit
    there, in their longest ways that do; else a row to each sentence if
    each fits on its row; else each broken between words, in its shortest
    way, on rows of its own. An ellipsis that ends a sentence never stands
    alone on a row: it stays with the word before it."""
    # Try after try, each sentence in its next way, or its last once it
    # has no other.
    count = max(map(len, sentences))
    tries = [[ways[min(i, len(ways) - 1)] for ways in sentences] for i in range(count)]
    if width is None:
        return _joined(tries[0])
    for said in tries:
        if i18n.width(_joined(said)) <= width:
            return _joined(said)
    for said in tries:
        if all(i18n.width(sentence) <= width for sentence in said):
            return "\n".join(said)
    return "\n".join(_filled(sentence, width) for sentence in tries[-1])


def _widow_taken_in(rows: list[str], width: int) -> list[str]:
    """`rows` of English broken to fit `width` columns, but a last row of
    one word ("quits)") given the word before it, from a row above that
    keeps two at least: a word alone on the last row reads as left over.
    Japanese is left as it is: `i18n.fill` sees to its last row."""
    if len(rows) < 2 or any(i18n.width(c) == 2 for c in rows[-2] + rows[-1]):
        return rows
    above, last = rows[-2].rstrip(), rows[-1]
    word = last.strip()
    if " " in word or len(above.split()) < 3:
        return rows
    kept, moved = above.rsplit(" ", 1)
    row = last[: len(last) - len(last.lstrip())] + f"{moved} {word}"
    if i18n.width(row) > width:
        return rows
    return [*rows[:-2], kept.rstrip(), row]


def _joined(sentences) -> str:
    """`sentences` one after the other, a space between two where English
    puts one; none after a Japanese full stop, nor after the ellipsis
    that ends a Japanese sentence ("採点しています…")."""
    text = ""
    for sentence in sentences:
        wide = i18n.width(text.rstrip("…")[-1:]) == 2
        text = f"{text}{sentence}" if wide or not text else f"{text} {sentence}"
    return text


def _filled(sentence: str, width: int) -> str:
    """`sentence` broken between words to fit `width` columns, the
    ellipsis it may end with kept beside the word before it."""
    body, ellipsis = sentence, ""
    if sentence.endswith((" ...", "…")):
        ellipsis = " ..." if sentence.endswith(" ...") else "…"
        body = sentence.removesuffix(ellipsis)
    return i18n.fill(body, width - i18n.width(ellipsis)) + ellipsis


def _rule(line: str) -> bool:
    """Whether `line` is the rule under a table's head: dashes alone."""
    return bool(line.strip()) and not line.strip(" ─-")


def _heading(line: str) -> bool:
    """Whether `line` is a heading of what follows it: it stands at the
    start of its row and ends with a colon ("What next:")."""
    text = line.rstrip()
    return text[:1].strip() != "" and text.endswith((":", "："))


def _says(line: Text, sentence: str) -> bool:
    """Whether `line` holds `sentence`, however it was broken to fit."""
    return "".join(sentence.split()) in "".join(line.plain.split())


def _lines_saying(lines: list[Text], sentence: str, first: int) -> tuple | None:
    """Where in `lines`, from `first` on, `sentence` is said: the start and
    the end of the fewest lines that hold it, as a line too wide for the
    terminal is broken into several; None if none do."""
    for end in range(first + 1, len(lines) + 1):
        if _says(Text("\n").join(lines[first:end]), sentence):
            start = end - 1
            while not _says(Text("\n").join(lines[start:end]), sentence):
                start -= 1
            return start, end
    return None


def _paragraphs(lines: list[Text]) -> list[list[Text]]:
    """`lines` in paragraphs: each starts with a line that starts at the
    first column (an item "- ...", a heading); the lines under it, which
    start further in, go on with it."""
    paragraphs: list[list[Text]] = []
    for line in lines:
        if paragraphs and line.plain[:1] == " ":
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def _table_row(line: str, names: set[str]) -> bool:
    """Whether `line` is the row of an exercise (one of `names`) in the
    report's table: its number, then its name."""
    words = line.split()
    return len(words) >= 2 and words[0].isdigit() and words[1] in names


def _table_spans(lines: list[Text], names: set[str]) -> list[tuple[int, int]]:
    """Where the row of each exercise (one of `names`) of the report's
    table is in `lines`: its first line and the line after its last. On a
    terminal too narrow for the table, a row goes on in the lines under
    it that start further in, and gives way with them; the rows after the
    first start with the next numbers, their names maybe broken too."""
    first = next((i for i, x in enumerate(lines) if _table_row(x.plain, names)), None)
    if first is None:
        return []
    number = int(lines[first].plain.split()[0])
    spans = [(first, first + 1)]
    for index in range(first + 1, len(lines)):
        line = lines[index].plain
        start, end = spans[-1]
        if end < index or not line.strip():
            break
        if line.split()[0] == str(number + len(spans)) and len(spans) < len(names):
            spans.append((index, index + 1))
        elif line[:1] == " ":
            spans[-1] = (start, index + 1)
    return spans


def _as_keys(typed: str) -> str:
    """`typed` as the keys of the watch it may stand for: full-width
    letters (ｑ, as a Japanese input method types q) as plain ones, and
    in lower case."""
    return unicodedata.normalize("NFKC", typed).lower()


def _not_a_key(typed: str) -> str:
    """The note for `typed`, which is no key of the watch; for a letter
    no keyboard types without an input method, with a guess at why."""
    if _as_keys(typed).isascii():
        return _("{key} is not a key of the watch", key=typed)
    return _("{key} is not a key of the watch: is an input method on?", key=typed)


def _not_keys(line: str) -> str:
    """The note for a piped `line` of several characters that are not all
    keys of the watch ("hello"); for letters no keyboard types without an
    input method, with a guess at why."""
    if _as_keys(line).isascii():
        return _("not a key: {line}", line=line)
    return _("not a key: {line}; is an input method on?", line=line)


def _note_translated(line: str) -> str:
    """A line of the learner's output as it is, but for the runner's note
    of the lines it cut, which is the grader's and speaks its language."""
    return i18n.failure(line) if lines_cut(line) is not None else line


# The labels of a failure message whose values are the input that showed
# the failure (the call and its arguments, an argument before and after
# the call), laid out a row to a line. Their later rows are what a message
# too long to show is cut first; the call's first row, which reproduces
# the failure, goes last (see GIVING_WAY).
INPUT_LABELS = ("call", "before", "after")
# The argument a call changed in place, before and after the call: shown
# together or not at all.
CHANGED_LABELS = ("before", "after")
# A line that starts an entry of an input's value: `  b2 = [...]`.
ENTRY = re.compile(r"^\s+(\w+)\s*= ")


def keys_wrapped(line: str, width: int) -> str:
    """A line of keys ("keys: h hint | n next exercise | ...") broken to
    fit `width` columns between two keys only, never inside one; its later
    lines stand under the first key."""
    if i18n.width(line) <= width:
        return line
    head, colon, keys = line.partition(": ")
    label = head + colon if colon else ""
    keys = keys if colon else line
    rows, row = [], label
    indent = " " * i18n.width(label)
    for key in keys.split(KEYS_SEPARATOR):
        if row == label:
            row += key  # the first key follows the label, whatever its width
        elif i18n.width(row + KEYS_SEPARATOR + key) <= width:
            row += KEYS_SEPARATOR + key
        else:
            rows.append(row)
            row = indent + key
    # A key too wide for its row ("the others act once it ends") is broken
    # between words, under itself, rather than by the terminal at the edge.
    rows = [*rows, row]
    return "\n".join(part for row in rows for part in _key_rows(row, width))


def _key_rows(row: str, width: int) -> list[str]:
    """A `row` of `keys_wrapped`, broken between words to fit `width`
    columns, its later rows under its first word after the label."""
    if i18n.width(row) <= width:
        return [row]
    body = row.lstrip(" ")
    start = len(row) - len(body)
    head, colon, rest = body.partition(": ")
    if start == 0 and colon:
        start, body = i18n.width(head + colon), rest
        lead = head + colon
    else:
        lead = " " * start
    if width - start < width // 3:
        # Too little room beside the label: the keys go under it, less
        # indented, and the label stays alone on its row.
        above = [lead.rstrip()] if lead.strip() else []
        filled = i18n.fill(body, width - 2).split("\n")
        return [*above, *("  " + part for part in filled)]
    filled = i18n.fill(body, width - start).split("\n")
    return [lead + filled[0], *(" " * start + part for part in filled[1:])]


def _text_rows(text: Text) -> int:
    """The rows of `text`, broken to fit the terminal already."""
    return text.plain.count("\n") + 1


def _ellipsis(encoding: str) -> str:
    """The ellipsis a line cut short ends with, in `encoding`."""
    try:
        "…".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return "..."
    return "…"


class _Drawing(io.StringIO):
    """Text drawn for the screen before it is shown, which says the
    screen's encoding: the marks and bars drawn depend on it."""

    def __init__(self, encoding: str):
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:
        return self._encoding


def _fitted(
    message: str,
    limit: int,
    prefix: str,
    width: int | None = None,
    ellipsis: str = "…",
    mistake_first: bool = False,
    short_mistake: bool = False,
) -> str:
    """A failure `message` (as the tests write it) in the current language,
    in at most `limit` rows, each after `prefix`; with a `width`, its lines
    are broken to fit that many columns first, and rows are counted as
    broken.

    A message too long gives way in steps, each only as far as needed:

    1. the input: a call laid out an argument to a row keeps each
       argument's first row (a call that raised too), the last argument
       losing its later rows first, a dict showing where it ends, and so
       does a call's named entries (`x = ...` over `w1 = ...`), each
       ended by `ellipsis` once it lost rows; any other input (the
       arguments before and after the call) keeps its first rows and
       says how many it lost; named entries still too long then hide
       behind a note of their rows, the one the likely mistake names
       kept in sight;
    2. what was expected and what came back (and any other value) give
       way alike, row for row, the longer first, down to their first row:
       each that lost rows keeps as many as the others, and the note that
       counts them, which takes a row, on each side alike;
    3. the statement of what went wrong keeps its first rows, cut where
       a row broke or after a clause (see `_clause_end`) and ended in
       `ellipsis` (but a call that raised keeps its arguments' first rows);
    4. where, then the call (a call that raised too), keep their first
       row (where: its file and line, whole, on as many rows as they take;
       a call's named entries: those hidden counted in a note, the
       one the likely mistake names kept in sight); of a statement that
       names the call that raised, the call's input goes whole first,
       and where keeps its first rows, the last ended by `ellipsis`
       (in place of the ":" of its place, where it fits only so); a call
       left with its label alone goes whole;
    5. then parts go whole: the values, then what came back, where and
       the call; then the statement is cut to its first row (a call that
       raised: to its call's first row and its exception, then to its
       exception alone; with `mistake_first`, its first row, ended by
       `ellipsis`). With `mistake_first` (beside a hint asked
       for), or before an argument changed in place would go whole (see
       `_value_goes`), the likely mistake first loses its rows after
       its first sentence, as far as needed (see
       `_Fitting.mistake_to_first_sentence`); before what came back goes,
       it loses its rows after its first row, if that keeps what came
       back (see `_Fitting.mistake_for_actual`). With `short_mistake`
       (a screen that would lose the count of the other failures for
       the mistake's later sentences), in step 4 already, in place of a
       call that raised going whole: that call then keeps its first rows
       as any call does, and where its line of code.

    Where whose code takes one row under its file and line (however many
    rows they take: a narrow terminal breaks them; but of a
    call that raised) keeps that row until the values went whole (step
    5); then, if that is enough to keep it, the likely mistake loses its
    later rows, its last row kept ended by `ellipsis` (see
    `_Fitting.keep_code`): the learner's own line says more than the
    general advice that ends a mistake, beside a hint asked for too.

    The likely mistake stays whole otherwise (beside a hint asked for,
    or an argument changed in place it gave way to, its first sentence).
    When `limit` is fewer than
    its rows and the statement's fewest, it goes but for its first rows,
    the last ended by `ellipsis` (on two rows or more), and the rest of
    the message gives way as above in the rows above it (the statement's
    later rows before what came back), the mistake taking the rows it
    leaves: the mistake's first row says where to look for the change.
    With `mistake_first`, the
    statement gives way first, down to its first row ended by `ellipsis`,
    and the likely mistake keeps the rows left under it, at least its
    first, its last ended by `ellipsis` (see `_mistake_beside_statement`);
    on one row, the statement alone. A message with no likely mistake
    that still does not fit loses its last rows, for a note of how many."""
    fitting = _Fitting(message, limit, prefix, width, ellipsis)
    fitting.hinted = mistake_first
    if fitting.excess <= 0:
        return "\n".join("\n".join(block) for block in fitting.rows)
    fitting.shorten_input()
    fitting.hide_entries()
    fitting.shorten_values()
    fitting.shorten_statement()
    fitting.shorten_where_and_call(short_mistake)
    fitting.shorten_raised()
    fitting.drop_whole_parts(mistake_first or short_mistake)
    mistake = [label == "likely mistake" for label, _lines in fitting.blocks]
    if fitting.excess > 0 and any(mistake):
        rest = [
            line
            for (_label, lines), gone in zip(fitting.blocks, mistake, strict=True)
            if not gone
            for line in lines
        ]
        if mistake_first and limit >= 2:
            shown = _mistake_beside_statement(fitting, limit, ellipsis)
            if shown is not None:
                return shown
        if mistake_first or limit < 2:
            return _statement_first(rest, limit, prefix, width, ellipsis)
        # The mistake's first row stays, under what is left of the rest: it
        # begins to say what to change, which no later row of the rest does.
        # The rest gives way in its own order (the statement's later rows
        # before what came back), and the mistake takes the rows it leaves.
        least = _statement_rows(message, prefix, width)
        shown = _fitted("\n".join(rest), max(limit - 1, least), prefix, width, ellipsis)
        kept = shown.split("\n")[: limit - 1]
        if len(kept) < len(shown.split("\n")):
            kept[-1] = _ended(kept[-1], width, ellipsis)
        whole = fitting.whole[mistake.index(True)]
        first = _clause_end(whole[: max(1, limit - len(kept))])
        if len(first) < len(whole):
            first[-1] = _ended(first[-1], width, ellipsis)
        return "\n".join([*kept, *first])
    return "\n".join(
        _last_rows_cut([r for block in fitting.rows for r in block], limit)
    )


def _mistake_beside_statement(
    fitting: "_Fitting", limit: int, ellipsis: str
) -> str | None:
    """Beside a hint asked for, a failure whose likely mistake alone does
    not fit its `limit` rows: the statement's least (its first row, ended
    by `ellipsis` when cut; see `_statement_least`), then the mistake's
    first rows in the rest, the last ended by `ellipsis`. The statement
    says what failed, the mistake begins to say what to change beside
    the hint; None when the statement's least leaves the mistake no row."""
    blocks = _message_blocks(fitting.message.rstrip().splitlines())
    rows = _block_rows(blocks, fitting.prefix, fitting.width)
    labels = [label for label, _lines in blocks]
    mistake = rows[labels.index("likely mistake")]
    statement: list[str] = []
    if labels[0] is None:
        statement = _statement_least(rows[0])
        if len(statement) < len(rows[0]) and not _raised_at(rows[0]):
            statement[-1] = _ended(statement[-1], fitting.width, ellipsis)
    keep = limit - len(statement)
    if keep < 1:
        return None
    kept = mistake[:keep]
    if keep < len(mistake):
        kept = _clause_end(kept)
        kept[-1] = _ended(kept[-1], fitting.width, ellipsis)
    return "\n".join([*statement, *kept])


def _statement_first(
    lines: list[str], limit: int, prefix: str, width: int | None, ellipsis: str
) -> str:
    """The `lines` of a failure message without its likely mistake, in at
    most `limit` rows as `_fitted` lays them out, its statement first: the
    statement whole, when it fits, and the other parts in the rows it
    leaves; else the statement alone, shortened. On a screen too small for
    the mistake, what failed is what the learner must read first."""
    blocks = _message_blocks(lines)
    if len(blocks) < 2 or blocks[0][0] is not None:
        return _fitted("\n".join(lines), limit, prefix, width, ellipsis)
    statement = "\n".join(blocks[0][1])
    shown = _fitted(statement, UNLIMITED, prefix, width, ellipsis).split("\n")
    if len(shown) >= limit:
        return _fitted(statement, limit, prefix, width, ellipsis)
    left = limit - len(shown)
    others = "\n".join(line for _label, rows in blocks[1:] for line in rows)
    rest = _fitted(others, left, prefix, width, ellipsis)
    if _raised_at(shown) and len(rest.splitlines()) < len(others.splitlines()):
        # The statement names the call that raised: where it raised says
        # more than the call's input (see `_Fitting.shorten_where_and_call`).
        others = "\n".join(
            line for label, rows in blocks[1:] if label != "call" for line in rows
        )
        rest = _fitted(others, left, prefix, width, ellipsis)
    return "\n".join([*shown, *([rest] if rest else [])])


class _Fitting:
    """The blocks of one failure message and their rows as they give way,
    step by step, until the message fits its rows (see `_fitted`)."""

    def __init__(
        self, message: str, limit: int, prefix: str, width: int | None, ellipsis: str
    ) -> None:
        self.message, self.prefix = message, prefix
        self.blocks = _message_blocks(message.rstrip().splitlines())
        self.rows = _block_rows(self.blocks, prefix, width)
        # The rows as the check lays them out, which a note of rows hidden
        # counts (see `hide_entries`).
        self.whole = [list(rows) for rows in self.rows]
        self.excess = sum(map(len, self.rows)) - limit
        self.width = width
        self.ellipsis = ellipsis
        # What the message says went wrong, beyond its statement: the likely
        # mistake first, which may name a value of the input ("b1 was made a
        # column"), before the other values and the code where it went wrong,
        # which may name others in passing.
        self.said = " ".join(
            line
            for label, lines in sorted(
                self.blocks, key=lambda b: b[0] != "likely mistake"
            )
            if label is not None and label not in INPUT_LABELS
            for line in lines
        )
        self.by_arguments: set[int] = set()
        # The where whose line of code is spared until step 5, if any.
        self.code_row: int | None = None
        self.raised = any(
            label is None and _raised_at(rows)
            for (label, _lines), rows in zip(self.blocks, self.rows, strict=True)
        )
        # Beside a hint asked for (see `english`).
        self.hinted = False

    def english(self, mistake: list[int]) -> list[str] | None:
        """The English lines of the likely mistake (of the blocks
        `mistake`, one or none), which say where its first sentence ends
        beside a hint asked for (see `_first_sentence_rows`); None
        elsewhere: there, the count of the other failures and the call
        outlast a translation's later sentences."""
        return self.blocks[mistake[0]][1] if mistake and self.hinted else None

    def give_way(self, index: int, kept: list[str]) -> None:
        """Block `index` keeps only the rows `kept`; a call kept down to its
        label goes whole (see `_label_alone`)."""
        if self.blocks[index][0] == "call" and _label_alone(kept, self.ellipsis):
            kept = []
        self.excess -= len(self.rows[index]) - len(kept)
        self.rows[index] = kept

    def ranked(self, rank: int) -> list[int]:
        """The blocks of `rank` in `_cut_order`, in the order they give way."""
        order = sorted(
            range(len(self.blocks)),
            key=lambda i: _cut_order(self.blocks, i, self.rows),
        )
        return [i for i in order if _cut_order(self.blocks, i, self.rows)[0] == rank]

    def shortened(self, index: int, whole_words: bool) -> list[str]:
        """Block `index` shortened by the rows still in excess."""
        return _shortened(
            self.rows[index],
            self.excess,
            self.said,
            whole_words,
            self.width,
            self.ellipsis,
        )

    def shorten_input(self) -> None:
        """Step 1: the input, and the call of a statement that tells it
        raised."""
        changed = [i for i in self.ranked(0) if self.blocks[i][0] in CHANGED_LABELS]
        for index in self.ranked(0):
            if self.excess > 0 and index in changed:
                # The argument before the call and after it give way alike,
                # row for row: cut unequally, they no longer line up.
                if index == changed[0]:
                    self.shorten_alike(changed)
            elif self.excess > 0:
                rows = self.rows[index]
                kept = _to_arguments(rows, self.excess, self.width, self.ellipsis)
                if kept is None:
                    kept = _to_entries(rows, self.excess, self.width, self.ellipsis)
                if kept is None:
                    kept = self.shortened(index, False)
                self.give_way(index, kept)
        for index, block in enumerate(self.blocks):
            raised = block[0] is None and _raised_at(self.rows[index])
            if self.excess > 0 and raised:
                kept = _to_arguments(
                    self.rows[index], self.excess, self.width, self.ellipsis
                )
                if kept is not None:
                    self.give_way(index, kept)

    def shorten_alike(self, values: list[int]) -> None:
        """The blocks `values` give way alike, row for row (see `_alike`)."""
        alike = _alike(
            self.rows, values, self.excess, self.said, self.width, self.ellipsis
        )
        for index, kept in alike.items():
            self.give_way(index, kept)

    def hide_entries(self) -> None:
        """Step 1, on: a call's named entries (`x = ...` over `w1 = ...`)
        still too long hide behind a note of their rows, the entry the
        likely mistake names kept in sight, before the values and the
        statement lose any row: what came back ("shapes (2,3) (5,)") and
        the statement say what went wrong, rows of numbers do not."""
        for index, (label, _lines) in enumerate(self.blocks):
            rows = self.rows[index]
            entries = [i for i, row in enumerate(rows) if i and ENTRY.match(row)]
            if self.excess > 0 and label == "call" and len(entries) >= 2:
                # The call's first row, a note and a named entry stay. The
                # entries were cut to their first rows: the note counts the
                # rows they had.
                excess = min(self.excess, len(rows) - 3)
                whole = self.whole[index]
                self.give_way(index, self.shortened_by(index, excess, whole))

    def shortened_by(
        self, index: int, excess: int, whole: list[str] | None = None
    ) -> list[str]:
        """Block `index`, a value, shortened by `excess` rows (see
        `_shortened`, `whole`)."""
        return _shortened(
            self.rows[index],
            excess,
            self.said,
            False,
            self.width,
            self.ellipsis,
            whole,
        )

    def shorten_statement(self) -> None:
        """Step 3: the statement; but a call that raised laid out by
        arguments keeps them as the call does, until step 4."""
        self.by_arguments = {
            i for i, rows in enumerate(self.rows) if _argument_starts(rows)
        }
        for index in self.ranked(1):
            if self.excess > 0 and index not in self.by_arguments:
                self.give_way(index, self.shortened(index, True))

    def shorten_values(self) -> None:
        """Step 2: the values, alike: the statement says what went wrong,
        and its words outlast the later rows of the values."""
        values = [
            *self.ranked(2),
            *(i for i, b in enumerate(self.blocks) if b[0] == "actual"),
        ]
        if self.raised_actual() is not None:
            # An exception that came back ("shapes (2,3) (5,)") says what
            # went wrong: it outlasts where's later rows (step 4).
            return
        self.shorten_alike(values)

    def raised_actual(self) -> int | None:
        """The index of what came back when it is an exception the call
        raised, else None."""
        return next(
            (
                i
                for i, (label, _lines) in enumerate(self.blocks)
                if label == "actual" and EXCEPTION_NAME.search(self.rows[i][0])
            ),
            None,
        )

    def shorten_raised(self) -> None:
        """Step 4, on: an exception that came back keeps its first row
        (see `shorten_values`)."""
        index = self.raised_actual()
        if index is not None and self.excess > 0:
            self.give_way(index, self.shortened_by(index, self.excess))

    def shorten_where_and_call(self, short_mistake: bool = False) -> None:
        """Step 4: where, then the call, to their first row; of a call
        that raised, the call's input goes whole first, as the statement
        names the call: the line that raised says more than the call's
        input, and the likely mistake may speak of it ("the arguments
        your line passes"). Where's line of code stays, until step 5
        (see `spare_code`). With `short_mistake`, the likely mistake gives
        way to its first sentence instead, and that call keeps its first
        rows as any call does, until step 5."""
        for index, block in enumerate(self.blocks):
            if self.excess > 0 and self.raised and block[0] == "call":
                if short_mistake:
                    self.mistake_to_first_sentence()
                else:
                    self.give_way(index, [])
        self.spare_code(short_mistake)
        for label in ("where", "call"):
            for index, block in enumerate(self.blocks):
                statement = label == "call" and index in self.by_arguments
                if (
                    self.excess > 0
                    and (block[0] == label or statement and not block[0])
                    and index != self.code_row
                ):
                    if block[0] == "where":
                        # Where's rows end in an ellipsis: a note of the lines
                        # of code it hid would take a row of that code.
                        kept = self.where_shortened(index)
                    else:
                        kept = self.shortened(index, index in self.by_arguments)
                        if block[0] == "call" and index in self.by_arguments:
                            kept = self.dict_kept_closed(index, kept)
                    self.give_way(index, kept)

    def dict_kept_closed(self, index: int, kept: list[str]) -> list[str]:
        """`kept`, the first rows of block `index`, a call laid out an
        argument to a row that lost its later arguments: when the last kept
        is a dict's first row, it ends as step 1 ended it, in the count of
        the keys it hid and the "}" that closes it (see `_dict_ended`), then
        in an ellipsis for the arguments hidden after it. Ended in an
        ellipsis alone, the row would lose that count and that "}" for it
        on a narrow terminal."""
        rows = self.rows[index]
        whole = _block_rows(self.blocks, self.prefix, self.width)[index]
        starts = _argument_starts(whole)
        # Step 1 left each argument its first row only: the rows kept are
        # the first rows of the first arguments, one each.
        if not kept or len(kept) >= len(rows) or len(rows) != len(starts):
            return kept
        last = len(kept) - 1
        argument = whole[starts[last] : [*starts[1:], len(whole)][last]]
        first = opened_call(argument[0]) >= 0
        opens = _opens_dict(argument[0], first) or _opens_dict(argument[0], False)
        if len(argument) < 2:
            # An argument on one row is closed already, on the row kept.
            return kept
        if not opens:
            return [*kept[:-1], self.list_kept_closed(kept[-1], argument[0])]
        after = i18n.width(_after_word("}", self.ellipsis)) - 1
        narrower = None if self.width is None else self.width - after
        row = _dict_ended(argument[0], argument[1:], narrower, self.ellipsis)
        return [*kept[:-1], _after_word(row, self.ellipsis)]

    def list_kept_closed(self, row: str, first: str) -> str:
        """`row`, the last row kept of a call that lost its later
        arguments, the first row (`first` whole) of a list argument cut
        short by step 1: ended as that cut ended it, then in the brackets
        that close the list and an ellipsis for the arguments after it.
        The ellipsis alone stands for the list's later rows: the hidden
        arguments would go unsaid. As it is when that is too wide."""
        depth = first.count("[") - first.count("]")
        if depth <= 0:
            return row
        closed = f"{_ended(row, None, self.ellipsis)}{']' * depth},"
        ended = _after_word(closed, self.ellipsis)
        if self.width is not None and i18n.width(ended) > self.width:
            return row
        return ended

    def where_shortened(self, index: int) -> list[str]:
        """Block `index`, where, shortened by the rows still in excess, but
        never to less than its file and line, whole (see `_place_rows`):
        they say where to read the code it hides, and cut, they no longer
        do. Its last row kept ends in an ellipsis, when that fits beside
        the place."""
        rows = self.rows[index]
        place = _place_rows(rows)
        kept = rows[: max(place, len(rows) - self.excess)]
        if len(kept) == len(rows):
            return rows
        named = self.named_code_kept(rows, place, len(kept))
        if named:
            return named
        ended = _ended(kept[-1], self.width, self.ellipsis)
        if len(kept) == place and not ended.startswith(kept[-1].rstrip()):
            ended = _place_ended(kept[-1], self.width, self.ellipsis)
        return [*kept[:-1], ended]

    def named_code_kept(self, rows: list[str], place: int, count: int) -> list[str]:
        """The first `count` of where's `rows` (its file and line on the
        first `place`, then its code), but with the code's rows kept those
        that end with the first row holding a name the exception gives
        ("name 'X' is not defined"), when the first rows of code do not
        hold it: cut, the code would hide just what went wrong. The first
        row kept starts with an ellipsis, at the code's column, for the
        code before it, and the last ends with one if code follows it. []
        when the first rows do as they are."""
        code, shown = rows[place:], count - place
        names = self.exception_names()
        if shown < 1 or not names:
            return []
        held = [
            i
            for i, row in enumerate(code)
            if any(re.search(rf"(?<![\w]){re.escape(n)}(?!\w)", row) for n in names)
        ]
        if not held or held[0] < shown:
            return []
        window = code[held[0] - shown + 1 : held[0] + 1]
        column = len(code[0]) - len(code[0].lstrip())
        first = f"{code[0][:column]}{self.ellipsis} {window[0].lstrip()}"
        kept = [first, *window[1:]]
        if held[0] < len(code) - 1:
            kept[-1] = _ended(kept[-1], self.width, self.ellipsis)
        return [*rows[:place], *kept]

    def exception_names(self) -> list[str]:
        """The names the statement's exception gives in quotes, as
        NameError does ("name 'X' is not defined"): what the code kept in
        sight must show."""
        statement = " ".join(
            " ".join(lines) for label, lines in self.blocks if label is None
        )
        raised = EXCEPTION_NAME.search(statement)
        if raised is None:
            return []
        return re.findall(r"'([A-Za-z_]\w*)'", statement[raised.start() :])

    def spare_code(self, short_mistake: bool = False) -> None:
        """Where whose code takes one row, under its file and line, keeps
        it past step 4: the learner's own line of code says more than the
        values and the general advice that ends a likely mistake (see
        `keep_code`); of a call that raised too, with `short_mistake`, as
        that call then keeps its first rows as any call does."""
        where = [i for i, b in enumerate(self.blocks) if b[0] == "where"]
        raised = self.raised and not short_mistake
        rows = self.rows[where[0]] if where else []
        if raised or not where or len(rows) != _place_rows(rows) + 1:
            # Of a call that raised, the call's arguments keep their first
            # rows before where keeps its code (see `_to_arguments`).
            return
        self.code_row = where[0]

    def keep_code(self, mistake_first: bool = False) -> None:
        """Step 5, once the values went: the likely mistake loses its later
        rows, its last kept ended by an ellipsis, if that is enough for
        where to keep its line of code (see `spare_code`); else where goes
        down to its first row, as in step 4, and the mistake stays whole:
        cut for nothing, it would only say less. With `mistake_first`
        (beside a hint asked for), the mistake keeps its first sentence,
        what is wrong: only the general advice after it gives way."""
        mistake = [i for i, b in enumerate(self.blocks) if b[0] == "likely mistake"]
        rows = self.rows[mistake[0]] if mistake else []
        least = (
            _first_sentence_rows(rows, self.english(mistake)) if mistake_first else 1
        )
        if len(rows) - least < self.excess:
            self.give_way(self.code_row, self.where_shortened(self.code_row))
            return
        kept = _clause_end(rows[: len(rows) - self.excess])
        ended = _ended(kept[-1], self.width, self.ellipsis)
        self.give_way(mistake[0], [*kept[:-1], ended])

    def mistake_to_first_sentence(self, translated: bool = False) -> None:
        """Step 5, first, beside a hint asked for: the likely mistake loses
        the rows after its first sentence, what is wrong, as far as the
        excess requires, its last row kept ended by an ellipsis: the hint
        says what to do, and the values stay to be compared with it. That
        sentence is the English one (see `english`), unless `translated`:
        then the translation's first, before a value goes whole."""
        mistake = [i for i, b in enumerate(self.blocks) if b[0] == "likely mistake"]
        if not mistake or self.excess <= 0:
            return
        rows = self.rows[mistake[0]]
        english = None if translated else self.english(mistake)
        least = _first_sentence_rows(rows, english)
        keep = max(least, len(rows) - self.excess)
        if keep >= len(rows):
            return
        kept = rows[:keep]
        if keep == least:
            kept = [*kept[:-1], _first_sentence_end(kept[-1])]
        else:
            kept = _clause_end(kept)
        self.give_way(
            mistake[0], [*kept[:-1], _ended(kept[-1], self.width, self.ellipsis)]
        )

    def values_would_go(self) -> bool:
        """Whether step 5 would take an argument changed in place whole
        (see `_value_goes`): the likely mistake gives up its later rows
        first."""
        return any(
            _value_goes(label, rows)
            for (label, _), rows in zip(self.blocks, self.rows, strict=True)
        )

    def drop_whole_parts(self, mistake_first: bool = False) -> None:
        """Step 5: whole parts go in the order they gave way in, but what
        came back, where and the call (see GIVING_WAY), which go after them,
        and the statement, which goes last, down to its least (see
        `_statement_least`); with `mistake_first`, whole. The argument
        before the call and after it go together: one without the other
        does not show what the call changed."""
        if mistake_first or self.values_would_go():
            self.mistake_to_first_sentence()
        values = [
            *self.ranked(2),
            *(i for i, b in enumerate(self.blocks) if b[0] == "actual"),
        ]
        if self.hinted and any(self.rows[i] for i in values):
            # What the translation says in sentences after its first, of the
            # English first sentence, gives way to the values.
            self.mistake_to_first_sentence(translated=True)
        for index in [*self.ranked(0), *self.ranked(2)]:
            if self.excess > 0 and self.blocks[index][0] not in GIVING_WAY:
                self.give_way(index, [])
                if self.blocks[index][0] in CHANGED_LABELS:
                    for twin, block in enumerate(self.blocks):
                        if block[0] in CHANGED_LABELS:
                            self.give_way(twin, [])
        if self.excess > 0 and self.code_row is not None:
            self.keep_code(mistake_first)
        for label in GIVING_WAY:
            if label == "actual":
                self.mistake_for_actual()
            if label == "where":
                self.raised_to_exception()
            for index, block in enumerate(self.blocks):
                if self.excess > 0 and block[0] == label:
                    self.give_way(index, [])
        for index, block in enumerate(self.blocks):
            if self.excess > 0 and block[0] is None:
                rows = self.rows[index]
                kept = _raised_kept(rows, self.width, self.ellipsis)
                if index == 0 and not kept:
                    kept = _shortened(
                        rows, len(rows), "", True, self.width, self.ellipsis
                    )
                self.give_way(index, kept)
        # The statement says what failed: it stays, at its least, and the
        # likely mistake goes whole rather than it (see `_fitted`), or,
        # beside a hint asked for, its later rows. Of a call that raised,
        # the exception stays and the call goes: the exception says what
        # went wrong, and the mistake what to change.
        for index, block in enumerate(self.blocks):
            if self.excess > 0 and block[0] is None:
                rows = self.rows[index]
                least = _statement_least(rows) if index == 0 else []
                if mistake_first and least and len(least) < len(rows):
                    least[-1] = _ended(least[-1], self.width, self.ellipsis)
                self.give_way(index, least)

    def mistake_for_actual(self) -> None:
        """Step 5, before what came back goes whole: the likely mistake
        gives up its later rows, those of its first sentence too, down to
        its first row, its last kept ended by an ellipsis, if that is
        enough for what came back to stay: what the function gave back
        (a nan, a shape) says more than the rest of the mistake, whose
        first row still says where to look. Cut for nothing, the mistake
        would only say less: it stays whole then."""
        actual = [
            i for i, b in enumerate(self.blocks) if b[0] == "actual" and self.rows[i]
        ]
        mistake = [i for i, b in enumerate(self.blocks) if b[0] == "likely mistake"]
        if self.excess <= 0 or not actual or not mistake:
            return
        rows = self.rows[mistake[0]]
        if len(rows) - 1 < self.excess:
            return
        kept = _clause_end(rows[: len(rows) - self.excess])
        ended = _ended(kept[-1], self.width, self.ellipsis)
        self.give_way(mistake[0], [*kept[:-1], ended])

    def raised_to_exception(self) -> None:
        """Step 5, before where goes: a statement that tells of a call that
        raised loses the call's rows, down to its first, then to the
        exception alone (see `_statement_least`): the line that raised
        says more than the call's input, as in step 4."""
        for index, block in enumerate(self.blocks):
            rows = self.rows[index]
            if self.excess <= 0 or block[0] is not None or not _raised_at(rows):
                continue
            kept = _raised_kept(rows, self.width, self.ellipsis)
            if len(rows) - len(kept) < self.excess:
                kept = _statement_least(rows)
            self.give_way(index, kept)


# The parts of a message kept while others go whole, which go in turn
# before the likely mistake would be cut: what came back, then where,
# then the call, last as it is what reproduces the failure.
GIVING_WAY = ("actual", "where", "call")
# The labels of the values a failure compares: what a hint asked for gives
# its rows up for (see `Watch.exercise_fitted`).
VALUE_NAMES = ("expected", "actual")


def _value_goes(label: str | None, rows: list[str]) -> bool:
    """Whether the part of a message of `label` and `rows` is an argument
    changed in place, before or after the call, still in sight: step 5 of
    `_fitted` would take it whole, and the likely mistake, which speaks of
    that change, says less without it."""
    return bool(rows) and label in CHANGED_LABELS


def _argument_starts(rows: list[str]) -> list[int]:
    """Where each argument starts in the `rows` of a call laid out an
    argument to a row (see `render.wrapped_lines`): its first row and each
    later one that starts just past the call's "(". [] when no later
    argument starts a row of its own. Of a call moved under its label
    alone (`render._block_moved`), the label's row and the call's name
    alone on its row ("train(") each count as an argument of one row:
    they stay, as an argument's first row does."""
    alone = len(rows) > 2 and len(rows[0].split()) == 1 and "(" not in rows[0]
    head = 1 if alone else 0
    column = opened_call(rows[head]) if rows else -1
    if column < 0:
        return []
    first = head
    if rows[head].rstrip().endswith("(") and len(rows) > head + 1:
        # The name alone on its row: the arguments start on the next.
        first = head + 1
        column = len(rows[first]) - len(rows[first].lstrip(" "))
    later = [
        i
        for i, row in enumerate(rows)
        if i > first and len(row) - len(row.lstrip(" ")) == column and row.strip()
    ]
    return [*range(first + 1), *later] if later else []


def _to_arguments(
    rows: list[str], excess: int, width: int | None, ellipsis: str
) -> list[str] | None:
    """The `rows` of a call laid out an argument to a row (or of a
    statement that tells of such a call that raised), fewer by up to
    `excess`: each argument keeps its first row at least, the last
    argument losing its later rows first; the last row kept of one that
    lost rows ends in `ellipsis` (a dict's, in the count of the keys it
    hid and its "}": see `_dict_ended`). None when the rows are no such
    call."""
    raised = _raised_at(rows)
    call = rows[:raised] if raised else rows
    if raised and ")" not in call[-1]:
        # "raised" on a row of its own, under the call: it stays whole, as
        # the exception's rows do.
        call = call[:-1]
    starts = _argument_starts(call)
    if not starts:
        return None
    ends = [*starts[1:], len(call)]
    arguments = [call[start:end] for start, end in zip(starts, ends, strict=True)]

    def ended(index: int, left: list[str], argument: list[str]) -> str:
        first = opened_call(argument[0]) >= 0
        if _opens_dict(argument[0], first) or _opens_dict(argument[0], False):
            return _dict_ended(left[-1], argument[len(left) :], width, ellipsis)
        return _ended(left[-1], width, ellipsis)

    kept = _first_rows_kept(arguments, excess, ended)
    if raised and kept[-1][-1] != call[-1]:
        # The words that say the call raised ("raised") close its last row:
        # they stay, after the call's ")".
        kept[-1][-1] += call[-1][call[-1].rindex(")") :]
    return [*(row for argument in kept for row in argument), *rows[len(call) :]]


def _to_entries(
    rows: list[str], excess: int, width: int | None, ellipsis: str
) -> list[str] | None:
    """The `rows` of an input of several entries under its call
    (`forward(params, x) with` over `x = [...]`, `w1 = [...]`), fewer by
    up to `excess`: each entry keeps its first row at least, the last
    entry losing its later rows first, its last row kept ending in
    `ellipsis`: every argument stays in sight, each saying what it is.
    None when the rows are no such input."""
    starts = [i for i, row in enumerate(rows) if i and ENTRY.match(row)]
    if len(starts) < 2:
        return None
    ends = [*starts[1:], len(rows)]
    entries = [rows[start:end] for start, end in zip(starts, ends, strict=True)]
    entries = _first_rows_kept(
        entries, excess, lambda index, left, entry: _ended(left[-1], width, ellipsis)
    )
    return [*rows[: starts[0]], *(row for entry in entries for row in entry)]


def _first_rows_kept(
    groups: list[list[str]],
    excess: int,
    ended: Callable[[int, list[str], list[str]], str],
) -> list[list[str]]:
    """`groups` of rows (the arguments of a call, the entries of an input)
    with up to `excess` rows fewer in all: each keeps its first row at
    least, the last group losing its later rows first; the last row kept
    of a group that lost rows is `ended(index, kept, group)`."""
    shortened = list(groups)
    for index in reversed(range(len(groups))):
        group = groups[index]
        if excess > 0 and len(group) > 1:
            left = group[: max(1, len(group) - excess)]
            excess -= len(group) - len(left)
            shortened[index] = [*left[:-1], ended(index, left, group)]
    return shortened


# The call a row opens, up to its "(": its first argument follows.
CALL_OPENED = re.compile(r"[A-Za-z_]\w*\(")
# A key of a dict as a call's argument shows it ("'w1': "): its values
# are numbers, so that a quoted string and a colon can only be a key.
DICT_KEY = re.compile(r"'[^'\n]*': ")


def _opens_dict(row: str, first: bool) -> bool:
    """Whether the argument whose first row is `row` is a dict: the first
    argument of a call starts past its "(", a later one at its row's first
    character."""
    if first:
        opened = CALL_OPENED.search(row)
        return opened is not None and row[opened.end() :].startswith("{")
    return row.lstrip(" ").startswith("{")


def _dict_ended(row: str, hidden: list[str], width: int | None, ellipsis: str) -> str:
    """`row`, the last row kept of a dict argument whose `hidden` rows are
    cut, ended so that the dict's end shows: in "…" and the count of the
    keys wholly hidden, or "…" alone when none is, then the "}" that
    closes it, where the next argument would otherwise seem to go on (and
    the "," after it, when another argument follows)."""
    count = sum(len(DICT_KEY.findall(line)) for line in hidden)
    close = "}," if hidden and hidden[-1].rstrip().endswith("},") else "}"
    if count == 1:
        more = _("{ellipsis} 1 more key", ellipsis=ellipsis)
    else:
        more = _("{ellipsis} {count} more keys", ellipsis=ellipsis, count=count)
    if count:
        ended = _after_word(row, more) + close
        if width is None or i18n.width(ended) <= width:
            return ended
        # Too wide beside the row: the row gives up its last values, as
        # the count says more than they do of how much is left.
        shorter = _values_cut(row, width - i18n.width(f" {more}{close}"))
        if shorter is not None:
            return _after_word(shorter, more) + close
    narrower = None if width is None else width - len(close)
    return _ended(row, narrower, ellipsis) + close


def _values_cut(row: str, width: int) -> str | None:
    """`row`, the first row of a dict argument, up to its last value that
    ends (after its ",") within `width` columns, its first key's value
    started; None when no such value ends there."""
    opened = DICT_KEY.search(row)
    kept = clipped(row, width, "")
    end = kept.rfind(",")
    if opened is None or end < opened.end():
        return None
    return kept[: end + 1]


def _alike(
    rows: list[list[str]],
    values: list[int],
    excess: int,
    said: str,
    width: int | None,
    ellipsis: str,
) -> dict[int, list[str]]:
    """The rows kept of the `values` of a message (the indices of what
    was expected and what came back in `rows`) once they give way alike,
    row for row, by up to `excess` rows: each value longer than some
    count keeps that many first rows, the same count for all, the most
    that saves the excess (the longer gives way first, down to the
    length of the shorter), down to their first row. A value that lost
    rows says how many (see `_shortened`), in a note that takes a row of
    its own on each side alike; a value of several entries keeps each
    entry's first row as long as it can (see `_entries_alike`)."""
    shown = [index for index in values if rows[index]]
    longest = max((len(rows[index]) for index in shown), default=0)
    # From the most rows kept to the fewest: a value's first row with the
    # note under it, then without it, ended in `ellipsis`.
    tries = [*((count, True) for count in reversed(range(1, longest))), (1, False)]
    kept: dict[int, list[str]] = {}
    for count, noted in tries if excess > 0 else []:
        kept = {
            index: _value_kept(rows[index], count, noted, said, width, ellipsis)
            for index in shown
            if len(rows[index]) > count
        }
        # Hiding one row only for its note to take its place saves none,
        # and would leave that value a row longer than the others.
        if any(len(lines) == len(rows[index]) for index, lines in kept.items()):
            continue
        saved = sum(len(rows[index]) - len(lines) for index, lines in kept.items())
        if saved >= excess:
            break
    return kept


def _value_kept(
    rows: list[str],
    count: int,
    noted: bool,
    said: str,
    width: int | None,
    ellipsis: str,
) -> list[str]:
    """The `rows` of a value down to its first `count` rows (fewer than
    it has): its entries' first rows (see `_entries_alike`), else `count`
    rows and, if `noted`, the note that counts those hidden; without it,
    one row ended in `ellipsis`."""
    cut = len(rows) - count
    entries = _entries_alike(rows, cut, width, ellipsis)
    if entries is not None:
        return entries
    # `_shortened` hides a row more than the excess it is given, for its
    # note; given all but one row, it keeps that row without a note.
    return _shortened(rows, cut - 1 if noted else cut, said, False, width, ellipsis)


def _entries_alike(
    rows: list[str], cut: int, width: int | None, ellipsis: str
) -> list[str] | None:
    """The `rows` of a value of several entries (`w1 = [...]` under
    `w2 = [...]`), fewer by `cut`: the longest entry loses a row first, the
    last of the longest on a tie, each keeping its first row, which ends in
    `ellipsis` once the entry lost rows. Every entry's first row says what
    it is, and side by side they show what the entries share (w2 repeating
    w1). None when the rows are no such value, or `cut` leaves fewer rows
    than it has entries."""
    starts = [i for i, row in enumerate(rows) if i and ENTRY.match(row)]
    if not starts or not re.search(r"\s\w+ = ", rows[0]) or cut > len(rows) - 1:
        return None
    starts = [0, *starts]
    if len(rows) - cut < len(starts):
        return None
    ends = [*starts[1:], len(rows)]
    shown = [end - start for start, end in zip(starts, ends, strict=True)]
    for _step in range(cut):
        longest = max(range(len(shown)), key=lambda i: (shown[i], i))
        shown[longest] -= 1
    kept = []
    for start, end, count in zip(starts, ends, shown, strict=True):
        entry = rows[start : start + count]
        if count < end - start:
            entry = [*entry[:-1], _ended(entry[-1], width, ellipsis)]
        kept.extend(entry)
    return kept


def _mistake_rows(
    message: str, prefix: str, width: int | None, labels=("likely mistake",)
) -> int:
    """The rows the likely mistake of a failure `message` takes (or its
    parts of `labels`), laid out as `_fitted` lays it out; 0 when it names
    none."""
    blocks = _message_blocks(message.rstrip().splitlines())
    rows = _block_rows(blocks, prefix, width)
    return sum(
        len(block_rows)
        for (label, _lines), block_rows in zip(blocks, rows, strict=True)
        if label in labels
    )


def _least_rows(
    message: str, prefix: str, width: int | None, mistake_first: bool = False
) -> int:
    """The rows a failure `message` takes, laid out as `_fitted` lays it
    out, once each part that gives way before any goes whole is down to
    its first row (a statement that tells of a call that raised keeping
    its exception, and where whose code takes a row of its own keeping
    it, as `_Fitting.spare_code` does until the values went whole): the
    fewest with every part still in sight. With `mistake_first` (beside a
    hint asked for), or beside an argument changed in place (see
    `_value_goes`), the likely mistake is down to its first
    sentence."""
    blocks = _message_blocks(message.rstrip().splitlines())
    rows = _block_rows(blocks, prefix, width)
    called = any(
        label is None and _raised_at(block_rows)
        for (label, _lines), block_rows in zip(blocks, rows, strict=True)
    )
    values = any(
        _value_goes(label, block_rows)
        for (label, _lines), block_rows in zip(blocks, rows, strict=True)
    )
    least = 0
    for index, block_rows in enumerate(rows):
        label = blocks[index][0]
        raised = _raised_at(block_rows) if label is None else 0
        if label == "where":
            place = _place_rows(block_rows)
            least += place + (len(block_rows) == place + 1 and not called)
        elif label in GIVING_WAY or _cut_order(blocks, index, rows)[0] < KEPT:
            least += 1 + (len(block_rows) - raised if raised else 0)
        elif label == "likely mistake" and (mistake_first or values):
            least += _first_sentence_rows(block_rows)
        else:
            least += len(block_rows)
    return least


def _whole_statement_rows(message: str, prefix: str, width: int | None) -> int:
    """The fewest rows `_fitted` lays a failure `message` out in with its
    statement whole, and on any more rows too; 0 when it has none, or
    tells of a call that raised, whose arguments give way as an input
    does (see `_raised_at`)."""
    blocks = _message_blocks(message.rstrip().splitlines())
    if not blocks or blocks[0][0] is not None:
        return 0
    statement = _block_rows(blocks, prefix, width)[0]
    if _raised_at(statement):
        return 0
    whole = _fitted(message, UNLIMITED, prefix, width).split("\n")
    # From the most rows down: on fewer rows than its likely mistake needs
    # beside it, the statement comes whole again, alone (`_statement_first`).
    for limit in range(len(whole) - 1, len(statement) - 1, -1):
        rows = _fitted(message, limit, prefix, width).split("\n")
        if rows[: len(statement)] != statement:
            return limit + 1
    return len(statement)


# Where `_cut_order` ranks the parts of a message that never give way.
KEPT = 3


def _translated(blocks: list[tuple[str | None, list[str]]]) -> list[list[str]]:
    """The lines of each of a message's `blocks` in the current language:
    the message is translated whole, as `Catalogue.failure` lines values
    up from one label to the next, then taken apart where a labelled line
    (two spaces, then its label) or a line on its own starts. Should the
    translation have other parts, each block is translated on its own."""
    english = [line for _, lines in blocks for line in lines]
    lines = i18n.failure("\n".join(english)).split("\n")
    labelled = [i for i, line in enumerate(lines) if re.match(r"  \S", line)]
    first = labelled[0] if labelled else len(lines)
    alone = [i for i, line in enumerate(lines) if i > first and line[:1].strip()]
    starts = sorted({*labelled, *alone, *([0] if first else [])})
    if len(starts) != len(blocks):
        return [i18n.failure("\n".join(lines)).split("\n") for _, lines in blocks]
    ends = [*starts[1:], len(lines)]
    return [lines[start:end] for start, end in zip(starts, ends, strict=True)]


def _block_rows(blocks, prefix: str, width: int | None) -> list[list[str]]:
    """The rows of each of a message's `blocks` in the current language
    (see `_rows_of`); the likely mistake is prose."""
    translated = _translated(blocks)
    rows = []
    for index, ((label, _lines), lines) in enumerate(
        zip(blocks, translated, strict=True)
    ):
        # The statement (the lines before the first label) and the likely
        # mistake are prose: no wider than PROSE_COLUMNS.
        prose = label == "likely mistake" or (label is None and index == 0)
        columns = width if width is None or not prose else min(width, PROSE_COLUMNS)
        rows.append(_rows_of(lines, prefix, columns, prose=label == "likely mistake"))
    return rows


def _rows_of(
    lines: list[str], prefix: str, width: int | None, prose: bool = False
) -> list[str]:
    """The rows of a block of a message: each line after `prefix`, broken
    to fit `width` columns if given, under the start of its value; but
    `prose` left fewer than HINT_COLUMNS columns beside its label (or
    under a long one: `render.long_label`) is filled as one paragraph,
    label and all, its rows under the label as the check's report fills
    it."""
    rows = [prefix + line if line else line for line in lines]
    if width is None:
        return rows
    label = LABEL.match(rows[0]) if prose and len(rows) == 1 else None
    # The watch hangs a mistake under its label only with HINT_COLUMNS
    # beside it, not the check's VALUE_COLUMNS: filled, it takes fewer of
    # a small screen's rows, and stays whole beside a hint.
    room = width - i18n.width(label.group()) if label else 0
    if label and (room < HINT_COLUMNS or long_label(label.group(), width)):
        return paragraph_rows(rows[0], width)
    return wrapped_lines(Text("\n".join(rows)), width).plain.split("\n")


def _shortened(
    rows: list[str],
    excess: int,
    said: str,
    statement: bool,
    width: int | None,
    ellipsis: str,
    whole: list[str] | None = None,
) -> list[str]:
    """`rows` of one part of a message, fewer by up to `excess`, but at
    least one: a statement's last row kept ends in `ellipsis`; a value's
    rows hidden are counted in a note under where they start, which
    takes a row itself, with the entry of an input that the likely
    mistake (`said`) names kept in sight (see `_named_entry`). Of an input
    whose entries were cut to fewer rows, `whole` is its rows before: the
    note counts the rows the entries hidden had (see `_whole_hidden`)."""
    raised = _raised_at(rows) if statement else 0
    if raised:
        # A call that raised: its later rows (its arguments' rows) give
        # way, not the exception after them, which says what went wrong.
        call = _shortened(rows[:raised], excess, said, True, width, ellipsis)
        return [*call, *rows[raised:]]
    if statement or excess >= len(rows) - 1:
        # One row, or a sentence's first rows: no room for a note.
        kept = rows[: max(1, len(rows) - excess)]
        if len(kept) == len(rows):
            return rows
        if statement:
            kept = _clause_end(kept)
        return [*kept[:-1], _ended(kept[-1], width, ellipsis)]
    # The note of the rows hidden takes a row: hiding one saves none.
    cut = min(len(rows) - 1, excess + 1)
    if cut < 2:
        return rows
    named = _named_entry(rows, said, cut)
    kept = rows[: len(rows) - cut - len(named)]
    gone = rows[len(kept) : len(rows) - len(named)]
    count = cut if whole is None else _whole_hidden(rows, len(kept), cut, whole)
    note = _("[... {count} more lines]", count=count)
    return [*kept, " " * _indent(gone, kept[0]) + note, *named]


def _whole_hidden(rows: list[str], start: int, cut: int, whole: list[str]) -> int:
    """How many of the rows `whole` of an input of entries (`x = [...]`
    over `w1 = [...]`) the `cut` rows from `start` of `rows`, the same
    input with its entries cut to fewer rows (see `_to_entries`), stand
    for: each entry they hide, all of its rows not in sight; a row of no
    entry, itself."""
    sizes = _entry_rows(whole)
    owners = _entry_owners(rows)
    hidden = range(start, start + cut)
    count = sum(1 for i in hidden if owners[i] not in sizes)
    for name in dict.fromkeys(owners[i] for i in hidden if owners[i] in sizes):
        shown = [i for i, owner in enumerate(owners) if owner == name]
        count += sizes[name] - sum(1 for i in shown if i not in hidden)
    return count


def _entry_owners(rows: list[str]) -> list[str | None]:
    """The name of the entry each of an input's `rows` is part of, from
    the row that starts it (`w1 = [...`); None before the first."""
    owners: list[str | None] = []
    for index, row in enumerate(rows):
        entry = ENTRY.match(row) if index else None
        owners.append(entry.group(1) if entry else owners[-1] if owners else None)
    return owners


def _entry_rows(rows: list[str]) -> dict[str, int]:
    """How many of an input's `rows` each of its entries takes, by name."""
    owners = _entry_owners(rows)
    return {name: owners.count(name) for name in owners if name is not None}


def _place_rows(rows: list[str]) -> int:
    """How many of the `rows` of a where line its file and line take
    ("exercises/sigmoid.py, line 30:"), the code on rows of its own after
    them (see `render.wrapped_lines`): up to the first row that ends in
    the place's ":"; all of them when none does (no code, or the code
    beside the place, on its one row)."""
    return next(
        (count for count, row in enumerate(rows, 1) if row.endswith(":")), len(rows)
    )


def _label_alone(kept: list[str], ellipsis: str) -> bool:
    """Whether `kept`, what is left of a call's rows, is its label alone,
    maybe ended by `ellipsis` ("call …", "呼び出し…"): the call itself,
    which holds its parentheses, is all gone, and the row says nothing."""
    text = " ".join(row.strip() for row in kept).removesuffix(ellipsis)
    return bool(kept) and "(" not in text


def _place_ended(row: str, width: int | None, ellipsis: str) -> str:
    """`row`, the last of where's file and line ("exercises/sigmoid.py,
    line 25:"), its code hidden and no room for `ellipsis` after its ":",
    ended in `ellipsis` in place of that ":": a ":" with nothing after it
    reads as if the row were broken, and the place cut would no longer say
    where to read the code. As it is, when the ellipsis does not fit even
    so, or the row holds code (it ends in no ":")."""
    place = row.rstrip()
    if not place.endswith(":"):
        return row
    place = place.removesuffix(":").rstrip()
    for ended in (_after_word(place, ellipsis), f"{place}{ellipsis}"):
        if width is None or i18n.width(ended) <= width:
            return ended
    return row


def _first_sentence_rows(rows: list[str], english: list[str] | None = None) -> int:
    """How many of `rows` (a part of a message, broken to fit) the first
    sentence of the part takes: up to its first full stop ("." before a
    space or the end, but not "...", or "。"); all of them without one,
    or when the part's `english` lines, if given, say it in one sentence:
    a translation may say in several what English says in one ("a typo?
    ... did you mean params?"), and its first would lose the rest."""
    text = " ".join(english or [])
    end = re.search(r"(?<!\.)\.(\s|$)", text)
    if english and (end is None or not text[end.end() :].strip()):
        return len(rows)
    for count, row in enumerate(rows, 1):
        if re.search(r"(?<!\.)\.(\s|$)|。", row):
            return count
    return len(rows)


def _first_sentence_end(row: str) -> str:
    """`row`, the last of a first sentence (see `_first_sentence_rows`),
    up to that sentence's full stop: the next sentence's first words,
    ended by an ellipsis, would read as cut inside it."""
    end = re.search(r"(?<!\.)\.(\s|$)|。", row)
    return row if end is None else row[: end.start() + 1]


def _clause_end(rows: list[str]) -> list[str]:
    """The first `rows` of a statement cut short, its last row up to the
    end of its last clause (after its last 、 or 。) when that keeps at
    least half of the row: a Japanese row ends where the line broke
    between words, and a clause's end reads better still, but not at the
    cost of most of what the row says. English rows, broken between
    words, are kept as they are, and so are rows with no such mark."""
    *before, last = rows
    end = max(last.rfind("、"), last.rfind("。"))
    if end < 0 or i18n.width(last[: end + 1]) * 2 < i18n.width(last):
        return rows
    return [*before, last[: end + 1]]


def _raised_at(rows: list[str]) -> int:
    """Where the exception starts in the `rows` of a statement that tells
    of a call that raised, laid out with the exception on rows of its own
    (see `render.wrapped_lines`); 0 for any other statement."""
    return next(
        (i for i, row in enumerate(rows) if i and EXCEPTION_NAME.match(row.lstrip())),
        0,
    )


def _raised_kept(rows: list[str], width: int | None, ellipsis: str) -> list[str]:
    """What a statement's `rows` that tell of a call that raised keep at
    the least (see `_raised_at`): the call's first row, cut short, and the
    exception; none for any other statement."""
    raised = _raised_at(rows)
    if not raised:
        return []
    first = rows[0] if raised == 1 else _ended(rows[0], width, ellipsis)
    return [first, *rows[raised:]]


def _statement_least(rows: list[str]) -> list[str]:
    """What the `rows` of a statement keep on a screen too small for the
    likely mistake beside more of it: of a call that raised, the exception
    (see `_raised_at`); of any other statement, its first row."""
    raised = _raised_at(rows)
    return rows[raised:] if raised else rows[:1]


def _statement_rows(message: str, prefix: str, width: int | None) -> int:
    """The fewest rows the statement of a failure `message` keeps, laid
    out as `_fitted` lays it out (see `_statement_least`); 0 when the
    message has no statement."""
    blocks = _message_blocks(message.rstrip().splitlines())
    if not blocks or blocks[0][0] is not None:
        return 0
    rows = _block_rows(blocks, prefix, width)[0]
    return len(_statement_least(rows))


def _name_goes_on(row: str, after: str) -> bool:
    """Whether `row` is a failed test's name broken after an underscore,
    `after` the row it goes on in (see `render.name_rows`)."""
    marks = (FAILED_MARK, FAILED_MARK_PLAIN)
    return (
        row.startswith(tuple(f"{mark} test_" for mark in marks))
        and row.endswith("_")
        and bool(re.fullmatch(r" +\w+", after))
    )


def _ended(row: str, width: int | None, ellipsis: str) -> str:
    """`row`, the last shown of a sentence cut short, ending in `ellipsis`
    within `width` columns (a row that ends in it already, as an
    argument's row cut short does, as it is)."""
    if row.rstrip().endswith(ellipsis):
        return row.rstrip()
    ended = _after_word(row, ellipsis)
    if width is None or i18n.width(ended) <= width:
        return ended
    kept = clipped(row, width - i18n.width(f" {ellipsis}"), "")
    if " " in kept.strip()[len(kept) // 2 :]:
        kept = kept[: kept.rstrip().rfind(" ")]  # not in the middle of a word
    return _after_word(kept, ellipsis)


def _between_words(row: str, width: int, ellipsis: str) -> str | None:
    """`row` ended in `ellipsis` within `width` columns (see `_ended`),
    cut between words, never inside one ("num_classe …"): an English word
    cut reads as another, or as a typo in code; None when no word of the
    row fits before the ellipsis."""
    ended = _ended(row, width, ellipsis)
    kept = ended.removesuffix(ellipsis).rstrip()
    if not kept.strip():
        return None
    if not row.startswith(kept) or len(kept) == len(row.rstrip()):
        return ended
    after = row[len(kept)]
    if not (_in_a_word(kept[-1]) and _in_a_word(after)):
        return ended
    # Back to the last space, or to the last wide character, after which
    # Japanese may break.
    wide = [i for i, character in enumerate(kept) if not character.isascii()]
    cut = max([kept.rfind(" "), *wide])
    words = kept[: cut + 1].rstrip()
    if not words.strip():
        return None
    return _after_word(words, ellipsis)


def _in_a_word(character: str) -> bool:
    """Whether `character` may be part of an English word or a name of
    code, which a cut would break."""
    return character.isascii() and (character.isalnum() or character in "_.'-")


def _after_word(text: str, ellipsis: str) -> str:
    """`text` and then `ellipsis`, after a space as English sets it, but
    none after Japanese, which puts no space between words."""
    text = text.rstrip()
    wide = i18n.width(text[-1:]) == 2
    return f"{text}{ellipsis}" if wide else f"{text} {ellipsis}"


def _named_entry(lines: list[str], said: str, cut: int) -> list[str]:
    """The lines of the entry (`name = value`) of an input's `lines` whose
    name the likely mistake (`said`) names, as in "b2 is missing": the
    value it speaks of, kept in sight when `cut` lines of the input are
    hidden. Empty when it names none, or the entry is shown anyway, or
    does not fit beside the input's first line."""
    starts = [i for i, line in enumerate(lines) if ENTRY.match(line)]
    if not cut or not starts:
        return []
    named = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        name = ENTRY.match(lines[start]).group(1)
        found = re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", said)
        shown = len(lines) - cut - (end - start)
        if found and 1 <= shown <= start:
            named.append((found.start(), lines[start:end]))
    # The value named first is the one the mistake is about.
    return min(named)[1] if named else []


def _indent(hidden: list[str], label_line: str) -> int:
    """The column where the `hidden` lines of a value start (the leftmost,
    as they may end one entry and hold others): the value's column on
    `label_line` if they are blank."""
    starts = [len(line) - len(line.lstrip(" ")) for line in hidden if line.strip()]
    return min(starts, default=_value_column(label_line))


def _message_blocks(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """The lines of a failure message in blocks, each with its label: the
    statement of what went wrong (the lines before the first labelled one),
    then each labelled line with the rest of its value below it (indented
    lines, and blank ones between them), or any other line on its own. The
    label is None for the statement and the lines on their own."""
    first = next((i for i, line in enumerate(lines) if LABELLED.match(line)), None)
    if first is None:
        return [(None, lines)]
    blocks = [(None, lines[:first])] if first else []
    for line in lines[first:]:
        labelled = LABELLED.match(line)
        goes_on = line.startswith(" ") or not line.strip()
        if labelled:
            blocks.append((labelled.group().strip(" :"), [line]))
        elif goes_on and blocks[-1][0] is not None:
            blocks[-1][1].append(line)
        else:
            blocks.append((None, [line]))
    return blocks


# The labels of what came back, where the learner's code raised and the
# likely mistake: what a failure is shown for, which gives way last (see
# GIVING_WAY).
KEPT_LABELS = ("actual", "where", "likely mistake")


def _cut_order(blocks, index: int, rows) -> tuple[int, int]:
    """Which part of a message gives way first (the smallest key): the
    input (the call, which `_fitted` shortens but keeps, and the arguments
    before and after it), then the statement of what went wrong (the lines
    before the first labelled one), then the other values but those of
    KEPT_LABELS, the longest first; the rest ranks KEPT and stays."""
    label = blocks[index][0]
    if label in INPUT_LABELS:
        rank = 0
    elif label is None:
        rank = 1 if index == 0 else KEPT
    else:
        rank = KEPT if label in KEPT_LABELS else 2
    return rank, -len(rows[index])


def _last_rows_cut(rows: list[str], limit: int) -> list[str]:
    """The first rows of a message that fit in `limit` with a note of how
    many more there are, under where the last row kept has its value."""
    if len(rows) <= limit:
        return rows
    kept = rows[: max(0, limit - 1)]
    note = _("[... {count} more lines]", count=len(rows) - len(kept))
    column = _value_column(kept[-1]) if kept else 0
    return [*kept, " " * column + note]


def _value_column(line: str) -> int:
    """Where the value of a message's `line` starts: after its label, if it
    has one, else after its indentation (a prefix of spaces aside)."""
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    labelled = LABELLED.match("  " + body) if indent >= 2 else None
    return indent - 2 + labelled.end() if labelled else indent


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
        # Files found missing at the last look: a change once they are still
        # missing at the next (an editor may remove a file on its way to
        # writing it again).
        self.vanishing: set[str] = set()

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
            digest, before = self._hash(name), self.hashes.get(name)
            if digest is not None:
                self.vanishing.discard(name)
                if digest != before:
                    changed.append(name)
                self.hashes[name] = digest
            elif name in self.vanishing:  # still missing: removed
                self.vanishing.discard(name)
                changed.append(name)
                self.hashes[name] = None
            elif before is not None:
                # Its digest is kept: back as it was, it is no change.
                self.vanishing.add(name)
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


# The keys the watch acts on (see `Watch.act`).
WATCH_KEYS = "qhnblc"


class _Keys:
    """Keys from stdin: one at a time from a terminal in cbreak mode, else
    the characters of each line. At the end of the input, no more keys:
    `ended` turns true, and each read only waits."""

    def __init__(self, fd: int | None, terminal: bool):
        self.fd = fd
        self.terminal = terminal
        self.pending = ""
        # How many characters of `pending` were typed before the last
        # `mark`, and whether the key last read was one of them.
        self.unread_at_mark = 0
        self.marked = False

    @property
    def ended(self) -> bool:
        return self.fd is None and not self.pending

    def typed(self) -> str:
        """Every key typed and not read yet, without waiting, and without
        reading them: each is still read in turn."""
        while self.fd is not None:
            ready, _, _ = select.select([self.fd], [], [], 0)
            if not ready:
                break
            data = os.read(self.fd, 1024).decode(errors="replace")
            if not data:
                self.fd = None  # the input ended
            self.pending += self._keys_in(data)
        return self.pending

    def mark(self) -> None:
        """Mark every key typed so far: `marked` tells, as each is read,
        that it was typed before this moment."""
        self.unread_at_mark = len(self.typed())

    def read(self, timeout: float) -> str:
        """The next key, or '' when none came within `timeout` seconds."""
        left = len(self.pending)
        key = self._next(timeout)
        taken = max(0, left - len(self.pending))
        self.marked = bool(key) and self.unread_at_mark > 0
        self.unread_at_mark = max(0, self.unread_at_mark - taken)
        return key

    def _next(self, timeout: float) -> str:
        """The next key, or '' when none came within `timeout` seconds."""
        if not self.pending and self.fd is not None:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if ready:
                data = os.read(self.fd, 1024).decode(errors="replace")
                if not data:
                    self.fd = None  # the input ended
                self.pending = self._keys_in(data)
        elif self.fd is None and timeout:
            time.sleep(timeout)  # a closed input is not polled: no busy loop
        if not self.terminal:  # the keys of one line
            key, _, self.pending = self.pending.partition("\n")
            return key
        key, self.pending = self.pending[:1], self.pending[1:]
        return key

    def _keys_in(self, data: str) -> str:
        """The keys typed in `data`; from a pipe, those of each line on a
        line of their own, so that a line is read as a whole."""
        if self.terminal:
            return _plain_keys(data)
        return "\n".join(map(_plain_keys, data.splitlines()))


def _plain_keys(data: str) -> str:
    """The keys typed in `data`, without whitespace and without the escape
    sequences that arrows, Home or F1 send: the right arrow's ESC [ C must
    not read as c, nor Home's ESC [ H as h."""
    return "".join(ESCAPE_SEQUENCE.sub("", data).split())


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
        try:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        except termios.error:
            pass  # the terminal was closed: there is nothing to restore

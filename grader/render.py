"""What the learner reads: the grader's one way to the terminal.

Everything the grader shows goes through a `Screen`: the report to stdout,
problems to stderr, both through rich. On a terminal with ``NO_COLOR``
unset the statuses are coloured and a progress bar moves while the tests
run; anywhere else (a pipe, a file, a CI log) the output is plain text
with no escape codes at all.

Learner output and failure messages are printed as literal text, never
parsed as markup: a ``[red]`` in a print must stay ``[red]``.

Off a terminal no line is wrapped but prose, and no line ends in spaces:
a log or a file is read by tools that match whole lines.
"""

import ast
import functools
import itertools
import os
import re
import sys
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import TextIO

from rich import box
from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from grader import docs, i18n
from grader.docs import FunctionDoc
from grader.exercises import ExerciseInfo
from grader.grading import (
    DONE,
    ERROR,
    FAILING,
    MISTAKE_LABEL,
    NOT_STARTED,
    Grade,
    Gradebook,
    checks_refusal,
    counted_as,
    example_first,
    exercise_error,
    gist,
    listed_mistakes,
    mistakes_named,
    most_telling,
)
from grader.i18n import N_, _
from grader.results import (
    EXCEPTION,
    MISSING_ENDING,
    NOT_IMPLEMENTED,
    NOT_RUN,
    ExerciseRun,
    TestResult,
    lines_cut,
)

STATUS_STYLES = {
    DONE: "bold green",
    FAILING: "yellow",
    ERROR: "bold red",
    NOT_STARTED: "dim",
}
BAR_WIDTH = 30
# The shortest bar worth drawing: below it, on a narrow terminal, the count
# of exercises done says the same.
MIN_BAR_WIDTH = 10
# How long a grade runs before its status line appears: most end sooner,
# and a line that flashes by is only noise.
STATUS_DELAY = 1.0
# The mark before the name of a failed test, wherever one is named (check,
# the overview, the watch, a notebook), and the plain one for an output
# that cannot show it (see `failed_mark`).
FAILED_MARK = "✗"
FAILED_MARK_PLAIN = "x"
# Learner output shown with a failure: enough lines to spot a debugging
# print, few enough that the failure stays on screen.
OUTPUT_HEAD_LINES = 12
OUTPUT_TAIL_LINES = 4
OUTPUT_LINE_CHARS = 160
# Exercises named in a list of the status line, where room is scarce; the
# rest are counted. (`check` names every test that failed alike: it is the
# command that shows everything.)
NAMES_SHOWN = 3
# Off a terminal, wider than any row the grader prints: a table row is
# never wrapped, and each line is as long as what it holds.
PIPED_WIDTH = 1000
# Prose (hints) is wrapped near this width however wide the terminal:
# longer lines are hard to follow from one to the next.
PROSE_WIDTH = 79
# How far a docstring stands in under its function's signature (`doc`).
DOC_INDENT = "    "
# A labelled line of a failure message: two spaces, a label of lowercase
# words, and its value after a colon or a run of spaces, as in
# "  expected  [1, 2]" or "  likely mistake: ...". The value begins where
# the match ends.
LABELLED = re.compile(r"  [a-z][a-z ]*?(?::|(?=  ))\s+")
# The start of an exception's message that names the call which raised,
# as in "softmax([1., 2.]) raised ValueError: ...".
CALL_RAISED = re.compile(r"\w+\(.*?\) raised ", re.DOTALL)


def make_console(file: TextIO, environ=None) -> Console:
    """A console on `file`: colour only on a terminal with NO_COLOR unset."""
    environ = os.environ if environ is None else environ
    try:
        terminal = file.isatty()
    except (AttributeError, ValueError):
        terminal = False
    colour = terminal and not environ.get("NO_COLOR")
    return _Console(
        file=file if terminal else _NoTrailingSpaces(file),
        width=None if terminal else PIPED_WIDTH,
        force_terminal=terminal,
        force_interactive=terminal,
        color_system="auto" if colour else None,
        no_color=not colour,
        markup=False,
        highlight=False,
        emoji=False,
    )


class _Console(Console):
    """rich's console, but a reader that goes away (`| head`) raises
    BrokenPipeError for the command to handle, instead of ending the
    program with exit code 1, which would read as "not done"."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


class _NoTrailingSpaces:
    """A text file that drops the spaces rich leaves at the ends of lines
    (the padding of a table's last column): invisible on a terminal, noise
    in a file or a diff."""

    _BEFORE_NEWLINE = re.compile(r"[ \t]+(?=\n)")

    def __init__(self, file: TextIO):
        self._file = file
        self.encoding = getattr(file, "encoding", None)

    def write(self, text: str) -> int:
        return self._file.write(self._BEFORE_NEWLINE.sub("", text))

    def flush(self) -> None:
        self._file.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._file.fileno()


# Where to go on once an exercise is done: the next one to grade, or,
# when it is still its stub, to read first.
NEXT = N_("Next: exercise {number}, {name} ({title}): `{prog} check {name}`.")
NEXT_TO_READ = N_(
    "Next: exercise {number}, {name} ({title}): read it with "
    "`{prog} doc {name}`, then grade it with `{prog} check {name}`."
)


# Of the report's tables (`Screen._narrowest_fitting`), which fits, by what
# it shows and the width; at most this many kept.
NARROWEST_KEPT = 256
_NARROWEST: dict[tuple, int] = {}


class Screen:
    """The human report on stdout, problems on stderr."""

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None):
        self.out = make_console(stdout or sys.stdout)
        self.err = make_console(stderr or sys.stderr)

    def problem(self, text: str) -> None:
        """A problem that stops the command (a usage error, say)."""
        self.err.print(
            Text(_("error: {text}", text=text), style="bold red"), soft_wrap=True
        )

    def say(self, text: str) -> None:
        """A sentence of the command's own, wrapped as prose is."""
        self._prose(text)

    def warning(self, text: str) -> None:
        """Something went wrong that does not change the grade."""
        self.err.print(
            Text(_("warning: {text}", text=text), style="yellow"), soft_wrap=True
        )

    @contextmanager
    def grading(
        self,
        exercises: list[ExerciseInfo],
        limit: float,
        tests: Callable[[], tuple[int, int] | None] | None = None,
        running: Callable[[], list[str]] | None = None,
        began: Callable[[], float | None] | None = None,
        ages: Callable[[], dict[str, float]] | None = None,
        exploring: bool = False,
    ) -> Iterator["GradeStatus"]:
        """A status line while `exercises` are graded, each held to the
        time limit `limit` (seconds): see `GradeStatus`, which is yielded.
        `tests()` says how many tests of a lone exercise have ended, and of
        how many (None while unknown); `running()` names the exercises
        whose tests are running now (the others are still to run);
        `began()`, when the first tests started (`time.monotonic`), None
        before; `ages()`, how long each exercise with tests running has run
        them, in the seconds the limit counts (see `runner.running_for`).
        A lone exercise `exploring` is said to be explored, not graded."""
        status = GradeStatus(self.out, [e.name for e in exercises], limit)
        status.tests, status.running, status.began = tests, running, began
        status.ages, status.exploring = ages, exploring
        try:
            yield status
        finally:
            status.close()

    def gradebook(
        self,
        book: Gradebook,
        prog: str,
        stuck: Text | None = None,
        cut: tuple[str, ...] = (),
        answers: bool | None = None,
        heading: bool = True,
        submission: str | None = None,
    ) -> None:
        """The main report: a line per exercise, the score, what is next.
        `stuck` says where help is, in place of the commands that give it
        (the watch has keys for them). The exercises `cut` had not ended
        when the grade was interrupted: they are said to be so, and nothing
        is next. Once every exercise is done, unless `answers` is None,
        what the learner may do next: with the command that shows the
        model answers if there are `answers` to see. Without `heading`,
        the table comes first: the watch's top line names the screen.

        A `submission` graded for someone else (grading mode, the folder
        named) is named in the heading, and the report ends with its first
        unfinished exercise's failure: the learner's advice (hints, `check`)
        would act on the project of whoever runs it, and the tests leave
        out theirs (`reset`, see `runner.Job.advice`)."""
        table = self._narrowest_fitting(book, cut)
        if heading:
            self.out.print(_heading(book, submission))
            self.out.print()
        self.out.print(table)
        self.out.print()
        self.out.print(self._score_line(book))
        self.out.print()
        if cut:
            note = _(
                "Interrupted before these ended: {names}. Run {command} again to "
                "grade them.",
                names=i18n.listed(list(cut)),
                command=f"`{prog}`",
            )
            if len(cut) == 1:
                note = _(
                    "Interrupted before {name} ended. Run {command} again to grade it.",
                    name=cut[0],
                    command=f"`{prog}`",
                )
            self.out.print(self.fitted(Text(note)), soft_wrap=True)
            return
        if submission is not None:
            self._first_unfinished(book)
            return
        note = printed_in_report(book, prog)
        if note:
            self.out.print(self.fitted(Text(note, style="dim")), soft_wrap=True)
            self.out.print()
        grade = book.next_up
        if grade is None:
            done = _("All {count} exercises done. Well done!", count=len(book.grades))
            self.out.print(
                filled(Text(done, style="bold green"), self.out), soft_wrap=True
            )
            if answers is not None:
                self._after_all_done(prog, answers)
        else:
            self._next_up(grade, book, prog, stuck)

    def _after_all_done(self, prog: str, answers: bool) -> None:
        """Under the report once every exercise is done: what is left to
        try, the model `answers` first if there are some to compare with."""
        self.out.print()
        self.out.print(Text(_("What next:"), style="bold"))
        lines = []
        if answers:
            lines.append(
                _(
                    "`{prog} solution NAME` shows the model answer of an "
                    "exercise: compare it with yours.",
                    prog=prog,
                )
            )
        lines.append(
            _(
                "`{prog} check NAME --explore` tries many more random examples "
                "on one exercise, to hunt for the bugs the grade may have missed.",
                prog=prog,
            )
        )
        for line in lines:
            self.out.print(self.fitted(Text(f"- {line}")), soft_wrap=True)

    def _narrowest_fitting(self, book: Gradebook, cut: tuple[str, ...]) -> Table:
        """The report's table as wide as the output allows: its statuses
        short, then its columns closer, then without its points, until it
        fits (see `_grade_table`); the narrowest if none does. A row
        broken over two would read as two exercises, and take two rows of
        a small screen."""
        narrower = [
            {},
            {"short": True},
            {"short": True, "tight": True},
            {"short": True, "tight": True, "points": False},
        ]
        # Measuring a table is slow, and the watch lays out one report many
        # ways to fit a screen: which table fits is kept, by all it reads.
        rows = tuple(
            (g.exercise.number, g.name, g.status, g.passed, g.total, g.points)
            for g in book.grades
        )
        key = (rows, tuple(cut), self._columns(), i18n.language())
        if key not in _NARROWEST:
            if len(_NARROWEST) >= NARROWEST_KEPT:
                _NARROWEST.clear()
            _NARROWEST[key] = next(
                (
                    index
                    for index, options in enumerate(narrower)
                    if self._fits(self._grade_table(book, cut, **options))
                ),
                len(narrower) - 1,
            )
        return self._grade_table(book, cut, **narrower[_NARROWEST[key]])

    def _grade_table(
        self,
        book: Gradebook,
        cut: tuple[str, ...],
        short: bool = False,
        tight: bool = False,
        points: bool = True,
    ) -> Table:
        """The report's table: a row per exercise, its status `short` (the
        translation alone, for a narrow terminal) if asked, its columns one
        space apart if `tight`, and without the points of each exercise
        unless `points` (the tests passed say as much: points are earned
        in proportion to them, and the score sums them)."""
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            padding=(0, 0) if tight else (0, 1),
        )
        table.add_column("#", justify="right")
        table.add_column(_("exercise"))
        table.add_column(_("status"))
        table.add_column(_("tests"), justify="right")
        if points:
            table.add_column(_("points"), justify="right")
        for grade in book.grades:
            counts = [f"{grade.passed}/{grade.total}"]
            if points:
                counts.append(f"{_points(grade.points)}/{_points(grade.max_points)}")
            status = _status(grade.status, short)
            if grade.name in cut:
                status = Text(_("(interrupted)"), style="dim")
                counts = [""] * len(counts)
            table.add_row(str(grade.exercise.number), grade.name, status, *counts)
        return table

    def _fits(self, table: Table) -> bool:
        """Whether `table` fits the output's width with no cell wrapped: a
        terminal's last column is left free, as the watch leaves it."""
        return self.out.measure(table).maximum <= self._columns()

    def _columns(self) -> int:
        """The columns a line may fill: on a terminal, all but the last
        (a line that fills it leaves some terminals' cursor on the next)."""
        width = self.out.width
        return width - 1 if self.out.is_terminal else width

    def check(
        self,
        grade: Grade,
        target: str,
        prog: str,
        points: bool = True,
        root: Path | None = None,
    ) -> None:
        """One exercise in full: every failing property, and what the
        learner's code printed while it failed. Without `points` (a run
        that is not the grade) the header counts the tests only. `root`,
        the project's folder, lets a note find the prints left in."""
        exercise = grade.exercise
        source = None if root is None else root / target / f"{exercise.name}.py"
        if points:
            counts = _(
                "  {passed}/{total} tests, {points}/{max_points} points",
                passed=grade.passed,
                total=grade.total,
                points=_points(grade.points),
                max_points=_points(grade.max_points),
            )
        else:
            counts = _(
                "  {passed}/{total} tests", passed=grade.passed, total=grade.total
            )
        parts = [
            Text(f"{exercise.number}. {exercise.name}: {i18n.title(exercise)}"),
            _status(grade.status),
            Text(counts.strip()),
        ]
        margin = " " * i18n.width(f"{exercise.number}. ")
        self.out.print(header_rows(parts, self._columns(), margin), soft_wrap=True)
        self.out.print()
        if grade.status == DONE:
            self.out.print(Text(_("Every test passes."), style="green"))
            if printed_output(grade):
                text = printed_note(grade, source)
                self.out.print(self.fitted(Text(text, style="dim")), soft_wrap=True)
            return
        if grade.status == NOT_STARTED:
            self._not_started(exercise, target, prog)
            return
        self.failures(grade)
        if not file_missing(grade):
            self._help_line(exercise.name, target, prog, check=False)

    def failures(self, grade: Grade) -> None:
        """What `check` shows of an exercise not done below its header:
        the run's error, every failing property of `grade` with the names
        of the tests that failed the same way, and the note of the tests
        not run; the watch counts its rows (see `Watch.check_hidden`)."""
        exercise = grade.exercise
        self._exercise_error(grade)
        failures = explained(grade)
        note_at = first_unnamed_after_named(failures)
        for index, (test, others, same_property) in enumerate(grouped(failures)):
            if index == note_at:
                note = Text(_(SAME_CAUSE_NOTE), style="dim")
                self.out.print(self.fitted(note), soft_wrap=True)
                self.out.print()
            others = told_apart(test, others, failures, exercise.name)
            self._failure(test, others, same_property, shared_item(test, failures))
        note = not_run_note(grade)
        if note:
            self.out.print(self.fitted(Text(note)), soft_wrap=True)
            self.out.print()

    def what_next(
        self,
        done: ExerciseInfo,
        following: ExerciseInfo | None,
        prog: str,
        answer: bool,
        started: bool = True,
    ) -> None:
        """After exercise `done` is: the exercise to go on with,
        `following` (None when every one is done), to read first when it
        is not `started`, and, when there is a model `answer` to see, the
        command that shows it."""
        if following is None:
            line = _("Every exercise is done: `{prog}` grades them all.", prog=prog)
        else:
            line = _(
                NEXT if started else NEXT_TO_READ,
                number=following.number,
                name=following.name,
                title=i18n.title(following),
                prog=prog,
            )
        if answer:
            line += _(
                " `{prog} solution {name}` now shows the model answer.",
                prog=prog,
                name=done.name,
            )
        self.out.print(filled(Text(line, style="cyan"), self.out), soft_wrap=True)

    def listing(
        self,
        book: Gradebook,
        changed: Collection[str] = (),
        ungraded: Collection[str] = (),
        timed_out: Collection[str] = (),
        titles: bool = True,
    ) -> None:
        """The exercises in order, with their titles (unless not `titles`)
        and statuses; those `changed` since the grade shown, those
        `ungraded`, and those whose grade shown was stopped at its time
        limit (`timed_out`), marked so. Too wide for the output, the
        statuses are shortened, then the titles left out: a title broken
        over two rows would read as two exercises, and one that pushes the
        table into a terminal's last column leaves it there."""
        narrower = [(titles, False), (titles, True), (False, False), (False, True)]
        tables = [
            self._list_table(book, changed, ungraded, timed_out, shown, short)
            for shown, short in narrower
        ]
        table = next((table for table in tables if self._fits(table)), tables[-1])
        self.out.print(table)

    def _list_table(
        self,
        book: Gradebook,
        changed: Collection[str],
        ungraded: Collection[str],
        timed_out: Collection[str],
        titles: bool,
        short: bool = False,
    ) -> Table:
        """The table of `listing`, its statuses `short` if asked (see
        `_grade_table`)."""
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("#", justify="right")
        table.add_column(_("exercise"))
        if titles:
            table.add_column(_("title"))
        table.add_column(_("status"))
        for grade in book.grades:
            exercise = grade.exercise
            status = _status(grade.status, short)
            if grade.name in timed_out:
                status.append(_(" (timed out)"), style="dim")
            if grade.name in changed:
                status.append(_(" (changed since)"), style="dim")
            if grade.name in ungraded:
                status = Text(_("(not graded yet)"), style="dim")
            title = [i18n.title(exercise)] if titles else []
            table.add_row(str(exercise.number), exercise.name, *title, status)
        return table

    def not_graded_again(
        self, changed: list[str], ungraded: list[str], seconds: float, prog: str
    ) -> None:
        """Below a listing: which exercises were not graded within `seconds`
        (those `changed` show the status of older code), and how to."""
        if not changed and not ungraded:
            return
        self.out.print()
        if changed:
            line = _(
                "Changed since the status shown, and not graded again within "
                "{seconds} s: {names}.",
                seconds=f"{seconds:g}",
                names=i18n.listed(changed),
            )
            self.out.print(filled(Text(line, style="yellow"), self.out), soft_wrap=True)
        if ungraded:
            line = _(
                "Not graded within {seconds} s: {names}.",
                seconds=f"{seconds:g}",
                names=i18n.listed(ungraded),
            )
            self.out.print(filled(Text(line, style="yellow"), self.out), soft_wrap=True)
        line = _(
            "`{prog} check {name}` grades one in full, however long it takes.",
            prog=prog,
            name=(changed + ungraded)[0],
        )
        self.out.print(filled(Text(line, style="cyan"), self.out), soft_wrap=True)

    def hints(
        self,
        exercise: ExerciseInfo,
        shown: tuple[str, ...],
        prog: str,
        done: bool = False,
    ) -> None:
        """The hints seen so far, the newest last."""
        total = len(exercise.hints)
        if not total:
            self.out.print(_("Exercise {name} has no hints.", name=exercise.name))
            return
        heading = _(
            "Hints for exercise {number}, {name} ({title}): {shown} of {total}",
            number=exercise.number,
            name=exercise.name,
            title=i18n.title(exercise),
            shown=len(shown),
            total=total,
        )
        self.out.print(filled(Text(heading, style="bold"), self.out), soft_wrap=True)
        self.out.print()
        # The hints seen are counted in the catalogue's order, the same in
        # every language: show the learner's language's text of each.
        shown = i18n.hints(exercise)[: len(shown)]
        for number, hint in enumerate(shown, start=1):
            style = "" if number == len(shown) else "dim"
            self._prose(f"{number}. {hint}", style, hanging=len(f"{number}. "))
            self.out.print()
        if len(shown) < total and done:
            # Asked for all the same: the hint is shown, and the learner
            # told that the exercise needs none.
            self._prose(
                _(
                    "Exercise {name} is done already: every test passes. Run "
                    "`{prog} hint {name}` again for the next hint all the same.",
                    prog=prog,
                    name=exercise.name,
                )
            )
        elif len(shown) < total:
            self._prose(
                _(
                    "Run `{prog} hint {name}` again for the next one.",
                    prog=prog,
                    name=exercise.name,
                )
            )
        elif done:
            self._prose(
                _(
                    "That was the last hint. Exercise {name} is done already: "
                    "every test passes.",
                    name=exercise.name,
                )
            )
        else:
            self._prose(
                _(
                    "That was the last hint. `{prog} check {name}` grades your "
                    "code and explains each failing test, if any.",
                    prog=prog,
                    name=exercise.name,
                )
            )

    def doc(self, exercise: ExerciseInfo, functions: list[FunctionDoc]) -> None:
        """An exercise's specification: each function's signature and its
        docstring, its prose wrapped anew to the terminal's width, as hints
        are (`PROSE_WIDTH` at most), and its layout and code kept (see
        `docs.reflowed`)."""
        number = f"{exercise.number}. "
        title = f"{number}{exercise.name}: {i18n.title(exercise)}"
        # Broken between words, its later rows under the name, rather than
        # by the terminal inside a word. Its last word is a word of the
        # title, not left over: no tail is lengthened ("に|よる勾配").
        columns = min(self.out.width, PROSE_WIDTH)
        title = i18n.fill(title, columns, len(number), tail=False)
        self.out.print(Text(title, style="bold"), soft_wrap=True)
        for function in functions:
            self.out.print()
            # Broken between its arguments, as Python would, rather than by
            # the terminal inside one ("epochs=5", "00").
            rows = nested_rows(function.signature, columns, _example_breaks)
            self.out.print(Text("\n".join(rows), style="bold"), soft_wrap=True)
            if function.stale:
                note = _(
                    "(The translation of this specification is out of date: "
                    "here it is in English.)"
                )
                self.out.print(Text(note, style="yellow"), soft_wrap=True)
            text = function.text or _("(no docstring)")
            width = min(self.out.width, PROSE_WIDTH) - len(DOC_INDENT)
            # Its examples too, one column short, as `fitted` leaves them: in
            # a file or a pager as on the terminal, no row is wider than the
            # prose around it.
            text = examples_fitted(docs.reflowed(text, width), width - 1)
            self.out.print(_indented(text, DOC_INDENT), soft_wrap=True)

    def _prose(self, text: str, style: str = "", hanging: int = 0) -> None:
        """Print `text` wrapped at word boundaries, each paragraph's later
        lines indented by `hanging` (under the text after a "1. ")."""
        width = min(self.out.width, PROSE_WIDTH)
        wrapped = "\n".join(
            i18n.fill(paragraph, width, hanging) for paragraph in text.splitlines()
        )
        self.out.print(Text(wrapped, style=style), soft_wrap=True)

    def _score_line(self, book: Gradebook) -> Text:
        """The bar of exercises done, their count and the score, on one
        line: the bar is shortened to fit a narrow terminal, and left out
        where even MIN_BAR_WIDTH would not fit."""
        words = _(
            "  {done} of {total} done", done=book.done, total=len(book.grades)
        ) + _(
            "   score {score}/{max_score}",
            score=_points(book.score),
            max_score=_points(book.max_score),
        )
        width = min(BAR_WIDTH, self._columns() - i18n.width(words))
        if width < MIN_BAR_WIDTH:
            return Text(words.lstrip(), style="bold")
        fraction = book.done / len(book.grades)
        full, empty = ("█", "░") if _unicode(self.out) else ("#", "-")
        filled = round(fraction * width)
        line = Text(full * filled, style="green")
        line.append(empty * (width - filled), style="dim")
        line.append(words, style="bold")
        return line

    def _next_up(
        self, grade: Grade, book: Gradebook, prog: str, stuck: Text | None
    ) -> None:
        exercise = grade.exercise
        fields = _named(exercise)
        self._headed(_("Next: exercise {number}, {name} ({title}):", **fields), grade)
        if grade.status == NOT_STARTED:
            self._not_started(exercise, book.target, prog, stuck)
            return
        self._exercise_error(grade)
        failure = most_telling(explained(grade))
        if failure is not None:
            self._failure(failure)
        if stuck is not None:
            self.out.print(self.fitted(stuck), soft_wrap=True)
        elif not file_missing(grade):
            # When the exercise's own error (a syntax error, say) is all
            # there is, `check` would only show it again.
            more = failure is not None
            self._help_line(exercise.name, book.target, prog, check=more)

    def _headed(self, heading: str, grade: Grade) -> None:
        """The line that names the exercise of `grade` under `heading`
        ("Next: exercise 3, softmax (...):"), and its status after it."""
        line = Text(heading, style="bold")
        line.append(" ")
        line.append_text(_status(grade.status))
        self.out.print(filled(line, self.out), soft_wrap=True)

    def _first_unfinished(self, book: Gradebook) -> None:
        """The first exercise not done in a submission graded for someone
        else, with why: its error or its most telling failure."""
        grade = book.next_up
        if grade is None:
            done = _("All {count} exercises done.", count=len(book.grades))
            self.out.print(filled(Text(done, style="bold green"), self.out))
            return
        fields = _named(grade.exercise)
        heading = _("First not done: exercise {number}, {name} ({title}):", **fields)
        self._headed(heading, grade)
        if grade.status == NOT_STARTED:
            return
        self._exercise_error(grade)
        failure = most_telling(explained(grade))
        if failure is not None:
            self._failure(failure)

    def _exercise_error(self, grade: Grade) -> None:
        """Why the exercise as a whole failed, if it did, once."""
        error = exercise_error(grade)
        if error:
            message = i18n.failure(aligned(error))
            self.out.print(self.fitted(Text(message, style="red")), soft_wrap=True)
            self.out.print()

    def _not_started(
        self, exercise: ExerciseInfo, target: str, prog: str, stuck=None
    ) -> None:
        line = _(
            "Open {target}/{name}.py, read the docstring, and replace "
            "`raise NotImplementedError(...)` with your code.",
            target=target,
            name=exercise.name,
            prog=prog,
        )
        self.out.print(self.fitted(Text(line)), soft_wrap=True)
        if stuck is not None:
            self.out.print(self.fitted(stuck), soft_wrap=True)
        else:
            self._help_line(exercise.name, target, prog, check=False)

    def _failure(
        self,
        test: TestResult,
        others: tuple[str, ...] = (),
        same_property=True,
        item: int | None = None,
    ) -> None:
        """One failure in full, then the names of the `others`: the tests
        that failed the same way (`same_property`: all broke the property
        `test` broke; else they share the likely mistake named, or, when
        `test` lists several, the one numbered `item`)."""
        mark = failed_mark(self.out.encoding)
        columns = self._columns() if self.out.is_terminal else None
        self.out.print(failed_line(mark, test.name, columns), soft_wrap=True)
        message = self.failure_message(test.message)
        self.out.print(self.fitted(_indented(message, "    ")), soft_wrap=True)
        if test.output.strip():
            output, trimmed = _trim_output(test.output)
            label = output_label(test.output, trimmed)
            self.out.print(Text(label, style="dim"))
            self.out.print(_indented(output, "    | "), soft_wrap=True)
        if others:
            # Where a mistake is named, the others are said to share it,
            # whether or not they broke the same property: one wording for
            # one cause.
            named = MISTAKE_LABEL in test.message
            line = _same_way(others, same_property and not named)
            if item is not None:
                line = _same_item(others, item)
            rows = by_phrases(Text(line), columns).plain.split("\n")
            if columns is not None:
                # A long name is broken as the failed test's own is, not
                # by the terminal inside a word.
                rows = [r for row in rows for r in names_broken(row, columns, "  ")]
            self.out.print(Text("\n".join(rows), style="dim"), soft_wrap=True)
        self.out.print()

    def fitted(self, text: Text) -> Text:
        """`text` as the report shows it: on a terminal, each line too wide
        for it broken between words, under its label (as the watch does);
        elsewhere as it is, for the reader's program to wrap or scroll."""
        return fitted(text, self.out)

    def failure_message(self, message: str) -> str:
        """A failure's `message`, as the tests write it, laid out to be
        read in the current language; the watch shortens it to fit its
        screen."""
        return i18n.failure(aligned(message))

    def _help_line(self, name: str, target: str, prog: str, check: bool) -> None:
        where = "" if target == "exercises" else f" --target {target}"
        line = _("Stuck? `{prog} hint {name}` gives a hint.", prog=prog, name=name)
        if check:
            line += _(
                " Every failing test: `{prog} check {name}{where}`.",
                prog=prog,
                name=name,
                where=where,
            )
        self.out.print(self.fitted(Text(line, style="cyan")), soft_wrap=True)


class GradeStatus:
    """How far a grade is, on one line of a terminal, redrawn as it goes:
    the seconds so far, what has ended (the tests of a lone exercise, else
    the exercises), what still runs, the time limit and how to stop.

    Nothing is shown off a terminal, nor before `STATUS_DELAY` seconds
    have passed; the line goes once every exercise has ended, so that no
    count of ended work stays up while a test still runs. It is redrawn
    only when asked (`finished`, `tick`), never from a thread of its own:
    the runner forks, and a fork must not catch another thread halfway
    through a write.
    """

    def __init__(self, console: Console, names: list[str], limit: float):
        self.console = console
        self.names = names
        self.limit = limit
        self.tests: Callable[[], tuple[int, int] | None] | None = None
        self.running: Callable[[], list[str]] | None = None
        self.began: Callable[[], float | None] | None = None
        self.ages: Callable[[], dict[str, float]] | None = None
        self.exploring = False  # a lone exercise explored (`check --explore`)
        self.ended = 0
        self.over: set[int] = set()  # the positions in `names` that ended
        self.seconds = 0
        self.started = time.monotonic()
        self.live: Live | None = None
        self.shown = ""

    def finished(self, index: int, run: ExerciseRun) -> None:
        """Count one exercise ended (`runner.run_many`'s `on_finish`)."""
        self.ended += 1
        self.over.add(index)
        if self.ended >= len(self.names):
            self.close()
        else:
            self.tick()

    def tick(self) -> None:
        """Redraw the line, if it is due and has changed."""
        if not self.console.is_terminal or self.ended >= len(self.names):
            return
        now = time.monotonic()
        if now - self.started < STATUS_DELAY:
            return
        # Counted from the start of the tests, as the time limit is, once
        # they have started (the seconds their process took to start count
        # towards neither); never backwards, though.
        began = self.began() if self.began is not None else None
        self.seconds = max(self.seconds, int(now - (began or self.started)))
        ages = self.ages() if self.ages is not None else {}
        text = self.line(self.seconds, ages)
        if text == self.shown:
            return
        self.shown = text
        text = aside_broken(text, self.console.width - 1)  # see `fitted`
        renderable = fitted(Text(text, style="dim"), self.console)
        if self.live is None:
            self.live = Live(
                renderable,
                console=self.console,
                auto_refresh=False,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self.live.start(refresh=True)
        else:
            self.live.update(renderable, refresh=True)

    def _lone_line(self, fields: dict) -> str:
        """The status line of one exercise's grade (or exploration), with
        the tests ended so far once they are known."""
        done = self.tests() if self.tests is not None else None
        fields = {**fields, "name": self.names[0]}
        if done is not None:
            fields.update(done=done[0], total=done[1])
        if self.exploring:
            if done is None:
                return _(
                    "exploring {name}: {seconds} s (time limit {limit} s; "
                    "Ctrl+C stops it)",
                    **fields,
                )
            return _(
                "exploring {name}: {done} of {total} tests ended, {seconds} s "
                "(time limit {limit} s; Ctrl+C stops it)",
                **fields,
            )
        if done is None:
            return _(
                "grading {name}: {seconds} s (time limit {limit} s; Ctrl+C stops it)",
                **fields,
            )
        return _(
            "grading {name}: {done} of {total} tests ended, {seconds} s "
            "(time limit {limit} s; Ctrl+C stops it)",
            **fields,
        )

    def line(self, seconds: int, ages: dict[str, float] | None = None) -> str:
        """The status line's text, `seconds` into the grade, while the
        exercises in `ages` have run their tests so long (see
        `runner.running_for`).

        The time limit holds each share of an exercise's tests on its own,
        and its shares may run one after the other: a lone exercise's
        seconds are those of its share running longest, and each exercise
        named as running is shown with its own, lest the grade's seconds
        seem to pass the limit."""
        ages = ages or {}
        fields = {"seconds": seconds, "limit": f"{self.limit:g}"}
        if len(self.names) == 1 and self.names[0] in ages:
            fields["seconds"] = int(ages[self.names[0]])
        if len(self.names) == 1:
            return self._lone_line(fields)
        fields.update(done=self.ended, total=len(self.names))
        names = self.running() if self.running is not None else []
        if not names:
            return _(
                "grading: {done} of {total} finished, {seconds} s "
                "(time limit {limit} s each; Ctrl+C stops it)",
                **fields,
            )
        # The others wait for a worker that one still running holds: they
        # are named too, or a slow one would seem to be all that is left.
        left = [n for i, n in enumerate(self.names) if i not in self.over]
        # Every exercise is in one group: ended, running, or still to run
        # (one between two shares of its tests is too).
        waiting = [name for name in left if name not in names]
        timed = [timed_name(name, ages) for name in names]
        if waiting:
            return _(
                "grading: {done} of {total} finished, {seconds} s "
                "(time limit {limit} s each; Ctrl+C stops it), still running: "
                "{names}; still to run: {waiting}",
                names=some_named(timed),
                waiting=some_named(waiting),
                **fields,
            )
        return _(
            "grading: {done} of {total} finished, {seconds} s "
            "(time limit {limit} s each; Ctrl+C stops it), still running: {names}",
            names=i18n.listed(timed),
            **fields,
        )

    def close(self) -> None:
        """Take the line off the screen, if it is there."""
        if self.live is not None:
            self.live.stop()
            self.live = None


def aside_broken(line: str, width: int) -> str:
    """A status `line` that ends in an aside in brackets, "... 13 s (time
    limit 300 s; Ctrl+C stops it)", broken before the aside when it does
    not fit in `width` columns: the aside starts a row of its own rather
    than leave its last word alone on one. Any other line as it is."""
    if i18n.width(line) <= width or not line.endswith(")"):
        return line
    start = line.rfind("(")
    if start <= 0:
        return line
    return f"{line[:start].rstrip()}\n{line[start:].lstrip()}"


def timed_name(name: str, ages: dict[str, float]) -> str:
    """`name`, of an exercise said to be running, with the seconds its
    tests have run (from `ages`, see `runner.running_for`) once there is
    one: "cross_entropy (4 s)". Between two shares it has none."""
    if int(ages.get(name, 0)) < 1:
        return name
    return _("{name} ({seconds} s)", name=name, seconds=int(ages[name]))


def some_named(names: list[str]) -> str:
    """`names` listed, the first NAMES_SHOWN of them when there are more,
    the rest counted: 'dot, sigmoid, softmax and 2 more'."""
    # "and 1 more" would take the room of the name it stands for.
    kept = names if len(names) <= NAMES_SHOWN + 1 else names[:NAMES_SHOWN]
    shown = i18n.listed(kept)
    if len(names) > len(kept):
        shown += _(" and {count} more", count=len(names) - len(kept))
    return shown


def _named(exercise: ExerciseInfo) -> dict[str, object]:
    """The fields that name `exercise` in a sentence: its number, its name
    and its title in the current language."""
    return {
        "number": exercise.number,
        "name": exercise.name,
        "title": i18n.title(exercise),
    }


def _heading(book: Gradebook, submission: str | None = None) -> Text:
    if submission is not None:
        return Text(_("nn-kata: grading {folder}", folder=submission), style="bold")
    return Text(_("nn-kata: grading {target}/", target=book.target), style="bold")


def _status(status: str, short: bool = False) -> Text:
    return Text(i18n.status(status, short), style=STATUS_STYLES.get(status, ""))


def _points(value: Fraction) -> str:
    """Points for people: at most two decimals, no trailing zeros."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _unicode(console: Console) -> bool:
    return _can_show_marks(console.encoding)


def _can_show_marks(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("-", "").startswith("utf")


def failed_mark(encoding: str | None) -> str:
    """The mark for a failed test in an output of `encoding`: the plain
    one where the encoding is not a Unicode one."""
    return FAILED_MARK if _can_show_marks(encoding) else FAILED_MARK_PLAIN


# Said once of an exercise that is done but printed: its output is shown
# with failures only, and a print left in is easy to forget. What it
# printed first is quoted, cut to PRINTED_WIDTH characters.
PRINTED_NOTE = N_(
    'Your code printed "{text}" while its tests ran: remove the print() '
    "calls you no longer need."
)
PRINTED_MORE_NOTE = N_(
    'Your code printed "{text}" and more while its tests ran: remove the '
    "print() calls you no longer need."
)
PRINTED_WIDTH = 40


def failed_line(mark: str, name: str, columns: int | None) -> Text:
    """The `mark` of a failed test and its `name`; broken after an
    underscore of the name to fit `columns` (None: never), its later rows
    under the name's start: the mark never stands alone on a row, and a
    name is never broken inside a word (a name with no underscore left
    to break at runs on to the edge)."""
    line = f"{mark} {name}"
    if columns is None or i18n.width(line) <= columns:
        return Text(line)
    margin = " " * i18n.width(f"{mark} ")
    return Text("\n".join(name_rows(f"{mark} ", name, columns, margin, mark)))


def name_rows(
    head: str,
    name: str,
    columns: int,
    margin: str,
    alone: str = "",
    balanced: bool = True,
) -> list[str]:
    """`name`, a test's, after `head` and broken after its underscores to
    fit `columns`, its later rows starting with `margin`: a part of the
    name with no underscore left runs on to the edge, and `alone` (a
    mark) never stands alone on a row. A name that takes two rows is,
    when `balanced`, broken where they are nearest in width (see
    `two_rows`); else, or on more rows, each row is filled in turn."""
    words = re.findall(r"[^_]+_?|_", name)
    rows, row = [], head
    for word in words:
        if row.strip() not in ("", alone) and i18n.width(row + word) > columns:
            rows.append(row.rstrip())
            row = margin
        row += word
    if balanced and len(rows) == 1:
        return two_rows(head, words, columns, margin, alone) or [*rows, row]
    return [*rows, row]


def two_rows(
    head: str, words: list[str], columns: int, margin: str, alone: str
) -> list[str] | None:
    """The parts of a name (`words`, each ending in its underscore) on two
    rows that fit `columns`, the first after `head`, the second after
    `margin`, broken where the wider of the two is narrowest (the first
    the wider, where either may be): filled in turn, the first would
    leave a lone short word ("shape") on the second. None where no break
    fits."""
    tried = []
    for cut in range(1, len(words)):
        first = (head + "".join(words[:cut])).rstrip()
        second = margin + "".join(words[cut:])
        widths = (i18n.width(first), i18n.width(second))
        if first.strip() not in ("", alone) and max(widths) <= columns:
            tried.append(((max(widths), widths[1]), [first, second]))
    return min(tried, key=lambda found: found[0])[1] if tried else None


def names_broken(row: str, columns: int, margin: str, ends: bool = True) -> list[str]:
    """A `row` that lists tests, as wide as it was filled between words:
    a test's name too long for it broken after its underscores (see
    `name_rows`), what follows it kept on its last row, the later rows
    starting with `margin`, where the list starts. A name that ends the
    row, where the row `ends` its text, takes two balanced rows; one that
    more text follows fills its first row, leaving the most room after
    its last part for the text."""
    # A name and the marks that close it ("test_a,", "test_b。") go together.
    found = next(
        (
            name
            for name in _NAME_CLOSED.finditer(row)
            if i18n.width(row[: name.end()]) > columns
        ),
        None,
    )
    if found is None:
        return [row]
    balanced = ends and not row[found.end() :].strip()
    *rows, last = name_rows(
        row[: found.start()], found.group(), columns, margin, balanced=balanced
    )
    if not rows:
        return [row]
    return [*rows, *names_broken(last + row[found.end() :], columns, margin, ends)]


# A test's name in a list, and the marks that close it.
_NAME_CLOSED = re.compile(r"test_\w+(?:\[[^\]]*\])?[^\w\s\[]*")


def printed_note(grade: Grade, source: Path | None = None) -> str:
    """PRINTED_NOTE of `grade`'s exercise, with the first line it printed
    and, when `source` (its file) is given and can be read, a second line
    with the lines of the file that call print()."""
    lines = [line.strip() for line in grade.run.output.splitlines() if line.strip()]
    text = lines[0] if lines else ""
    if len(text) > PRINTED_WIDTH:
        text = text[: PRINTED_WIDTH - 3].rstrip() + "..."
    note = _(PRINTED_NOTE if len(lines) < 2 else PRINTED_MORE_NOTE, text=text)
    calls = [] if source is None else print_calls(source)
    if not calls:
        return note
    if len(calls) == 1:
        place = _("line {line}", line=calls[0])
    else:
        place = _("lines {lines}", lines=i18n.listed(map(str, calls)))
    where = _(
        "print() is called in {file} on {place}.",
        file=f"{source.parent.name}/{source.name}",
        place=place,
    )
    return f"{note}\n{where}"


def print_calls(path: Path) -> list[int]:
    """The lines of the module at `path` that call print(), those under
    ``if __name__ == "__main__":`` (which the tests never run) left out;
    none when the file cannot be read or parsed. The watch asks again at
    every layout it tries: the file is parsed once per version."""
    try:
        status = path.stat()
    except OSError:
        return []
    return list(_print_calls(path, status.st_mtime_ns, status.st_size))


@functools.lru_cache(maxsize=16)
def _print_calls(path: Path, mtime_ns: int, size: int) -> tuple[int, ...]:
    """`print_calls` of the version of `path` written at `mtime_ns`, of
    `size` bytes (the key of the cache)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return ()
    found = set()
    for statement in tree.body:
        if _main_guard(statement):
            continue
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
            ):
                found.add(node.lineno)
    return tuple(sorted(found))


def _main_guard(statement: ast.stmt) -> bool:
    """Whether `statement` is ``if __name__ == "__main__":``."""
    test = getattr(statement, "test", None)
    return (
        isinstance(statement, ast.If)
        and isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and [type(op) for op in test.ops] == [ast.Eq]
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def printed_in_report(book: Gradebook, prog: str) -> str:
    """The report's note of the exercises done whose code printed as their
    tests ran, and how to see it; "" when none did."""
    printed = [g.name for g in book.grades if g.status == DONE and printed_output(g)]
    if not printed:
        return ""
    return _(
        "Printed while the tests ran: {names}. Remove the print() calls "
        "you no longer need: {command} shows what was printed, and where.",
        names=i18n.listed(printed),
        command=f"`{prog} check {printed[0]}`",
    )


def printed_output(grade: Grade) -> bool:
    """Whether the code of the exercise printed anything while its tests
    ran."""
    return bool(grade.run.output.strip())


def output_label(output: str, trimmed: bool = False) -> str:
    """The line above what a failed test printed, `output`: "(trimmed)"
    when lines were left out or cut. Several lines may come from other
    calls than the one the failure shows, and the label says so; a single
    line is from a single print(), and needs no such warning."""
    several = sum(1 for line in output.splitlines() if line.strip()) > 1
    if several and trimmed:
        return _(
            "  What your code printed in this test (all its calls, not only "
            "the one shown; trimmed):"
        )
    if several:
        return _(
            "  What your code printed in this test (all its calls, not only "
            "the one shown):"
        )
    if trimmed:
        return _("  What your code printed in this test (trimmed):")
    return _("  What your code printed in this test:")


def not_run_note(grade: Grade) -> str:
    """How many of the exercise's tests never ran, and why: the grader
    stopped the tests (at one of its limits), or their process ended by
    itself. '' when every test ran."""
    count = sum(test.kind == NOT_RUN for test in grade.failures)
    if not count:
        return ""
    if grade.run.stopped_at_limit and count == 1:
        return _(
            "1 more test did not run: the grader stopped the exercise before it "
            "could run."
        )
    if grade.run.stopped_at_limit:
        return _(
            "{count} more tests did not run: the grader stopped the exercise "
            "before they could run.",
            count=count,
        )
    if count == 1:
        return _("1 more test did not run: the process stopped first.")
    return _("{count} more tests did not run: the process stopped first.", count=count)


def file_missing(grade: Grade) -> bool:
    """Whether the exercise of `grade` failed as a whole because its file
    is gone: its error says so, and how `reset` puts the stub back, the
    only way on (a hint on code that is not there would lead away)."""
    return MISSING_ENDING in exercise_error(grade)


def explained(grade: Grade) -> list[TestResult]:
    """The failures worth showing one by one: not the tests that never ran,
    nor those whose message is already the exercise's error."""
    error = exercise_error(grade)
    return [
        test
        for test in grade.failures
        if test.kind != NOT_RUN and not _told(test, error)
    ]


def _told(test: TestResult, error: str) -> bool:
    """Whether the exercise's `error` already says what `test`'s message
    does: the message is part of it, or is it without the names of the
    tests that were running when the tests stopped (the runner names them,
    `test` among them).

    The tests are shared out to two workers: when both stop the same way
    (each at the time limit, say), the runner tells one stop and then names
    both tests, and neither is shown again on its own."""
    if not test.message:
        return False
    if test.message in error:
        return True
    running = _RUNNING_TESTS.search(error)
    if running is None or test.name not in _TEST_NAME.findall(running.group()):
        return False
    return test.message in _RUNNING_TESTS.sub("", error, count=1)


# A test's name, "test_name" or "test_name[case]"; and the runner's ways of
# naming the tests that were running: " in test_a[0]" in the sentence, or,
# when both workers stopped alike, a sentence of its own after it.
_TEST_NAME = re.compile(r"test_\w+(?:\[[^\]]*\])?")
_RUNNING_TESTS = re.compile(
    rf" in {_TEST_NAME.pattern}"
    rf"| This happened in both tests that were running:"
    rf" {_TEST_NAME.pattern}(?: and {_TEST_NAME.pattern})*\."
)


def grouped(
    failures: list[TestResult],
) -> list[tuple[TestResult, tuple[str, ...], bool]]:
    """Each way of failing once: its first test, the names of the others
    that failed the same way, and whether all of them broke the same
    property (else what they share is the mistake).

    The ways come in the order `most_telling` picks a failure in: what the
    function computes before what it must refuse, and, within each, one
    mistake named before several, several before none, each in order of
    first sight. The first block is the failure the summary line shows."""
    grouped = []
    for tests in _groups(failures):
        first = _first_shown(tests)
        rest = [test for test in tests if test is not first]
        same = all(_statement(test) == _statement(first) for test in rest)
        grouped.append((first, tuple(test.name for test in rest), same))
    return grouped


def _groups(failures: list[TestResult]) -> list[list[TestResult]]:
    """`failures` parted by the way they failed, in `grouped`'s order."""
    groups: dict[tuple[str, ...], list[TestResult]] = {}
    ways = [_way(test) for test in failures]
    named = {way[1] for way in ways if way[0] == MISTAKE_LABEL and len(way) == 2}
    for test, way in zip(failures, ways, strict=True):
        key = (_one_of(way, named), _dtypes_told(test))
        groups.setdefault(key, []).append(test)
    return sorted(groups.values(), key=lambda tests: _telling_rank(_plainest(tests)))


# A NumPy dtype named by its size, as `gist` finds one.
DTYPE_NAME = re.compile(r"\b(?:u?int|float|complex)(?:8|16|32|64|128)\b")


def _dtypes_told(test: TestResult) -> tuple[str, ...]:
    """The dtypes `test`'s likely mistakes name. `gist` takes them for the
    input's particulars, but one block's mistake would then say "the result
    is float16" of a test whose result was float32."""
    lines = [line for line in test.message.splitlines() if MISTAKE_LABEL in line]
    return tuple(DTYPE_NAME.findall("\n".join(lines)))


def told_apart(
    test: TestResult,
    others: tuple[str, ...],
    failures: list[TestResult],
    exercise: str,
) -> tuple[str, ...]:
    """The names `others` of the tests that failed with `test` (one block
    of `grouped`), each of those that failed otherwise than `test` did
    followed by how: "test_b (raised ValueError at line 22)". One mistake
    may raise on some inputs, at other lines, and give wrong values on
    others; the block shows one of these only. `exercise` names the
    exercise, whose own file goes unnamed: its line is enough."""
    by_name = {failure.name: failure for failure in failures}
    told = []
    for name in others:
        other = by_name.get(name)
        same = other is None or _how(other) == _how(test)
        told.append(name if same else _how_told(other, exercise))
    return tuple(told)


def _how(test: TestResult) -> tuple[str | None, str | None] | None:
    """What `test`'s failure raised, apart from the input (see `gist`), and
    the line of the learner's it names; None where it names neither."""
    raised = _raised_shown(test)
    if raised is None:
        return None
    exception, where = raised
    return (None if exception is None else gist(exception)), where


# The file and line of a "where" line's value, "exercises/dot.py, line 22:
# return out", as the tests write it.
_PLACE = re.compile(r"^(.*), line (\d+):")

# The exception a test names as its "actual" value: "  actual    raised
# IndexError: ...", or a warning turned error, "FloatingPointError: ...".
_ACTUAL_RAISED = re.compile(
    r"^  actual +(?:raised )?([A-Z]\w*(?:Error|Exception|Warning)):", re.M
)


# A statement about the exception the learner's code raised, the one the
# test wanted but with the wrong message ("The ValueError must name both
# shapes"): its "actual" value is that message alone.
_STATEMENT_RAISED = re.compile(r"The ([A-Z]\w*(?:Error|Exception|Warning)) ")


def _raised_shown(test: TestResult) -> tuple[str | None, str | None] | None:
    """As `_raised`, the exception also where the message gives it as the
    "actual" value of the call, or names it in its statement as the one
    raised, rather than in its first sentence with its message."""
    raised = _raised(test)
    if raised is None or raised[0] is not None:
        return raised
    actual = _ACTUAL_RAISED.search(test.message)
    if actual is None and raised[1] is not None:
        actual = _STATEMENT_RAISED.match(test.message)
    return (None if actual is None else actual.group(1)), raised[1]


def _how_told(test: TestResult, exercise: str) -> str:
    """The name of `test` and how it failed, in one form: what it raised,
    where it raised anything, and at which line, with the file only when
    it is not `exercise`'s own. A line named without an exception (one
    that changed an input, or raised what the message gives only by its
    text) is said to be the learner's: "failed at line 23" would read as
    the test's own. The name alone where its message tells neither."""
    raised = _raised_shown(test)
    name = test.name
    if raised is None:
        return _("{name} (raised nothing)", name=name)
    exception, where = raised
    place = None if where is None else _PLACE.match(where)
    kind = None if exception is None else exception.partition(":")[0]
    if place is None:
        if kind is None:
            return name
        return _("{name} (raised {exception})", name=name, exception=kind)
    file, line = place.groups()
    own = Path(file).name == f"{exercise}.py"
    if kind is None and own:
        return _("{name} (at line {line} of your code)", name=name, line=line)
    if kind is None:
        return _("{name} (at {file}, line {line})", name=name, file=file, line=line)
    return _(
        "{name} (raised {exception} at {place})",
        name=name,
        exception=kind,
        place=(
            _("line {line}", line=line)
            if own
            else _("{file}, line {line}", file=file, line=line)
        ),
    )


def _plainest(tests: list[TestResult]) -> TestResult:
    """Of `tests`, which failed the same way, the first that names no list
    of mistakes: what they share, said most plainly."""
    return next((test for test in tests if not _lists_mistakes(test)), tests[0])


def _first_shown(tests: list[TestResult]) -> TestResult:
    """Of `tests`, which failed the same way, the one to show: as
    `most_telling` picks, the docstring's example where they share a named
    mistake, the input the learner knows (even where it lists other
    mistakes that fit it too), else the one that says it most plainly."""
    plainest = _plainest(tests)
    if MISTAKE_LABEL not in plainest.message:
        return plainest
    return example_first(tests, plainest)


# Said before the failures that name no likely mistake when one above
# does and may be their cause: one mistake often breaks several
# properties, and only some of the tests can tell which mistake it was.
SAME_CAUSE_NOTE = N_(
    "Those of the failures below that name no mistake of their own may "
    "come from a mistake named above: fix that first, then check again."
)


def first_unnamed_after_named(failures: list[TestResult]) -> int | None:
    """The index of the first of `grouped(failures)`'s blocks whose
    failures name no likely mistake, where an earlier block's name exactly
    one, and each block from there on that names none may come from a
    mistake named alone above it (see `may_follow`); else None."""
    causes: list[TestResult] = []
    first = None
    # A block's failure that names its mistake alone stands for it, even
    # where the one shown is the docstring's example listing others too.
    for index, test in enumerate(map(_plainest, _groups(failures))):
        if test.kind == NOT_IMPLEMENTED:
            continue  # a function not written yet follows from no mistake
        if MISTAKE_LABEL in test.message:
            if not _lists_mistakes(test):
                causes.append(test)
            continue
        if not any(may_follow(test, cause) for cause in causes):
            return None
        first = index if first is None else first
    return first


def may_follow(test: TestResult, cause: TestResult) -> bool:
    """Whether the failure `test` may come from the mistake `cause` names.

    A wrong value may break any property, and make later code raise. An
    exception explains only the failures that raised alike: the same
    exception, or one from the same line. A test that never reaches the
    line (one_hot called for int labels only, say) is not failed by it."""
    raised = _raised(cause)
    if raised is None:
        return True
    other = _raised(test)
    if other is None:
        return False
    (exception, where), (other_exception, other_where) = raised, other
    return (exception is not None and exception == other_exception) or (
        where is not None and where == other_where
    )


# What a failure's message says the learner's code raised: the exception,
# "NameError: name 'one_hot' is not defined", and the labelled line of the
# learner's that raised it, "  where     exercises/backprop.py, line 19: ...".
_EXCEPTION_TEXT = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning): .*")
_WHERE_LINE = re.compile(r"^  where +(.+)$", re.MULTILINE)


def _raised(test: TestResult) -> tuple[str | None, str | None] | None:
    """The exception `test` shows the learner's code raising and the line
    of the learner's that raised it, each where the message tells it;
    None for a failure that raised nothing. Names are kept: a NameError
    for x is another mistake than one for y."""
    where = _WHERE_LINE.search(test.message)
    if test.kind != EXCEPTION and where is None:
        return None
    lines = test.message.strip().splitlines()
    statement = "\n".join(itertools.takewhile(_unlabelled, lines))
    exception = _EXCEPTION_TEXT.search(CALL_RAISED.sub("", statement, count=1))
    return (
        None if exception is None else exception.group(),
        None if where is None else where.group(1),
    )


def _unlabelled(line: str) -> bool:
    return not LABELLED.match(line)


def _telling_rank(test: TestResult) -> tuple[bool, int]:
    """Where `test`'s block goes among the others: refusals last, then
    by how plainly it names a mistake (one, several, none)."""
    named = MISTAKE_LABEL in test.message
    return checks_refusal(test.name), 2 if not named else int(_lists_mistakes(test))


def _one_of(way: tuple[str, ...], named: set[str]) -> tuple[str, ...]:
    """`way`, or, for a way that names mistakes, the mistake it is counted
    under (see `counted_as`) among those other failures name (`named`)."""
    if way[0] != MISTAKE_LABEL:
        return way
    return (MISTAKE_LABEL, *counted_as(way[1:], named))


def _lists_mistakes(test: TestResult) -> bool:
    way = _way(test)
    return way[0] == MISTAKE_LABEL and len(way) == 2 and bool(listed_mistakes(way[1]))


def _way(test: TestResult) -> tuple[str, ...]:
    """How a test failed, apart from the input that showed it: the likely
    mistake named, if any, else the statement of what went wrong, each
    without the particulars of the input (see `gist`).

    Tests of different properties that name the same mistake have one
    cause and one fix: its explanation is worth reading once.
    """
    mistakes = mistakes_named(test.message)
    return (MISTAKE_LABEL, *mistakes) if mistakes else _statement(test)


def _statement(test: TestResult) -> tuple[str, str]:
    """The kind of a failure and the gist of the statement of what went
    wrong, without the call that raised for an exception: the lines before
    the labelled input, expected value and actual value, which may
    differ."""
    lines = test.message.strip().splitlines() or [""]
    labelled = [bool(LABELLED.match(line)) for line in lines]
    statement = "\n".join(lines[: labelled.index(True) if any(labelled) else None])
    return (test.kind, gist(CALL_RAISED.sub("", statement, count=1)))


def shared_item(test: TestResult, failures: list[TestResult]) -> int | None:
    """Where `test` lists several mistakes that fit its input, and the
    others of its block (see `grouped`) are counted under one of them, the
    number of that one in the list; else None."""
    if not _lists_mistakes(test):
        return None
    ways = [_way(failure) for failure in failures]
    named = {way[1] for way in ways if way[0] == MISTAKE_LABEL and len(way) == 2}
    way = _way(test)
    counted = _one_of(way, named)
    if counted == way:
        return None
    mistake = counted[1].removeprefix(f"{MISTAKE_LABEL} ")
    return listed_mistakes(way[1]).index(mistake) + 1


def _same_item(names: tuple[str, ...], item: int) -> str:
    """'2 more tests failed from mistake (1) above: test_a, test_b.', the
    others of a block whose failure shown lists the mistakes that fit."""
    shown = i18n.listed(names)
    if len(names) == 1:
        return _(
            "  1 more test failed from mistake ({item}) above: {shown}.",
            item=item,
            shown=shown,
        )
    return _(
        "  {count} more tests failed from mistake ({item}) above: {shown}.",
        count=len(names),
        item=item,
        shown=shown,
    )


def _same_way(names: tuple[str, ...], same_property: bool) -> str:
    """'2 more tests failed the same way: test_a, test_b.' when they broke
    the same property; else, since what they share is the likely mistake,
    '2 more tests failed from the same likely mistake: test_a, test_b.'
    Every one is named, however many: `check` shows everything."""
    shown = i18n.listed(names)
    if not same_property:
        if len(names) == 1:
            return _(
                "  1 more test failed from the same likely mistake: {shown}.",
                shown=shown,
            )
        return _(
            "  {count} more tests failed from the same likely mistake: {shown}.",
            count=len(names),
            shown=shown,
        )
    if len(names) == 1:
        return _("  1 more test failed the same way: {shown}.", shown=shown)
    return _(
        "  {count} more tests failed the same way: {shown}.",
        count=len(names),
        shown=shown,
    )


def aligned(message: str) -> str:
    """`message` with the later lines of each multi-line value (a printed
    array's rows, say) moved right, so that they line up under the value's
    first line instead of under its label.

    The values are those of labelled lines, and the call that starts an
    exception's message. A row of an array is placed under the bracket it
    nests in, as NumPy lays arrays out; any other later line of a labelled
    value starts where the value does. Lines of a labelled value already
    indented as far as the value starts (a call laid out an argument to a
    line) are left as they are: their author placed them. An array that
    the call shows on one line goes by rows when the expected or actual
    value does (`_calls_by_rows`), so that they read alike.
    """
    lines = _calls_by_rows(message.splitlines())
    column, brackets = 0, _brackets(lines[0] if lines else "")
    aligned = lines[:1]
    for line in lines[1:]:
        labelled = LABELLED.match(line)
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if labelled:
            column, brackets = labelled.end(), _brackets(line[labelled.end() :])
        elif body and (indent < column or not column):
            indent = max(indent, _row_indent(body, column, brackets))
            line = " " * indent + body
        aligned.append(line)
    return "\n".join(aligned)


# The labels whose values are laid out alike: when what was expected or
# what came back shows an array by rows, so does the call, whose arrays
# are read against theirs.
ROWS_SHOWN_BY = ("expected", "actual")
# What a one-line array of numbers, as the tests write one, is made of.
ARRAY_CHARACTERS = frozenset("0123456789+-.eE naif,[]")
# Where one row of such an array ends and the next begins: "], [".
SEPARATOR = re.compile(r"(?<=\]), (?=\[)")


def _calls_by_rows(lines: list[str]) -> list[str]:
    """`lines` of a failure with each array of two or more axes that its
    call shows on one line put by rows, when its expected or actual value
    is shown by rows: one line per row either way."""
    labels = [_label(line) for line in lines]
    by_rows = any(
        label in ROWS_SHOWN_BY and _goes_on_in_rows(lines, index)
        for index, label in enumerate(labels)
    )
    if not by_rows:
        return lines
    laid, label = [], None
    for line, found in zip(lines, labels, strict=True):
        label = found or (label if line.startswith("   ") else None)
        laid.extend(_call_rows(line) if label == "call" else [line])
    return laid


def _call_rows(line: str) -> list[str]:
    """A line of a failure's call, its arrays of numbers by rows: when it
    is the call itself and passes two or more arguments, one argument to
    a row under the first (`_by_arguments`), so that no argument starts on
    the row that closes the one before it."""
    arguments = _by_arguments(line)
    return arguments if len(arguments) > 1 else _rows_of_arrays(line)


def _label(line: str) -> str | None:
    """The label of a labelled line ("call", "expected"), else None."""
    labelled = LABELLED.match(line)
    return labelled.group().strip(" :") if labelled else None


def _goes_on_in_rows(lines: list[str], index: int) -> bool:
    """Whether the labelled value at `lines[index]` is an array whose next
    row stands on the line below."""
    value = lines[index][LABELLED.match(lines[index]).end() :]
    below = lines[index + 1].lstrip(" ") if index + 1 < len(lines) else ""
    return value.startswith("[[") and value.endswith(",") and below.startswith("[")


def _rows_of_arrays(line: str) -> list[str]:
    """`line` with each array of numbers of two or more axes in it broken
    into its rows, each under the bracket it nests in, as NumPy lays them
    out (a blank line between blocks of three axes or more)."""
    done: list[str] = []
    start = line.find("[[")
    while start >= 0:
        end = _closing(line, start)
        array = line[start:end] if end > 0 else ""
        if _numbers_in_rows(array):
            first, *middle, last = _array_rows(array, start)
            done += [line[:start] + first, *middle]
            line, end = last + line[end:], len(last)
        start = line.find("[[", max(end, start + 1))
    return [*done, line]


def _numbers_in_rows(array: str) -> bool:
    """Whether `array` is one of numbers with several rows, shown whole: a
    summarized one ("...") is too long to have been on one line."""
    shown = set(array) <= ARRAY_CHARACTERS and "..." not in array
    return shown and bool(SEPARATOR.search(array))


def _array_rows(array: str, column: int) -> list[str]:
    """A one-line `array` that starts at `column`, a row to a line."""
    axes = _depth(array)
    pieces = SEPARATOR.split(array)
    rows = [pieces[0]]
    for piece in pieces[1:]:
        closed = _depth(piece)  # as many axes as the row before closed
        rows[-1] += ","
        rows += [""] * (closed - 1)
        rows.append(" " * (column + axes - closed) + piece)
    return rows


def _closing(text: str, start: int) -> int:
    """The index just past the bracket that closes the one at `start`, or
    -1 when it is not closed on this line."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return -1


def _depth(array: str) -> int:
    """How many axes a one-line array has: its opening brackets."""
    return len(array) - len(array.lstrip("["))


def _row_indent(row: str, column: int, brackets: tuple[int, int]) -> int:
    """Where a later line of a value that begins at `column` belongs."""
    offset, depth = brackets
    nesting = _brackets(row)[1] if row.startswith("[") else 0
    if row.startswith("..."):
        nesting = 1  # NumPy's row of a summarized array, beside the rows
    if offset >= 0 and 0 < nesting <= depth:
        return column + offset + depth - nesting
    return column


def _brackets(text: str) -> tuple[int, int]:
    """Where the first run of "[" in `text` starts, and how long it is;
    (-1, 0) when there is none."""
    offset = text.find("[")
    if offset < 0:
        return -1, 0
    return offset, len(text[offset:]) - len(text[offset:].lstrip("["))


# The start of a labelled line, as failures and hints write them:
# "  expected  ", "  likely mistake: ", "  考えられる間違い: ", "  | ", "- ".
LABEL = re.compile(r"^ *(?:[^\s:|]+(?: [^\s:|]+)?(?:: | {2,})|\| |- )")


def wrapped_lines(
    text: Text, width: int, prose: bool = True, ellipsis: str = "…"
) -> Text:
    """`text` with each line wider than `width` columns broken between
    words (`i18n.fill`), its later lines standing under the first word
    after its label, if it has one, else under its own first word; the
    code of a `where` line with no place to break that fits is cut short,
    ending in `ellipsis` (see `_where_broken`). A value
    is laid out first, as a failure's call lays out its arguments (a dict
    a key to a line, an array a row to a line: `_value_laid_out`), and a
    row of numbers still too wide breaks after a comma, under its first
    number. With `prose` false, only values are laid out: a sentence too
    wide stays whole, for a reader that wraps it itself (HTML's pre-wrap).
    A text whose lines all fit comes back as it is, styles and all; one
    that is broken keeps only its overall style."""
    lines = text.plain.split("\n")
    if all(i18n.width(line) <= width for line in lines):
        return text
    # The watch breaks the same lines again and again as it fits a screen:
    # the rows are kept, by all they depend on (the labels, by language).
    key = (text.plain, width, prose, ellipsis, i18n.language())
    if key not in _BROKEN:
        if len(_BROKEN) >= BROKEN_KEPT:
            _BROKEN.clear()
        _BROKEN[key] = "\n".join(_lines_broken(lines, width, prose, ellipsis))
    return Text(_BROKEN[key], style=text.style)


# Of the texts `wrapped_lines` broke, their rows, at most this many kept.
BROKEN_KEPT = 4096
_BROKEN: dict[tuple, str] = {}


def _lines_broken(
    lines: list[str], width: int, prose: bool, ellipsis: str
) -> list[str]:
    """The rows of `lines`, broken as `wrapped_lines` says."""
    lines = [row for block in _call_blocks(lines) for row in _block_moved(block, width)]
    broken = []
    for line in lines:
        if i18n.width(line) <= width:
            broken.append(line)
            continue
        raised = _call_that_raised(line)
        if raised is not None:
            broken.extend(_raised_laid_out(*raised, width, prose))
            continue
        called = _call_laid_out(line, width, prose)
        if called and _widest(called) > width:
            called = _call_under_label(line, called, width, prose) or called
        elif not called and _call_end(line) > 0:
            # Too wide beside its label even broken between arguments: under
            # the label, its later rows under its first argument, if it fits.
            below = _call_under_label(line, [line], width, prose)
            called = below if below and _widest(below) <= width else []
        if called:
            broken.extend(called)
            continue
        for row in _block_moved(_value_laid_out(line, width), width):
            if i18n.width(row) <= width:
                broken.append(row)
            elif prose:
                broken.extend(_line_broken(row, width, ellipsis))
            else:
                broken.extend(_array_row_wrapped(row, width) or [row])
    return broken


def _call_blocks(lines: list[str]) -> list[list[str]]:
    """`lines` in blocks: a call already laid out on several rows (its
    first row opens it and leaves it open, see `opened_call`) with the
    rows that go on with it, standing in past its "(" (a dict a key to a
    row, an array a row to a row); every other line a block of its own."""
    blocks: list[list[str]] = []
    for line in lines:
        column = opened_call(blocks[-1][0]) if blocks else -1
        if column > 0 and line.strip() and _indentation(line) >= column:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _block_moved(block: list[str], width: int) -> list[str]:
    """A labelled call laid out on several rows (see `_call_blocks`) whose
    rows, too wide for `width` columns, stand too far right to break
    between numbers (see `ROW_ROOM`), which would leave a dict's key on a
    row and its value on the next: moved left as a whole, each row as it
    stands to the others, so that each keeps what it holds: the label
    alone on its row and the call under it, two columns in; else, the
    arguments two columns further in, under the call's name on a row of
    its own; the first way whose rows fit, else whose rows break between
    numbers, else the second. The block as it is for any other (a value
    that is no call). A call on one line whose value `_value_laid_out`
    lays out by rows moves so too."""
    first = block[0]
    label = LABEL.match(first)
    if len(block) < 2 or label is None or opened_call(first) < 0:
        return block
    if _breaks_well(block, width):
        return block
    call = first[label.end() :]
    # The call may follow other words ("np.dot(", "out = dot("); what looked
    # like a label may be the call's own start ("f({'w': "), with no call
    # after it: left as it is.
    head = CALL_HEAD.search(call)
    if head is None:
        return block
    head = head.end()
    lead = " " * (_indentation(first) + 2)
    column = opened_call(first)
    ways = []
    for *rows, margin in (
        [lead + call, lead + " " * i18n.width(call[:head])],
        [lead + call[:head], lead + "  " + call[head:], lead + "  "],
    ):
        moved = [label.group().rstrip(), *rows]
        ways.append(moved + [margin + row[column:] for row in block[1:]])
    fitting = (way for way in ways if _widest(_by_rows(way, width)) <= width)
    breaking = (way for way in ways if _breaks_well(way, width))
    return next(fitting, next(breaking, ways[-1]))


def _breaks_well(rows: list[str], width: int) -> bool:
    """Whether each of `rows`, laid out as `wrapped_lines` lays it out
    first (see `_by_rows`), fits in `width` columns or breaks between the
    numbers of an array under its first (see `_array_row_wrapped`)."""
    return all(
        i18n.width(row) <= width or _array_row_wrapped(row, width)
        for row in _by_rows(rows, width)
    )


def _by_rows(rows: list[str], width: int) -> list[str]:
    """`rows` as `wrapped_lines` lays out each first: a dict a key to a
    row, an array a row to a row (see `_value_laid_out`)."""
    return [part for row in rows for part in _value_laid_out(row, width)]


# A call at the start of a line ("dot("), and the name of an exception
# ("IndexError") in what follows it.
CALL_HEAD = re.compile(r" *[A-Za-z_]\w*\(")
EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Exit|Interrupt)\b")


def _call_that_raised(line: str) -> tuple[str, str, str] | None:
    """A `line` that tells of a call that raised ("dot(a, b) raised
    IndexError: index 2 is out of bounds"), in three parts: the call, the
    words between ("raised", "が例外を送出しました:") and the exception;
    None for any other line."""
    head = CALL_HEAD.match(line)
    if head is None:
        return None
    _items_found, end = _items(line, head.end() - 1)
    name = EXCEPTION_NAME.search(line, end) if end > 0 else None
    if name is None:
        return None
    return line[:end], line[end : name.start()].strip(), line[name.start() :]


def _raised_laid_out(
    call: str, words: str, exception: str, width: int, prose: bool = True
) -> list[str]:
    """A call that raised, too wide for `width` columns, laid out: the
    call with the words that say it raised on a row (its arguments a row
    each, under the first, when it is too wide itself), then the exception
    on rows of its own, filled between words (with `prose` false, on one
    row). The exception never hangs under an argument, where it would
    read as part of it. The words that say it raised go beside the call's
    last row where they fit, else on a row of their own below it, whole:
    a terminal would cut them anywhere, a Japanese word in two."""
    lead = " " * (len(call) - len(call.lstrip(" ")))
    rows = [f"{call} {words}"]
    if i18n.width(rows[0]) > width:
        head = CALL_HEAD.match(call)
        rows = _argument_rows(call, head.end())
        if i18n.width(f"{rows[-1]} {words}") <= width:
            rows[-1] += f" {words}"
        else:
            rows.append(f"{lead}{words}")
    told = _below_call(exception, width - len(lead) - 2, prose)
    return rows + [f"{lead}  {row}" for row in told]


def _below_call(sentence: str, width: int, prose: bool) -> list[str]:
    """The rows of a `sentence` that stands below a call: filled between
    words to `width` columns, or, with `prose` false, one row."""
    return i18n.fill(sentence, width, indent=0).split("\n") if prose else [sentence]


def _call_laid_out(line: str, width: int, prose: bool = True) -> list[str]:
    """A `line` too wide for `width` columns that is a call passing arrays
    of numbers (a failure's call, labelled or not, or a statement that
    starts with one: "f(...) stopped at input()"), laid out by arguments
    (`_by_arguments`); what follows the call goes on rows of its own when
    it does not fit beside it, filled between words as an exception is
    (see `_below_call`). [] for any other line."""
    end = _call_end(line)
    rows = _by_arguments(line[:end]) if end > 0 else []
    if len(rows) < 2 and end > 0:
        rows = _arguments_filled(line[:end], width)
    if len(rows) < 2:
        return []
    tail = line[end:]
    if i18n.width(rows[-1] + tail) <= width:
        return [*rows[:-1], rows[-1] + tail]
    lead = len(line) - len(line.lstrip(" "))
    told = _below_call(tail.strip(), width - lead - 2, prose)
    return [*rows, *(" " * (lead + 2) + row for row in told)]


def _widest(rows: list[str]) -> int:
    """The width of the widest of `rows`, in terminal columns."""
    return max(map(i18n.width, rows), default=0)


def _call_under_label(
    line: str, beside: list[str], width: int, prose: bool
) -> list[str]:
    """A labelled call (`line`) whose rows, laid out beside its label, are
    still too wide for `width` columns (a narrow terminal), laid out so as
    `beside`: the label alone on its row and the call laid out under it,
    two columns in, as a value too wide for its label's column goes; []
    when that is no narrower."""
    label = LABEL.match(line)
    if label is None:
        return []
    lead = len(line) - len(line.lstrip(" "))
    below = " " * (lead + 2) + line[label.end() :]
    rows = _call_laid_out(below, width, prose) or [below]
    if _widest(rows) >= _widest(beside):
        return []
    return [label.group().rstrip(), *rows]


def _call_end(line: str) -> int:
    """The index just past the ")" of the call that is the value of `line`
    (see `_by_arguments`), or -1 when its value is no call."""
    head = _call_head(line)
    return _items(line, head.end() - 1)[1] if head else -1


def _call_head(line: str) -> re.Match | None:
    """The head of the call ("dot(") that `line` starts with, or that its
    value past its label does; None for any other line. A line that starts
    with a call has no label, though its first argument may read as one
    ("sgd_update({'w': ...")."""
    head = CALL_HEAD.match(line)
    if head is not None:
        return head
    label = LABEL.match(line)
    return CALL_HEAD.match(line, label.end()) if label else None


def opened_call(row: str) -> int:
    """The column just past the "(" of a call that `row` opens and leaves
    open, as the first row of a call laid out an argument to a row does
    ("dot([[1, 2],"); -1 when `row` opens no call, or closes it."""
    head = CALL_HEAD.search(row)
    if head is None or _items(row, head.end() - 1)[1] > 0:
        return -1
    return i18n.width(row[: head.end()])


def _by_arguments(line: str) -> list[str]:
    """`line`, whose value is a call ("dot(a, b)", past a label such as
    "call", if it has one) passing two or more arguments of which one is
    an array of numbers with several rows, one argument to a row under the
    first, each such array a row to a line under its first bracket, as
    README promises; [line] for any other line."""
    head = _call_head(line)
    if head is None:
        return [line]
    arguments, _end = _items(line, head.end() - 1)
    if len(arguments) < 2 or not any(len(_rows_of_arrays(a)) > 1 for a in arguments):
        return [line]
    return _argument_rows(line, head.end())


def _arguments_filled(line: str, width: int) -> list[str]:
    """`line`, whose value is a call too wide for `width` columns passing
    two or more arguments none of which has rows of its own, broken only
    between arguments, as many to a row as fit, the later rows under the
    first argument; [line] for any other line, or when an argument alone
    is too wide for its row."""
    head = _call_head(line)
    if head is None:
        return [line]
    arguments, end = _items(line, head.end() - 1)
    if len(arguments) < 2:
        return [line]
    margin = " " * i18n.width(line[: head.end()])
    rows = [line[: head.end()] + arguments[0]]
    for argument in arguments[1:]:
        # One column more for the "," or ")" that ends the row.
        if i18n.width(f"{rows[-1]}, {argument}") < width:
            rows[-1] += f", {argument}"
        else:
            rows[-1] += ","
            rows.append(margin + argument)
    rows[-1] += line[end - 1 :]
    if any(i18n.width(row) > width for row in rows):
        return [line]
    return rows


def _argument_rows(line: str, start: int) -> list[str]:
    """`line` with the arguments of the call that opens at `start` (just
    past its "(") one to a row, under the first, and the arrays that begin
    them by rows; what follows the call stays on its last row."""
    arguments, end = _items(line, start - 1)
    margin = " " * i18n.width(line[:start])
    rows = [line[:start] + arguments[0], *(margin + item for item in arguments[1:])]
    rows = [row + "," for row in rows[:-1]] + [rows[-1] + line[end - 1 :]]
    return [part for row in rows for part in _array_by_rows(row)]


# A label wider than this ("ヒント 4/4(これが最後のヒントです): ") leaves
# its value too far right to read as its own.
LONG_LABEL = 24
# The fewest columns a value may hang in beside its label ("likely
# mistake: " 22 columns in): fewer, and a sentence breaks every few words.
VALUE_COLUMNS = 30
# The fewest columns a likely mistake, a sentence or more, may hang in
# beside its label, as the watch's HINT_COLUMNS for a mistake and a hint:
# fewer, and it runs down the right in a ragged column of a few words a
# row; filled from the label it takes fewer rows.
MISTAKE_COLUMNS = 50


def long_label(label: str, width: int) -> bool:
    """Whether the text after `label` (its indentation aside) should not
    hang under it in a line `width` columns wide, but fill it as one
    paragraph (see `paragraph_rows`): the label is long, or leaves fewer
    than VALUE_COLUMNS columns beside it. The check's report and the
    watch both decide so."""
    own = i18n.width(label.lstrip(" "))
    return own > LONG_LABEL or width - i18n.width(label) < VALUE_COLUMNS


# How far the later rows of a paragraph filled from its label stand in
# from the label, inside a failure's message: under it, they would read
# as the labels of parts of their own ("call", "expected").
PARAGRAPH_INDENT = 2


def paragraph_rows(line: str, width: int) -> list[str]:
    """A labelled `line` filled between words as one paragraph, label and
    all, to `width` columns: its later rows PARAGRAPH_INDENT columns in
    from the label's start when the line is indented (a part of a
    failure's message), from the first column when it is not (a hint)."""
    body = line.lstrip(" ")
    lead = len(line) - len(body)
    filled = i18n.fill(body, width - lead, PARAGRAPH_INDENT if lead else 0)
    return [" " * lead + row for row in filled.split("\n")]


def _line_broken(line: str, width: int, ellipsis: str = "…") -> list[str]:
    """A `line` too wide for `width` columns, broken: a row of an array
    after a comma (`_array_row_wrapped`), anything else between words,
    its later rows under the first word after its label, if it has one,
    else under its own first word; a test's name too long for a row is
    broken after its underscores, under the row's first word."""
    row = _array_row_wrapped(line, width)
    if row:
        return row
    pending = _words_broken(line, width, ellipsis)
    broken: list[str] = []
    end = 0  # where in `line` the rows so far end, as far as it is known
    while pending:
        row = pending.pop(0)
        found = line.find(row.strip(), end) if end >= 0 else -1
        end = found + len(row.strip()) if found >= 0 else -1
        if i18n.width(row) <= width:
            broken.append(row)
            continue
        margin = " " * _indentation(row)
        # A name followed by more of the line fills its first row: the
        # rest goes on from its last part (below).
        *done, last = names_broken(row, width, margin, ends=not pending)
        broken += done
        if not (done and pending and end >= 0):
            broken.append(last)
            continue
        # What follows the name goes on from its last part ("shape"), the
        # rest of the line filled anew, rather than from a row of its own.
        end -= len(last.strip())
        filled = i18n.fill(line[end:], width - len(margin), commands=True)
        pending = [margin + part for part in filled.split("\n")]
    return broken


def _indentation(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _words_broken(line: str, width: int, ellipsis: str = "…") -> list[str]:
    """A `line` too wide for `width` columns broken between words (see
    `_line_broken`)."""
    placed = _where_broken(line, width, ellipsis) or _stop_broken(line, width)
    if placed:
        return placed
    body = line.lstrip(" ")
    lead = len(line) - len(body)
    label = LABEL.match(line)
    if label and (long_label(label.group(), width) or _mistake_cramped(line, width)):
        # Under a long label ("ヒント 4/4(これが最後のヒントです): ") the
        # value would have a narrow column: the line is filled as one
        # paragraph instead, as the watch fills a hint that its label
        # leaves a narrow column.
        return paragraph_rows(line, width)
    if label:
        # The value is filled on its own: a break between the label
        # and its value would leave the label alone on its row.
        hang = i18n.width(label.group())
        # A command too wide for the row breaks at its spaces: run past the
        # row's end, the terminal would leave its last characters (a
        # closing backtick) alone on a row.
        filled = i18n.fill(line[label.end() :], width - hang, commands=True)
        first, *later = filled.split("\n")
        return [label.group() + first, *(" " * hang + part for part in later)]
    filled = i18n.fill(body, width - lead, commands=True)
    return [" " * lead + part for part in filled.split("\n")]


def _mistake_cramped(line: str, width: int) -> bool:
    """Whether `line` is a likely mistake ("  likely mistake: ...", in
    the current language) left fewer than MISTAKE_COLUMNS columns beside
    its label in a line `width` columns wide."""
    label = i18n.failure(f"  {MISTAKE_LABEL} here").removesuffix("here").strip()
    body = line.lstrip(" ")
    if not body.startswith(label + " "):
        return False
    return width - i18n.width(line[: len(line) - len(body) + len(label) + 1]) < (
        MISTAKE_COLUMNS
    )


def _where_broken(line: str, width: int, ellipsis: str = "…") -> list[str]:
    """A `where` line too wide for `width` columns ("where  exercises/
    sigmoid.py, line 30: return np.where(...)"), broken: the place, then
    the line of code on rows of its own under the value, whole when it
    fits there (see `code_rows`); [] for any other line. A part of the
    code with no place to break that fits (a long string) is cut at the
    width, ending in `ellipsis`: the place, whole, says where to read it
    all, and run on, the terminal would cut it anywhere, under the label."""
    parts = where_parts(line)
    if parts is None:
        return []
    label, place, code = parts
    hang = i18n.width(label)
    rows = [*i18n.fill(place, width - hang).split("\n")]
    code_part = code_rows(code, width - hang, _between_arguments)
    rows += [clipped(row, width - hang, ellipsis) for row in code_part]
    return [label + rows[0], *(" " * hang + row for row in rows[1:])]


def clipped(line: str, width: int, ellipsis: str = "…") -> str:
    """`line` cut to `width` columns, ending in `ellipsis`, if it is wider:
    the cut falls between two characters, never inside a wide one, and
    the spaces before the ellipsis go (not "1  …")."""
    if i18n.width(line) <= width:
        return line
    kept, used = [], i18n.width(ellipsis)
    for character in line:
        used += i18n.width(character)
        if used > width:
            break
        kept.append(character)
    return "".join(kept).rstrip() + ellipsis


def where_parts(line: str) -> tuple[str, str, str] | None:
    """A `where` line that shows a line of code ("  where     exercises/
    sigmoid.py, line 30: return ..."), in the current language, as its
    label, its place with the colon after it ("exercises/sigmoid.py, line
    30:") and the code; None for any other line."""
    label = LABEL.match(line)
    if not label or label.group().strip() not in ("where", _where_label()):
        return None
    place, colon, code = line[label.end() :].partition(": ")
    if not colon or not code.strip():
        return None
    return label.group(), place + ":", code


def _between_arguments(code: str, width: int) -> int:
    """Where to break `code`, too wide for `width` columns, as the README
    says a `where` line's code breaks: between statements, else before
    "or", "and" or a conditional's "if", "else" outside brackets ("if a
    and b" and "or c:"), else after an argument or just inside an opening
    bracket, never inside a string ("raise ValueError(" and "f'...')",
    not "raise" and "ValueError(...)", which reads as a statement of its
    own); the best place that fits (see `_break_places`), -1 when none
    does, and the code runs on."""
    places = _break_places(code, width, statements=True, empty=False, operators=True)
    return places[0] if places else -1


# A row under a time limit's sentence that shows a line of the module:
# "  stopped at line 52 in test_a: while True:", "  52 行目: while True:";
# a parametrized test is named with its case's id ("test_b[0]").
STOP_TEST = r"\w+(?:\[[^\]\n]*\])?"
STOP_ROW = re.compile(
    rf"( +)((?:stopped at )?line \d+(?: in {STOP_TEST}(?: and {STOP_TEST})?)?: "
    r"|\d+ 行目(?:\([^)]*\))?: )"
)


def _stop_broken(line: str, width: int) -> list[str]:
    """A row of a time limit's message too wide for `width` columns
    (`STOP_ROW`), broken: its place, then the line of code, on the same row
    when both fit on one, else on rows of its own two columns further in,
    broken as a `where` line's code is (`_stop_code_break`); [] for any
    other line."""
    row = STOP_ROW.match(line)
    if row is None:
        return []
    lead, place = row.group(1), row.group(2).rstrip()
    code = line[row.end() :]
    rows = i18n.fill(place, width - len(lead)).split("\n")
    # After a place broken over rows, code on its last row would stand at
    # another column than code on rows of its own: it always goes below.
    if len(rows) == 1 and i18n.width(f"{lead}{rows[-1]} {code}") <= width:
        rows[-1] += f" {code}"
        return [lead + part for part in rows]
    inner = lead + "  "
    code_part = code_rows(code, width - len(inner), _stop_code_break)
    return [*(lead + part for part in rows), *(inner + part for part in code_part)]


def _stop_code_break(code: str, width: int) -> int:
    """Where to break the code of a time limit's row, too wide for `width`
    columns: where a `where` line's breaks (`_between_arguments`: before
    "or", "and" outside brackets, between arguments...), else at a space
    (`_code_break`), so that code with none of those places that fits
    still breaks rather than runs past the row's end."""
    cut = _between_arguments(code, width)
    return cut if cut > 0 else _code_break(code, width)


def _where_label() -> str:
    """The label of a failure's `where` line in the current language, as
    the catalogue of failures translates it ("場所")."""
    return i18n.failure("  where     here").split()[0]


# How far the later rows of a line of code stand in from its first, as
# Python's own continuation lines and a body do: they read as the rest of
# that line, not as a statement of their own.
CODE_HANG = "    "


def examples_fitted(text: str, width: int) -> str:
    """`text`, a docstring laid out (see `docs.reflowed`), with each line
    of its doctest examples wider than `width` columns broken as Python
    code is (see `nested_rows`), rather than cut by the terminal inside a
    number: a statement's later rows after the "..." prompt, which says
    that they go on with it (a statement its author wrote on several rows
    is laid out anew, whole, when one of them is too wide); the later rows
    of what it printed under the first. The rest comes back as it is."""
    rows: list[str] = []
    example = False
    for line in _statements_joined(text.split("\n"), width):
        body = line.lstrip(" ")
        at = " " * (len(line) - len(body))
        prompt = body.startswith(docs.DOCTEST_PROMPTS)
        example = prompt or (example and bool(body))
        if not example or i18n.width(line) <= width:
            rows.append(line)
        elif prompt:
            rows += [at + row for row in _statement_rows(body, width - len(at))]
        else:
            rows += [at + row for row in nested_rows(body, width - len(at))]
    return "\n".join(rows)


def _statements_joined(lines: list[str], width: int) -> list[str]:
    """`lines` with each doctest statement written on several (">>>" and
    "..." rows) one of which is wider than `width` columns on one line, as
    Python reads it: its later rows joined to its first, no space after
    an opening bracket, none of Python's "\\" where a row ended."""
    joined: list[str] = []
    rows: list[str] = []  # the rows of the statement under way
    for line in [*lines, ""]:
        if rows and line.lstrip(" ").startswith("... "):
            rows.append(line)
            continue
        if len(rows) > 1 and any(i18n.width(row) > width for row in rows):
            statement = rows[0].rstrip().removesuffix("\\").rstrip()
            for row in rows[1:]:
                code = row.lstrip(" ")[4:].strip().removesuffix("\\").rstrip()
                glue = "" if statement.endswith(("(", "[", "{")) else " "
                statement += glue + code
            rows = [statement]
        joined += rows
        rows = [line] if line.lstrip(" ").startswith(">>> ") else []
        if not rows:
            joined.append(line)
    return joined[:-1]


def _statement_rows(line: str, width: int) -> list[str]:
    """A doctest `line` (">>> f(x)  # why") too wide for `width` columns
    in rows that still run as doctest: its comment first, on rows of its
    own after the ">>>" prompt, then the statement, broken between its
    arguments or after an opening bracket (see `_example_breaks`), its
    later rows after the "..." prompt, laid out as `nested_rows` lays
    them out; one broken outside brackets ends with Python's "\\"."""
    prompt, code = line[:4], line[4:]
    comment = next((i for i, c, _depth in _unquoted(code) if c == "#"), -1)
    rows = []
    if comment >= 0:
        filled = i18n.fill(code[comment + 1 :].strip(), width - 6).split("\n")
        rows += [f">>> # {row}" for row in filled]
        code = code[:comment].rstrip()
    room = width - len(prompt)
    first, *later = nested_rows(code, room, _example_breaks, OUTSIDE_BRACKETS)
    return [*rows, prompt + first, *(f"... {row}" for row in later)]


# What a subscript's "[" follows: a name, a call, another subscript
# ("losses[-1]", "f(x)[0]").
SUBSCRIPTED = re.compile(r"[\w)\]]$")
# What ends a row of a statement broken outside brackets, where Python
# would end the statement but for it.
OUTSIDE_BRACKETS = " \\"


def _example_breaks(code: str, width: int, nested: bool = False) -> list[int]:
    """Where `code`, a statement too wide for `width` columns, or the rest
    of one `nested` inside brackets opened before it, may break (see
    `_break_places`), the best place first: after an argument or just
    inside an opening bracket, never inside a subscript's, the places
    outside the bracket the rest began in first ("softmax(np.array(" and
    "[[1.0, 1.0], ..."); [] when none fits. Python reads on past a line's
    end inside brackets, so the statement still runs as it is; a place
    outside them ("a, b") fits only with `OUTSIDE_BRACKETS` after it."""
    outside = 0 if nested else len(OUTSIDE_BRACKETS)
    return _break_places(code, width, subscripts=False, outward=True, outside=outside)


def _break_places(
    code: str,
    width: int,
    statements: bool = False,
    subscripts: bool = True,
    empty: bool = True,
    outward: bool = False,
    outside: int = 0,
    operators: bool = False,
) -> list[int]:
    """Where `code`, too wide for `width` columns, may break, never inside
    a string, the best place first; [] when none fits. A place is after
    an argument (the space after its comma) or just inside an opening
    bracket, but not inside the second of two ("[[", "(["), which would
    leave the first's row empty; with `statements`, also between them
    ("def f(x): return ...", after ";"), outside brackets; with
    `operators`, also the space before a boolean operator or a
    conditional expression's keyword outside brackets ("... or len(t)"),
    which parts the code where it binds least. Without
    `subscripts`, not inside a subscript's bracket either ("losses[-1]"),
    which would cut the index from what it indexes; without `empty`, not
    inside empty brackets ("f()"). A place fits when the row up to it
    does, `outside` more columns where it stands outside brackets (for
    what ends such a row).

    The best place ends a statement, else stands before an operator, the
    one that binds least first ("or" before "and"), else leaves its row at
    least half full (so does one that closes the bracket the code began
    in, when `outward`: the rest of a statement broken inside brackets),
    then the outermost, then the last."""
    fitting = []
    for index, _character, depth in _unquoted(code):
        loose = _looseness(code, index, depth) if operators else 0
        end = index if loose else -1
        if end < 0:
            end = _break_end(code, index, depth, statements, subscripts, empty)
        if end < 0:
            continue
        if i18n.width(code[:end].rstrip()) + (0 if depth else outside) > width:
            continue
        if end == index and code[index - 1] in ":;":
            fitting.append((True, 3, 0, end))  # the end of a statement
            continue
        if loose:
            # A whole operand on each row ("if t.ndim == 1"), however
            # short, reads better than one cut inside its brackets.
            fitting.append((True, 2, loose, end))
            continue
        full = (outward and depth < 0) or i18n.width(code[:end]) * 2 >= width
        fitting.append((full, 1, -depth, end))
    return [end for *_, end in sorted(fitting, reverse=True)]


# The keywords a line of code may break before outside brackets, as PEP 8
# breaks before an operator, and how loosely each binds: a break before
# the loosest leaves each row a whole operand ("if a and b" and "or c:").
LOOSENESS = {"and": 1, "or": 2, "if": 3, "else": 3}
KEYWORD_AFTER = re.compile(r" (and|or|if|else)(?=[ (\[{])")


def _looseness(code: str, index: int, depth: int) -> int:
    """How loosely the keyword after the space at `code[index]` binds (see
    `LOOSENESS`) when that space stands outside brackets and not at the
    start; 0 for any other character."""
    keyword = KEYWORD_AFTER.match(code, index) if depth == 0 and index else None
    return LOOSENESS[keyword.group(1)] if keyword else 0


def _break_end(
    code: str, index: int, depth: int, statements: bool, subscripts: bool, empty: bool
) -> int:
    """Where a row of `code` that breaks at its character at `index`,
    `depth` deep in brackets, ends, or -1 when it may not break there (see
    `_break_places`, whose options these are)."""
    character, before = code[index], code[index - 1 : index]
    if character == " " and before == ",":
        return index
    if character == " " and before in (":", ";"):
        return index if statements and depth == 0 else -1
    if character not in "([{" or code[index + 1 : index + 2] in ("", " "):
        return -1
    if before in ("(", "[", "{"):
        return -1
    if not subscripts and character == "[" and SUBSCRIPTED.search(code[:index]):
        return -1
    if not empty and code[index + 1] in ")]}":
        return -1
    return index + 1


def nested_rows(
    code: str,
    width: int,
    where: Callable[[str, int, bool], list[int]] | None = None,
    outside: str = "",
) -> list[str]:
    """A line of Python `code` in rows of `width` columns, broken at places
    `where` gives (by default the one `_code_break` finds; `where` is told
    whether the code it breaks stands inside a bracket already), its later
    rows indented as Python's continuation lines are, so that each shows
    which bracket it goes on inside: under the first thing inside that
    bracket ("[[1, 2],", " [3, 4]]"), or `CODE_HANG` deeper than the row
    the bracket is on when it ends that row ("f(", "    x)"). A bracket
    whose column would leave too little room (`LEAST_ROOM`) has its rows
    `CODE_HANG` deeper too, which shows less well what they go on with.
    Of the layouts the places allow, the one with the least that stands
    past `width`, then the fewest such rows, then the fewest rows, then
    the rows that end in the fewest brackets, outermost items whole
    ("[[1.0, 1.0],", " [0.0, np.log(3.0)]]" rather than "[0.0,"); the
    places `where` gives first on a tie. A row broken outside brackets
    ends with `outside`, the next `CODE_HANG` in. A part with no place to
    break at runs on."""
    where = where or _code_breaks
    aligned = _laid_out(code, width, where, outside, True)
    hanging = _laid_out(code, width, where, outside, False)
    return min(aligned, hanging, key=lambda layout: layout[0])[1]


def _code_breaks(code: str, width: int, _nested: bool = False) -> list[int]:
    """The place `_code_break` finds, as `nested_rows` takes places."""
    cut = _code_break(code, width)
    return [cut] if cut > 0 else []


def _overflow(rows: list[str], width: int) -> int:
    """How many columns in all `rows` stand past `width`."""
    return sum(max(i18n.width(row) - width, 0) for row in rows)


# Of each bracket still open in code laid out in rows: the indentation of
# the row it is on and the column just past it, or None when it ends
# that row.
_Opened = tuple[tuple[int, int | None], ...]
# What a layout costs (see `nested_rows`): columns past the width, rows
# not under their bracket, rows, and how many brackets its rows end in.
_Cost = tuple[int, int, int, int]


def _laid_out(
    code: str,
    width: int,
    where: Callable[[str, int, bool], list[int]],
    outside: str,
    aligned: bool,
) -> tuple[_Cost, list[str]]:
    """`code` in rows as `nested_rows` lays it out, and what that costs: a
    row under what follows its bracket where that leaves room, when
    `aligned`; else never."""
    # The best layout from each state on. Few enough states to try them
    # all: a statement has a handful of places to break at.
    best: dict[tuple[int, int, _Opened], tuple[_Cost, list[str]]] = {}

    def rows_from(start: int, at: int, opened: _Opened) -> tuple[_Cost, list[str]]:
        key = (start, at, opened)
        if key in best:
            return best[key]
        rest = code[start:]
        room = width - at
        cuts = [] if i18n.width(rest) <= room else where(rest, room, bool(opened))
        row = " " * at + rest
        found = (_overflow([row], width), 0, 1, 0), [row]
        for number, cut in enumerate(cuts):
            text = rest[:cut].rstrip()
            after = _still_open(text, at, opened)
            row = " " * at + text + ("" if after else outside)
            later = start + cut + len(rest[cut:]) - len(rest[cut:].lstrip())
            next_at, clear = _continued_at(after, width, aligned)
            (over, unclear, count, deep), rows = rows_from(later, next_at, after)
            over += _overflow([row], width)
            unclear += (not clear) + _tangled(text)
            cost = (over, unclear, count + 1, deep + len(after))
            if number == 0 or cost < found[0]:
                found = cost, [row, *rows]
        best[key] = found
        return found

    return rows_from(0, 0, ())


def _still_open(row: str, at: int, opened: _Opened) -> _Opened:
    """`opened` after `row`, indented by `at`: the brackets it opens added,
    those it closes taken away (see `_Opened`)."""
    still = list(opened)
    for index, character, _depth in _unquoted(row):
        if character in "([{":
            past = at + i18n.width(row[: index + 1])
            still.append((at, None if index == len(row) - 1 else past))
        elif character in ")]}" and still:
            still.pop()
    return tuple(still)


def _tangled(row: str) -> bool:
    """Whether `row` leaves two brackets it opens open with an item between
    them ("f(a, g(", "[[1, 2], ["): the rows after it go on inside the
    second, and then inside the first, which nothing shows. A call inside
    a call is not ("f(g(", "np.array([[")."""
    opened: list[int] = []
    for index, character, _depth in _unquoted(row):
        if character in "([{":
            opened.append(index)
        elif character in ")]}" and opened:
            opened.pop()
    return any("," in row[a:b] for a, b in itertools.pairwise(opened))


# How many columns a row under its bracket keeps at least: room for an
# item or two ("[0.9, -1.2]])").
LEAST_ROOM = 12


def _continued_at(opened: _Opened, width: int, aligned: bool) -> tuple[int, bool]:
    """The indentation of a row that goes on inside the innermost of the
    brackets `opened` (see `nested_rows`), and whether it shows which
    bracket that is: under what follows the bracket, when `aligned` and
    that leaves `LEAST_ROOM`; else `CODE_HANG` deeper than its row, which
    shows it only when the bracket ended that row."""
    if not opened:
        return len(CODE_HANG), True
    row_at, past = opened[-1]
    if past is None:
        return row_at + len(CODE_HANG), True
    if aligned and width - past >= LEAST_ROOM:
        return past, True
    return row_at + len(CODE_HANG), False


def code_rows(
    code: str, width: int, where: Callable[[str, int], int] | None = None
) -> list[str]:
    """A line of Python `code` in rows of `width` columns: one when it
    fits, else broken at spaces only, each time at the best place that
    fits (see `_code_break`, or `where`, which says where else), so that
    an expression is cut only when it is longer than a row; the later rows
    stand `CODE_HANG` in. A part with no place to break at runs on."""
    rows, room = [], width
    while i18n.width(code) > room:
        cut = (where or _code_break)(code, room)
        if cut <= 0:
            break
        rows.append(code[:cut].rstrip())
        code = code[cut:].lstrip()
        room = width - len(CODE_HANG)
    rows.append(code)
    return [rows[0], *(CODE_HANG + row for row in rows[1:])]


def _code_break(code: str, width: int) -> int:
    """Where to break `code`, too wide for `width` columns: at the space
    that fits and ends the most: a statement ("def f(x): return ..."), else
    an argument, the outermost first ("np.where(x >= 0, ...,"), else any
    space, the outermost first; the last such when several do. A place
    inside a statement that would leave the row less than half full counts
    only when no other fits: "return" alone on a row says nothing. -1 when
    no space fits: then at the first space there is, if any."""
    places = []
    for index, character, depth in _unquoted(code):
        if character == " " and index:
            before = code[index - 1]
            ends = 2 if before in ":;" and depth == 0 else int(before == ",")
            full = ends == 2 or i18n.width(code[:index]) * 2 >= width
            places.append((full, ends, -depth, index))
    fitting = [p for p in places if i18n.width(code[: p[-1]].rstrip()) <= width]
    if fitting:
        return max(fitting)[-1]
    return places[0][-1] if places else -1


def _value_laid_out(line: str, width: int) -> list[str]:
    """A `line` too wide for `width` columns whose value is a dict or an
    array of numbers on one line, laid out as a failure's call lays out
    its arguments: a dict a key to a line, under its first key, and when
    one of them is still too wide, each array of two or more axes in it a
    row to a line, under the bracket it nests in. Any other `line` comes
    back alone, as it is."""
    keys = _dict_by_keys(line)
    if keys and all(i18n.width(row) <= width for row in keys):
        return keys
    return [row for key in keys or [line] for row in _array_by_rows(key)]


def _value_start(line: str) -> int:
    """Where the value of `line` starts: past its label, if it has one, and
    what may stand before an array (see `VALUE_HEAD`)."""
    label = LABEL.match(line)
    return VALUE_HEAD.match(line, label.end() if label else 0).end()


def _array_by_rows(line: str) -> list[str]:
    """`line` with the arrays of numbers of two or more axes that begin its
    value a row to a line (see `_rows_of_arrays`); `line` alone when its
    value does not begin with such an array (one named in a sentence)."""
    start = _value_start(line)
    if not line.startswith("[[", start):
        return [line]
    # The rows are placed by the index of their bracket in the line: what
    # stands before it, which may be wide (a Japanese label), is counted in
    # terminal columns.
    margin = i18n.width(line[:start])
    first, *rows = _rows_of_arrays(" " * margin + line[start:])
    return [line[:start] + first[margin:], *rows]


# The key that begins an item of a dict, as Python writes it: "'w1': ",
# "0: ".
DICT_KEY = re.compile(r"(?:'[^']*'|\"[^\"]*\"|[-\w.]+): ")


def _dict_by_keys(line: str) -> list[str]:
    """A labelled `line` whose value is a dict of two or more keys, a key
    to a line, each under the first one, past the "{"; [] for any other
    line."""
    label = LABEL.match(line)
    start = label.end() if label else 0
    if not label or not line.startswith("{", start):
        return []
    items, end = _items(line, start)
    if len(items) < 2 or not all(map(DICT_KEY.match, items)):
        return []  # one key only, or a set: as it is
    margin = " " * (i18n.width(line[:start]) + 1)
    rows = [line[:start] + "{" + items[0], *(margin + item for item in items[1:])]
    return [row + "," for row in rows[:-1]] + [rows[-1] + line[end - 1 :]]


def _items(text: str, start: int) -> tuple[list[str], int]:
    """The items of the dict whose "{" is at `text[start]`, as written
    between its commas, and the index just past its "}"; ([], -1) when it
    is not closed on this line. Commas inside brackets and quotes belong
    to an item."""
    items, begin = [], start + 1
    for index, character, depth in _unquoted(text, start):
        if character in ")]}" and depth == 0:
            return [*items, text[begin:index]], index + 1
        if depth == 1 and text.startswith(", ", index):
            items.append(text[begin:index])
            begin = index + 2
    return [], -1


def _unquoted(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each character of `text` from `start` that stands outside quotes,
    with its index and how deep in brackets it stands: an opening
    bracket counts itself, a closing one does not."""
    depth, quote = 0, ""
    for index in range(start, len(text)):
        character = text[index]
        if quote:
            if character == quote and text[index - 1] != "\\":
                quote = ""
        elif character in "'\"":
            quote = character
        else:
            depth += (character in "([{") - (character in ")]}")
            yield index, character, depth


# A row of an array as values show it: brackets, numbers and commas
# ("[[0.2, -7.3, 2.5],", "[1.0e-07, nan, inf]]"), and what may close it:
# its dtype, a call's bracket, a dict's brace ("[0, 1] (int64)),",
# "[0.0, 3.0]}").
ARRAY_ROW = re.compile(
    r"(?P<open>\[+)(?P<numbers>[-+\d.eE, naif\[\]]*?)"
    r"(?P<close>(?: \(\w+\))?[)}]*,?)$"
)
# What may stand before such a row on its line, past a label: a name
# ("x = ", "x  = " beside longer names), a call's name ("softmax("), a
# dict's key ("{'w1': ", "0: ").
VALUE_HEAD = re.compile(r" *(?:(?:\w+ *)?= )?(?:[\w.]+\()?(?:\{?(?:'[^']*'|-?\d+): )?")


# The fewest columns a row of an array is broken into, under its first
# number: room for two numbers of four decimals, signs and comma included
# ("-0.0704, -0.1265"). With less, the numbers would stand one to a line.
ROW_ROOM = 16


def _array_row_wrapped(line: str, width: int) -> list[str]:
    """A `line` ending in a row of an array, broken after commas to fit
    `width` columns, its later lines under the row's first number, where
    they read as the rest of that row; [] if the line holds no such row
    (or no comma to break it at)."""
    found = ARRAY_ROW.search(line)
    if not found or ", " not in found["numbers"]:
        return []
    before = line[: found.start()]
    label = LABEL.match(before)
    if not VALUE_HEAD.fullmatch(before[label.end() if label else 0 :]):
        return []  # an array in a sentence: the sentence is broken as prose
    head = line[: found.start("numbers")]
    margin = " " * i18n.width(head)
    if width - i18n.width(margin) < ROW_ROOM:
        return []
    numbers = found["numbers"].split(", ")
    numbers[-1] += found["close"]  # a number and what closes it stay together
    rows, row = [], head
    for number in numbers:
        if row in (head, margin):
            row += number
        elif i18n.width(row + ", " + number) <= width:
            row += ", " + number
        else:
            rows.append(row + ",")
            row = margin + number
    return [*rows, row]


# Where a sentence of a few phrases breaks best: after a semicolon or a
# colon and the space after it, or after a Japanese full stop or colon
# that more text follows.
PHRASE_END = re.compile(r"(?<=[;:]) +|(?<=[。：])(?=\S)")


def _phrases(line: str) -> list[str]:
    """The phrases of `line`, split where `PHRASE_END` finds an end outside
    code in backticks: "2 more failing; `kata check dot` shows them all."
    is ["2 more failing;", "`kata check dot` shows them all."]."""
    parts, start = [], 0
    for end in PHRASE_END.finditer(line):
        if line.count("`", 0, end.start()) % 2 == 0:
            parts.append(line[start : end.start()])
            start = end.end()
    return [*parts, line[start:]]


def by_phrases(text: Text, width: int | None) -> Text:
    """`text`, a short line of a few phrases (the count of the other
    failing tests), each of its lines kept whole where it fits in `width`
    columns (None: no limit); else broken between phrases, as many whole
    phrases to a row as fit, later rows under the first word. A phrase
    wider than a row is filled between words (`i18n.fill`) on rows of its
    own. A text whose lines all fit comes back as it is, styles and all;
    one that is broken keeps only its overall style."""
    lines = text.plain.split("\n")
    if width is None or all(i18n.width(line) <= width for line in lines):
        return text
    return Text("\n".join(phrase_rows(line, width) for line in lines), text.style)


def phrase_rows(line: str, width: int) -> str:
    """`line` broken between its phrases to fit in `width` columns (see
    `by_phrases`), its rows joined by newlines."""
    body = line.lstrip(" ")
    lead = " " * (len(line) - len(body))
    rows: list[str] = []
    for phrase in _phrases(body):
        if rows:
            # English phrases are parted by a space, Japanese ones by none.
            space = " " if rows[-1][-1] in ";:" else ""
            joined = rows[-1] + space + phrase
            if i18n.width(lead + joined) <= width:
                rows[-1] = joined
                continue
        rows.extend(i18n.fill(phrase, width - len(lead), commands=True).split("\n"))
    return "\n".join(lead + row for row in rows)


def fitted(text: Text, console: Console) -> Text:
    """`text` broken to fit a terminal's width between words, never inside
    code or a name, each line's later rows under its label; off a terminal,
    as it is: a report or a pipe keeps its lines whole."""
    if not console.is_terminal:
        return text
    # One column short of the width, as the watch leaves it: a line that
    # fills the row exactly would make some terminals add a blank one.
    ellipsis = "…" if _unicode(console) else "..."
    return wrapped_lines(text, console.width - 1, ellipsis=ellipsis)


def filled(text: Text, console: Console) -> Text:
    """`text`, a line of prose (a heading, a sentence with a status in
    it), broken between words to fit a terminal's width as `i18n.fill`
    breaks it (a count stays with its word), every style kept; off a
    terminal, as it is. Unlike `fitted`, it hangs no rows under a label:
    "Next: exercise 4, ...: `kata check one_hot`." is one sentence."""
    columns = console.width - 1  # see `fitted`
    if not console.is_terminal or i18n.width(text.plain) <= columns:
        return text
    rows = []
    for line in text.split("\n"):
        start = 0
        # A command too wide for a row breaks at its spaces (see
        # `_words_broken`): each row is still a run of the line's own.
        for row in i18n.fill(line.plain, columns, commands=True).split("\n"):
            # Each row is a run of the line's own characters: only the
            # spaces it was broken at are left out.
            start = line.plain.index(row, start)
            rows.append(line[start : start + len(row)])
            start += len(row)
    return Text("\n").join(rows)


def header_rows(parts: list[Text], columns: int, margin: str) -> Text:
    """An exercise's header line, its `parts` (number, name and title,
    then a status, counts "3/11 tests") two spaces apart. Too wide for
    `columns`, it breaks between parts only, never inside one, its later
    rows under `margin` (as wide as the number, so under the name); only
    a first part too wide for a row of its own is broken, between words."""
    header = parts[0].copy()
    if i18n.width(header.plain) > columns:
        # Its last row goes on with the status: none of it is left over.
        broken = i18n.fill(header.plain, columns, len(margin), tail=False)
        header = Text(broken, style=header.style)
    row = header.plain.rpartition("\n")[2]
    for part in parts[1:]:
        if i18n.width(f"{row}  {part.plain}") <= columns:
            header.append("  ")
            row += f"  {part.plain}"
        else:
            header.append(f"\n{margin}")
            row = margin + part.plain
        header.append_text(part)
    return header


def _indented(text: str, prefix: str) -> Text:
    lines = text.rstrip().splitlines() or [""]
    # A blank line takes no trailing spaces: only what the prefix draws.
    return Text(
        "\n".join(
            (prefix + line).rstrip() if not line.strip() else prefix + line
            for line in lines
        )
    )


def _trim_output(text: str) -> tuple[str, bool]:
    """The first and last lines of what was printed, long lines cut, with
    how many lines between them are not shown; and whether anything was
    left out or cut.

    The runner may already have cut lines out of the middle, leaving a note
    of how many: those count among the lines not shown.
    """
    whole = text.rstrip().splitlines()
    lines = [
        line if len(line) <= OUTPUT_LINE_CHARS else line[:OUTPUT_LINE_CHARS] + "..."
        for line in whole
    ]
    note = next(
        (i for i, line in enumerate(lines) if lines_cut(line) is not None), None
    )
    if note is not None:
        before, cut, after = lines[:note], lines_cut(lines[note]), lines[note + 1 :]
    elif len(lines) <= OUTPUT_HEAD_LINES + OUTPUT_TAIL_LINES:
        return "\n".join(lines), lines != whole
    else:
        cut, before, after = 0, lines[:-OUTPUT_TAIL_LINES], lines[-OUTPUT_TAIL_LINES:]
    head = before[:OUTPUT_HEAD_LINES]
    tail = after[-OUTPUT_TAIL_LINES:]
    hidden = len(before) + cut + len(after) - len(head) - len(tail)
    if hidden == 1:
        note = _("[... 1 more line ...]")
    else:
        note = _("[... {count} more lines ...]", count=hidden)
    return "\n".join([*head, note, *tail]), True

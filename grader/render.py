"""What the learner reads: the grader's one way to the terminal.

Everything the grader shows goes through a `Screen`: the report to stdout,
problems to stderr, both through rich. On a terminal with ``NO_COLOR``
unset the statuses are coloured and a progress bar moves while the tests
run; anywhere else (a pipe, a file, a CI log) the output is plain text
with no escape codes at all.

Learner output and failure messages are printed as literal text, never
parsed as markup: a ``[red]`` in a print must stay ``[red]``.
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from typing import TextIO

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from grader.exercises import ExerciseInfo
from grader.grading import DONE, ERROR, FAILING, NOT_STARTED, Grade, Gradebook
from grader.results import NOT_RUN, ExerciseRun, TestResult

STATUS_STYLES = {
    DONE: "bold green",
    FAILING: "yellow",
    ERROR: "bold red",
    NOT_STARTED: "dim",
}
BAR_WIDTH = 30
# Learner output shown with a failure: enough lines to spot a debugging
# print, few enough that the failure stays on screen.
OUTPUT_HEAD_LINES = 12
OUTPUT_TAIL_LINES = 4
OUTPUT_LINE_CHARS = 160
# Tests named above a failure that several share; the rest are counted.
NAMES_SHOWN = 3


def make_console(file: TextIO, environ=None) -> Console:
    """A console on `file`: colour only on a terminal with NO_COLOR unset."""
    environ = os.environ if environ is None else environ
    try:
        terminal = file.isatty()
    except (AttributeError, ValueError):
        terminal = False
    colour = terminal and not environ.get("NO_COLOR")
    return Console(
        file=file,
        force_terminal=terminal,
        force_interactive=terminal,
        color_system="auto" if colour else None,
        no_color=not colour,
        markup=False,
        highlight=False,
        emoji=False,
    )


class Screen:
    """The human report on stdout, problems on stderr."""

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None):
        self.out = make_console(stdout or sys.stdout)
        self.err = make_console(stderr or sys.stderr)

    def problem(self, text: str) -> None:
        """A problem that stops the command (a usage error, say)."""
        self.err.print(Text(f"error: {text}", style="bold red"), soft_wrap=True)

    def warning(self, text: str) -> None:
        """Something went wrong that does not change the grade."""
        self.err.print(Text(f"warning: {text}", style="yellow"), soft_wrap=True)

    @contextmanager
    def grading(
        self, exercises: list[ExerciseInfo]
    ) -> Iterator[Callable[[int, ExerciseRun], None]]:
        """Show which exercises are done running, on a terminal only.

        Yields the callback for `runner.run_many`'s `on_finish`. The display
        refreshes only from that callback, never from a thread of its own:
        the runner forks, and a fork must not catch another thread halfway
        through a write.
        """
        if not self.out.is_terminal:
            yield lambda index, run: None
            return
        progress = Progress(
            TextColumn("grading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=self.out,
            transient=True,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        task = progress.add_task("", total=len(exercises))

        def finished(index: int, run: ExerciseRun) -> None:
            progress.update(task, advance=1, description=exercises[index].name)
            progress.refresh()

        with progress:
            progress.refresh()
            yield finished

    def gradebook(self, book: Gradebook, prog: str) -> None:
        """The main report: a line per exercise, the score, what is next."""
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("#", justify="right")
        table.add_column("exercise")
        table.add_column("status")
        table.add_column("tests", justify="right")
        table.add_column("points", justify="right")
        for grade in book.grades:
            table.add_row(
                str(grade.exercise.number),
                grade.name,
                _status(grade.status),
                f"{grade.passed}/{grade.total}",
                f"{_points(grade.points)}/{_points(grade.max_points)}",
            )
        self.out.print(_heading(book))
        self.out.print()
        self.out.print(table)
        self.out.print()
        self.out.print(self._score_line(book))
        self.out.print()
        grade = book.next_up
        if grade is None:
            self.out.print(
                Text(
                    f"All {len(book.grades)} exercises done. Well done!",
                    style="bold green",
                )
            )
        else:
            self._next_up(grade, book, prog)

    def check(self, grade: Grade, target: str, prog: str) -> None:
        """One exercise in full: every failing property, and what the
        learner's code printed while it failed."""
        exercise = grade.exercise
        header = Text(f"{exercise.number}. {exercise.name}: {exercise.title}  ")
        header.append_text(_status(grade.status))
        header.append(
            f"  {grade.passed}/{grade.total} tests, "
            f"{_points(grade.points)}/{_points(grade.max_points)} points"
        )
        self.out.print(header)
        self.out.print()
        if grade.status == DONE:
            self.out.print(Text("Every test passes.", style="green"))
            return
        if grade.status == NOT_STARTED:
            self._not_started(exercise, target, prog)
            return
        if grade.run.error:
            self.out.print(Text(grade.run.error, style="red"), soft_wrap=True)
            self.out.print()
        for names, test in _grouped(_explained(grade)):
            self._failure(names, test)
        not_run = sum(test.kind == NOT_RUN for test in grade.failures)
        if not_run:
            self.out.print(
                Text(f"{not_run} more tests did not run: the process stopped first.")
            )
            self.out.print()
        self._help_line(exercise.name, target, prog, check=False)

    def listing(self, book: Gradebook) -> None:
        """The exercises in order, with their titles and statuses."""
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("#", justify="right")
        table.add_column("exercise")
        table.add_column("title")
        table.add_column("status")
        for grade in book.grades:
            exercise = grade.exercise
            table.add_row(
                str(exercise.number),
                exercise.name,
                exercise.title,
                _status(grade.status),
            )
        self.out.print(table)

    def hints(self, exercise: ExerciseInfo, shown: tuple[str, ...], prog: str) -> None:
        """The hints seen so far, the newest last."""
        total = len(exercise.hints)
        if not total:
            self.out.print(f"Exercise {exercise.name} has no hints.")
            return
        self.out.print(
            Text(
                f"Hints for exercise {exercise.number}, {exercise.name} "
                f"({exercise.title}): {len(shown)} of {total}",
                style="bold",
            )
        )
        self.out.print()
        for number, hint in enumerate(shown, start=1):
            style = "" if number == len(shown) else "dim"
            self.out.print(Text(f"{number}. {hint}", style=style))
            self.out.print()
        if len(shown) < total:
            self.out.print(f"Run `{prog} hint {exercise.name}` again for the next one.")
        else:
            self.out.print(
                f"That was the last hint. `{prog} check {exercise.name}` "
                "shows every failing test."
            )

    def _score_line(self, book: Gradebook) -> Text:
        fraction = book.done / len(book.grades)
        full, empty = ("█", "░") if _unicode(self.out) else ("#", "-")
        filled = round(fraction * BAR_WIDTH)
        line = Text(full * filled, style="green")
        line.append(empty * (BAR_WIDTH - filled), style="dim")
        line.append(f"  {book.done} of {len(book.grades)} done", style="bold")
        line.append(
            f"   score {_points(book.score)}/{_points(book.max_score)}", style="bold"
        )
        return line

    def _next_up(self, grade: Grade, book: Gradebook, prog: str) -> None:
        exercise = grade.exercise
        line = Text(f"Next: exercise {exercise.number}, {exercise.name} ", style="bold")
        line.append(f"({exercise.title}): ")
        line.append_text(_status(grade.status))
        self.out.print(line)
        if grade.status == NOT_STARTED:
            self._not_started(exercise, book.target, prog)
            return
        if grade.run.error:
            self.out.print(Text(grade.run.error, style="red"), soft_wrap=True)
            self.out.print()
        explained = _explained(grade)
        if explained:
            self._failure([explained[0].name], explained[0])
        self._help_line(exercise.name, book.target, prog, check=True)

    def _not_started(self, exercise: ExerciseInfo, target: str, prog: str) -> None:
        self.out.print(
            f"Open {target}/{exercise.name}.py, read the docstring, and replace "
            "`raise NotImplementedError(...)` with your code.",
            soft_wrap=True,
        )
        self._help_line(exercise.name, target, prog, check=False)

    def _failure(self, names: list[str], test: TestResult) -> None:
        """One failure, under the names of every test that failed with the
        same message."""
        mark = "✗" if _unicode(self.out) else "x"
        for name in names[:NAMES_SHOWN]:
            self.out.print(Text(f"{mark} {name}"), soft_wrap=True)
        if len(names) > NAMES_SHOWN:
            more = len(names) - NAMES_SHOWN
            self.out.print(Text(f"  and {more} more tests, the same way", style="dim"))
        self.out.print(_indented(test.message, "    "), soft_wrap=True)
        if test.output.strip():
            self.out.print(Text("  What your code printed (trimmed):", style="dim"))
            self.out.print(
                _indented(_trim_output(test.output), "    | "), soft_wrap=True
            )
        self.out.print()

    def _help_line(self, name: str, target: str, prog: str, check: bool) -> None:
        where = "" if target == "exercises" else f" --target {target}"
        line = f"Stuck? `{prog} hint {name}` gives a hint."
        if check:
            line += f" Every failing test: `{prog} check {name}{where}`."
        self.out.print(Text(line, style="cyan"), soft_wrap=True)


def _heading(book: Gradebook) -> Text:
    return Text(f"nn-kata: grading {book.target}/", style="bold")


def _status(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def _points(value: Fraction) -> str:
    """Points for people: at most two decimals, no trailing zeros."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _unicode(console: Console) -> bool:
    return console.encoding.lower().startswith("utf")


def _explained(grade: Grade) -> list[TestResult]:
    """The failures worth showing one by one: not the tests that never ran,
    nor the one whose message is already the exercise's error."""
    error = grade.run.error
    return [
        test
        for test in grade.failures
        if test.kind != NOT_RUN and not (test.message and test.message in error)
    ]


def _grouped(failures: list[TestResult]) -> list[tuple[list[str], TestResult]]:
    """Failures with the same message together, in order of first sight."""
    groups: dict[str, tuple[list[str], TestResult]] = {}
    for test in failures:
        groups.setdefault(test.message, ([], test))[0].append(test.name)
    return list(groups.values())


def _indented(text: str, prefix: str) -> Text:
    lines = text.rstrip().splitlines() or [""]
    return Text("\n".join(prefix + line for line in lines))


def _trim_output(text: str) -> str:
    """The start and end of what was printed, long lines cut."""
    lines = [
        line if len(line) <= OUTPUT_LINE_CHARS else line[:OUTPUT_LINE_CHARS] + "..."
        for line in text.rstrip().splitlines()
    ]
    if len(lines) > OUTPUT_HEAD_LINES + OUTPUT_TAIL_LINES:
        cut = len(lines) - OUTPUT_HEAD_LINES - OUTPUT_TAIL_LINES
        lines = [
            *lines[:OUTPUT_HEAD_LINES],
            f"[... {cut} more lines ...]",
            *lines[-OUTPUT_TAIL_LINES:],
        ]
    return "\n".join(lines)

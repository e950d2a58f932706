"""The learner's extra commands: ``reset``, ``solution`` and ``check
--explore``.

Each takes the parsed arguments, the project, the screen and the program
name, and returns an exit code, as `grader.cli` expects. A question is
asked on stdout and answered with a line on stdin; no answer (the end of
the input) counts as "no".
"""

import argparse
import sys
import time
import tokenize
from collections.abc import Callable

from rich.syntax import Syntax
from rich.text import Text

from grader import cache, docs, i18n
from grader.exercises import ExerciseInfo
from grader.grading import DONE, ERROR, FAILING, NOT_STARTED, Grade, grade
from grader.i18n import N_, _
from grader.project import Project
from grader.render import Screen
from grader.restore import RestoreError, needs_reset, reset
from grader.results import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, ExerciseRun

EXIT_DONE = 0
EXIT_NOT_DONE = 1
EXIT_USAGE = 2

EXPLORE_LABEL = N_(
    "Exploring: many more random examples, new ones on every run. "
    "This is not the grade: `{prog} check {name}` gives that."
)
# The same, said once the run is over, below what it found.
EXPLORED_LABEL = N_(
    "Explored: many more random examples than a grade tries, new ones on "
    "every run. This was not the grade: `{prog} check {name}` gives that."
)
# Answers that mean yes: "y", "yes", and the Japanese "はい" (the answer
# may be typed with an input method on, which makes "ｙ" of "y").
YES = ("y", "ｙ", "はい")


def confirm(
    screen: Screen, question: str, read_line: Callable[[], str] | None = None
) -> bool:
    """Ask a yes/no question, read the answer with `read_line` (default:
    from stdin); only an answer starting with one of YES is yes."""
    # The choices name the answers the language takes for yes.
    prompt = _("{question} [y/N]", question=question)
    typed = _typed(read_line)
    # Typed, the answer follows a space; from a pipe, which the terminal
    # does not echo, the question's line ends as a typed answer ends it.
    screen.out.print(Text(prompt + (" " if typed else ""), style="bold"), end="")
    screen.out.file.flush()
    if read_line is None and typed:
        _drop_typed_ahead(sys.stdin)
    answer = (read_line or sys.stdin.readline)()
    if not answer.endswith("\n") or not typed:
        screen.out.print()  # the input ended, or was not echoed
    return answer.strip().lower().startswith(YES)


def _drop_typed_ahead(terminal) -> None:
    """Throw away what was typed at the `terminal` (stdin) before the
    question was on screen: keys pressed while the tests ran (a "y" and
    Enter, to hurry them) must not answer a question the learner has not
    seen yet. Nothing in the grader reads stdin before it asks, so the
    terminal holds all of it."""
    try:
        import termios
    except ImportError:  # no terminal control here (Windows): kept as typed
        return
    try:
        termios.tcflush(terminal.fileno(), termios.TCIFLUSH)
    except (termios.error, OSError, ValueError, AttributeError):
        pass  # not a terminal after all, or closed: read as it is


def _typed(read_line: Callable[[], str] | None) -> bool:
    """Whether the answer read with `read_line` (default: from stdin) was
    typed at a terminal, which echoes it, its newline too."""
    if read_line is not None:
        return True
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def reset_command(
    args: argparse.Namespace,
    project: Project,
    screen: Screen,
    prog: str,
    read_line: Callable[[], str] | None = None,
) -> int:
    """``reset NAME``: the stub back in place, the learner's file kept."""
    exercise = project.find(args.name)
    where = f"{project.state_dir.name}/backups/"
    try:
        if not needs_reset(project, exercise):
            screen.out.print(
                _("{file} is already the stub.", file=exercise.module_file)
            )
            return EXIT_DONE
        question = _(
            "Put the stub back in {file}? Your file will be kept in {folder}.",
            file=exercise.module_file,
            folder=where,
        )
        if not (project.root / exercise.module_file).exists():
            question = _(
                "Put the stub back in {file}? There is no file there now, "
                "so there is none to keep.",
                file=exercise.module_file,
            )
        if not args.yes and not confirm(screen, question, read_line):
            screen.out.print(_("Nothing was changed."))
            return EXIT_NOT_DONE
        done = reset(project, exercise)
    except (RestoreError, OSError) as error:
        screen.problem(str(error))
        return EXIT_USAGE
    screen.out.print(
        _("{file} is the stub again.", file=exercise.module_file), soft_wrap=True
    )
    if done.backup is not None:
        kept = done.backup.relative_to(project.root)
        screen.out.print(_("Your file was kept as {file}.", file=kept), soft_wrap=True)
    else:
        told = _(
            "There was no file to keep: {file} was missing.",
            file=exercise.module_file,
        )
        screen.out.print(told, soft_wrap=True)
    return EXIT_DONE


def solution_command(
    args: argparse.Namespace,
    project: Project,
    screen: Screen,
    prog: str,
    read_line: Callable[[], str] | None = None,
) -> int:
    """``solution NAME``: the model answer, once the exercise is done (or
    earlier with --force, after a confirmation)."""
    exercise = project.find(args.name)
    path = project.root / "solutions" / f"{exercise.name}.py"
    if not path.is_file():
        screen.problem(
            _(
                "this copy of the kata has no model answers (no {file} in {root})",
                file=f"{path.parent.name}/{path.name}",
                root=project.root,
            )
        )
        return EXIT_USAGE
    # Graded afresh, as `check` is: the kept grades are the learner's to
    # edit, so they may not decide whether the answer is shown.
    result = grade_exercise(project, exercise, args, screen=screen)
    if result.status != DONE:
        if not args.force:
            screen.out.print(
                _(
                    "{how_far} The model answer is shown once it is done. "
                    "`{prog} hint {name}` gives a hint; "
                    "`{prog} solution {name} --force` shows it anyway.",
                    how_far=_how_far(result),
                    name=exercise.name,
                    prog=prog,
                ),
                soft_wrap=True,
            )
            return EXIT_NOT_DONE
        question = _(
            "{how_far} Show its model answer anyway?", how_far=_how_far(result)
        )
        if not confirm(screen, question, read_line):
            screen.out.print(_("Not shown."))
            return EXIT_NOT_DONE
    answer = _("Model answer: {file}", file=f"solutions/{path.name}")
    screen.out.print(Text(answer, style="bold"))
    screen.out.print()
    screen.out.print(Syntax(_answer_code(path, exercise.name), "python"))
    return EXIT_DONE


# How far an exercise is, in a sentence, by its status; the failing one
# counts its tests.
HOW_FAR = {
    NOT_STARTED: N_("Exercise {name} is still its stub."),
    ERROR: N_("Exercise {name} does not run yet: its tests stop with an error."),
    FAILING: N_("Exercise {name} passes {passed} of its {total} tests."),
}


def _how_far(result: Grade) -> str:
    """How far the learner is with an exercise not done, in a sentence."""
    return _(
        HOW_FAR[result.status],
        name=result.name,
        passed=result.passed,
        total=result.total,
    )


def _answer_code(path, name: str) -> str:
    """The code of the model answer at `path` to exercise `name`, its
    docstrings cut to their summaries (the rest is the specification,
    already in the learner's file, and `doc NAME` shows it), its summaries
    and comments in the learner's language where translated."""
    source = path.read_text(encoding="utf-8")
    prose = i18n.answer_prose(i18n.language())
    try:
        functions = docs.documented(source, name, i18n.language())
        summaries = {doc.name: doc.text for doc in functions if doc.translated}
        module = docs.summary(source)
        if module in prose:
            summaries[""] = prose[module]  # the module's own docstring
        return docs.commented(docs.summarized(source, summaries), prose)
    except (SyntaxError, ValueError, tokenize.TokenError):
        return source


# An explored check tries far more examples than a grade: its time limit
# is this many times the grade's, so that slow but correct code (loops
# rather than NumPy) is not taken for an endless loop.
EXPLORE_TIME_FACTOR = 10


def explore_command(
    args: argparse.Namespace, project: Project, screen: Screen, prog: str
) -> int:
    """``check NAME --explore``: a bug hunt with fresh random examples,
    shown like a check, labelled as not the grade, and never kept."""
    exercise = project.find(args.name)
    label = _(EXPLORE_LABEL, prog=prog, name=exercise.name)
    screen.out.print(screen.fitted(Text(label, style="bold magenta")), soft_wrap=True)
    screen.out.print()
    result = grade_exercise(project, exercise, args, explore=True, screen=screen)
    # Tests passed, but no points: this run is not the grade.
    screen.check(result, args.target, prog, points=False, root=project.root)
    screen.out.print()
    label = _(EXPLORED_LABEL, prog=prog, name=exercise.name)
    screen.out.print(screen.fitted(Text(label, style="bold magenta")), soft_wrap=True)
    return EXIT_DONE if result.status == DONE else EXIT_NOT_DONE


def grade_exercise(
    project: Project,
    exercise: ExerciseInfo,
    args: argparse.Namespace,
    explore: bool = False,
    screen: Screen | None = None,
) -> Grade:
    """Grade one exercise by running its tests, with their progress on
    `screen` if one is given, never from a kept grade (the learner may
    edit those). The run is kept for `list`, unless explored: an explored
    run is not the grade."""
    target = getattr(args, "target", "exercises")
    limits = (
        getattr(args, "timeout", DEFAULT_TIMEOUT),
        getattr(args, "memory", DEFAULT_MEMORY_MB),
    )
    # Taken before the tests start, as a grade takes them: a file changed
    # while they run is graded again by the next `list`.
    keys = cache.fingerprints(project.root, target, [exercise.name], limits)

    # Imported here: it is needed only to run tests.
    from grader.runner import Job, start

    timeout, memory_mb = limits
    if explore:
        timeout *= EXPLORE_TIME_FACTOR
    job = Job(
        exercise.name,
        project.root,
        target=target,
        timeout=timeout,
        memory_mb=memory_mb,
        explore=explore,
    )
    grading = start([job])
    if screen is None:
        run = grading.wait()[0]
    else:
        run = wait_showing(grading, screen, [exercise], timeout, exploring=explore)[0]
    if not explore:
        try:
            cache.remember(
                project.state_dir, target, {run.name: (keys[run.name], run)}, limits
            )
        except OSError:
            pass  # keeping it only saves time later
    return grade(exercise, run)


def wait_showing(
    grading,
    screen: Screen,
    exercises: list[ExerciseInfo],
    limit: float,
    on_finish: Callable[[int, ExerciseRun], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    exploring: bool = False,
) -> list[ExerciseRun]:
    """`grading.wait(on_finish, cancel)`, with a status line on `screen`
    while it runs `exercises`, each held to the time limit `limit` (see
    `Screen.grading`); the line says "exploring" rather than "grading"
    when asked: an exploration is not a grade."""
    with screen.grading(
        exercises,
        limit,
        exploring=exploring,
        tests=lambda: tests_done(grading),
        running=lambda: running_names(grading),
        began=lambda: tests_started(grading),
        ages=lambda: running_for(grading),
    ) as status:

        def finished(index: int, run: ExerciseRun) -> None:
            if on_finish is not None:
                on_finish(index, run)
            status.finished(index, run)

        def asked() -> bool:
            # The runner asks a few times a second: the line is redrawn
            # here, between two reads of the workers' pipes.
            status.tick()
            return cancel is not None and cancel()

        return grading.wait(finished, asked)


def _children(grading) -> list:
    """The workers of every session of `grading`, ended ones too."""
    return [child for session in grading.sessions for child in session.children]


def tests_done(grading) -> tuple[int, int] | None:
    """How many tests of the one job `grading` runs have ended, and of how
    many; None until each of its workers (one per share of the tests) has
    said which tests it collected.

    Read in the runner's records of the workers, between two of its reads
    of their pipes (see `wait_showing`): a record that is not where it was
    gives None, and the line shows the time alone.
    """
    try:
        children = _children(grading)
        if not children or not all(child.collected for child in children):
            return None
        done = sum(len(child.results) for child in children)
        return done, sum(len(child.collected) for child in children)
    except (AttributeError, RuntimeError):
        return None


def running_names(grading) -> list[str]:
    """The exercises with tests that `grading` runs now, by name, each
    once, in the order they started (see `runner.running_now`); read like
    `tests_done`."""
    from grader.runner import running_now

    try:
        return running_now(_children(grading))
    except (AttributeError, RuntimeError):
        return []


def running_for(grading) -> dict[str, float]:
    """How long each exercise `grading` runs has been running its oldest
    share still running, by name (see `runner.running_for`); read like
    `tests_done`."""
    from grader.runner import running_for

    try:
        return running_for(_children(grading), time.monotonic())
    except (AttributeError, RuntimeError):
        return {}


def tests_started(grading) -> float | None:
    """When the first worker of `grading` started its tests (a
    `time.monotonic` time), None before any has; read like `tests_done`."""
    try:
        starts = [child.started for child in _children(grading) if child.pid]
    except (AttributeError, RuntimeError):
        return None
    return min(starts, default=None)

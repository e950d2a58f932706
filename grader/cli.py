"""The grader's command line: ``python -m grader``, also installed as ``kata``.

This module reads the arguments, finds the project, runs the exercises,
asks for the reports and returns the exit code. Running tests is
`grader.runner`'s work, judging them `grader.grading`'s, writing reports
`grader.formats`' and showing them `grader.render`'s. `list` alone takes
the runs `grader.cache` kept from an earlier grade of the same code, and
gives the others a short time only (`LIST_WAIT`), showing an exercise
still running then with what was last known of it.

A grade starts its tests as soon as the arguments are read, before the
modules that show the result are even imported: the tests' process gets
on with importing numpy, pytest and hypothesis while this one prepares
the report.

Exit codes: 0 when every graded exercise is done (``check``: when that
exercise is; ``list`` and ``hint``: always), 1 when one is not, 2 when the
command could not do what it was asked (a usage error, no project, a
report that cannot be written), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from grader import i18n, prestart
from grader.exercises import ExerciseInfo
from grader.i18n import N_, _
from grader.project import Project, ProjectError, open_project
from grader.results import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    SUBMISSION_VARIABLE,
    ExerciseRun,
)

# The rest of the grader is imported where it is needed: a grade's tests
# start before the modules that show their result are loaded.
if TYPE_CHECKING:
    from grader import formats
    from grader.grading import Grade, Gradebook
    from grader.render import Screen
    from grader.runner import Grading

EXIT_DONE = 0
EXIT_NOT_DONE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# What a Japanese input method types for ASCII: the full-width forms of
# letters, digits and signs, and the full-width space.
FULL_WIDTH_TYPED = frozenset(map(chr, range(0xFF01, 0xFF5F))) | {"\u3000"}
# What a shell reports for a program ended by a closed pipe (128 + SIGPIPE).
EXIT_READER_GONE = 141

TARGETS = ("exercises", "solutions")

# `list` answers at once: the exercises whose code changed since their last
# grade are graded again, each with this time limit (seconds), so that an
# endless loop does not hold the table up for the whole of the real one.
# One cut short shows its last known status. A correct exercise's tests
# take about a second at most, well under this on a busy machine.
LIST_WAIT = 3.0
# And however many exercises are cut short, `list` waits this long at most
# (seconds, from its start) before it shows what it knows.
LIST_MOST = 15.0

DESCRIPTION = N_("""\
Grade the kata's exercises and say what to do next.

commands:
  (none)          grade every exercise, in learning order
  check NAME      one exercise, every failing test explained
  hint NAME       the next hint for an exercise (--all: every hint)
  doc NAME        an exercise's specification: its functions' docstrings
  list            the exercises with their titles and statuses
  watch           grade each exercise again whenever it is saved
  reset NAME      put the stub back (your file is kept in .kata/backups/)
  solution NAME   the model answer, once the exercise is done

for teachers (each has --help):
  grade           grading mode: pristine tests, for CI and batch grading
  release OUT     the student copy, with its CI workflow and hash manifest
  gradescope ZIP  Gradescope's autograder bundle
  batch DIR       grade a folder of submissions into a CSV gradebook
""")
# The help of a student's copy, which has no model answers (no solutions/):
# no `solution`, and of the teacher's commands only `grade`, which its CI
# workflow runs (the others run from the teacher's copy).
STUDENT_DESCRIPTION = N_("""\
Grade the kata's exercises and say what to do next.

commands:
  (none)          grade every exercise, in learning order
  check NAME      one exercise, every failing test explained
  hint NAME       the next hint for an exercise (--all: every hint)
  doc NAME        an exercise's specification: its functions' docstrings
  list            the exercises with their titles and statuses
  watch           grade each exercise again whenever it is saved
  reset NAME      put the stub back (your file is kept in .kata/backups/)
  grade           grading mode, as this copy's CI workflow grades it

This copy has no model answers.
""")
# The commands a student's copy offers, as its help lists them: the ones an
# unknown command is told among there.
STUDENT_COMMANDS = ("check", "hint", "doc", "list", "watch", "reset", "grade")
# Handled by `grader.tools`.
TEACHER_COMMANDS = ("grade", "release", "gradescope", "batch")
# What each of them takes, said when it is given an option that is not its
# own (the grader's --root, say): the folder is an argument, not an option.
TEACHER_USES = {
    "grade": N_("grade takes the folder to grade as its argument: `{prog} grade DIR`"),
    "release": N_(
        "release takes the folder to write as its argument: `{prog} release OUT`"
    ),
    "gradescope": N_(
        "gradescope takes the zip to write as its argument: `{prog} gradescope OUT.zip`"
    ),
    "batch": N_(
        "batch takes the folder of submissions as its argument: "
        "`{prog} batch DIR --csv FILE`"
    ),
}
# The grader's options, as they may come before a command: those with a value,
# and the one without.
GRADER_FLAGS = ("--separate",)
# The flags of the learner's commands, each its command's own.
COMMAND_FLAGS = {
    "check": ("--explore",),
    "hint": ("--all", "--seen"),
    "watch": ("--poll",),
    "reset": ("--yes",),
    "solution": ("--force",),
}
GRADER_VALUED = (
    "--lang",
    "--root",
    "--target",
    "--timeout",
    "--memory",
    "--json",
    "--junit",
    "--gradescope",
)
# Commands whose exercise must be named: acting on a guess would change a
# file (reset) or show an answer (solution) the learner did not mean.
NAMED_COMMANDS = ("reset", "solution", "doc")
# Commands that grade but keep no record of it: a report option is refused
# rather than quietly writing nothing.
UNREPORTED = ("watch", "solution")
EPILOG = N_("""\
exit codes: 0 every graded exercise is done, 1 some are not, 2 usage error
or a report could not be written. When GITHUB_STEP_SUMMARY is set, a
Markdown table of the grade is appended to that file.
""")


def run(prog: str | None = None) -> None:
    """Run the grader and end the process with its exit code.

    The output is flushed and the process ends at once: tearing down the
    interpreter, with numpy, pytest and hypothesis loaded, takes longer
    than many a command and has nothing left to do.

    The tests' process is started first of all (`grader.prestart`).
    """
    prestart.begin()
    code = main(prog=prog)
    prestart.cancel()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            _silence_stdout()
    os._exit(code)


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """Run the grader; return its exit code."""
    prog = prog or Path(sys.argv[0]).name or "kata"
    argv = _without_input_method(sys.argv[1:] if argv is None else argv)
    # Chosen before the parser is built: its help is in that language too.
    i18n.set_language(i18n.choose(language_asked(argv)))
    argv = _flags_after_their_command(argv)
    teaching = _course_command_first(argv)
    if teaching:
        prestart.cancel()  # they start their own processes
        from grader import tools  # the course's commands, in a module of their own

        return tools.main(teaching, prog)
    try:
        parser = _parser(prog, student=_student_copy(argv))
        mistyped = _mistyped_option(argv)
        if mistyped:
            # Said before parsing: argparse would take the option's value
            # for the command, and speak of an unknown command.
            parser.usage_helps = False  # the message says what to type
            parser.error(
                _(
                    "unrecognized option {option} (did you mean {name}?)",
                    option=mistyped,
                    name="--lang",
                )
            )
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse printed the help or an error
        prestart.cancel()
        return EXIT_USAGE if stop.code else EXIT_DONE
    try:
        # The commands the grader suggests speak the language it speaks.
        return _dispatch(args, i18n.command(prog))
    except KeyboardInterrupt:
        # Ctrl-C is the learner's choice, not a failure: said, not flagged
        # as an error; the exit code is the shell's for an interrupt.
        _screen().err.print(_("Interrupted."))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (`| head`): nothing to tell it,
        # and no result to give, as the command did not finish.
        _silence_stdout()
        return EXIT_READER_GONE


def _screen() -> Screen:
    from grader.render import Screen

    return Screen()


def _dispatch(args: argparse.Namespace, prog: str) -> int:
    try:
        project = open_project(args.root)
        _check_arguments(args, project, prog)
    except ProjectError as error:
        prestart.cancel()
        _screen().problem(str(error))
        return EXIT_USAGE

    fresh = {}
    if args.command in ("check", "explore", "hint") and args.name is None:
        fresh = _choose_current(project, args, _screen(), prog)
        if args.name is None:
            prestart.cancel()
            return EXIT_DONE
    if args.command in ("hint", "doc", *LEARNER_COMMANDS):
        prestart.cancel()  # no tests, or tests run otherwise
    if args.command == "hint":
        return _hint(project, args, _screen(), prog)
    if args.command == "doc":
        return _doc(project, project.find(args.name), _screen())
    if args.command in LEARNER_COMMANDS:
        return LEARNER_COMMANDS[args.command](args, project, _screen(), prog)
    return _graded(project, args, fresh, prog)


def _graded(project: Project, args: argparse.Namespace, fresh: dict, prog: str) -> int:
    """Run `check`, `list`, `grade` or the overview: grade what has no
    sound kept run (`fresh` holds a run just made), write the reports asked
    for and show the result; the exit code."""
    exercises = list(project.exercises)
    if args.command == "check":
        exercises = [project.find(args.name)]
    started = datetime.now(timezone.utc)
    clock = time.monotonic()
    names = [exercise.name for exercise in exercises]
    # Taken before the tests start: should a file change while they run,
    # the run is kept under the older content, and is run again later.
    keys = _fingerprints(project, names, args)
    kept = dict(fresh)  # the chosen exercise's run, when just made
    # A kept run is only as sound as the file that keeps it, which the
    # learner may edit: only what decides nothing may take one, and only
    # that may show an old status rather than wait for a new one.
    quick = args.command == "list" and not _report_paths(args)
    if quick:
        kept = _kept_runs(project, keys, args, timed_out=True)
        # A check with other limits (--timeout, say) graded the same code.
        others = [name for name in names if name not in kept]
        kept.update(_kept_runs_any_limits(project, others, args))
    stale = [exercise for exercise in exercises if exercise.name not in kept]
    stale = _longest_first(project, stale, args.target)
    timeout = min(args.timeout, LIST_WAIT) if quick else args.timeout
    grading = _start(project, stale, args, timeout) if stale else None
    prestart.cancel()  # taken by the grade, or not needed

    screen = _screen()
    if quick:
        runs, last = _finish_quickly(
            project, stale, keys, args, screen, grading, clock + LIST_MOST
        )
    else:
        try:
            runs, last = _finish(project, stale, keys, args, screen, grading), {}
        except _Interrupted as interrupted:
            runs = {**interrupted.runs, **kept}
            _report_interrupted(exercises, runs, args, started, clock, screen, prog)
            raise
    runs.update(kept)
    # Not graded in time: shown as last known, or as not graded at all.
    changed = [name for name in names if name not in runs and name in last]
    ungraded = [name for name in names if name not in runs and name not in last]
    runs.update(last)
    runs.update({name: ExerciseRun(name) for name in ungraded})
    book, written, reports_written = _reports_of(
        exercises, names, runs, args, started, clock, screen
    )

    if args.command == "list":
        timed_out = [name for name in names if runs[name].timed_out]
        screen.listing(book, changed, ungraded, timed_out)
        screen.not_graded_again(changed, ungraded, LIST_WAIT, prog)
    else:
        _show(project, book, args, screen, prog)
    _say_written(written, args, screen)

    if not reports_written:
        return EXIT_USAGE
    if args.command == "list":
        return EXIT_DONE
    return EXIT_DONE if book.all_done else EXIT_NOT_DONE


def _report_interrupted(
    exercises: list[ExerciseInfo],
    runs: dict[str, ExerciseRun],
    args: argparse.Namespace,
    started: datetime,
    clock: float,
    screen: Screen,
    prog: str,
) -> None:
    """When a grade is interrupted, still write the reports asked for,
    the exercises not graded marked as interrupted, and show `grade`'s
    table of what ended (`runs`, kept runs included)."""
    shown = args.command == "grade"
    if not _report_paths(args) and not shown:
        return
    names = [exercise.name for exercise in exercises]
    cut = [name for name in names if name not in runs]
    runs = {**runs, **{name: ExerciseRun(name, error=INTERRUPTED_RUN) for name in cut}}
    book, written, _ = _reports_of(exercises, names, runs, args, started, clock, screen)
    if shown:
        screen.gradebook(book, prog, cut=tuple(cut), submission=_submission(args))
    _say_written(written, args, screen)


def _show(
    project: Project,
    book: Gradebook,
    args: argparse.Namespace,
    screen: Screen,
    prog: str,
) -> None:
    """Show the result of `check` (with what to do next), or the
    overview of every exercise."""
    if args.command == "check":
        screen.check(book.grades[0], args.target, prog, root=project.root)
        _what_next(project, book.grades[0], args, screen, prog)
    elif _submission(args) is not None:
        screen.gradebook(book, prog, submission=_submission(args))
    elif args.target == "exercises":
        answers = (project.root / "solutions").is_dir()
        screen.gradebook(book, prog, answers=answers)
    else:
        screen.gradebook(book, prog)


def _submission(args: argparse.Namespace) -> str | None:
    """The submission grading mode grades for someone else, as it was
    named (see `grader.classroom`); None when the learner grades their
    own."""
    return os.environ.get(SUBMISSION_VARIABLE) if args.separate else None


def _what_next(
    project: Project,
    grade: Grade,
    args: argparse.Namespace,
    screen: Screen,
    prog: str,
) -> None:
    """Once a checked exercise of the learner's is done: where to go on.

    That is the first exercise after it (wrapping round to the first) not
    done when it was last graded, or never graded: an exercise done before
    is not pointed at again, even when an earlier exercise it imports has
    changed since (its tests take a trusted version of that one), and none
    is run to find out."""
    from grader import cache
    from grader.grading import DONE
    from grader.grading import grade as grade_of

    if grade.status != DONE or args.target != "exercises":
        return
    names = project.names
    index = names.index(grade.name)
    others = project.exercises[index + 1 :] + project.exercises[:index]
    known = cache.last_runs(project.state_dir, args.target, names)
    following = next(
        (
            exercise
            for exercise in others
            if exercise.name not in known
            or grade_of(exercise, known[exercise.name]).status != DONE
        ),
        None,
    )
    answer = (project.root / "solutions" / f"{grade.name}.py").is_file()
    screen.what_next(
        grade.exercise, following, prog, answer, _started(project, following)
    )


def _started(project: Project, exercise: ExerciseInfo | None) -> bool:
    """Whether the learner has begun `exercise`: its file is no longer
    its stub (a file that cannot be compared counts as begun)."""
    from grader.restore import RestoreError, needs_reset

    if exercise is None:
        return True
    try:
        return needs_reset(project, exercise)
    except RestoreError:
        return True


def _without_input_method(argv: list[str]) -> list[str]:
    """The arguments as meant when typed with a Japanese input method on:
    full-width letters, digits and signs (`ｃｈｅｃｋ`, `３`) as their ASCII
    selves, and a full-width space as the break between two arguments."""
    meant = []
    for item in argv:
        if any(character in FULL_WIDTH_TYPED for character in item):
            item = unicodedata.normalize("NFKC", item)
            meant += [part for part in item.split(" ") if part]
        else:
            meant.append(item)
    return meant


def language_asked(argv: list[str] | None) -> str | None:
    """The language given with --lang, looked for before the command line
    is parsed; None when there is none, or none the grader speaks (the
    parser then says so)."""
    argv = sys.argv[1:] if argv is None else argv
    asked = None
    for index, item in enumerate(argv):
        value = None
        option, equals, given = item.partition("=")
        if option != "--lang" and _mistyped_lang(option):
            # Still refused by the parser, but in the language meant:
            # `--lnag ja` is answered in Japanese.
            option = "--lang"
        if option == "--lang" and not equals and index + 1 < len(argv):
            value = argv[index + 1]
        elif option == "--lang" and equals:
            value = given
        if value is not None and i18n.language_code(value) in i18n.LANGUAGES:
            # The last one given wins, as it does when argparse reads them.
            asked = i18n.language_code(value)
    return asked


def _mistyped_option(argv: list[str]) -> str | None:
    """The first of `argv` that is --lang mistyped, if any."""
    for item in argv:
        if item == "--":
            break
        option = item.partition("=")[0]
        if option != "--lang" and _mistyped_lang(option):
            return option
    return None


def _mistyped_lang(option: str) -> bool:
    """Whether `option` looks like --lang mistyped ("--lnag", "-lang")."""
    import difflib

    return option.startswith("-") and bool(
        difflib.get_close_matches(option, ["--lang"], n=1, cutoff=0.8)
    )


def _flags_after_their_command(argv: list[str]) -> list[str]:
    """`argv` with the flags of its learner's command that come before the
    command (`--all hint dot`) moved after it, where argparse looks for
    them; those of no command, or of another, are left to be refused."""
    index, flags = 0, []
    while index < len(argv) and argv[index].startswith("-"):
        option, equals, _value = argv[index].partition("=")
        if option in GRADER_VALUED and not equals:
            index += 2
            continue
        flags.append(index)
        index += 1
    if index >= len(argv) or argv[index] not in COMMAND_FLAGS:
        return argv
    moved = [at for at in flags if argv[at] in COMMAND_FLAGS[argv[index]]]
    before = [item for at, item in enumerate(argv[:index]) if at not in moved]
    return [*before, argv[index], *(argv[at] for at in moved), *argv[index + 1 :]]


def _course_command_first(argv: list[str]) -> list[str] | None:
    """`argv` with the course's command first, the grader's options typed
    before it moved to just after it; None when the command is not one of
    the course's, or help is asked for before it.

    The options then mean what they mean after the command; one that the
    command lacks (`--root` before `grade`, whose folder is its argument)
    is refused by the command's own parser, naming that option."""
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        option, equals, _value = argv[index].partition("=")
        # argparse takes the prefix of one option for it: so does this.
        names = (*GRADER_FLAGS, *GRADER_VALUED)
        meant = [name for name in names if name.startswith(option)]
        if option not in names and len(meant) == 1:
            option = meant[0]
        if option in ("-h", "--help"):
            return None  # the grader's help, not the command's
        if option in GRADER_VALUED and not equals:
            index += 2
        else:
            # A flag, or an option unknown here: the command's parser
            # refuses it, by its name.
            index += 1
    if index >= len(argv) or argv[index] not in TEACHER_COMMANDS:
        return None
    return [argv[index], *argv[:index], *argv[index + 1 :]]


# argparse's own sentences, in its words: it looks each up with gettext
# before it fills it in, and `Parser` has it look them up in the catalogue.
ARGPARSE_TEXTS = (
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


class Parser(argparse.ArgumentParser):
    """argparse, with its own words (usage, headings, errors) in the
    learner's language."""

    def __init__(self, **kwargs):
        super().__init__(formatter_class=_HelpFormatter, add_help=False, **kwargs)
        self.add_argument(
            "-h", "--help", action="help", help=_("show this help and exit")
        )
        # Whether an error is shown under the usage: not when its message
        # already says what to type instead.
        self.usage_helps = True
        # Whether the project is a student's copy, which offers fewer
        # commands (see STUDENT_COMMANDS).
        self.student = False

    def parse_args(self, args=None, namespace=None):
        with _argparse_speaking():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with _argparse_speaking():
            return super().parse_known_args(args, namespace)

    def _check_value(self, action, value):
        # argparse's own complaint about a misspelled command lists the
        # commands but guesses none: say which was meant, as for a
        # misspelled exercise.
        choices = action.choices
        known = choices is not None and value in choices
        if action.dest == "command" and value in TEACHER_COMMANDS and not known:
            # Reached only after an option: a course's command comes first,
            # and the grader's options (--root...) are not its own.
            raise argparse.ArgumentError(
                None,
                _(
                    "{command} must come first; {use}. `{prog} {command} --help` "
                    "lists the options it takes",
                    command=value,
                    use=teacher_use(value, self.prog),
                    prog=i18n.command(self.prog),
                ),
            )
        if action.dest == "command" and choices is not None and not known:
            names = [*choices, *TEACHER_COMMANDS]
            if self.student:
                names = [name for name in names if name in STUDENT_COMMANDS]
            self.usage_helps = False  # the message lists the commands
            raise argparse.ArgumentError(None, _unknown_command(value, names))
        if choices is not None and not known:
            # argparse lists the choices with ", " in every language.
            message = _("invalid choice: %(value)r (choose from %(choices)s)")
            listed = i18n.listed(map(repr, choices))
            raise argparse.ArgumentError(
                action, message % {"value": value, "choices": listed}
            )
        super()._check_value(action, value)

    def error(self, message: str):
        # Said as every other error of the grader is: "error: ...", under
        # the usage when it helps.
        if self.usage_helps:
            self.print_usage(sys.stderr)
        problem(message)
        self.exit(EXIT_USAGE)


def problem(text: str) -> None:
    """Show `text` as an error that stops the command, as every command
    does: on stderr, after "error: " in the current language."""
    _screen().problem(text)


# A usage's parts, as argparse lays them out: an optional group in brackets,
# a required one in parentheses, else a word.
USAGE_PART = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")
# Wide enough that argparse writes a usage on one line.
USAGE_UNWRAPPED = 10_000
# A row of the commands' table in a description: its command, then, after
# two spaces or more, what it does.
TABLE_ROW = re.compile(r"^( +\S.*?\s{2,})(\S.*)$")
# The fewest columns a command's description is given beside it; with
# fewer, it goes under the command.
TABLE_MIN_TEXT = 16


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    # The headings argparse gives its sections, translated as they start.
    HEADINGS = (N_("options"), N_("positional arguments"))

    def add_usage(self, usage, actions, groups, prefix=None):
        prefix = _("usage: ") if prefix is None else prefix
        super().add_usage(usage, actions, groups, prefix)

    def start_section(self, heading):
        super().start_section(_(heading) if heading else heading)

    def add_argument(self, action):
        # The description lists the commands with what they take: argparse's
        # own list of them under "positional arguments" would say it twice.
        if not isinstance(action, argparse._SubParsersAction):
            super().add_argument(action)

    def _split_lines(self, text, width):
        # argparse wraps at spaces only, which Japanese has few of.
        return i18n.fill(i18n.collapsed(text), width).splitlines()

    def _fill_text(self, text, width, indent):
        # The description and the epilog keep their layout where it fits.
        return "".join(
            f"{indent}{line}\n" for line in _fitted(text, width).splitlines()
        )

    def _format_usage(self, usage, actions, groups, prefix):
        text = super()._format_usage(usage, actions, groups, prefix)
        fits = max(map(i18n.width, text.splitlines())) <= self._width
        if fits and i18n.width(prefix or "") == len(prefix or ""):
            return text
        # argparse counts characters, not columns ("使い方: " is 8 columns
        # wide, 5 characters), so that its later rows stand 3 columns left
        # of the first option, and lines the options up under the program's
        # name however little room that leaves them. The options start
        # beside the program, as argparse puts them, and go on under the
        # first of them where they fit, else under "usage:", or nearer the
        # edge still on a narrow terminal.
        wide = type(self)(self._prog, width=USAGE_UNWRAPPED)
        line = super(_HelpFormatter, wide)._format_usage(usage, actions, groups, prefix)
        line = line.strip("\n")
        head = (prefix or "") + self._prog
        parts = USAGE_PART.findall(line[len(head) :])
        widest = max(map(i18n.width, parts), default=0)
        room = self._width - widest
        indent = " " * min(i18n.width(prefix or ""), max(room, 2))
        if i18n.width(head) + 1 + widest <= self._width:
            indent = " " * (i18n.width(head) + 1)
        if i18n.width(head) > self._width:
            head = f"{(prefix or '').rstrip()}\n  {self._prog}"
            return "\n".join([head, *_rows(parts, self._width, indent)]) + "\n\n"
        return "\n".join(_rows(parts, self._width, indent, head)) + "\n\n"


def _rows(parts: list[str], width: int, indent: str, first: str = "") -> list[str]:
    """`parts` (of a usage) on as few rows of `width` columns as they take,
    the first row starting with `first` (the usage's head) if given, each
    other with `indent`."""
    rows = [first or indent]
    for part in parts:
        fits = i18n.width(rows[-1]) + 1 + i18n.width(part) <= width
        if rows[-1] != indent and not fits:
            rows.append(indent)
        rows[-1] += part if rows[-1] == indent else f" {part}"
    return rows


def _fitted(text: str, width: int) -> str:
    """`text` (a help's description or epilog) as written when every line
    fits in `width` columns; else its paragraphs filled to `width`, and
    each row of a table of commands broken under its own description."""
    lines = text.splitlines()
    if max(map(i18n.width, lines), default=0) <= width:
        return text
    out: list[str] = []
    prose: list[str] = []
    for line in [*lines, ""]:
        row = TABLE_ROW.match(line)
        if prose and (row or not line.strip()):
            out += i18n.fill(_joined_lines(prose), width).splitlines()
            prose = []
        if row:
            out += _table_row(row.group(1), row.group(2), width)
        elif line.strip():
            prose.append(line.strip())
        else:
            out.append("")
    return "\n".join(out[:-1])


def _table_row(head: str, what: str, width: int) -> list[str]:
    """A row of a table of commands: `what` wrapped beside `head`, or
    under it when too little room is left beside it."""
    column = i18n.width(head)
    if width - column < TABLE_MIN_TEXT:
        column = len(head) - len(head.lstrip()) + 2
        body = i18n.fill(what, width - column).splitlines()
        return [head.rstrip(), *(" " * column + row for row in body)]
    body = i18n.fill(what, width - column).splitlines()
    return [head + body[0], *(" " * column + row for row in body[1:])]


def _joined_lines(lines: list[str]) -> str:
    """The lines of a paragraph as one: with a space between them, but
    none between two Japanese characters."""
    text = lines[0]
    for line in lines[1:]:
        japanese = i18n.width(text[-1]) == 2 or i18n.width(line[0]) == 2
        text += line if japanese else f" {line}"
    return text


@contextmanager
def _argparse_speaking() -> Iterator[None]:
    """argparse looks its sentences up through its module's `_`, as it
    writes them: while it parses, the catalogue stands in for gettext."""
    saved = argparse._
    argparse._ = _argparse_text
    try:
        yield
    finally:
        argparse._ = saved


def _argparse_text(english: str) -> str:
    """One of argparse's sentences in the current language, its
    %-placeholders left for argparse to fill in."""
    return _(english) if english in ARGPARSE_TEXTS else english


def _student_copy(argv: list[str]) -> bool:
    """Whether the project the command runs on (its --root, or the one
    around the current folder) is a student's copy: one without the model
    answers, as a release is. False when no project is found."""
    from grader.project import is_root

    given = None
    for index, item in enumerate(argv):
        if item == "--root" and index + 1 < len(argv):
            given = argv[index + 1]
        elif item.startswith("--root="):
            given = item.partition("=")[2]
    roots = [Path(given)] if given else [Path.cwd(), *Path.cwd().parents]
    root = next((folder for folder in roots if is_root(folder)), None)
    return root is not None and not (root / "solutions").is_dir()


def _parser(prog: str, student: bool = False) -> argparse.ArgumentParser:
    """The grader's parser; its help for a `student`'s copy leaves out
    what the copy cannot do."""
    description = _(STUDENT_DESCRIPTION if student else DESCRIPTION)
    parser = Parser(prog=prog, description=description, epilog=_(EPILOG))
    parser.student = student
    _add_options(parser, grading=True, defaults=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, summary, grading in (
        ("check", N_("one exercise, every failing test explained"), True),
        ("hint", N_("the next hint for an exercise"), False),
        ("doc", N_("an exercise's specification: its functions' docstrings"), False),
        ("list", N_("the exercises with their titles and statuses"), True),
        ("watch", N_("grade each exercise again whenever it is saved"), True),
        (
            "reset",
            N_("put the stub back, keeping your file in .kata/backups/"),
            False,
        ),
        ("solution", N_("the model answer, once the exercise is done"), True),
    ):
        summary = _(summary)
        command = commands.add_parser(name, help=summary, description=summary)
        _add_learner_options(name, command)
        if name in ("check", "hint"):
            command.add_argument(
                "name",
                metavar="NAME",
                nargs="?",
                help=_(
                    "the exercise, by name or number (default: the first one not done)"
                ),
            )
        elif name in NAMED_COMMANDS:
            # Required, but asked for by `_check_arguments`, which can list
            # the exercises: argparse's own error cannot.
            command.add_argument(
                "name",
                metavar="NAME",
                nargs="?",
                help=_("the exercise, by name or number"),
            )
        if name == "hint":
            command.add_argument(
                "--all", action="store_true", help=_("show every hint at once")
            )
            command.add_argument(
                "--seen",
                action="store_true",
                help=_("show again the hints seen so far, and no new one"),
            )
        # Options may come after the command as well as before it.
        _add_options(
            command, grading=grading, defaults=False, reports=name not in UNREPORTED
        )
    parser.set_defaults(
        command="grade", all=False, explore=False, poll=False, yes=False, force=False
    )
    return parser


def _add_learner_options(name: str, command: argparse.ArgumentParser) -> None:
    """The options of `check --explore` and of the learner's commands."""
    flags = {
        "check": (
            "--explore",
            N_(
                "many more random examples, new on every run (to hunt bugs; "
                "not the grade)"
            ),
        ),
        "watch": (
            "--poll",
            N_(
                "notice saves by reading the files every 0.05 s (for network "
                "drives; chosen anyway when file events are unavailable)"
            ),
        ),
        "reset": ("--yes", N_("do not ask for confirmation")),
        "solution": (
            "--force",
            N_("show it before the exercise is done, after a confirmation"),
        ),
    }
    if name in flags:
        flag, what = flags[name]
        command.add_argument(flag, action="store_true", help=_(what))


def _watch(args, project, screen, prog) -> int:
    # Imported only for this command: it imports the runner (and so numpy,
    # pytest and hypothesis) and the terminal modules.
    from grader.watch import watch_command

    return watch_command(args, project, screen, prog)


def _learner_command(name: str):
    """The command `name` of `grader.commands`, imported when it runs."""

    def command(args, project, screen, prog) -> int:
        from grader import commands

        return getattr(commands, name)(args, project, screen, prog)

    return command


# Commands that take (args, project, screen, prog) and return the exit code.
LEARNER_COMMANDS = {
    "watch": _watch,
    "reset": _learner_command("reset_command"),
    "solution": _learner_command("solution_command"),
    "explore": _learner_command("explore_command"),
}


def _add_options(
    parser: argparse.ArgumentParser, grading: bool, defaults: bool, reports=True
):
    """Add the shared options; on a subcommand their defaults are left out,
    so that they do not undo a value given before the command. Without
    `reports`, the report options are accepted (to be refused in words,
    see `_check_arguments`) but not listed."""

    def default(value):
        return value if defaults else argparse.SUPPRESS

    add_language_option(parser, default(None))
    parser.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        default=default(None),
        help=_(
            "the project folder (default: the nearest folder, from here "
            "upward, holding exercises/, tests/ and grader/exercises.toml)"
        ),
    )
    if not grading:
        return
    # For the maintainer, who grades the model answers with it (see the
    # README): not listed for learners, whose copy may have none.
    parser.add_argument(
        "--target",
        choices=TARGETS,
        default=default("exercises"),
        help=argparse.SUPPRESS,
    )
    parser.add_argument(
        "--timeout",
        type=positive(float),
        metavar="SECONDS",
        default=default(DEFAULT_TIMEOUT),
        help=_(
            "time limit per exercise (default {default})",
            default=f"{DEFAULT_TIMEOUT:g}",
        ),
    )
    parser.add_argument(
        "--memory",
        type=positive(int),
        metavar="MB",
        default=default(DEFAULT_MEMORY_MB),
        help=_(
            "memory the tests of one exercise may take, beyond the grader's "
            "own, in MB (default {default})",
            default=DEFAULT_MEMORY_MB,
        ),
    )
    # Grading mode's child asks for it: the learner's functions are then
    # called in a process of their own. Not for learners, so not listed.
    parser.add_argument(
        "--separate",
        action="store_true",
        default=default(False),
        help=argparse.SUPPRESS,
    )
    for option, what in (
        ("--json", N_("the grade as JSON")),
        ("--junit", N_("JUnit XML, one test case per test")),
        ("--gradescope", N_("Gradescope's results.json")),
    ):
        parser.add_argument(
            option,
            type=Path,
            metavar="FILE",
            default=default(None),
            help=_(what) if reports else argparse.SUPPRESS,
        )


def teacher_use(command: str, prog: str) -> str:
    """What the course's `command` takes, and how it is typed, in a clause
    of the current language."""
    return _(TEACHER_USES[command], prog=i18n.command(prog))


def add_language_option(parser: argparse.ArgumentParser, default) -> None:
    """``--lang``, read before the command line is parsed (see `main`):
    here so that the parser accepts it, and shows it in the help."""
    parser.add_argument(
        "--lang",
        type=i18n.language_code,  # jp and ja_JP are Japanese too
        choices=i18n.LANGUAGES,
        default=default,
        help=_(
            "the language of the output (default: the locale's, "
            "if Japanese, else English)"
        ),
    )


def positive(kind):
    """An argparse type: a number of `kind` above zero."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:
            raise argparse.ArgumentTypeError(
                _("{text} is not a positive number", text=repr(text))
            )
        return value

    parse.__name__ = kind.__name__
    return parse


def _check_arguments(
    args: argparse.Namespace, project: Project, prog: str = "python -m grader"
) -> None:
    """Refuse what cannot work before running anything; `prog` is how the
    commands it suggests start."""
    name = getattr(args, "name", None)
    if name is not None and project.find(name) is None:
        # Every table numbers the exercises: "3" is as good as "softmax".
        numbered = [e for e in project.exercises if str(e.number) == name.strip()]
        if not numbered:
            raise ProjectError(_unknown(name, project.names))
        args.name = name = numbered[0].name
    if args.command == "check" and args.explore:
        args.command = "explore"  # a bug hunt, not a grade: its own command
        if _report_paths(args):
            raise ProjectError(
                _(
                    "--explore is not a grade: it writes no reports. "
                    "Leave out --explore to write them."
                )
            )
    if args.command in UNREPORTED and _report_paths(args):
        raise ProjectError(
            _(
                "{command} writes no reports: `{prog} --json FILE` (or --junit, "
                "--gradescope) grades every exercise and writes them.",
                command=args.command,
                prog=prog,
            )
        )
    if args.command == "solution" and not (project.root / "solutions").is_dir():
        # Said before the missing name: no name would make one appear.
        raise ProjectError(
            _(
                "this copy of the kata has no model answers (no {file} in {root})",
                file="solutions/",
                root=project.root,
            )
        )
    if args.command in NAMED_COMMANDS and name is None:
        raise ProjectError(_missing_name(args.command, project.names))
    if args.command in ("hint", "reset", "doc"):
        return
    if not (project.root / args.target).is_dir():
        raise ProjectError(
            _(
                "{root} has no {target}/ folder to grade",
                root=project.root,
                target=args.target,
            )
        )
    learner = (project.root / "exercises").resolve()
    for path in _report_paths(args).values():
        resolved = path.resolve()
        if resolved == learner or learner in resolved.parents:
            raise ProjectError(
                _(
                    "{path} is inside exercises/: a report must not overwrite "
                    "your work. Choose another path.",
                    path=path,
                )
            )


def _missing_name(command: str, names: list[str]) -> str:
    return _(
        "`{command}` needs the name of an exercise; the exercises are: {names}",
        command=command,
        names=i18n.listed(names),
    )


def _choose_current(
    project: Project, args: argparse.Namespace, screen: Screen, prog: str
) -> dict[str, ExerciseRun]:
    """Set `args.name` to the current exercise, the first not done (as the
    overview names it), and say so in one line; when every exercise is
    done, say that instead and leave it None.

    Exercises graded before whose code has not changed are not run again:
    the choice decides no grade (a check runs its exercise's tests all the
    same), only which exercise to show. Returns the chosen exercise's run
    by name when it was made just now, so that a check need not run the
    same tests twice.
    """
    from rich.text import Text

    from grader.grading import DONE, grade

    keys = _fingerprints(project, project.names, args)
    runs = _kept_runs(project, keys, args)
    stale = [exercise for exercise in project.exercises if exercise.name not in runs]
    grading = _start(project, stale, args, args.timeout) if stale else None
    prestart.cancel()  # taken by these runs, or not needed
    fresh = _finish(project, stale, keys, args, screen, grading)
    runs.update(fresh)
    current = next(
        (e for e in project.exercises if grade(e, runs[e.name]).status != DONE),
        None,
    )
    command = "check" if args.command == "explore" else args.command
    if current is None:
        screen.out.print(
            _(
                "Every exercise is done: `{prog} {command} NAME` for one of them.",
                prog=prog,
                command=command,
            ),
            soft_wrap=True,
        )
        return {}
    args.name = current.name
    # Said as what is done with it: "exercise 5, the first one not done"
    # alone has nothing to say of it, and reads oddly in Japanese.
    if command == "check":
        said = _(
            "check {name}: grading exercise {number}, the first one not done.",
            name=current.name,
            number=current.number,
        )
    else:
        said = _(
            "hint {name}: the hints of exercise {number}, the first one not done.",
            name=current.name,
            number=current.number,
        )
    screen.out.print(Text(said, style="bold"), soft_wrap=True)
    screen.out.print()
    return {current.name: fresh[current.name]} if current.name in fresh else {}


def _unknown(name: str, names: list[str]) -> str:
    if name.isdigit():
        return _(
            "there is no exercise {number}: they are numbered 1 to {count} ({names})",
            number=name,
            count=len(names),
            names=i18n.listed(names),
        )
    return _(
        "unknown exercise {name}{guess}; the exercises are: {names}",
        name=repr(name),
        guess=_guess(name, names),
        names=i18n.listed(names),
    )


def _unknown_command(name: str, names: list[str]) -> str:
    return _(
        "unknown command {name}{guess}; the commands are: {names}",
        name=repr(name),
        guess=_guess(name, names),
        names=i18n.listed(names),
    )


def _guess(name: str, names: list[str]) -> str:
    """' (did you mean NAME?)' for the one of `names` closest to `name`,
    if one is close; else ''."""
    import difflib

    # A path to the file ("exercises/dot.py") is guessed by its stem.
    stem = PurePath(name).stem
    close = difflib.get_close_matches(name, names, n=1) or (
        difflib.get_close_matches(stem, names, n=1) if stem != name else []
    )
    return _(" (did you mean {name}?)", name=close[0]) if close else ""


def _fingerprints(
    project: Project, names: list[str], args: argparse.Namespace
) -> dict[str, str]:
    """The fingerprint of each exercise `names` now, by name."""
    from grader import cache

    return cache.fingerprints(project.root, args.target, names, _limits(args))


def _kept_runs(
    project: Project,
    keys: dict[str, str],
    args: argparse.Namespace,
    timed_out: bool = False,
) -> dict[str, ExerciseRun]:
    """The runs kept from an earlier grade of the same code (fingerprints
    `keys`), by name; those stopped at their time limit too, if `timed_out`.
    """
    from grader import cache

    return cache.recall(project.state_dir, args.target, keys, timed_out)


def _kept_runs_any_limits(
    project: Project, names: list[str], args: argparse.Namespace
) -> dict[str, ExerciseRun]:
    """The runs kept of the current code of exercises `names`, made with
    whichever limits, by name."""
    from grader import cache

    return cache.recall_any_limits(project.state_dir, project.root, args.target, names)


def _limits(args: argparse.Namespace) -> tuple:
    return (args.timeout, args.memory)


def _longest_first(
    project: Project, exercises: list[ExerciseInfo], target: str
) -> list[ExerciseInfo]:
    """`exercises` in the order to run them: those that took longest last
    time first, so that two workers finish together rather than one
    waiting for the other; in learning order when nothing was kept.

    One that ran out of time last time goes last instead: run first, a
    loop would hold the workers while every other exercise waits.
    """
    from grader import cache

    took = cache.durations(project.state_dir, target)

    def order(exercise: ExerciseInfo) -> tuple[bool, float]:
        seconds = took.get(exercise.name, 0.0)
        return math.isinf(seconds), -seconds

    return sorted(exercises, key=order)


def _start(
    project: Project,
    exercises: list[ExerciseInfo],
    args: argparse.Namespace,
    timeout: float,
) -> Grading:
    """Start running the tests of `exercises`, each with the time limit
    `timeout`, and return at once."""
    # Imported here, not at the top: it is needed only to run tests.
    from grader.runner import Job, start

    jobs = [
        Job(
            exercise.name,
            project.root,
            target=args.target,
            timeout=timeout,
            memory_mb=args.memory,
            separate=args.separate,
            # Someone else's submission: its reader cannot run the
            # learner's commands on it, nor should they.
            advice=_submission(args) is None,
        )
        for exercise in exercises
    ]
    return start(jobs)


def _reports_of(exercises, names, runs, args, started, clock, screen):
    """The gradebook of `runs` (by name, one for each of `names`), the
    paths of the reports written and whether every report asked for was."""
    from grader import formats
    from grader.grading import gradebook

    chosen = [runs[name] for name in names]
    if args.separate:
        from grader.classroom import for_the_record

        chosen = [for_the_record(run) for run in chosen]
    book = gradebook(exercises, chosen, args.target)
    timing = formats.Timing(started, time.monotonic() - clock)
    return book, *_write_reports(book, timing, args, screen)


def _finish(
    project: Project,
    exercises: list[ExerciseInfo],
    keys: dict[str, str],
    args: argparse.Namespace,
    screen: Screen,
    grading: Grading | None,
) -> dict[str, ExerciseRun]:
    """Wait for the runs of `exercises`, keep them for `list` under their
    fingerprints `keys`, and return them by name."""
    if grading is None:
        return {}
    from grader.commands import wait_showing

    ended: dict[str, ExerciseRun] = {}

    def finished(index: int, run: ExerciseRun) -> None:
        ended[run.name] = run

    try:
        waited = wait_showing(grading, screen, exercises, args.timeout, finished)
    except KeyboardInterrupt:
        raise _Interrupted(ended) from None
    runs = {run.name: run for run in waited}
    _keep(
        project,
        args.target,
        {n: (keys[n], runs[n]) for n in runs},
        _limits(args),
        screen,
    )
    return runs


class _Interrupted(KeyboardInterrupt):
    """A grade interrupted (Ctrl+C, a signal) before every run ended, with
    the `runs` that had ended, by name: the reports asked for are written
    all the same."""

    def __init__(self, runs: dict[str, ExerciseRun]):
        super().__init__()
        self.runs = runs


# The error of an exercise whose tests had not ended when the grade was
# interrupted: a missing result is never a pass.
INTERRUPTED_RUN = "the grade was interrupted before its tests ended"


def _finish_quickly(
    project: Project,
    exercises: list[ExerciseInfo],
    keys: dict[str, str],
    args: argparse.Namespace,
    screen: Screen,
    grading: Grading | None,
    deadline: float,
) -> tuple[dict[str, ExerciseRun], dict[str, ExerciseRun]]:
    """Like `_finish`, for runs held to `list`'s short time limit, and
    waited for until the `deadline` (a monotonic time) at most: the runs
    that ended in time, and, of the exercises cut short or unfinished, the
    last run kept of each that has one (a run of older code)."""
    if grading is None:
        return {}, {}
    from grader import cache
    from grader.commands import wait_showing
    from grader.runner import Cancelled

    # Only a cut shorter than the learner's own limit is list's doing; one
    # at that limit is the exercise's result, an error.
    cut_short = LIST_WAIT < args.timeout
    runs = {}

    def finished(index: int, run: ExerciseRun) -> None:
        if not (run.timed_out and cut_short):
            runs[run.name] = run

    def late() -> bool:
        return time.monotonic() >= deadline

    limit = min(args.timeout, LIST_WAIT)
    try:
        wait_showing(grading, screen, exercises, limit, finished, cancel=late)
    except Cancelled:
        pass  # what ended is shown, the rest as it was last known
    # Only what ended is kept: a run cut short would take the place of the
    # last one kept, which is what the table shows instead.
    _keep(
        project,
        args.target,
        {n: (keys[n], runs[n]) for n in runs},
        _limits(args),
        screen,
    )
    unfinished = [exercise.name for exercise in exercises if exercise.name not in runs]
    return runs, cache.last_runs(project.state_dir, args.target, unfinished)


def _keep(
    project: Project,
    target: str,
    runs: dict[str, tuple[str, ExerciseRun]],
    limits: tuple,
    screen: Screen,
) -> None:
    """Keep new runs for `list`; not being able to costs only a warning."""
    from grader import cache

    try:
        cache.remember(project.state_dir, target, runs, limits)
    except OSError as error:
        screen.warning(
            _(
                "could not keep the grade in {folder} ({why}); "
                "`list` will run the tests again",
                folder=project.state_dir,
                why=_why(error),
            )
        )


def _report_paths(args: argparse.Namespace) -> dict[str, Path]:
    paths = {
        N_("JSON report"): args.json,
        N_("JUnit report"): args.junit,
        N_("Gradescope report"): args.gradescope,
    }
    return {label: path for label, path in paths.items() if path is not None}


def _write_reports(
    book: Gradebook, timing: formats.Timing, args: argparse.Namespace, screen: Screen
) -> tuple[list[Path], bool]:
    """Write every report asked for; say which could not be written.

    One report failing does not stop the others. Returns the paths of the
    reports written, and whether all were (the CI summary included).
    """
    from grader import formats
    from grader.files import append, write_atomically

    render = {
        "JSON report": lambda: formats.to_json(book, timing),
        "JUnit report": lambda: formats.to_junit(book, timing),
        "Gradescope report": lambda: formats.to_gradescope(book, timing),
    }
    written, every = [], True
    for label, path in _report_paths(args).items():
        try:
            write_atomically(path, render[label]())
            written.append(path)
        except OSError as error:
            screen.problem(could_not_write(label, path, error))
            every = False
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            append(Path(summary), formats.to_markdown(book))
        except OSError as error:
            screen.problem(
                _(
                    "could not add the grade to GITHUB_STEP_SUMMARY ({path}): {why}",
                    path=summary,
                    why=_why(error),
                )
            )
            every = False
    return written, every


def _say_written(written: list[Path], args: argparse.Namespace, screen: Screen) -> None:
    """One line under the output naming the reports `written`. Grading
    mode's child (`--separate`) writes them to a private folder its parent
    reads back, and the parent names where they went: the child says
    nothing of its own."""
    if written and not args.separate:
        screen.out.print(reports_written(written), soft_wrap=True)


def could_not_write(what: str, path: Path, error: OSError) -> str:
    """What every command says when the output `what` (a report's label,
    in English, marked with N_) could not be written at `path`."""
    return _(
        "could not write the {report} to {path}: {why}",
        report=_(what),
        path=path,
        why=_why(error),
    )


def reports_written(paths: list[Path]) -> str:
    """The line that names the reports written at `paths`."""
    if len(paths) == 1:
        return _("Report written: {path}", path=paths[0])
    return _("Reports written: {paths}", paths=i18n.listed(map(str, paths)))


def _hint(
    project: Project,
    args: argparse.Namespace,
    screen: Screen,
    prog: str,
) -> int:
    from grader import hints

    exercise = project.find(args.name)
    path = f"{args.target}/{exercise.name}.py"
    if not (project.root / path).exists():
        # As the watch: no hint on code that is not there, which would lead
        # away from the way back to it; none revealed, lest it count as read.
        screen.say(
            _(
                "{path} is missing, so no hint: `{prog} reset {name}` puts its "
                "stub back.",
                path=path,
                prog=prog,
                name=exercise.name,
            )
        )
        return EXIT_DONE
    already = hints.seen(project.state_dir).get(exercise.name, 0)
    if args.seen and not args.all and not already:
        # Asked for no new hint: none is given, nor counted as read.
        screen.say(
            _(
                "No hint of {name} seen yet: `{prog} hint {name}` shows the first.",
                prog=prog,
                name=exercise.name,
            )
        )
        return EXIT_DONE
    if args.seen and not args.all:
        # Read again, whole (the watch may have cut it): no hint more.
        shown = exercise.hints[:already]
    else:
        shown = hints.reveal(exercise, already, args.all)
    # Remembered before it is shown: a reader that stops early (`| head`)
    # ends the printing half-way, and has seen the hint all the same.
    forgotten = _remember_hints(project, exercise, len(shown))
    screen.hints(exercise, shown, prog, _known_done(project, exercise, args))
    if forgotten:
        screen.warning(
            _(
                "could not remember which hints you have seen ({why}); "
                "the next `hint` will show this one again",
                why=_why(forgotten),
            )
        )
    return EXIT_DONE


def _remember_hints(
    project: Project, exercise: ExerciseInfo, count: int
) -> OSError | None:
    """Record that `count` hints of `exercise` are seen; the error, if the
    state folder cannot be written."""
    from grader import hints

    if not count:
        return None
    try:
        hints.remember(project.state_dir, exercise.name, count)
    except OSError as error:
        return error
    return None


def _known_done(
    project: Project, exercise: ExerciseInfo, args: argparse.Namespace
) -> bool:
    """Whether the exercise's code, as it is now, was graded done before:
    a hint runs no tests, so an exercise never graded is not known done."""
    from grader.grading import DONE, grade

    keys = _fingerprints(project, [exercise.name], args)
    run = _kept_runs(project, keys, args).get(exercise.name)
    return run is not None and grade(exercise, run).status == DONE


def _doc(project: Project, exercise: ExerciseInfo, screen: Screen) -> int:
    """Show an exercise's specification in the learner's language."""
    from grader import docs

    try:
        functions = docs.specification(project.root, exercise.name, i18n.language())
    except OSError as error:
        screen.problem(str(error))
        return EXIT_USAGE
    screen.doc(exercise, functions)
    return EXIT_DONE


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

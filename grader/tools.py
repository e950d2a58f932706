"""The teacher's commands: grading mode, the release, the Gradescope bundle
and batch grading. ``python -m grader COMMAND`` hands these to `main`.

Exit codes: ``grade`` as the grader (0 all done, 1 not, 2 no grade: the
tests were tampered with, or could not be run); the others 0 when done,
2 when they could not do what was asked.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from grader import batch, classroom, formats, i18n, release
from grader.cli import (
    EXIT_INTERRUPTED,
    Parser,
    add_language_option,
    could_not_write,
    positive,
    problem,
    reports_written,
    teacher_use,
)
from grader.files import append, check_writable, write_atomically
from grader.i18n import N_, _
from grader.project import ProjectError, find_root, open_project
from grader.results import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

COMMANDS = ("grade", "release", "gradescope", "batch")
# The project this grader belongs to, whose catalogue of exercises gives
# the points of a submission graded with its own tests.
GRADER_PROJECT = Path(__file__).resolve().parent.parent
EXIT_OK = 0
EXIT_USAGE = 2


def main(argv: list[str], prog: str = "python -m grader") -> int:
    """Run one of COMMANDS (the first of `argv`); return its exit code.

    The language is chosen by the caller (`grader.cli.main`, which reads
    ``--lang`` first); the option is accepted here so that it may follow
    the command."""
    try:
        args = _parsed(_parser(prog), argv, prog)
    except SystemExit as stop:
        return EXIT_USAGE if stop.code else EXIT_OK
    args.prog = prog
    try:
        return args.handler(args)
    except (release.ReleaseError, ProjectError, classroom.GradingError) as error:
        # Said as the parser and the learner's commands say theirs.
        problem(i18n.failure(str(error)))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _problem(_("Interrupted."))
        return EXIT_INTERRUPTED


def _parsed(parser: argparse.ArgumentParser, argv: list[str], prog: str):
    """`argv` parsed; an argument the command does not know is refused by
    the command's own parser, with its usage, and an option (the grader's
    --root, say) with what the command takes instead."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        own = args.command_parser
        options = [item for item in extra if item.startswith("-")]
        if not options:
            own.error(_("unrecognized arguments: %s") % " ".join(extra))
        own.error(
            _(
                "{command} has no option {option}; {use}. "
                "`{prog} {command} --help` lists the options it takes",
                command=args.command,
                option=options[0].partition("=")[0],
                use=teacher_use(args.command, prog),
                prog=i18n.command(prog),
            )
        )
    return args


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = Parser(prog=prog)
    commands = parser.add_subparsers(dest="command", required=True)

    summary = _(
        "grading mode: pristine tests, nothing of the learner's but exercises/*.py"
    )
    grade = commands.add_parser("grade", help=summary, description=summary)
    grade.add_argument(
        "submission",
        nargs="?",
        type=Path,
        metavar="DIR",
        help=_(
            "the learner's project or exercises (default: the project "
            "around the current folder)"
        ),
    )
    _add_tests_from(grade)
    _add_limits(grade)
    for option, what in (
        ("--json", N_("the grade as JSON, with what grading mode checked")),
        ("--junit", N_("JUnit XML, one test case per test")),
        ("--gradescope", N_("Gradescope's results.json")),
    ):
        grade.add_argument(option, type=Path, metavar="FILE", help=_(what))
    grade.set_defaults(handler=_grade, command_parser=grade)

    summary = _("a student copy, ready to push")
    out = commands.add_parser("release", help=summary, description=summary)
    out.add_argument("out", type=Path, metavar="OUT", help=_("a new folder"))
    _add_root(out)
    out.set_defaults(handler=_release, command_parser=out)

    summary = _("Gradescope's autograder zip")
    bundle = commands.add_parser("gradescope", help=summary, description=summary)
    bundle.add_argument(
        "zip",
        type=Path,
        metavar="OUT.zip",
        help=_("the zip to write (replaced if it exists)"),
    )
    _add_root(bundle)
    bundle.set_defaults(handler=_gradescope, command_parser=bundle)

    summary = _("grade a folder of submissions")
    many = commands.add_parser("batch", help=summary, description=summary)
    many.add_argument("folder", type=Path, metavar="DIR", help=_("one folder each"))
    many.add_argument(
        "--csv",
        type=Path,
        required=True,
        metavar="FILE",
        help=_("the gradebook to write, one row per student"),
    )
    many.add_argument(
        "--reports",
        type=Path,
        metavar="DIR",
        help=_("one JSON per student (default: reports/ beside the CSV)"),
    )
    many.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help=_("grades at a time (default: one per core)"),
    )
    _add_tests_from(many)
    _add_limits(many)
    many.set_defaults(handler=_batch, command_parser=many)
    for command in (grade, out, bundle, many):
        add_language_option(command, default=argparse.SUPPRESS)
    return parser


def _add_tests_from(parser) -> None:
    parser.add_argument(
        "--tests-from",
        type=Path,
        metavar="DIR",
        help=_(
            "a pristine copy of the project (a release): its tests and "
            "grader are used, whatever the submission holds"
        ),
    )


def _add_limits(parser) -> None:
    parser.add_argument(
        "--timeout",
        type=positive(float),
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=_(
            "time limit per exercise (default {default})",
            default=f"{DEFAULT_TIMEOUT:g}",
        ),
    )
    parser.add_argument(
        "--memory",
        type=positive(int),
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help=_(
            "memory the tests of one exercise may take, beyond the grader's "
            "own, in MB (default {default})",
            default=DEFAULT_MEMORY_MB,
        ),
    )


def _add_root(parser) -> None:
    parser.add_argument(
        "--root", type=Path, metavar="DIR", help=_("the project (default: here)")
    )


def _grade(args) -> int:
    submission = args.submission
    if submission is None:
        submission = _here() if args.tests_from is None else Path.cwd()
    tests_from = args.tests_from
    if tests_from is not None:
        tests_from = open_project(tests_from).root
    if not submission.exists():
        # Said as for --root and --tests-from: a mistyped path is no
        # submission without exercises.
        raise ProjectError(
            _("the folder {root} does not exist", root=submission.resolve())
        )
    _refuse_reports_in(submission, [args.json, args.junit, args.gradescope])
    options = classroom.Options(
        args.timeout, args.memory, _language(args), _someone_elses(args.submission)
    )
    try:
        with tempfile.TemporaryDirectory(prefix="kata-checkout-") as scratch:
            tree = _gradable(submission, Path(scratch), args.submission)
            outcome = classroom.grade(tree, tests_from, options)
    except classroom.GradingError as error:
        # The reports asked for say the submission could not be graded,
        # and are named after the error, as after a grade's output.
        reason = getattr(error, "reason", str(error))
        written = [
            getattr(args, option)
            for option, report in _failure_reports(tests_from, reason).items()
            if getattr(args, option) is not None and report is not None
            if _write_report(option, getattr(args, option), report)
        ]
        problem(i18n.failure(str(error)))
        if written:
            print(reports_written(written))
        return EXIT_USAGE
    sys.stdout.write(outcome.stdout)
    for line in _integrity_lines(outcome.integrity):
        _problem(line)
    if outcome.code == 2:
        # Said as every error is, then what the grading process told.
        problem(_("No grade was produced."))
        if outcome.stderr.strip():
            _problem(outcome.stderr.strip())
    failed = _failure_reports(tests_from, _last_line(outcome.stderr))
    written, every = [], True
    for option, report in (
        ("json", _json_report(outcome) or failed["json"]),
        ("junit", outcome.reports.get("junit", failed["junit"])),
        ("gradescope", outcome.reports.get("gradescope", failed["gradescope"])),
    ):
        path = getattr(args, option)
        if path is not None and report is not None:
            if _write_report(option, path, report):
                written.append(path)
            else:
                every = False
    if written:
        print(reports_written(written))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and "summary" in outcome.reports:
        notes = "".join(f"- {line}\n" for line in _integrity_lines(outcome.integrity))
        append(Path(summary), outcome.reports["summary"] + notes)
    # A report asked for and not written is no grade, as for the learner.
    return outcome.code if every else EXIT_USAGE


# The reports of `grade`, by option, as the learner's commands name them.
REPORT_LABELS = {
    "json": N_("JSON report"),
    "junit": N_("JUnit report"),
    "gradescope": N_("Gradescope report"),
}


def _write_report(option: str, path: Path, text: str) -> bool:
    """Write `text` at `path`, the report of `option`; whether it was
    written (if not, the learner's commands' error says why)."""
    try:
        write_atomically(path, text)
    except OSError as error:
        problem(could_not_write(REPORT_LABELS[option], path, error))
        return False
    return True


def _unwritable(
    what: str, path: Path, folder: bool = False, probe: bool = True
) -> bool:
    """Whether the output `what` (marked with N_) cannot be written at
    `path` (a folder of files with `folder`; see `check_writable` for
    `probe`); if so, says why as an error."""
    try:
        check_writable(path, folder, probe)
    except OSError as error:
        problem(could_not_write(what, path, error))
        return True
    return False


def _gradable(submission: Path, scratch: Path, typed: Path | None) -> Path:
    """The tree to grade for `submission`: the folder itself, or a bare
    git repository's last commit written out in `scratch`, as `batch`
    grades it. Raises GradingError, naming the submission as `typed`, when
    it holds no exercises: a table of ten errors would read as a grade."""
    try:
        tree = batch.checkout(submission, scratch)
        batch.exercises_of(tree)
    except classroom.GradingError as error:
        message = f"{typed or submission} cannot be graded: {error}"
        raise _Ungradable(message, error) from error
    return tree


class _Ungradable(classroom.GradingError):
    """A submission that holds nothing to grade, and the `reason` why."""

    def __init__(self, message: str, reason: Exception):
        super().__init__(message)
        self.reason = str(reason)


def _someone_elses(submission: Path | None) -> str | None:
    """`submission` as it was typed, when it is not the project the command
    runs in (a teacher grading a student's folder); None when it is."""
    if submission is None:
        return None
    try:
        here = find_root(Path.cwd())
    except ProjectError:
        return str(submission)
    own = (here.resolve(), (here / "exercises").resolve())
    return None if submission.resolve() in own else str(submission)


# Why a path is refused, by what would be written there.
INSIDE_EXERCISES = {
    "report": N_(
        "{path} is inside exercises/: a report must not overwrite "
        "the learner's work. Choose another path."
    ),
    "output": N_(
        "{path} is inside exercises/, the learner's work, which the grader "
        "writes into only when the learner resets an exercise. Choose another "
        "path."
    ),
}


def _refuse_reports_in(
    submission: Path, paths: list[Path | None], what: str = "report"
) -> None:
    """Refuse a path of `paths` (a `what` of INSIDE_EXERCISES) inside the
    exercises/ of the project or submission at `submission`."""
    learner = (Path(submission) / "exercises").resolve()
    for path in filter(None, paths):
        if _within(path, learner):
            raise ProjectError(_(INSIDE_EXERCISES[what], path=path))


def _within(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies under it (both resolved)."""
    resolved, folder = path.resolve(), folder.resolve()
    return resolved == folder or folder in resolved.parents


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no grade was produced"


def _here() -> Path:
    return find_root(Path.cwd())


def _language(args) -> str | None:
    """The language asked for with --lang, for the grading process; None
    leaves it to that process's locale."""
    return getattr(args, "lang", None) and i18n.language()


def _json_report(outcome: classroom.Outcome) -> str | None:
    report = outcome.grade
    return None if report is None else json.dumps(report, indent=2) + "\n"


def _integrity_lines(integrity: dict) -> list[str]:
    drift = integrity.get("drift", {})
    hows = {
        "changed": N_(
            "{path}: changed in the submission; graded with the pristine copy"
        ),
        "added": N_("{path}: added in the submission; graded with the pristine copy"),
        "deleted": N_(
            "{path}: deleted in the submission; graded with the pristine copy"
        ),
    }
    lines = [_(hows[how], path=path) for how in hows for path in drift.get(how, [])]
    # The notes are the report's, in English: translated to be shown.
    return lines + [i18n.failure(note) for note in integrity.get("left_out", [])]


def _failure_reports(tests_from: Path | None, reason: str) -> dict[str, str]:
    """The report of each format (by its option) for a submission that
    could not be graded, saying `reason`: the JSON shaped as `batch`
    writes one (`batch.error_report`, out of the points of the tests'
    catalogue: `tests_from`'s, else this grader's own), JUnit one test
    case in error, Gradescope a score of 0."""
    reports = {
        "json": None,
        "junit": formats.junit_error("exercises", reason),
        "gradescope": _gradescope_failure(reason),
    }
    try:
        report = batch.error_report(tests_from or GRADER_PROJECT, reason)
    except (OSError, ValueError):
        return reports  # no catalogue to read the points from: no JSON
    reports["json"] = json.dumps(report, indent=2) + "\n"
    return reports


def _gradescope_failure(message: str) -> str:
    results = {"score": 0, "output": f"The submission could not be graded: {message}"}
    return json.dumps(results, indent=2) + "\n"


def _release(args) -> int:
    project = open_project(args.root)
    _refuse_reports_in(project.root, [args.out], "output")
    out = release.release(project.root, args.out)
    print(_("Wrote the student release to {path}.", path=out))
    print(
        _(
            "Next: push it as a template repository for the students, and "
            "grade a copy with `{prog} grade DIR --tests-from {path}`.",
            prog=i18n.command(args.prog),
            path=out,
        )
    )
    return EXIT_OK


BUNDLE = N_("Gradescope autograder bundle")
GRADEBOOK = N_("gradebook")
REPORTS = N_("folder of reports")


def _gradescope(args) -> int:
    project = open_project(args.root)
    _refuse_reports_in(project.root, [args.zip], "output")
    if _unwritable(BUNDLE, args.zip):
        return EXIT_USAGE
    try:
        path = release.gradescope_bundle(project.root, args.zip)
    except OSError as error:
        problem(could_not_write(BUNDLE, args.zip, error))
        return EXIT_USAGE
    print(_("Wrote the Gradescope autograder bundle to {path}.", path=path))
    print(_("Next: upload it as the assignment's autograder on Gradescope."))
    return EXIT_OK


def _batch(args) -> int:
    if not args.folder.is_dir():
        raise ProjectError(
            _("{folder} is not a folder of submissions", folder=args.folder)
        )
    tests_from = open_project(args.tests_from).root
    reports = args.reports or args.csv.parent / "reports"
    _refuse_batch_outputs(args.folder, [args.csv, reports])
    # Refused before grading: a class's grades must not be lost at the end.
    # What is in the way is looked for first, so that a refusal creates
    # no folder for the other output.
    outputs = ((GRADEBOOK, args.csv, False), (REPORTS, reports, True))
    if any(
        _unwritable(what, path, folder, probe)
        for probe in (False, True)
        for what, path, folder in outputs
    ):
        return EXIT_USAGE
    options = classroom.Options(args.timeout, args.memory)
    started = time.monotonic()

    def progress(row: batch.Row) -> None:
        print(_progress_line(row))

    rows = batch.grade_all(
        args.folder, tests_from, reports, options, args.jobs, progress
    )
    gradebook = batch.gradebook_csv(rows, tests_from)
    try:
        write_atomically(args.csv, gradebook)
    except OSError as error:
        return _gradebook_unwritten(args.csv, error, gradebook, reports)
    errors = sum(row.status == batch.ERROR for row in rows)
    print(
        _(
            "Went through {count} submissions in {seconds} s ({errors} could "
            "not be graded); gradebook: {path}; reports: {reports}.",
            count=len(rows),
            seconds=f"{time.monotonic() - started:.1f}",
            errors=errors,
            path=args.csv,
            reports=reports,
        )
    )
    return EXIT_OK


def _gradebook_unwritten(
    path: Path, error: OSError, gradebook: str, reports: Path
) -> int:
    """Say that the `gradebook` could not be written at `path`, and keep
    the grades all the same: the CSV goes to stdout, the reports stay in
    `reports`. Returns the exit code."""
    problem(could_not_write(GRADEBOOK, path, error))
    _problem(
        _(
            "The gradebook follows on stdout; the reports are in {reports}.",
            reports=reports,
        )
    )
    sys.stdout.write(gradebook)
    return EXIT_USAGE


def _refuse_batch_outputs(folder: Path, paths: list[Path]) -> None:
    """Refuse a gradebook or reports folder (`paths`) inside the
    exercises/ of the project the teacher is in, or inside the `folder` of
    submissions: there it would be written into a student's work, or be
    taken for a submission itself by the next batch."""
    try:
        here = _here()
    except ProjectError:
        here = None  # run outside any project: no exercises/ of its own
    if here is not None:
        _refuse_reports_in(here, paths, "output")
    for path in paths:
        if _within(path, folder):
            raise ProjectError(
                _(
                    "{path} is inside {folder}, the folder of submissions: "
                    "the gradebook and the reports go outside it, or the next "
                    "batch would grade them. Choose another path.",
                    path=path,
                    folder=folder,
                )
            )


def _progress_line(row: batch.Row) -> str:
    """What `batch` says as a submission's grade ends, in the teacher's
    language (the row itself stays in English for the gradebook)."""
    if row.status == batch.ERROR:
        return _(
            "{student}: could not be graded: {reason}",
            student=row.student,
            reason=i18n.failure(row.note),
        )
    score = f"{row.score:g}/{row.max_score:g}"
    line = _("{student}: graded, {score}", student=row.student, score=score)
    if not row.note:
        return line
    # The note's sentences are the gradebook's, in English: translated
    # one by one to be shown.
    first, *later = [_ended(i18n.failure(note)) for note in row.note.split("; ")]
    for note in later:
        first = _("{first}; {then}", first=first, then=note)
    return _("{line} ({notes})", line=line, notes=first)


def _ended(note: str) -> str:
    """A translated `note` ended as the language ends a sentence: the
    Japanese notes are joined as sentences, and one that quotes an error
    (a syntax error's, an import's) does not end as one."""
    if i18n.language() == "ja" and not note.endswith(("。", "？", "！")):
        return note + "。"
    return note


def _problem(text: str) -> None:
    """`text` on stderr; the sentences grading mode writes in English for
    the reports (see [reasons] in the catalogue) in the teacher's language."""
    print(i18n.failure(text), file=sys.stderr)

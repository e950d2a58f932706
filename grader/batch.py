"""Grade a whole class: one submission per folder, several at a time.

Each submission is a folder holding the learner's project (or just its
``exercises/``), or a bare git repository, graded in grading mode against
one pristine copy of the tests. Every submission gets a JSON report of its
own and a row in one CSV gradebook. Whatever a submission does, even
failing to be graded at all, it is one row marked ``error``: the others
are graded all the same.

Speed comes from the runner's design: one pytest session collects the
pristine tests, and every exercise of every submission runs in a worker
forked from it, pointed at that submission's staged modules. No learner
code runs before the fork, so no submission can touch another's grade
through the session; each worker has the exercise's time and memory
limits.
"""

import csv
import io
import json
import os
import re
import resource
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

from grader import classroom, formats
from grader.exercises import load_catalogue
from grader.files import write_atomically
from grader.grading import gradebook
from grader.results import IMPORT_ERROR, MISSING_ENDING, TIMEOUT

GRADED = "graded"
ERROR = "error"
# Git refuses to read a repository owned by another user unless told it
# is safe; these options also keep a submission's hooks from running.
GIT_OPTIONS = ("-c", "safe.directory=*", "-c", "core.hooksPath=/dev/null")
GIT_TIMEOUT = 60.0
# A file of a submission larger than this is left out: no file of the kata
# comes near it.
MAX_FILE_BYTES = 4 * 1024 * 1024
# Submissions graded in one pytest session: collecting the tests once for
# many saves most of a grade's cost, and a session that breaks down takes
# no more than these with it (they are then graded again one by one).
SUBMISSIONS_PER_SESSION = 20
# What a run's error says when the shared session, not the exercise,
# failed (see grader.runner).
SESSION_FAILURES = (
    "test session ended unexpectedly",
    "the tests did not start",
    "pytest could not run the tests",
)
# The notes of a gradebook row, in English (the progress line translates
# them, see [reasons] in the catalogue).
DRIFT_NOTES = {
    "changed": "{path} changed: graded with the pristine copy",
    "added": "{path} added: graded with the pristine copy",
    "deleted": "{path} deleted: graded with the pristine copy",
}
TIMEOUT_NOTE = "{name}: stopped at the time limit"
# The note on exercises whose modules are not in the submission; the ones
# there that could not be loaded are noted each by why (its first line).
MISSING_NOTE = "exercises/ lacks {count} of its {total} files"
# The note on a bare repository with nothing committed in it: `rev-parse
# --verify --quiet` exits with 1 for a repository whose HEAD names no commit
# (128 for one git cannot read at all, which `_git` reports in git's words).
NO_COMMIT = "a git repository with no commit yet: nothing to grade"
# A student's name becomes a file name: only these characters are kept.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Row:
    """One submission's line in the gradebook."""

    student: str
    status: str
    # Numbers as the JSON report writes them: an int when whole.
    score: int | float = 0
    max_score: int | float = 0
    done: int = 0
    points: dict[str, float] = field(default_factory=dict)
    tests_changed: int = 0  # files of tests/grader that differ from the release
    note: str = ""


def submissions(folder: Path) -> list[Path]:
    """The submissions in `folder`: its folders that are not hidden, by
    name."""
    return sorted(
        path
        for path in Path(folder).iterdir()
        if path.is_dir() and not path.name.startswith(".")
    )


def grade_all(
    folder: Path,
    tests_from: Path,
    reports: Path,
    options: classroom.Options,
    jobs: int | None = None,
    on_finish=None,
) -> list[Row]:
    """Grade every submission in `folder`, `jobs` exercises at a time,
    writing each report into `reports`; the rows in the submissions' order.

    `on_finish(row)` is called as each submission's grade ends.
    """
    reports.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    paths = submissions(folder)
    _quiet_environment()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kata-batch-") as scratch:
        scratch = Path(scratch)
        pristine = scratch / "pristine"
        pristine.mkdir()
        classroom.stage(None, tests_from, pristine)
        batch = _Batch(pristine, tests_from, reports, options, jobs, scratch)
        for start in range(0, len(paths), SUBMISSIONS_PER_SESSION):
            chunk = paths[start : start + SUBMISSIONS_PER_SESSION]
            for row in batch.grade(chunk):
                if on_finish is not None:
                    on_finish(row)
                rows.append(row)
    return rows


def _quiet_environment() -> None:
    """Keep the teacher's environment from steering the tests' pytest."""
    for key in list(os.environ):
        if key.startswith("PYTEST_") or key == "PYTHONBREAKPOINT":
            del os.environ[key]
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"


@dataclass
class _Staged:
    """A submission ready to grade: its modules staged as a package."""

    student: str
    path: Path
    target: Path
    integrity: dict


class _Batch:
    """Grades submissions in sessions that each collect the pristine tests
    once and then run every exercise of every submission in a worker of
    its own, against that submission's staged modules."""

    def __init__(self, pristine, tests_from, reports, options, jobs, scratch):
        self.pristine = pristine
        self.tests_from = tests_from
        self.reports = reports
        self.options = options
        self.jobs = jobs
        self.scratch = scratch
        catalogue = pristine / "grader" / "exercises.toml"
        self.exercises = load_catalogue(catalogue)

    def grade(self, paths: list[Path]) -> list[Row]:
        """Grade the submissions at `paths`; their rows in order."""
        staged, rows = [], {}
        for path in paths:
            try:
                staged.append(self._stage(path))
            except Exception as error:  # a broken submission stops nothing
                rows[path] = self._failed(path, error)
        runs = self._run(staged)
        count = len(self.exercises)
        for number, item in enumerate(staged):
            mine = runs[number * count : (number + 1) * count]
            rows[item.path] = self._judge(item, mine)
        return [rows[path] for path in paths]

    def _stage(self, path: Path) -> _Staged:
        student = student_name(path)
        folder = self.scratch / "submissions" / student
        folder.mkdir(parents=True)
        tree = checkout(path, folder)
        drift = classroom.integrity_check(tree, self.tests_from)
        target = folder / "staged" / "exercises"
        notes = classroom.stage_exercises(exercises_of(tree), target)
        integrity = {
            "mode": "grading",
            "tests_from": str(self.tests_from),
            "drift": drift.as_dict(),
            "left_out": notes,
        }
        return _Staged(student, path, target, integrity)

    def _run(self, staged: list[_Staged]) -> list:
        from grader.runner import Job, preload, run_many

        # Each session (one per few submissions) then forks with numpy,
        # pytest and hypothesis already loaded.
        preload()
        jobs = [
            Job(
                exercise.name,
                self.pristine,
                target=str(item.target),
                timeout=self.options.timeout,
                memory_mb=self.options.memory_mb,
                separate=True,
                advice=False,  # the reports are the teacher's
            )
            for item in staged
            for exercise in self.exercises
        ]
        if not jobs:
            return []
        # The cap on processes is inherited by the session and its
        # workers; a fork bomb that reaches it breaks the session, and its
        # submissions are then graded again one by one.
        soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
        ceiling = classroom.process_ceiling()
        if ceiling and (hard == resource.RLIM_INFINITY or ceiling <= hard):
            resource.setrlimit(resource.RLIMIT_NPROC, (ceiling, hard))
        try:
            return run_many(jobs, workers=self.jobs)
        finally:
            resource.setrlimit(resource.RLIMIT_NPROC, (soft, hard))

    def _judge(self, item: _Staged, runs) -> Row:
        """The row and report of a graded submission; one whose session
        broke down is graded again on its own."""
        if any(_disturbed(run.error) for run in runs):
            return grade_submission(
                item.path, self.tests_from, self.reports, self.options
            )
        runs = [classroom.for_the_record(run) for run in runs]
        book = gradebook(self.exercises, runs, "exercises")
        took = sum(run.duration for run in runs)
        report = json.loads(formats.to_json(book, formats.Timing(duration=took)))
        report["integrity"] = item.integrity
        self._write(item.student, report)
        return _row(item.student, report)

    def _failed(self, path: Path, error: Exception) -> Row:
        student = student_name(path)
        self._write(student, error_report(self.tests_from, _describe(error)))
        return Row(student, ERROR, note=_describe(error))

    def _write(self, student: str, report: dict) -> None:
        write_report(self.reports, student, report)


def write_report(reports: Path, student: str, report: dict) -> None:
    """Write `student`'s JSON report into the folder `reports`, naming the
    student and, for a graded submission, its status."""
    report = {"student": student, "status": GRADED, **report}
    text = json.dumps(report, indent=2) + "\n"
    write_atomically(reports / f"{student}.json", text)


def _disturbed(error: str) -> bool:
    """Whether a run's error is the shared session's, not the exercise's."""
    return any(sign in error for sign in SESSION_FAILURES)


def exercises_of(tree: Path) -> Path:
    """The learner's exercises in the submission `tree`. Raises
    GradingError when there are none: a folder of something else is not a
    submission that scored 0, and its row must say so."""
    exercises = classroom.find_exercises(tree)
    if exercises is None:
        raise classroom.GradingError(classroom.NO_EXERCISES)
    return exercises


def student_name(path: Path) -> str:
    """The submission's folder name, made safe as a file name; a bare
    repository's without its ``.git``, unless a folder beside it has that
    name (two students must not share a report)."""
    name = path.name
    stem = name.removesuffix(".git")
    if stem and stem != name and _is_bare(path) and not path.with_name(stem).exists():
        name = stem
    return _UNSAFE.sub("_", name)


def _is_bare(path: Path) -> bool:
    """Whether `path` looks like a bare git repository."""
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def grade_submission(
    path: Path, tests_from: Path, reports: Path, options: classroom.Options
) -> Row:
    """Grade one submission on its own, in a grading process of its own,
    and write its JSON report; never raises for anything the submission is
    or does. It is graded as someone else's: the report is the teacher's."""
    student = student_name(path)
    options = replace(options, submission=str(path))
    try:
        with tempfile.TemporaryDirectory(prefix="kata-batch-") as scratch:
            tree = checkout(path, Path(scratch))
            exercises_of(tree)
            outcome = classroom.grade(tree, tests_from, options)
        report = outcome.grade
        if report is None:
            raise classroom.GradingError(_last_line(outcome.stderr))
        row = _row(student, report)
    except Exception as error:  # a broken submission must not stop the batch
        report = error_report(tests_from, _describe(error))
        row = Row(student, ERROR, note=_describe(error))
    write_report(reports, student, report)
    return row


def error_report(tests_from: Path, reason: str) -> dict:
    """The JSON report of a submission that could not be graded: shaped as
    a graded one (`formats.to_json`), scoring 0 out of the class's total,
    with no exercise graded, its `status` ``error`` and the `reason`. It
    has no `integrity` nor `timing`: nothing was checked or run."""
    catalogue = load_catalogue(tests_from / "grader" / "exercises.toml")
    return {
        "schema_version": formats.SCHEMA_VERSION,
        "target": "exercises",
        "status": ERROR,
        "error": reason,
        "score": 0,
        "max_score": _total(catalogue),
        "done": 0,
        "exercises_total": len(catalogue),
        "all_done": False,
        "exercises": [],
    }


def _total(catalogue) -> int | float:
    """The points of every exercise of `catalogue`, as reports write them."""
    return formats.number(sum((e.points for e in catalogue), Fraction(0)))


def checkout(path: Path, scratch: Path) -> Path:
    """The folder to grade for the submission at `path`: the folder itself,
    or, for a bare git repository, the files of its last commit written
    out in `scratch`.

    The files are read as git stores them (``ls-tree`` and ``cat-file``),
    never through ``archive`` or ``checkout``: those apply the filters a
    student's ``.gitattributes`` and repository configuration name, which
    are commands run by the grader.
    """
    if not _is_bare(path):
        return path
    if _git_status(path, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]) == 1:
        raise classroom.GradingError(NO_COMMIT)
    listing = _git(path, ["ls-tree", "-r", "-z", "HEAD"])
    blobs = {}
    for entry in listing.split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha = (meta.split() + [b"", b"", b""])[:3]
        # Regular files only: no links, no submodules.
        if kind == b"blob" and mode in (b"100644", b"100755"):
            blobs[sha] = blobs.get(sha, []) + [name.decode("utf-8", "replace")]
    tree = scratch / "checkout"
    tree.mkdir()
    for sha, contents in _blobs(path, list(blobs)):
        for name in blobs[sha]:
            _write_inside(tree, name, contents)
    return tree


def _git(path: Path, args: list[str], stdin: bytes = b"") -> bytes:
    """Run git on the repository at `path` with no configuration but its
    own, which may only steer what is read; its output."""
    done = _run_git(path, args, stdin)
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip()
        raise classroom.GradingError(f"git {args[0]} failed: {reason}")
    return done.stdout


def _git_status(path: Path, args: list[str]) -> int:
    """Run git as `_git` does; its exit code alone."""
    return _run_git(path, args).returncode


def _run_git(path: Path, args: list[str], stdin: bytes = b""):
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    command = ["git", *GIT_OPTIONS, f"--git-dir={path}", *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, env=env, timeout=GIT_TIMEOUT
    )


def _blobs(path: Path, shas: list[bytes]):
    """(sha, contents) of each blob no larger than a module may be."""
    sizes = _git(path, ["cat-file", "--batch-check"], b"\n".join(shas) + b"\n")
    small = [
        line.split()[0]
        for line in sizes.splitlines()
        if len(line.split()) == 3 and int(line.split()[2]) <= MAX_FILE_BYTES
    ]
    if not small:
        return
    out = _git(path, ["cat-file", "--batch"], b"\n".join(small) + b"\n")
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        sha, _, size = out[at:end].split()
        start = end + 1
        yield sha, out[start : start + int(size)]
        at = start + int(size) + 1


def _write_inside(tree: Path, name: str, contents: bytes) -> None:
    """Write `contents` at the relative path `name` under `tree`, unless
    the path would lead out of it."""
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or ".." in parts or ".git" in parts:
        return
    target = tree.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(contents)


def _row(student: str, report: dict) -> Row:
    drift = report["integrity"]["drift"]
    return Row(
        student,
        GRADED,
        score=report["score"],
        max_score=report["max_score"],
        done=report["done"],
        points={e["name"]: e["points"] for e in report["exercises"]},
        tests_changed=sum(len(paths) for paths in drift.values()),
        note="; ".join(notes_of(report)),
    )


def notes_of(report: dict) -> list[str]:
    """What the teacher should know about a graded submission, in English
    for the gradebook: the tests or grader files it changed (graded with
    the pristine copy all the same), the files left out, and the
    exercises stopped at their time limit."""
    drift = report["integrity"]["drift"]
    notes = [
        DRIFT_NOTES[how].format(path=path)
        for how in DRIFT_NOTES
        for path in drift.get(how, [])
    ]
    notes += report["integrity"]["left_out"]
    return (
        notes
        + [
            TIMEOUT_NOTE.format(name=exercise["name"])
            for exercise in report["exercises"]
            if any(test["kind"] == TIMEOUT for test in exercise["tests"])
        ]
        + _unloaded(report["exercises"])
    )


def _unloaded(exercises: list[dict]) -> list[str]:
    """Why the modules of `exercises` (a JSON report's) that could not be
    loaded were not: a syntax error, an import that failed, each in its
    first line; the missing ones counted in one note. Said here, as the
    submission then scores nothing for them and its JSON alone says why."""
    whys = [
        exercise["message"].splitlines()[0]
        for exercise in exercises
        if exercise["tests"]
        and all(test["kind"] == IMPORT_ERROR for test in exercise["tests"])
    ]
    missing = [why for why in whys if why.endswith(MISSING_ENDING)]
    notes = [why for why in whys if why not in missing]
    if missing:
        notes.append(MISSING_NOTE.format(count=len(missing), total=len(exercises)))
    return notes


def _describe(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else repr(error)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no grade was produced"


def gradebook_csv(rows: list[Row], tests_from: Path) -> str:
    """The CSV gradebook: one row per submission, one column per exercise."""
    catalogue = load_catalogue(tests_from / "grader" / "exercises.toml")
    names = [exercise.name for exercise in catalogue]
    # A submission that could not be graded scores 0 out of the same total
    # as the others, not out of nothing.
    total = _total(catalogue)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["student", "status", "score", "max_score", "done", *names]
        + ["tests_changed", "note"]
    )
    for row in rows:
        points = [row.points.get(name, "") for name in names]
        max_score = total if row.status == ERROR else row.max_score
        writer.writerow(
            [row.student, row.status, row.score, max_score, row.done, *points]
            + [row.tests_changed, row.note]
        )
    return buffer.getvalue()

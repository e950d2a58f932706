"""Grading mode: a grade that nothing in the learner's tree can change.

The learner's tree is never graded where it lies. A fresh folder is
assembled from a pristine copy of the tests, the grader and their
configuration, plus the learner's ``exercises/*.py`` and nothing else: no
``conftest.py``, ``sitecustomize.py``, ``.pth`` file or plugin of theirs
comes along. The grade is then taken there by a new interpreter started
with ``python -I`` (no ``PYTHONPATH``, no user site-packages, no current
folder on the path), pytest's plugin autoloading off, and a cap on the
number of processes, running the pristine grader. Its reports go to a
private folder and are read back from there.

The child is told ``--separate``: the learner's functions then run in a
process of their own, which returns plain data only and, under root,
gives up root for a user id of its own (see tests/sandbox.py).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from grader import manifest
from grader.exercises import load_catalogue
from grader.manifest import Drift, ManifestError
from grader.results import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    NOT_IMPLEMENTED,
    SUBMISSION_VARIABLE,
    ExerciseRun,
)

# What a grade is assembled from, besides the learner's exercises.
PRISTINE = ("tests", "grader", "data", "conftest.py", "pyproject.toml")
# The package file of exercises/ in a stage; the learner's own is not
# used, since importing the package runs it.
PACKAGE_DOC = '"""The exercises under grade."""\n'
# Learner files that are never staged: pytest would not load a
# conftest.py from exercises/, but nothing is gained by offering one.
NEVER_STAGED = frozenset({"__init__.py", "conftest.py"})
# The note on a submission in which no exercises were found; an upload of
# the modules alone is graded too (see `find_exercises`), and says so.
NO_EXERCISES = (
    "no exercises/ folder found (a submission may be just the exercise files)"
)
# An exercise module larger than this is not source code anyone wrote.
MAX_MODULE_BYTES = 1024 * 1024
# Processes the grade may start beyond those its user already runs: the
# grader needs a handful; a fork bomb hits this ceiling instead of the
# machine's.
PROCESS_ALLOWANCE = 256
# Time for the child to start and collect the tests, beyond the sum of
# the per-exercise limits.
STARTUP_SECONDS = 120.0
# Environment variables a grade keeps: where programs are, the locale
# and terminal settings. Anything else could steer Python or pytest.
KEPT_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TERM")
KEPT_ENVIRONMENT += ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "TMPDIR", "SYSTEMROOT")

# The child's program: the pristine grader from the stage, whatever else
# is installed.
BOOT = """\
import resource, sys
limit = int(sys.argv[2])
if limit > 0:
    resource.setrlimit(resource.RLIMIT_NPROC, (limit, limit))
sys.path.insert(0, sys.argv[1])
from grader.cli import main
sys.exit(main(sys.argv[3:], prog="python -m grader"))
"""

# The sentence a stub's NotImplementedError ends with (see grader/stubs.py):
# advice for the learner at work, left out of what grading mode records.
STUB_ADVICE = re.compile(r" *Run `python -m grader hint \w+` for a hint\.$")

# The reports a grade can write, by option, and their file in the
# private folder.
REPORTS = {"json": "grade.json", "junit": "junit.xml", "gradescope": "results.json"}


class GradingError(Exception):
    """The grade cannot be taken; the message says why and what to do."""


@dataclass
class Options:
    """How to grade: the limits per exercise, the language of the human
    report (None: the grading process's locale decides), and the
    `submission` as the teacher named it when it is not their own project
    (None: the learner grades their own, and is told what to do next)."""

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    language: str | None = None
    submission: str | None = None


@dataclass
class Outcome:
    """One grade in grading mode."""

    code: int  # the grader's exit code: 0 all done, 1 not, 2 no grade
    stdout: str  # the human report
    stderr: str
    reports: dict[str, str] = field(default_factory=dict)  # option -> text
    integrity: dict = field(default_factory=dict)

    @property
    def grade(self) -> dict | None:
        """The JSON report, with what grading mode checked, if any."""
        text = self.reports.get("json")
        if text is None:
            return None
        report = json.loads(text)
        report["integrity"] = self.integrity
        return report


def find_exercises(submission: Path) -> Path | None:
    """The learner's exercises folder in `submission`: its exercises/, or
    the one folder named so a level or two down (an archive unpacked into
    a folder of its own), or `submission` itself if it holds modules."""
    submission = Path(submission)
    direct = submission / "exercises"
    if direct.is_dir() and not direct.is_symlink():
        return direct
    nested = [
        path
        for pattern in ("*/exercises", "*/*/exercises")
        for path in sorted(submission.glob(pattern))
        if path.is_dir() and not path.is_symlink()
    ]
    if len(nested) == 1:
        return nested[0]
    if any(submission.glob("*.py")):
        return submission
    return None


def stage(exercises: Path | None, pristine: Path, dest: Path) -> list[str]:
    """Assemble a tree to grade in the empty folder `dest`: the pristine
    tests and grader from `pristine`, the learner's modules from
    `exercises`. Returns a note for each learner file left out."""
    for item in PRISTINE:
        source = Path(pristine) / item
        if source.is_dir():
            shutil.copytree(
                source,
                dest / item,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            )
        elif source.is_file():
            shutil.copyfile(source, dest / item)
    return stage_exercises(exercises, dest / "exercises")


def stage_exercises(exercises: Path | None, target: Path) -> list[str]:
    """Make `target` a package of the learner's modules from `exercises`
    (only regular ``*.py`` files, with a package file of our own).
    Returns a note for each learner file left out."""
    target.mkdir(parents=True)
    (target / "__init__.py").write_text(PACKAGE_DOC)
    if exercises is None:
        return [NO_EXERCISES]
    notes = []
    for path in sorted(Path(exercises).glob("*.py")):
        note = _refusal(path)
        if note:
            notes.append(f"{path.name}: {note}")
        elif path.name not in NEVER_STAGED:
            shutil.copyfile(path, target / path.name)
    return notes


def _refusal(path: Path) -> str:
    """Why the learner's file `path` is not staged ('' if it is)."""
    if path.is_symlink():
        return "a symbolic link, not a file: left out"
    if not path.is_file():
        return "not a regular file: left out"
    if path.stat().st_size > MAX_MODULE_BYTES:
        return f"larger than {MAX_MODULE_BYTES // 1024} KiB: left out"
    return ""


def integrity_check(submission: Path, tests_from: Path | None) -> Drift:
    """How the tests and grader in `submission` differ from the release.

    Against `tests_from`'s manifest (or its files, when it has none) if
    given, else against the submission's own manifest. A submission that
    holds none of the covered files (exercises only) does not differ.
    Raises ManifestError when there is nothing to compare against.
    """
    if tests_from is None:
        return manifest.verify(submission)
    try:
        expected = manifest.load(tests_from)
    except ManifestError:
        expected = manifest.digest(tests_from)
    if not any((Path(submission) / item).exists() for item in manifest.COVERED):
        return Drift()
    return manifest.compare(expected, manifest.digest(submission))


def grade(
    submission: Path,
    tests_from: Path | None = None,
    options: Options | None = None,
) -> Outcome:
    """Grade the learner's tree `submission` in grading mode.

    The tests come from `tests_from` when given (and any difference from
    them is only reported), else from the submission itself, which must
    then match its manifest. Raises GradingError when it does not.
    """
    submission = Path(submission).resolve()
    options = options or Options()
    own = options.submission is None
    try:
        drift = integrity_check(submission, tests_from)
    except ManifestError as error:
        raise GradingError(unchecked(error, submission, own)) from error
    if drift and tests_from is None:
        raise GradingError(differ(drift, own=own))
    pristine = Path(tests_from or submission).resolve()
    with tempfile.TemporaryDirectory(prefix="kata-grade-") as scratch:
        scratch = Path(scratch)
        (scratch / "stage").mkdir()
        notes = stage(find_exercises(submission), pristine, scratch / "stage")
        outcome = run_isolated(scratch, options)
    outcome.integrity = {
        "mode": "grading",
        "tests_from": str(pristine),
        "drift": drift.as_dict(),
        "left_out": notes,
    }
    return outcome


def unchecked(error: ManifestError, tree: Path, own: bool) -> str:
    """Why `tree` could not be checked against its manifest (`error`),
    and how to grade it. A learner's `own` copy (one without the model
    answers) lost or broke a file of its release, to restore as any other;
    a teacher or a maintainer grades with a copy of the tests instead."""
    if not own or (tree / "solutions").is_dir():
        return (
            f"Cannot check the tests: {error}; or grade with --tests-from DIR, "
            "DIR holding the release's tests and grader"
        )
    path = manifest.MANIFEST.as_posix()
    state = "cannot be read" if (tree / manifest.MANIFEST).exists() else "is missing"
    return (
        f"Cannot check the tests: {path} {state}.\n"
        f"Restore it (e.g. `git checkout -- {path}`) and grade again."
    )


def differ(drift: Drift, own: bool) -> str:
    """Why a tree whose tests or grader `drift` from the release is not
    graded, and how to grade it: restored, or, when it is not the
    learner's `own` project, with the teacher's copy of the tests (an
    option for teachers only, who have that copy)."""
    listing = "\n  ".join(drift.lines())
    advice = _restoring(drift)
    if own:
        advice = f"{advice} and grade again."
    else:
        advice = f"{advice}, or grade with --tests-from DIR holding the release's copy."
    return f"The tests or the grader differ from the release:\n  {listing}\n{advice}"


def _restoring(drift: Drift) -> str:
    """How to make the files of `drift` the release's again, as the start
    of a sentence: git puts back a changed or deleted file by name, but
    leaves an added one (untracked or committed) where it is."""
    restored = " ".join([*drift.changed, *drift.deleted])
    added = " ".join(drift.added)
    if not added:
        return f"Restore them (e.g. `git checkout -- {restored or 'tests grader'}`)"
    if not restored:
        return f"Remove the added files (e.g. `rm {added}`)"
    return (
        f"Restore the changed or deleted files (e.g. `git checkout -- {restored}`), "
        f"remove the added ones (e.g. `rm {added}`)"
    )


def for_the_record(run: ExerciseRun) -> ExerciseRun:
    """`run` as grading mode records it: a not-started test says which
    function is not written yet, without the stub's advice to the learner
    (a hint's command, which would act on whoever reads the grade)."""
    tests = [
        replace(test, message=STUB_ADVICE.sub("", test.message))
        if test.kind == NOT_IMPLEMENTED
        else test
        for test in run.tests
    ]
    return replace(run, tests=tests)


def run_isolated(scratch: Path, options: Options) -> Outcome:
    """Grade the tree staged in ``scratch/stage`` in a new interpreter.

    Its reports are written to ``scratch/reports``, a folder of this
    process's, and read back. This is the one place the grading child is
    started.
    """
    stage_dir = scratch / "stage"
    reports = scratch / "reports"
    reports.mkdir(mode=0o700)
    argv = [
        sys.executable,
        "-I",
        "-c",
        BOOT,
        str(stage_dir),
        str(process_ceiling()),
        "--root",
        str(stage_dir),
        "--timeout",
        f"{options.timeout:g}",
        "--memory",
        str(options.memory_mb),
        "--separate",
    ]
    for option, name in REPORTS.items():
        argv += [f"--{option}", str(reports / name)]
    if options.language:
        argv += ["--lang", options.language]
    env = child_environment(scratch, options.submission)
    count = len(load_catalogue(stage_dir / "grader" / "exercises.toml"))
    limit = options.timeout * count + STARTUP_SECONDS
    code, stdout, stderr = _run(argv, env, cwd=scratch, limit=limit)
    written = {
        option: (reports / name).read_text(encoding="utf-8")
        for option, name in REPORTS.items()
        if (reports / name).is_file()
    }
    summary = scratch / "summary.md"
    if summary.is_file():
        written["summary"] = summary.read_text(encoding="utf-8")
    if code not in (0, 1) or "json" not in written:
        stderr += f"\nThe grading process ended with exit code {code}."
        code = 2
    return Outcome(code, stdout, stderr, written)


def _run(argv, env, cwd, limit) -> tuple[int, str, str]:
    """Run `argv` in a session of its own; kill all of it when it is done
    or out of time."""
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=limit)
        code = process.returncode
    except subprocess.TimeoutExpired:
        _kill_session(process.pid)
        stdout, stderr = process.communicate()
        return 124, stdout, stderr + f"\nGrading took longer than {limit:g} s."
    finally:
        # Whatever the learner's code left behind in the session.
        _kill_session(process.pid)
    return code, stdout, stderr


def _kill_session(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def child_environment(scratch: Path, submission: str | None = None) -> dict[str, str]:
    """The grading child's environment: only harmless variables, pytest's
    plugin autoloading off, caches and the CI summary in `scratch`, and the
    `submission`'s name if it is someone else's."""
    env = {key: os.environ[key] for key in KEPT_ENVIRONMENT if key in os.environ}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    # Compiled modules are cached there: nothing from another grade is
    # reused, and nothing of this one outlives it.
    env["XDG_CACHE_HOME"] = str(scratch / "cache")
    env["GITHUB_STEP_SUMMARY"] = str(scratch / "summary.md")
    if submission is not None:
        env[SUBMISSION_VARIABLE] = submission
    return env


def process_ceiling() -> int:
    """The RLIMIT_NPROC for a grade: the processes this user runs now, plus
    an allowance. 0 (no limit) where processes cannot be counted."""
    try:
        uid = os.getuid()
        running = sum(1 for _ in _processes_of(uid))
    except OSError:
        return 0
    return running + PROCESS_ALLOWANCE


def _processes_of(uid: int):
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    yield entry.name
            except OSError:
                continue  # it ended while we looked

"""The last grade of each exercise, kept so that `list` need not run tests.

Every grade records each exercise's run in the project's state folder
(``.kata/grades.json``), beside a fingerprint: a hash of the content of
everything the run depended on. A run is reused only when the fingerprint
computed now is the same, so an edit anywhere in what was hashed means
running the tests again; times of modification play no part. A missing or
stale entry means running the tests; a damaged file is ignored.

What a fingerprint covers: the exercise's module, every other file of
the graded folder and the exercise modules those files name (and those
they name in turn: the package's __init__.py runs without the trusted
stand-ins), the tests, conftest.py, pyproject.toml, data/, the grader's
own code, the versions of Python, NumPy, pytest and hypothesis, and the
time and memory limits. Not the other exercise modules that the module
imports: the tests put a trusted stand-in in place of every import of
one. So an edit of softmax.py changes softmax's fingerprint alone, and a
run of train stopped at its time limit is kept while train.py is the
same.

Runs that depend on the machine as much as on the code (one that ran out
of time or crashed the process) are not kept, except one stopped at its
time limit: `list` and the watch's first grade show it as such rather
than wait out the limit again, and nothing that decides a grade takes it.

Limitations: a file outside the project that the learner's code reads is
not in the fingerprint, nor is a module imported under a name built at
run time, nor another exercise's module read other than by an import
(as a file, say). The file is the learner's to edit, like their code: a result
that decides anything (the full grade, ``check``, whether ``solution``
shows the model answer, a report) never comes from it.
"""

import functools
import hashlib
import json
import math
import re
import sys
from dataclasses import asdict
from pathlib import Path

from grader.exercises import load_catalogue
from grader.files import write_atomically
from grader.results import CRASH, NOT_RUN, TIMEOUT, ExerciseRun, TestResult

STATE_FILE = "grades.json"
# Raised whenever what is stored, or how a fingerprint is made, changes:
# a file of another format is then simply not used.
FORMAT = 1
# The packages whose versions can change a run's results.
PACKAGES = ("numpy", "pytest", "hypothesis")
# Files of the project that every exercise's tests read.
SHARED = ("conftest.py", "pyproject.toml", "tests", "data")
GRADER = Path(__file__).resolve().parent
# The project's list of exercises, relative to its root.
CATALOGUE = Path("grader", "exercises.toml")
# A run of word characters: a name as `_reached` looks for it.
WORD = re.compile(r"\w+")
# Kinds of failure that say more about the machine than about the code.
UNSTABLE_KINDS = frozenset({CRASH, TIMEOUT, NOT_RUN})


def fingerprints(
    root: Path, target: str, names: list[str], limits: tuple
) -> dict[str, str]:
    """The fingerprint of each exercise `names` of the project at `root`,
    graded in its folder `target` with the time and memory `limits`.

    An exercise's fingerprint is the same whichever others are asked for
    with it: a run kept by ``check dot`` is found again by ``list``.
    """
    # Which files are exercise modules comes from the whole catalogue,
    # never from `names`: otherwise the modules left out of `names` would
    # count as other files of the folder, shared by every exercise.
    every = _catalogue_names(root)
    every += [name for name in names if name not in every]
    shared = hashlib.sha256()
    _add(shared, "format", str(FORMAT))
    _add(shared, "target", target)
    _add(shared, "limits", repr(limits))
    _add(shared, "python", sys.version)
    for package in PACKAGES:
        _add(shared, package, _version(package))
    for path in _files(GRADER, GRADER.glob("*.py")):
        _add_file(shared, GRADER, path)
    for path in _files(root, (root / item for item in SHARED)):
        _add_file(shared, root, path)

    folder = root / target
    modules = {name: folder / f"{name}.py" for name in every}
    others = [p for p in _files(folder, [folder]) if p not in modules.values()]
    for path in others:
        _add_file(shared, root, path)
    texts = {name: _text(path) for name, path in modules.items()}
    context = " ".join(_text(path) for path in others)

    result = {}
    for name in names:
        digest = shared.copy()
        _add(digest, "exercise", name)
        for reached in sorted(_reached(name, texts, context)):
            _add_file(digest, root, modules[reached])
        result[name] = digest.hexdigest()
    return result


def shared_fingerprint(root: Path) -> str:
    """A hash of what every exercise's tests load before any exercise: the
    grader's code, and the project's tests, conftest.py, pyproject.toml and
    data/. A test session kept running is only good while it is the same."""
    digest = hashlib.sha256()
    for path in _files(GRADER, GRADER.glob("*.py")):
        _add_file(digest, GRADER, path)
    for path in _files(root, (root / item for item in SHARED)):
        _add_file(digest, root, path)
    return digest.hexdigest()


def recall(
    state_dir: Path, target: str, wanted: dict[str, str], timed_out: bool = False
) -> dict[str, ExerciseRun]:
    """The kept runs of `target`'s exercises whose fingerprints are those
    `wanted` (name to fingerprint); an exercise without one is left out.

    A run stopped at a limit (its time, or what it may print) is kept
    too, but taken only with `timed_out`: on a quieter machine it may end
    otherwise, so it may only be shown, never stand for a grade."""
    entries = _entries(state_dir)
    runs = {}
    for name, key in wanted.items():
        entry = entries.get(f"{target}/{name}")
        if isinstance(entry, dict) and entry.get("fingerprint") == key:
            run = _run(entry.get("run"))
            if (
                run is not None
                and run.name == name
                and (timed_out or not _stopped(run))
            ):
                runs[name] = run
    return runs


def recall_any_limits(
    state_dir: Path, root: Path, target: str, names: list[str]
) -> dict[str, ExerciseRun]:
    """The kept runs of `target`'s exercises `names` whose code has not
    changed, whatever time and memory limits they were made with: for
    `list`, which shows a status and decides nothing. A run stopped at a
    limit is taken too."""
    entries = _entries(state_dir)
    # Grouped by their limits: the files every exercise shares are hashed
    # once per set of limits, not once per exercise.
    by_limits: dict[tuple, list[str]] = {}
    for name in names:
        entry = entries.get(f"{target}/{name}")
        limits = entry.get("limits") if isinstance(entry, dict) else None
        if isinstance(limits, list):
            by_limits.setdefault(tuple(limits), []).append(name)
    wanted = {}
    for limits, group in by_limits.items():
        wanted.update(fingerprints(root, target, group, limits))
    return recall(state_dir, target, wanted, timed_out=True) if wanted else {}


def last_runs(state_dir: Path, target: str, names: list[str]) -> dict[str, ExerciseRun]:
    """The kept run of each of `target`'s exercises `names`, whatever code
    it was a run of: what was last known of them, to show as such when
    their current code has not been graded."""
    entries = _entries(state_dir)
    runs = {}
    for name in names:
        entry = entries.get(f"{target}/{name}")
        run = _run(entry.get("run")) if isinstance(entry, dict) else None
        if run is not None and run.name == name:
            runs[name] = run
    return runs


def durations(state_dir: Path, target: str) -> dict[str, float]:
    """How long the kept run of each of `target`'s exercises took, in
    seconds, whatever its code was then: a guess at how long it takes now.
    A run stopped at a limit (time, or printed output) counts as endless
    (`math.inf`): its code is likely to loop again.
    """
    found = {}
    for key, entry in _entries(state_dir).items():
        folder, _, name = key.rpartition("/")
        try:
            seconds = float(entry["run"]["duration"])
            run = entry["run"]
            stopped = True in (run.get("timed_out"), run.get("stopped_at_limit"))
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
        if folder == target:
            found[name] = math.inf if stopped else seconds
    return found


def remember(
    state_dir: Path,
    target: str,
    runs: dict[str, tuple[str, ExerciseRun]],
    limits: tuple,
) -> None:
    """Keep the runs of `target`'s exercises (name to fingerprint and run),
    made with the time and memory `limits`, in place of those kept before.

    Raises OSError when the state folder cannot be written.
    """
    entries = _entries(state_dir)
    for name, (key, run) in runs.items():
        entries.pop(f"{target}/{name}", None)
        if keepable(run) or _stopped(run):
            entries[f"{target}/{name}"] = {
                "fingerprint": key,
                "limits": list(limits),
                "run": asdict(run),
            }
    text = json.dumps({"format": FORMAT, "runs": entries}, sort_keys=True)
    write_atomically(state_dir / STATE_FILE, text + "\n")


def _stopped(run: ExerciseRun) -> bool:
    """Whether `run` was cut short at a limit: its time, or a flood of
    printed output, which a slower machine may meet at its time limit."""
    return run.timed_out or run.stopped_at_limit


def keepable(run: ExerciseRun) -> bool:
    """Whether `run` would come out the same on any machine."""
    return not run.error and all(
        test.passed or test.kind not in UNSTABLE_KINDS for test in run.tests
    )


def _entries(state_dir: Path) -> dict:
    try:
        data = json.loads((state_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("runs")
    return entries if isinstance(entries, dict) else {}


def _run(data) -> ExerciseRun | None:
    """The run stored as `data`, or None if it is not one."""
    try:
        tests = [TestResult(**test) for test in data["tests"]]
        run = ExerciseRun(data["name"], tests, data["error"], data["duration"])
        run.timed_out = data.get("timed_out", False)
        run.stopped_at_limit = data.get("stopped_at_limit", False)
    except (KeyError, TypeError, AttributeError):
        return None
    texts = [run.name, run.error]
    numbers = [run.duration]
    for test in tests:
        texts += [test.name, test.kind, test.message, test.output]
        numbers.append(test.duration)
    well_formed = (
        all(isinstance(text, str) for text in texts)
        and all(isinstance(n, int | float) for n in numbers)
        and all(isinstance(test.passed, bool) for test in tests)
        and isinstance(run.timed_out, bool)
        and isinstance(run.stopped_at_limit, bool)
    )
    return run if well_formed else None


def _reached(name: str, texts: dict[str, str], context: str) -> set[str]:
    """Exercise `name` and every exercise that the other files of its
    folder (`context`) name, and those they name in turn.

    What the module of `name` names is left out: while its tests run,
    every import of another exercise gets that exercise's trusted
    stand-in. The other files may run without the stand-ins (the
    package's __init__.py does), and the modules they import with them.
    """
    # A name is named where it stands as a whole word: one of the runs of
    # word characters, split out once per text (a search per name and text
    # took most of the time of a fingerprint).
    around = set(WORD.findall(context))
    reached, todo = set(), [other for other in texts if other in around]
    while todo:
        current = todo.pop()
        if current in reached:
            continue
        reached.add(current)
        words = set(WORD.findall(texts[current]))
        todo += [other for other in texts if other in words]
    return reached | {name}


def _catalogue_names(root: Path) -> list[str]:
    """The names of every exercise in the catalogue of the project at
    `root`; none when it cannot be read (the caller's names then stand)."""
    try:
        return [info.name for info in load_catalogue(root / CATALOGUE)]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _files(base: Path, starts) -> list[Path]:
    """Every file at or under the paths `starts`, in a fixed order, without
    compiled bytecode (which is made from the sources hashed)."""
    found = set()
    for start in starts:
        if start.is_file():
            found.add(start)
        elif start.is_dir():
            found.update(path for path in start.rglob("*") if path.is_file())
    return sorted(
        (p for p in found if "__pycache__" not in p.relative_to(base).parts),
        key=lambda path: path.relative_to(base).as_posix(),
    )


def _add(digest, label: str, value: str) -> None:
    _add_bytes(digest, label, value.encode("utf-8", "replace"))


def _add_file(digest, base: Path, path: Path) -> None:
    try:
        content = path.read_bytes()
    except OSError:
        content = b"\0missing"
    _add_bytes(digest, path.relative_to(base).as_posix(), content)


def _add_bytes(digest, label: str, data: bytes) -> None:
    # Lengths first, so that no two different sequences of parts hash alike.
    label_bytes = label.encode("utf-8", "replace")
    for part in (label_bytes, data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


@functools.cache  # a process sees one version of each: ask once
def _version(package: str) -> str:
    from importlib import metadata  # slow to import, and seldom needed

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"

"""Put an exercise back to its stub, keeping the learner's file first.

The stub comes from ``solutions/`` when the project has it (the stub
generator's output is the definition of a stub), else from the pristine
copy in ``grader/pristine/`` that ships with every copy of the kata.

The learner's file is copied to ``.kata/backups/NAME-<time>-<count>.py`` and read
back before anything is replaced: if the backup cannot be made, the
exercise is left as it was. Nothing the learner wrote is ever lost.
"""

import time
from dataclasses import dataclass
from pathlib import Path

from grader.exercises import ExerciseInfo
from grader.files import write_atomically
from grader.i18n import _
from grader.project import Project
from grader.stubs import PRISTINE, stub_source

BACKUPS = "backups"


class RestoreError(Exception):
    """The stub cannot be found or the backup cannot be made."""


@dataclass(frozen=True)
class Reset:
    """What a reset did: the file restored, and where the old one went
    (None when there was nothing to keep)."""

    path: Path
    backup: Path | None


def stub_text(project: Project, exercise: ExerciseInfo) -> str:
    """The stub of `exercise`: generated from its solution when there is
    one, else the pristine copy. Raises RestoreError when neither exists."""
    solution = project.root / "solutions" / f"{exercise.name}.py"
    if solution.is_file():
        return stub_source(solution.read_text(encoding="utf-8"), exercise)
    pristine = project.root / PRISTINE / f"{exercise.name}.py"
    try:
        return pristine.read_text(encoding="utf-8")
    except OSError as error:
        raise RestoreError(
            _(
                "no stub to restore {name} from: neither solutions/ nor {file} "
                "is in {root}",
                name=exercise.name,
                file=f"{PRISTINE}/{exercise.name}.py",
                root=project.root,
            )
        ) from error


def needs_reset(project: Project, exercise: ExerciseInfo) -> bool:
    """Whether the learner's file differs from the stub (or is missing)."""
    path = project.root / exercise.module_file
    try:
        return path.read_text(encoding="utf-8") != stub_text(project, exercise)
    except (OSError, UnicodeDecodeError):
        return True


def backup_path(project: Project, exercise: ExerciseInfo, now: float) -> Path:
    """A backup path for `exercise` that is not taken yet, named after the
    local time `now` and a count within that second, "softmax-20261206-
    093418-01.py", then "-02.py": names of the same width, so that their
    order, in `ls` or a file manager, is the order they were made in."""
    folder = project.state_dir / BACKUPS
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    count = 1
    path = folder / f"{exercise.name}-{stamp}-{count:02d}.py"
    while path.exists():
        count += 1
        path = folder / f"{exercise.name}-{stamp}-{count:02d}.py"
    return path


def reset(project: Project, exercise: ExerciseInfo, now: float | None = None) -> Reset:
    """Back up the learner's file, then write the stub in its place.

    Raises RestoreError, with the learner's file untouched, when the stub
    cannot be found or the backup cannot be made and read back.
    """
    stub = stub_text(project, exercise)
    path = project.root / exercise.module_file
    kept = None
    if path.exists():
        kept = _back_up(path, backup_path(project, exercise, now or time.time()))
    write_atomically(path, stub)
    return Reset(path, kept)


def _back_up(path: Path, backup: Path) -> Path:
    """Copy `path` to `backup` byte for byte, and check the copy."""
    try:
        data = path.read_bytes()
        backup.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite an earlier backup, whatever the clock says.
        with open(backup, "xb") as file:
            file.write(data)
        if backup.read_bytes() != data:
            raise OSError(_("{file} does not read back as written", file=backup))
    except OSError as error:
        why = error.strerror or str(error)
        raise RestoreError(
            _(
                "could not back up {file} to {backup} ({why}); nothing was changed",
                file=path.name,
                backup=backup,
                why=why,
            )
        ) from error
    return backup

"""Find the kata project on disk and read its exercise catalogue.

The project root is the nearest folder, from the current directory upward,
that holds all of ``exercises/``, ``tests/`` and ``grader/exercises.toml``:
the learner's code, the tests that judge it, and the list of exercises
with their points and hints. ``--root DIR`` names it directly instead.
"""

from dataclasses import dataclass
from pathlib import Path

from grader import i18n
from grader.exercises import ExerciseInfo, load_catalogue
from grader.i18n import N_, _

MARKERS = ("exercises/", "tests/", "grader/exercises.toml")
MARKERS_TEXT = N_("exercises/, tests/ and grader/exercises.toml")
# Where the grader keeps what it remembers between runs (the hints seen,
# the last grade): beside the learner's work, never inside exercises/.
STATE_DIR = ".kata"


class ProjectError(Exception):
    """The project cannot be found or read; the message says what to do."""


@dataclass(frozen=True)
class Project:
    """A kata project: its root folder and its exercises in learning order."""

    root: Path
    exercises: tuple[ExerciseInfo, ...]

    @property
    def names(self) -> list[str]:
        return [exercise.name for exercise in self.exercises]

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def find(self, name: str) -> ExerciseInfo | None:
        """The exercise called `name`, or None."""
        return next((e for e in self.exercises if e.name == name), None)


def is_root(path: Path) -> bool:
    """Whether `path` holds everything a kata project needs."""
    return not _missing(path)


def _missing(path: Path) -> list[str]:
    return [marker for marker in MARKERS if not (path / marker).exists()]


def find_root(start: Path, naming: str = "--root DIR") -> Path:
    """The nearest folder from `start` upward that is a project root;
    `naming` says how the caller names one directly, for the error."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if is_root(folder):
            return folder
    raise ProjectError(
        _(
            "no kata project found: looked in {start} and every folder above "
            "it for one holding {markers}. Run this from inside the project, "
            "or pass {naming}.",
            start=start,
            naming=naming,
            markers=_(MARKERS_TEXT),
        )
    )


def open_project(
    root: Path | None = None, cwd: Path | None = None, naming: str = "--root DIR"
) -> Project:
    """The project at `root`, or the one around `cwd` when `root` is None
    (`naming`: how the caller names a root, for the error when none is
    found)."""
    if root is None:
        root = find_root(cwd or Path.cwd(), naming)
    else:
        root = root.resolve()
        missing = _missing(root)
        # Said plainly: a mistyped path lacks every marker, but that is
        # not the news.
        if not root.exists():
            raise ProjectError(_("the folder {root} does not exist", root=root))
        if not root.is_dir():
            raise ProjectError(_("{root} is a file, not a project folder", root=root))
        if missing:
            raise ProjectError(
                _(
                    "{root} is not a kata project: it has no {missing}",
                    root=root,
                    missing=i18n.listed(missing),
                )
            )
    catalogue = root / "grader" / "exercises.toml"
    try:
        exercises = tuple(load_catalogue(catalogue))
    except (OSError, ValueError, KeyError, TypeError) as error:
        message = _(
            "cannot read the exercise list {path}: {error}",
            path=catalogue,
            error=error,
        )
        raise ProjectError(message) from error
    if not exercises:
        raise ProjectError(
            _("the exercise list {path} has no exercises.", path=catalogue)
        )
    return Project(root, exercises)

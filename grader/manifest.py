"""The release manifest: a SHA-256 of every file that judges the learner.

A student release carries ``grader/MANIFEST.json``, listing the tests, the
grader, their configuration and data with a hash each. Grading mode
compares a tree against it to tell which of those files were changed,
added or deleted since the release.

The manifest lives in the tree it describes, so it proves nothing on its
own: someone who edits a test can write a new manifest too. It makes
tampering visible; a grade that must be trusted is taken with the
teacher's own copy of the tests (``--tests-from``).
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = Path("grader") / "MANIFEST.json"
# What judges the learner's code: the tests, the grader, the configuration
# pytest reads at the root, and the data the tests load.
COVERED = ("tests", "grader", "data", "conftest.py", "pyproject.toml")
# Files that come and go with running Python, and say nothing about what
# the tests check.
IGNORED_PARTS = frozenset({"__pycache__", ".pytest_cache", ".hypothesis"})
IGNORED_SUFFIXES = (".pyc", ".pyo")
SCHEMA_VERSION = 1


class ManifestError(Exception):
    """The manifest is missing or cannot be read; the message says which."""


@dataclass(frozen=True)
class Drift:
    """How a tree differs from its manifest: paths relative to its root."""

    changed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.deleted)

    def lines(self) -> list[str]:
        """One line per path that differs, saying how."""
        return [
            *(f"changed: {path}" for path in self.changed),
            *(f"added:   {path}" for path in self.added),
            *(f"deleted: {path}" for path in self.deleted),
        ]

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "changed": list(self.changed),
            "added": list(self.added),
            "deleted": list(self.deleted),
        }


def covered_files(root: Path) -> list[Path]:
    """Every file under `root` that the manifest covers, sorted.

    A symbolic link counts as a file (its target's bytes are hashed), so
    a test replaced by a link to something else is still seen as changed.
    """
    root = Path(root)
    files = []
    for item in COVERED:
        path = root / item
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if _counts(p, root))
        elif path.is_file():
            files.append(path)
    return sorted(p for p in files if p.relative_to(root) != MANIFEST)


def _counts(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    if IGNORED_PARTS.intersection(parts) or path.name.endswith(IGNORED_SUFFIXES):
        return False
    return path.is_file()


def digest(root: Path) -> dict[str, str]:
    """The hash of each covered file, by its path relative to `root`."""
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): _sha256(path) for path in covered_files(root)
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest_of(files: dict[str, bytes]) -> dict[str, str]:
    """The hash of each covered file among `files` (path -> content), for
    a tree that exists only as an archive's contents."""
    return {
        path: hashlib.sha256(data).hexdigest()
        for path, data in files.items()
        if path.split("/")[0] in COVERED and path != MANIFEST.as_posix()
    }


def render(hashes: dict[str, str]) -> str:
    """The manifest's text for `hashes`."""
    data = {"schema_version": SCHEMA_VERSION, "sha256": hashes}
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def write(root: Path) -> Path:
    """Write the manifest of the tree at `root` into it; return its path."""
    path = Path(root) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(digest(root)))
    return path


def load(root: Path) -> dict[str, str]:
    """The hashes recorded in the manifest at `root`.

    Raises ManifestError when there is no manifest or it is not one.
    """
    path = Path(root) / MANIFEST
    try:
        data = json.loads(path.read_text())
        hashes = data["sha256"]
    except FileNotFoundError as error:
        raise ManifestError(
            f"{path} does not exist: this tree is not a release "
            "(make one with `python -m grader release OUT`)"
        ) from error
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ManifestError(f"{path} is not a readable manifest: {error}") from error
    if not isinstance(hashes, dict):
        raise ManifestError(f"{path} is not a readable manifest: no hash table")
    return {str(key): str(value) for key, value in hashes.items()}


def compare(expected: dict[str, str], actual: dict[str, str]) -> Drift:
    """How the hashes `actual` differ from the hashes `expected`."""
    return Drift(
        changed=tuple(
            sorted(p for p in expected if p in actual and actual[p] != expected[p])
        ),
        added=tuple(sorted(set(actual) - set(expected))),
        deleted=tuple(sorted(set(expected) - set(actual))),
    )


def verify(root: Path, expected: dict[str, str] | None = None) -> Drift:
    """How the tree at `root` differs from `expected` (default: its own
    manifest). Raises ManifestError when it has no readable manifest."""
    if expected is None:
        expected = load(root)
    return compare(expected, digest(root))

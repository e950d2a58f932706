"""Write the grader's files so that a reader never sees half of one."""

import errno
import os
import tempfile
from pathlib import Path

from grader.i18n import _


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step, creating its folder if needed.

    The text goes to a new file beside `path`, which is then renamed over
    it: an interrupted grader leaves the old file or the new one, never a
    mixture. Raises OSError when `path` cannot be written; when a folder on
    the way is a file, its message says which.
    """
    path = Path(path)
    blocker = _file_in_the_way(path.parent)
    if blocker is not None:
        message = _("{path} is a file, not a folder", path=blocker)
        raise NotADirectoryError(errno.ENOTDIR, message, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as file:
            file.write(text)
        # mkstemp makes the file private; a report is as public as any
        # file its owner creates.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest of `folder` and the folders above it that exists, if it
    is not a folder (mkdir would only say "File exists")."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def append(path: Path, text: str) -> None:
    """Add `text` to the end of `path` (a file others write to as well)."""
    with open(path, "a", encoding="utf-8", errors="replace") as file:
        file.write(text)

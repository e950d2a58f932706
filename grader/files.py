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
    _make_folder(path.parent, path)
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


def check_writable(path: Path, folder: bool = False, probe: bool = True) -> None:
    """Make sure a file (or, with `folder`, a folder of files) can be
    written at `path` before any work is done for it: raises OSError, as
    writing it would, when `path` is a folder where a file is wanted, a
    file where a folder is wanted, or sits where nothing can be written.

    With `probe`, creates the folders on the way (`path` itself with
    `folder`), and tries a file in the folder the output goes to, which no
    test of permissions alone tells for certain (a read-only disk, /proc);
    without, checks only what is already there, creating nothing.
    """
    path = Path(path)
    if not folder and path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    where = path if folder else path.parent
    _refuse_file_in_the_way(where, path)
    if not probe:
        return
    where.mkdir(parents=True, exist_ok=True)
    fd, trial = tempfile.mkstemp(dir=where, prefix=".kata-probe-")
    os.close(fd)
    os.unlink(trial)


def _make_folder(folder: Path, path: Path) -> None:
    """Create `folder` (and those above it) for `path`."""
    _refuse_file_in_the_way(folder, path)
    folder.mkdir(parents=True, exist_ok=True)


def _refuse_file_in_the_way(folder: Path, path: Path) -> None:
    """Raise NotADirectoryError naming the file that stands where `folder`,
    or one above it, should be for `path` (mkdir would only say "File
    exists")."""
    blocker = _file_in_the_way(folder)
    if blocker is not None:
        message = _("{path} is a file, not a folder", path=blocker)
        raise NotADirectoryError(errno.ENOTDIR, message, str(path))


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

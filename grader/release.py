"""What a course hands out: the student release and the Gradescope bundle.

The release is the project as a student starts it: stubs generated afresh
from the model answers, the tests, the grader, a CI workflow that grades
every push, and the manifest that makes tampering with the tests visible.
It has no ``solutions/``, no ``selftests/`` and none of the maintainer's
tooling.

The Gradescope bundle is the autograder archive Gradescope asks for:
``setup.sh`` installs the dependencies, ``run_autograder`` grades the
submission in grading mode against the bundle's own copy of the tests and
writes ``results/results.json``.
"""

import os
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from grader import manifest, stubs
from grader.i18n import _

# What a student gets from the project, besides the generated stubs and
# every README*.md (in whatever languages the project has them).
RELEASED = (
    "LICENSE",
    ".gitignore",
    "pyproject.toml",
    "conftest.py",
    "tests",
    "grader",
    "data",
)
# What the Gradescope bundle carries as its pristine copy.
BUNDLED = ("pyproject.toml", "conftest.py", "tests", "grader", "data")
# The time every entry of the bundle bears: the earliest a zip can hold, so
# that the same project makes the same bundle, byte for byte, whenever it
# is made (a teacher can tell whether the one uploaded is up to date).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "MANIFEST.json")
# The parts of a README that are for maintainers only, left out of the
# release, and those for students only, which the repository keeps in a
# comment: each marker on a line of its own.
MAINTAINERS_ONLY = re.compile(
    r"^<!-- maintainers -->\n.*?^<!-- /maintainers -->\n\n?", re.DOTALL | re.MULTILINE
)
STUDENTS_ONLY = re.compile(r"^<!-- students\n(.*?)^-->\n", re.DOTALL | re.MULTILINE)
WORKFLOW = Path(".github") / "workflows" / "grade.yml"
# The folder the workflow writes its reports to, uploaded as an artifact.
REPORTS_DIR = "reports"

# Exit code 1 means "graded, not every exercise done": a normal state for
# a student mid-course, so the job stays green. 2 (tampered tests, no
# grade) fails it.
WORKFLOW_TEXT = f"""\
# Grades every push in grading mode: the job summary shows the grade, and
# the reports are kept as an artifact named grade-reports.
name: grade
on: [push, workflow_dispatch]
permissions:
  contents: read
jobs:
  grade:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install
        run: python -m pip install -e .
      - name: Grade
        run: python -m grader grade --json {REPORTS_DIR}/grade.json \
--junit {REPORTS_DIR}/junit.xml || test $? -eq 1
      - name: Upload the reports
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: grade-reports
          path: {REPORTS_DIR}/
"""

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --quiet -e .
"""

# KATA_AUTOGRADER_ROOT stands in for /autograder, so that the script can
# be tried on any machine.
RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for each submission: grade it against the tests in
# source/ and write results/results.json, whatever the submission does.
set -uo pipefail
base="${KATA_AUTOGRADER_ROOT:-/autograder}"
mkdir -p "$base/results"
cd "$base/source"
python3 -m grader grade "$base/submission" --tests-from "$base/source" \\
    --gradescope "$base/results/results.json"
code=$?
# 0 and 1 are grades; anything else is a grading failure, reported by
# the results file the grader wrote.
[ "$code" -le 1 ] || echo "grading failed with exit code $code" >&2
exit 0
"""


class ReleaseError(Exception):
    """The release or bundle cannot be made; the message says why."""


def release(root: Path, out: Path) -> Path:
    """Write the student release of the project at `root` into `out`, a
    folder that must not exist or be empty. Returns `out`."""
    root, out = Path(root), Path(out)
    _check_empty(out)
    if not (root / "solutions").is_dir():
        raise ReleaseError(
            _("{root} has no solutions/ to generate the stubs from", root=root)
        )
    out.mkdir(parents=True, exist_ok=True)
    readmes = [path.name for path in sorted(root.glob("README*.md"))]
    for item in RELEASED:
        _copy(root / item, out / item)
    for name in readmes:
        text = (root / name).read_text(encoding="utf-8")
        (out / name).write_text(for_students(text), encoding="utf-8")
    for path, text in stubs.expected_stubs(root).items():
        target = out / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (out / WORKFLOW).parent.mkdir(parents=True)
    (out / WORKFLOW).write_text(WORKFLOW_TEXT)
    _add_ignored(out / ".gitignore", f"{REPORTS_DIR}/")
    manifest.write(out)
    return out


def for_students(readme: str) -> str:
    """`readme` as the release ships it: without its maintainers-only
    parts (solutions/, selftests/, the teacher's commands), with its
    students-only parts shown."""
    return STUDENTS_ONLY.sub(r"\1", MAINTAINERS_ONLY.sub("", readme))


def gradescope_bundle(root: Path, zip_path: Path) -> Path:
    """Write Gradescope's autograder archive for the project at `root`."""
    root, zip_path = Path(root), Path(zip_path)
    files: dict[str, bytes] = {}
    for item in BUNDLED:
        files.update(_gather(root, item))
    files["exercises/__init__.py"] = b'"""Submitted exercises."""\n'
    manifest_text = manifest.render(manifest.digest_of(files))
    files[manifest.MANIFEST.as_posix()] = manifest_text.encode()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed over: a bundle that fails half-way (a full
    # disk) leaves the one uploaded before as it was.
    fd, temporary = tempfile.mkstemp(dir=zip_path.parent, prefix=f".{zip_path.name}.")
    try:
        with (
            os.fdopen(fd, "wb") as file,
            zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, script in (
                ("setup.sh", SETUP_SH),
                ("run_autograder", RUN_AUTOGRADER),
            ):
                _add(archive, name, script.encode(), 0o755)
            for name, data in sorted(files.items()):
                _add(archive, name, data, 0o600)
        # mkstemp makes it private; the zip is as public as any file.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, zip_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return zip_path


def _check_empty(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ReleaseError(
            _("{path} already exists and is not empty: choose a new one", path=out)
        )


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, ignore=JUNK)
    elif source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _gather(root: Path, item: str) -> dict[str, bytes]:
    """The files of `item` under `root`, by path, without caches."""
    path = root / item
    if path.is_file():
        return {item: path.read_bytes()}
    return {
        file.relative_to(root).as_posix(): file.read_bytes()
        for file in sorted(path.rglob("*"))
        if file.is_file()
        and "__pycache__" not in file.parts
        and file.suffix != ".pyc"
        and file.relative_to(root) != manifest.MANIFEST
    }


def _add_ignored(gitignore: Path, pattern: str) -> None:
    lines = gitignore.read_text().splitlines() if gitignore.is_file() else []
    if pattern not in lines:
        gitignore.write_text("\n".join([*lines, pattern]) + "\n")


def _add(archive: zipfile.ZipFile, name: str, data: bytes, mode: int) -> None:
    """Write `data` into `archive` as the file `name` with permissions
    `mode`, dated `ZIP_EPOCH`."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)

"""Helpers for the tests of the class tooling: a student release to start
from, submissions made from it, and the teacher's commands run on them."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from grader import release
from selftests.grader_support import GRADER_TIMEOUT, ROOT, clean_environment

# The grader's command line, as a teacher or a CI job runs it.
GRADER = [sys.executable, "-m", "grader"]


def make_release(folder: Path) -> Path:
    """A fresh student release of this project in `folder`."""
    return release.release(ROOT, folder)


def submission(release_tree: Path, folder: Path, sources: dict[str, str]) -> Path:
    """A student's copy of `release_tree` in `folder`, with the exercise
    modules in `sources` (name -> source text) written over the stubs."""
    shutil.copytree(release_tree, folder)
    for name, text in sources.items():
        (folder / "exercises" / f"{name}.py").write_text(text)
    return folder


def teacher(*args: str, cwd: Path, env: dict | None = None):
    """Run ``python -m grader ARGS`` in `cwd`; the completed process."""
    return subprocess.run(
        [*GRADER, *args],
        cwd=cwd,
        env=env or clean_environment(),
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )


def exercise_grades(report: dict) -> dict[str, tuple]:
    """What a grade decides per exercise: status, points, tests passed."""
    return {
        e["name"]: (e["status"], e["points"], e["passed"], e["total"])
        for e in report["exercises"]
    }


def read_json(path: Path) -> dict:
    return json.loads(Path(path).read_text())

"""The tests' fork server: a command forked from it does what the same
command does in a new Python."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from selftests import forkserver
from selftests.grader_support import clean_environment
from selftests.learner_support import learner_tree

# Normalized down the wrong axis: a failure with a likely mistake.
WRONG_SOFTMAX = (
    "import numpy as np\n\n\n"
    "def softmax(x):\n    return np.exp(x) / np.exp(x).sum(axis=0)\n"
)


def new_python(tree, args, env):
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "locale"),
    [
        (["doc", "dot"], "C.UTF-8"),
        (["check", "softmax"], "C.UTF-8"),
        (["check", "softmax"], "ja_JP.UTF-8"),
        (["hint", "dot"], "C.UTF-8"),
        (["chekc", "dot"], "C.UTF-8"),
    ],
)
def test_a_forked_command_says_what_a_new_python_says(tmp_path, args, locale):
    env = clean_environment(LANG=locale, COLUMNS="100")
    trees = [
        learner_tree(tmp_path / name, softmax=WRONG_SOFTMAX)
        for name in ("forked", "new")
    ]
    forked = forkserver.run(args, trees[0], env, timeout=120)
    new = new_python(trees[1], args, env)

    assert forked.returncode == new.returncode
    assert forked.stdout.replace("forked", "new") == new.stdout
    assert forked.stderr.replace("forked", "new") == new.stderr


def test_a_forked_command_reads_its_input_and_its_folder(tmp_path):
    tree = learner_tree(tmp_path / "kata", dot="def dot(a, b):\n    return 0\n")
    env = clean_environment()

    answered = forkserver.run(["reset", "dot"], tree, env, input="y\n", timeout=120)

    assert answered.returncode == 0, answered.stderr
    assert "NotImplementedError" in (tree / "exercises" / "dot.py").read_text()
    assert list((tree / ".kata").glob("**/dot*.py"))  # the backup


def test_a_forked_command_is_a_process_of_its_own(tmp_path):
    tree = learner_tree(tmp_path / "kata")
    pipe = subprocess.PIPE
    process = forkserver.popen(["watch"], tree, clean_environment(), pipe, pipe)

    assert isinstance(process, forkserver.Forked)
    assert process.pid not in (None, 0) and process.poll() is None
    process.kill()
    assert process.wait(timeout=60) == -9


def test_a_tree_with_a_grader_of_its_own_gets_a_new_python(tmp_path):
    tree = learner_tree(tmp_path / "kata")
    (tree / "grader" / "__init__.py").write_text("")
    pipe = subprocess.PIPE
    process = forkserver.popen(["list"], tree, clean_environment(), pipe, pipe)
    process.communicate()

    assert isinstance(process, subprocess.Popen)


def test_the_server_keeps_nothing_open_of_a_command_that_ended(tmp_path):
    tree = learner_tree(tmp_path / "kata")
    env = clean_environment()
    forkserver.run(["hint", "dot"], tree, env, timeout=120)
    folder = Path(f"/proc/{forkserver._started.process.pid}/fd")
    before = _settled_count(folder)

    for _ in range(5):
        forkserver.run(["hint", "dot"], tree, env, timeout=120)

    assert _settled_count(folder) == before


def _settled_count(folder: Path) -> int:
    """How many entries `folder` (a process's open files) has once a
    second passes without a change: the server closes a command's
    socket just after it tells the command's end."""
    count, deadline = len(list(folder.iterdir())), time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(1)
        now = len(list(folder.iterdir()))
        if now == count:
            return count
        count = now
    return count

"""``python -m grader watch``, driven as a learner drives it: by saving files
and pressing keys."""

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest

from grader.watch import PollingSource
from selftests.grader_support import clean_environment
from selftests.learner_support import (
    FIRST_SCREEN_TIMEOUT,
    SCREEN_TIMEOUT,
    learner_tree,
    solution,
)

WRONG_SGD = (
    "def sgd_update(params, grads, lr):\n"
    "    for key in params:\n"
    "        params[key] = params[key] - lr * grads[key]\n"
)


@pytest.fixture
def tree(tmp_path):
    return learner_tree(tmp_path / "kata")


@pytest.mark.parametrize("mode", [(), ("--poll",)], ids=["events", "polling"])
def test_saving_an_exercise_regrades_it_and_redraws(tree, watch, mode):
    running = watch(*mode)
    first = running.screen(FIRST_SCREEN_TIMEOUT)
    assert "1. dot" in first and "not_started" in first

    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    failing = running.screen_with("9. sgd")
    assert "failing" in failing
    assert "likely mistake" in failing

    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    done = running.screen_with("9. sgd")
    assert "done" in done and re.search(r"\b(\d+)/\1 tests", done)
    assert running.quit() == 1  # not every exercise is done


def test_a_file_replaced_by_rename_is_noticed(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    # What many editors do on save: write a new file, rename it over the old.
    fresh = tree / "exercises" / ".sgd.py.new"
    fresh.write_text(solution("sgd"))
    os.replace(fresh, tree / "exercises" / "sgd.py")
    assert "done" in running.screen_with("9. sgd")
    running.quit()


def test_the_watch_moves_to_the_next_exercise_only_when_asked(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    done = running.screen_with("9. sgd")
    assert "Press n for the next exercise" in done

    running.press("n")
    following = running.screen()
    assert "10. train" in following
    running.quit()


def test_h_reveals_one_more_hint_and_l_lists_the_exercises(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("h")
    assert "Hint 1 of" in running.screen()
    running.press("h")
    assert "Hint 2 of" in running.screen()
    running.press("l")
    running.screen()
    running.press("q")
    assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1
    listing = "\n".join(running.seen) + "".join(running.lines.queue)
    assert "one_hot" in listing.split("Hint 2 of", 1)[1]


def test_on_a_terminal_one_key_acts_without_enter(tree):
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "watch", "--root", str(tree)],
        cwd=tree,
        env=clean_environment(TERM="xterm", COLUMNS="100"),
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    try:
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"q")  # no newline: cbreak mode takes it at once
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(controller)


def _read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    seen = b""
    while marker not in seen:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, left))
        if not ready:
            raise AssertionError(f"{marker!r} not shown within {timeout} s: {seen!r}")
        seen += os.read(fd, 4096)
    return seen


def test_polling_reports_a_change_of_content_only(tmp_path):
    (tmp_path / "dot.py").write_text("a = 1\n")
    source = PollingSource(tmp_path, ["dot", "sgd"])
    assert source.changes() == []

    os.utime(tmp_path / "dot.py")  # touched, not changed
    assert source.changes() == []
    (tmp_path / "dot.py").write_text("a = 2\n")
    (tmp_path / "sgd.py").write_text("b = 1\n")  # a file that was missing
    assert source.changes() == ["dot", "sgd"]
    assert source.changes() == []

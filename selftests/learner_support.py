"""Helpers for the tests of the learner's commands: run the grader with
input to answer its questions, and read a running watch's output."""

import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from selftests.grader_support import ROOT, build_tree, clean_environment

# Generous: a grade of one exercise on a slow, busy machine.
COMMAND_TIMEOUT = 120
# The watch's first screen grades every exercise; later ones, one.
FIRST_SCREEN_TIMEOUT = 120
SCREEN_TIMEOUT = 60

# The line of keys ends each screen of the watch, in English or Japanese.
KEYS_LINE_STARTS = ("keys: ", "キー: ")


def learner_tree(folder: Path, with_solutions: bool = True, **sources) -> Path:
    """A project of stubs (except `sources`), as a learner's copy has it:
    with the pristine stubs, and without solutions/ when asked."""
    tree = build_tree(folder, sources)
    shutil.copytree(ROOT / "grader" / "pristine", tree / "grader" / "pristine")
    if not with_solutions:
        shutil.rmtree(tree / "solutions")
    return tree


def solution(name: str) -> str:
    return (ROOT / "solutions" / f"{name}.py").read_text()


def kata(
    tree: Path, *args: str, answer: str = "", **environ: str
) -> subprocess.CompletedProcess:
    """Run ``python -m grader --root TREE ARGS``, answering its questions
    with `answer`, with `environ` added to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "grader", "--root", str(tree), *args],
        cwd=tree,
        env=clean_environment(**environ),
        input=answer,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )


class WatchProcess:
    """``python -m grader watch`` running on `tree`, its stdin a pipe, with
    `environ` added to its environment.

        Its output is read by a thread into a queue, so that the test can wait
        for a screen with a deadline.
    """

    def __init__(self, tree: Path, *args: str, **environ: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", "watch", "--root", str(tree), *args],
            cwd=tree,
            env=clean_environment(**environ),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def screen(self, timeout: float = SCREEN_TIMEOUT) -> str:
        """The next screen the watch draws (up to its line of keys)."""
        deadline = time.monotonic() + timeout
        block = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                shown = "\n".join(self.seen + block)
                message = f"no screen within {timeout} s:\n{shown}"
                raise AssertionError(message) from None
            block.append(line)
            if line.startswith(KEYS_LINE_STARTS):
                self.seen.extend(block)
                return "\n".join(block)

    def screen_with(self, text: str, timeout: float = SCREEN_TIMEOUT) -> str:
        """The next screen that shows `text`."""
        deadline = time.monotonic() + timeout
        while True:
            block = self.screen(max(0.0, deadline - time.monotonic()))
            if text in block:
                return block

    def press(self, keys: str) -> None:
        self.process.stdin.write(keys + "\n")
        self.process.stdin.flush()

    def quit(self) -> int:
        """Press q; the exit code."""
        self.press("q")
        return self.process.wait(timeout=SCREEN_TIMEOUT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

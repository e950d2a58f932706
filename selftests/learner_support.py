"""Helpers for the tests of the learner's commands: run the grader with
input to answer its questions, and read a running watch's output."""

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

from grader import cache
from grader.project import STATE_DIR
from selftests import forkserver
from selftests.grader_support import (
    ROOT,
    build_tree,
    clean_environment,
    ctrl_c_as_from_a_terminal,
)

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
    return forkserver.run(
        ["--root", str(tree), *args],
        tree,
        clean_environment(**environ),
        input=answer,
        timeout=COMMAND_TIMEOUT,
    )


class KeptGrades:
    """The grades the watches of this test process kept (in their trees'
    `.kata/grades.json`), by fingerprint, to lend to the trees of later
    watches: an exercise whose code, tests and grader are those of one
    graded before is then taken from its kept grade by the watch's first
    grade, as a learner's watch takes it after an earlier run, instead of
    being run again in every test. A test about the first grade itself
    starts its watch with `kept=False`.

    A fingerprint covers everything a run depends on (see `grader.cache`),
    so a lent grade is the one a run would give, but for its duration."""

    def __init__(self):
        self.entries: dict[str, tuple[str, dict]] = {}  # key and entry

    def lend(self, tree: Path) -> None:
        """Write into `tree`'s kept grades those of its exercises known here
        and not kept there already."""
        present = _kept_entries(tree)
        wanted: dict[tuple, list[str]] = {}  # names by target and limits
        for key, entry in self.entries.values():
            target, _, name = key.rpartition("/")
            if key not in present:
                wanted.setdefault((target, tuple(entry["limits"])), []).append(name)
        lent = {}
        for (target, limits), names in wanted.items():
            found = cache.fingerprints(tree, target, sorted(set(names)), limits)
            for name, fingerprint in found.items():
                known = self.entries.get(fingerprint)
                if known is not None and known[0] == f"{target}/{name}":
                    lent[known[0]] = known[1]
        if lent:
            text = json.dumps({"format": cache.FORMAT, "runs": {**present, **lent}})
            (tree / STATE_DIR).mkdir(exist_ok=True)
            (tree / STATE_DIR / cache.STATE_FILE).write_text(text + "\n")

    def take(self, tree: Path) -> None:
        """Learn the grades kept in `tree` once its watch has ended, but
        those stopped at a limit: how they end depends on the machine."""
        for key, entry in _kept_entries(tree).items():
            run = entry.get("run") or {}
            if not (run.get("timed_out") or run.get("stopped_at_limit")):
                self.entries[entry["fingerprint"]] = (key, entry)


def _kept_entries(tree: Path) -> dict:
    """The entries of `tree`'s kept grades, read as the grader reads them."""
    return cache._entries(tree / STATE_DIR)


KEPT_GRADES = KeptGrades()


class WatchProcess:
    """``python -m grader watch`` running on `tree`, its stdin a pipe, with
    `environ` added to its environment.

        Its output is read by a thread into a queue, so that the test can wait
        for a screen with a deadline.
    """

    def __init__(self, tree: Path, *args: str, kept: bool = True, **environ: str):
        self.tree = tree
        self.kept = kept
        if kept:
            KEPT_GRADES.lend(tree)
        # A test may stop it with Ctrl+C, as the watch tells a learner to
        # once the input has ended.
        with ctrl_c_as_from_a_terminal():
            self.process = forkserver.popen(
                ["watch", "--root", str(tree), *args],
                tree,
                clean_environment(**environ),
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
        if self.kept:
            KEPT_GRADES.take(self.tree)

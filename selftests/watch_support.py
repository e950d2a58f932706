"""What the tests of the watch share: the projects they watch, and a watch
on a terminal of a given size, read row by row as the terminal shows it."""

import fcntl
import os
import pty
import re
import select
import struct
import termios
import time
from contextlib import contextmanager
from pathlib import Path

from grader import i18n
from grader.exercises import NAMES
from selftests import forkserver
from selftests.grader_support import ROOT, clean_environment
from selftests.learner_support import (
    FIRST_SCREEN_TIMEOUT,
    KEPT_GRADES,
    SCREEN_TIMEOUT,
    learner_tree,
    solution,
)

WRONG_SGD = (
    "def sgd_update(params, grads, lr):\n"
    "    for key in params:\n"
    "        params[key] = params[key] - lr * grads[key]\n"
)


ENDLESS_SGD = "def sgd_update(params, grads, lr):\n    while True:\n        pass\n"


def wait_for_line(running, text: str) -> None:
    deadline = time.monotonic() + SCREEN_TIMEOUT
    while time.monotonic() < deadline:
        line = running.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        running.seen.append(line)
        if text in line:
            return
    raise AssertionError(f"no line with {text!r} within {SCREEN_TIMEOUT} s")


@contextmanager
def terminal_watch(
    tree: Path,
    controlling: bool = False,
    size: tuple[int, int] | None = None,
    args: tuple[str, ...] = (),
    kept: bool = True,
):
    """A watch on `tree` (with `args`) whose stdin and stdout are a
    terminal: the process and the terminal's controlling end, to read and
    type on. With `controlling`, the watch leads a session of its own with
    that terminal as its controlling terminal, as in a terminal window:
    closing the controlling end then hangs it up (SIGHUP). The terminal is
    100 columns wide, or `size` (columns, rows) as a terminal window says
    it, which a resize (`resize_terminal`) changes. With `kept`, it starts from
    the grades earlier watches kept (see `KeptGrades`)."""
    if kept:
        KEPT_GRADES.lend(tree)
    controller, terminal = pty.openpty()
    if size is None:
        env = clean_environment(TERM="xterm", COLUMNS="100")
    else:
        resize_terminal(terminal, *size)
        env = clean_environment(TERM="xterm")
        env.pop("LINES", None)  # the terminal's own size, not a fixed one
    process = forkserver.popen(
        ["watch", "--root", str(tree), *args],
        tree,
        env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=controlling,
        take_terminal=controlling,
    )
    os.close(terminal)
    try:
        yield process, controller
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if kept:
            KEPT_GRADES.take(tree)
        try:
            os.close(controller)
        except OSError:
            pass  # the test closed it


def resize_terminal(fd: int, columns: int, rows: int) -> None:
    """Give the terminal of `fd` a size, as a terminal window does when it
    is resized: its foreground processes are sent SIGWINCH."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    seen = b""
    while marker not in seen:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, left))
        if not ready:
            raise AssertionError(f"{marker!r} not shown within {timeout} s: {seen!r}")
        seen += os.read(fd, 4096)
    return seen


def keys_pressed(*keys: str):
    """A setup for `watch_screen` that acts on `keys` in turn, each
    screen drawn but the last, which the fixture draws."""

    def setup(watch) -> None:
        for key in keys:
            watch.act_on(key, key, False)
        watch.out.file.seek(0)
        watch.out.file.truncate()

    return setup


# What a terminal acts on but does not show: colours, cursor moves.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


# How long a terminal's output is quiet once a screen is written whole.
QUIET = 0.5


MUTANTS = ROOT / "selftests" / "mutants"


def read_screen(fd: int, marker: bytes, timeout: float) -> bytes:
    """What the terminal shows until `marker`, and what follows it until
    the output is quiet: the rest of the screen the marker is in."""
    seen = read_until(fd, marker, timeout)
    while select.select([fd], [], [], QUIET)[0]:
        try:
            seen += os.read(fd, 4096)
        except OSError:
            break  # the watch ended
    return seen


def last_screen_rows(seen: bytes) -> list[str]:
    """The rows of the last screen drawn in `seen` as the terminal shows
    them: from its clearing on, without escape codes, and without the row
    the cursor is left on."""
    drawn = seen.rsplit(b"\x1b[2J", 1)[1].decode()
    rows = ESCAPES.sub("", drawn).replace("\r", "").split("\n")
    return rows[:-1] if rows[-1] == "" else rows


REPORT_WORDS = {
    "en": {
        "keys": "keys: ",
        "top": "nn-kata watch: 5 of 10 done (checked every exercise in",
        "header": "exercise",
        "shortened": "more lines]",
        "full": (
            "keys: b back to the exercise | h hint | n next exercise | l list | "
            "c check all | q quit"
        ),
        "expected": "expected",
    },
    "ja": {
        "keys": "キー: ",
        "top": "nn-kata watch: 10 問中 5 問完了(すべての演習を採点:",
        "header": "演習",
        "shortened": "行]",
        "full": (
            "キー: b 演習に戻る | h ヒント | n 次の演習 | l 一覧 | c すべて採点 | "
            "q 終了"
        ),
        "expected": "期待値",
    },
}


# A terminal as small as learners use in a split window: (columns, rows).
NARROW = (60, 20)


# More rows than any failure has.
UNLIMITED_ROWS = 1000


# What a narrow screen must keep of a failure and its keys, by language.
NARROW_WORDS = {
    "en": {
        "keys": "keys: ",
        "actual": "  actual    ",
        "mistake": "likely mistake: ",
        "tests": r"\d+/\d+ tests",  # a pattern: the count of tests may grow
        "hint": "Hint 1 of 4: ",
        "list": "x is not a key of the watch",
        "score": "score 100/100",
        "closing": "All 10 exercises done. Well done!",
    },
    "ja": {
        "keys": "キー: ",
        "actual": "  実際の値  ",
        "mistake": "考えられる間違い: ",
        "tests": r"テスト \d+/\d+",
        "hint": "ヒント 1/4: ",
        "list": "割り当てのないキー: x",
        "score": "得点 100/100",
        "closing": "10 問すべて完了しました。おめでとうございます！",
    },
}


def focused_tree(folder: Path, name: str, mutant: str) -> Path:
    """A learner's project with every exercise before `name` done and
    `name` written as the mutant `mutant`: the one the watch shows."""
    sources = {done: solution(done) for done in NAMES[: NAMES.index(name)]}
    sources[name] = (MUTANTS / name / f"{mutant}.py").read_text()
    return learner_tree(folder, **sources)


def narrow_screen(
    tree: Path, lang: str, keys: bytes = b"", until: bytes = b"\x1b[2J"
) -> list[str]:
    """The rows of the watch's screen on `tree` at NARROW, once each of
    `keys` is pressed in turn, each waiting for its screen: one drawn with
    `until` (a key that grades may draw the screen again as it goes)."""
    with terminal_watch(tree, size=NARROW, args=("--lang", lang)) as (
        process,
        controller,
    ):
        seen = read_screen(
            controller, NARROW_WORDS[lang]["keys"].encode(), FIRST_SCREEN_TIMEOUT
        )
        for key in keys:
            os.write(controller, bytes([key]))
            seen = read_screen(controller, until, SCREEN_TIMEOUT)
        rows = last_screen_rows(seen)
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    columns, height = NARROW
    assert len(rows) < height, rows  # nothing scrolled off the top
    assert rows[0].startswith("nn-kata watch:"), rows
    assert all(i18n.width(row) < columns for row in rows), rows
    return rows


def terminal_rows(seen: bytes, columns: int) -> list[str]:
    """The rows a terminal `columns` wide shows of what `seen` drew after
    its last clearing: text, new lines, carriage returns, the cursor moved
    up (as a status line redrawn in place does) or home, saved and
    restored (as the top line written again in place is), and the screen
    erased below it; other escape codes are left out. A row that overflows
    wraps."""
    drawn = seen.rsplit(b"\x1b[2J", 1)[1].decode()
    rows: list[list[str]] = [[]]
    row = column = 0
    saved = (0, 0)
    for piece in re.split(r"(\x1b\[[0-?]*[ -/]*[@-~]|\x1b[78]|\n|\r)", drawn):
        if piece == "\n":
            row, column = row + 1, 0
        elif piece == "\r":
            column = 0
        elif piece in ("\x1b7", "\x1b8"):
            if piece == "\x1b7":
                saved = (row, column)
            else:
                row, column = saved
            continue
        elif piece.startswith("\x1b["):
            if piece == "\x1b[H":
                row = column = 0
            elif piece.endswith("A"):
                row = max(0, row - int(piece[2:-1] or 1))
            elif piece in ("\x1b[J", "\x1b[0J"):
                del rows[row + 1 :]
                rows[row][column:] = []
            elif piece in ("\x1b[2K", "\x1b[K"):
                rows[row][column if piece == "\x1b[K" else 0 :] = []
            continue
        else:
            for char in ESCAPES.sub("", piece):
                width = i18n.width(char)
                if column + width > columns:
                    row, column = row + 1, 0
                while len(rows) <= row:
                    rows.append([])
                line = rows[row]
                line[column:] = []
                line.extend([char] + [""] * (width - 1))
                column += width
        while len(rows) <= row:
            rows.append([])
    return ["".join(line) for line in rows]

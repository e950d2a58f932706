"""``python -m grader watch``, driven as a learner drives it: by saving files
and pressing keys."""

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.text import Text

from grader import cache, hints, i18n
from grader.exercises import NAMES
from grader.project import open_project
from grader.render import failed_mark
from grader.results import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    TIMEOUT,
    ExerciseRun,
    TestResult,
)
from grader.watch import (
    BEFORE_SAVE_SHOWN,
    EXERCISE,
    LISTING,
    PROSE_COLUMNS,
    SUMMARY,
    TOP_LINE_ROWS,
    PollingSource,
    _clipped,
    _fitted,
    _Keys,
    _plain_keys,
    _to_arguments,
    keys_wrapped,
    wrapped_lines,
)
from selftests import forkserver
from selftests.grader_support import ROOT, TWO_GENERATORS, clean_environment, stub
from selftests.learner_support import (
    FIRST_SCREEN_TIMEOUT,
    KEPT_GRADES,
    SCREEN_TIMEOUT,
    WatchProcess,
    kata,
    learner_tree,
    solution,
)

# The screen the watch draws, with no terminal nor test run: a fixture.
from selftests.test_grader_render import done_runs, watch_screen  # noqa: F401

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


ENDLESS_SGD = "def sgd_update(params, grads, lr):\n    while True:\n        pass\n"


def test_q_stops_a_grade_that_hangs_and_quits_at_once(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    _wait_for_line(running, "Grading exercises/sgd.py")
    time.sleep(0.5)  # the grade is under way, far from its 30 s limit
    started = time.monotonic()
    running.press("q")
    assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1
    assert time.monotonic() - started < 5
    # The last line says so: sgd's grade is not known.
    _wait_for_line(running, "The watch stopped before the grade under way finished.")


def test_saving_again_during_a_grade_that_hangs_grades_the_new_code(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    _wait_for_line(running, "Grading exercises/sgd.py")
    time.sleep(0.5)
    started = time.monotonic()
    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    done = running.screen_with("9. sgd")
    assert "done" in done
    assert time.monotonic() - started < 10  # not after the 30 s time limit
    running.quit()


def _wait_for_line(running, text: str) -> None:
    deadline = time.monotonic() + SCREEN_TIMEOUT
    while time.monotonic() < deadline:
        line = running.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        running.seen.append(line)
        if text in line:
            return
    raise AssertionError(f"no line with {text!r} within {SCREEN_TIMEOUT} s")


def test_on_a_terminal_one_key_acts_without_enter(tree):
    with terminal_watch(tree) as (process, controller):
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"q")  # no newline: cbreak mode takes it at once
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1


def test_on_a_terminal_a_grade_of_many_says_which_are_still_running(tree):
    # A fresh tree has no grade kept: the first screen grades all ten.
    with terminal_watch(tree, kept=False) as (process, controller):
        first = _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        assert b"Grading exercises/ ..." in first
        assert b"grading: 0 of 10 finished, 0 s (limit 30 s each; saving" in first
        assert b"still running: dot" in first
        assert re.search(rb"grading: [1-9] of 10 finished, [0-9]+ s \(limit", first)

        (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
        saved = _read_until(controller, b"keys:", SCREEN_TIMEOUT)
        # One exercise: its name says it all, there is no count to show.
        assert b"Grading exercises/sgd.py ..." in saved
        assert b"still running" not in saved
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1


def test_on_a_terminal_a_grade_of_many_names_what_waits_its_turn(tree):
    # sgd loops: its workers are held to the time limit, and what has no
    # worker now is still to run, which the line says rather than "running".
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    args = ("--timeout", "3")
    with terminal_watch(tree, kept=False, args=args) as (process, controller):
        first = _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT + 3)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    plain = " ".join(re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", first).decode().split())
    if (os.cpu_count() or 1) < 2 * len(NAMES):  # fewer workers than tests' shares
        assert re.search(r"still running: \w+; still to run: \w+", plain)
    assert re.search(
        r"[1-9] of 10 finished, [0-9]+ s \(limit 3 s each; saving regrades; .*"
        r"still running: sgd\b",
        plain,
    )
    # Never more said to run than there are workers.
    for names in re.findall(r"still running: ([\w ,()]+?)(?:; still to run|$)", plain):
        assert names.count(",") < (os.cpu_count() or 1), names


@pytest.mark.parametrize(
    ("lang", "ticking", "running"),
    [
        (
            "en",
            r"of 10 finished, {seconds} s \(limit 4 s each; saving regrades; "
            r"q quits\)",
            ", still running: ",
        ),
        (
            "ja",
            r"10 問中 [0-9] 問が終了、{seconds} 秒\(制限は 1 問 4 秒、"
            r"保存で再採点、q で終了\)",
            "、実行中: ",
        ),
    ],
)
def test_on_a_terminal_a_grade_of_many_held_up_counts_its_seconds(
    tree, lang, ticking, running
):
    # sgd loops to the time limit: the line goes on counting the seconds,
    # as a grade of one does, with the limit it waits for.
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    args = ("--timeout", "4", "--lang", lang)
    keys = REPORT_WORDS[lang]["keys"].encode()
    with terminal_watch(tree, kept=False, args=args) as (process, controller):
        first = _read_until(controller, keys, FIRST_SCREEN_TIMEOUT + 4)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    # Each redraw of the line, its rows joined (it wraps at 100 columns).
    # On a busy machine the workers may take seconds to start: the line
    # counts them too, naming none as running.
    plain = "".join(ESCAPES.sub("", first.decode()).split())
    pattern = "".join(ticking.format(seconds="([0-9]+)").split())
    pattern += f"((?:{''.join(running.split())})(sgd)?)?"
    shown = [
        (int(seconds), bool(sgd)) for seconds, _, sgd in re.findall(pattern, plain)
    ]
    assert {1, 2, 3} <= {seconds for seconds, _ in shown}, plain
    # Redrawn each second while sgd, which loops, is all that is left, up
    # to its limit.
    assert max(seconds for seconds, sgd in shown if sgd) >= 3


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_first_grade_held_up_by_a_loop_names_it(tree, watch, lang):
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    running = watch("--timeout", "2", "--lang", lang, kept=False)
    first = running.screen(FIRST_SCREEN_TIMEOUT + 2)
    top = next(line for line in first.splitlines() if "nn-kata" in line)
    if lang == "en":
        assert re.search(r"\(first grade, [0-9.]+ s: sgd ran until the ", top)
        assert top.endswith("time limit of 2 s)")
    else:
        assert re.search(r"起動時の採点: [0-9.]+ 秒、sgd を制限時間の 2 秒", top)
    running.quit()


def test_on_a_terminal_a_long_grade_of_one_shows_its_seconds(tree):
    with terminal_watch(tree) as (process, controller):
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        shown = _read_until(
            controller,
            b"grading sgd: 2 s (limit 30 s; saving regrades; q quits)",
            SCREEN_TIMEOUT,
        )
        assert b"grading sgd: 1 s (limit 30 s; saving regrades; q quits)" in shown
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1


def test_piped_each_grade_is_one_plain_line_before_its_screen(tree, watch):
    running = watch(kept=False)
    first = running.screen(FIRST_SCREEN_TIMEOUT)
    assert first.startswith("Grading exercises/ ...\n-----")

    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    failing = running.screen_with("9. sgd")
    assert failing.startswith("Grading exercises/sgd.py ...\n-----")
    running.press("c")
    checked = running.screen_with("checked every exercise")
    assert checked.startswith("Checking every exercise ...\n-----")
    assert running.quit() == 1
    _wait_for_line(running, "The watch stopped.")
    everything = "\n".join(running.seen)
    assert "still running" not in everything and "\x1b" not in everything


def test_when_the_input_ends_the_watch_says_so_once_and_goes_on(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("l")
    running.screen()
    running.process.stdin.close()  # as `printf 'l\n' | python -m grader watch`
    ended = running.screen()
    assert "(the input ended)" in ended
    assert "keys are no longer read" in ended and "Ctrl+C" in ended
    assert ended.endswith("keys: none, the input has ended | Ctrl+C quits")

    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    done = running.screen_with("9. sgd")
    assert "done" in done and "keys are no longer read" not in done
    assert done.endswith("keys: none, the input has ended | Ctrl+C quits")

    # Waiting for saves without keys must not spin on the closed input.
    assert _cpu_seconds_over(running.process.pid, IDLE_SPAN) < IDLE_CPU_MOST
    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1  # not every is done
    rest = "".join(running.lines.queue)
    assert "interrupted" not in rest and "Traceback" not in rest


def test_a_watch_without_any_input_says_at_once_that_no_key_is_read(tree):
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "watch", "--root", str(tree)],
        cwd=tree,
        env=clean_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        seen = _read_until(process.stdout.fileno(), b"Ctrl+C quits", 120)
        assert seen.count(b"keys are no longer read") == 1
    finally:
        process.kill()
        process.wait()
        process.stdout.close()


def test_arrow_keys_do_nothing_and_a_stray_key_says_it_is_none(tree):
    with terminal_watch(tree) as (process, controller):
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        # Right arrow, Home, Home in application mode, F5: none is c or h.
        os.write(controller, b"\x1b[C\x1b[H\x1bOH\x1b[15~")
        os.write(controller, b"x")
        after = _read_until(controller, b"keys:", SCREEN_TIMEOUT)
        assert b"(x is not a key of the watch)" in after
        assert b"Hint" not in after and b"Checking" not in after
        os.write(controller, b"\x1b[Dl")  # an arrow, then a key: a new note
        listed = _read_until(controller, b"keys:", SCREEN_TIMEOUT)
        assert b"(the list of exercises)" in listed and b"x is not" not in listed
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    assert not (tree / ".kata" / "hints.json").exists()


def test_piped_a_line_that_is_no_key_is_one_short_note_not_a_screen(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("zz")
    running.press("l")
    listed = running.screen().splitlines()

    assert listed[0] == "(zz is not a key of the watch)"
    assert listed[1].startswith("----- ")  # the next screen is l's
    assert "(the list of exercises)" in listed[2]
    assert not [line for line in listed[1:] if "is not a key" in line]
    running.quit()


def test_on_a_terminal_long_lines_break_between_words_under_their_label():
    from rich.text import Text

    block = Text(
        "    likely mistake: normalized along axis 0 (down the columns): each "
        "slice must sum to 1.\n"
        "      call      softmax([[1.0, 1.0]])\n"
        "Stuck? Press h for a hint on softmax; b goes back to it.",
        style="red",
    )

    lines = wrapped_lines(block, 50).plain.splitlines()

    assert lines == [
        "    likely mistake: normalized along axis 0 (down",
        "                    the columns): each slice must",
        "                    sum to 1.",
        "      call      softmax([[1.0, 1.0]])",
        "Stuck? Press h for a hint on softmax; b goes back",
        "to it.",
    ]
    assert wrapped_lines(block, 50).style == "red"
    short = Text("fits", style="bold")
    assert wrapped_lines(short, 50) is short


@pytest.mark.parametrize("label", ["call      ", "呼び出し  "])
def test_a_long_call_starts_on_the_row_of_its_label(label):
    block = Text(
        f"      {label}train([[-1.0, 0.5]], [[0.0, 1.0]], n_hidden=3, "
        "lr=0.3, epochs=3, seed=1)"
    )

    for width in (79, 59):
        lines = wrapped_lines(block, width).plain.splitlines()

        assert lines[0].startswith(f"      {label}train([[-1.0, 0.5]],"), lines
        assert all(line.startswith(" " * 16) for line in lines[1:]), lines
        assert all(i18n.width(line) <= width for line in lines), lines


@pytest.mark.parametrize("label", ["actual    ", "実際の値  "])
def test_a_wide_row_of_an_array_breaks_after_a_comma_under_its_first_number(label):
    block = Text(
        f"  {label}x = [[0.19999999999999998, -7.300000000000001, "
        "2.5000000000000004],\n"
        "                [3.7, 0.05, 1000.1]]\n"
        "  likely mistake: it leaves [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] there"
    )

    lines = wrapped_lines(block, 60).plain.splitlines()

    # The row's later numbers stand under its first; the next row is as it
    # was; an array inside a sentence is broken as the sentence is.
    assert lines[:3] == [
        f"  {label}x = [[0.19999999999999998, -7.300000000000001,",
        " " * 18 + "2.5000000000000004],",
        " " * 16 + "[3.7, 0.05, 1000.1]]",
    ]
    assert lines[3:] == [
        "  likely mistake: it leaves",
        " " * 18 + "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]",
        " " * 18 + "there",
    ]


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_the_keys_typed_before_a_mark_are_told_apart_as_they_are_read(terminal):
    read_end, write_end = os.pipe()
    keys = _Keys(read_end, terminal)
    try:
        os.write(write_end, b"l\nb\n")
        keys.mark()  # l and b were typed before the screen of a save
        os.write(write_end, b"h\n")
        seen = []
        while key := keys.read(0.05):
            seen.append((key, keys.marked))
    finally:
        os.close(read_end)
        os.close(write_end)
    assert seen == [("l", True), ("b", True), ("h", False)]


def test_escape_sequences_and_spaces_are_not_keys():
    assert _plain_keys("h\n") == "h"
    assert _plain_keys("\x1b[A\x1b[1;5C\x1bOPq") == "q"
    assert _plain_keys("\x1b") == ""  # Esc alone
    assert _plain_keys("\x1bx c") == "c"  # Alt+x, then c


def test_coming_back_to_an_exercise_brings_its_last_hint_back(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("h")
    assert "Hint 1 of" in running.screen()

    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    assert "Hint" not in running.screen_with("9. sgd")  # sgd has none seen
    dot = tree / "exercises" / "dot.py"
    dot.write_text(dot.read_text() + "\n")
    back = running.screen_with("1. dot")
    assert "Hint 1 of" in back
    running.quit()
    assert json.loads((tree / ".kata" / "hints.json").read_text()) == {"dot": 1}


def test_a_hint_shown_by_the_hint_command_meanwhile_is_shown_after_a_save(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("h")
    assert "Hint 1 of" in running.screen()

    # In another terminal: the next hint, then a save of the same exercise.
    kata(tree, "hint", "dot")
    dot = tree / "exercises" / "dot.py"
    dot.write_text(dot.read_text() + "\n")
    assert "Hint 2 of" in running.screen_with("saved exercises/dot.py")
    running.quit()


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
    it, which a resize (`_resize`) changes. With `kept`, it starts from
    the grades earlier watches kept (see `KeptGrades`)."""
    if kept:
        KEPT_GRADES.lend(tree)
    controller, terminal = pty.openpty()
    if size is None:
        env = clean_environment(TERM="xterm", COLUMNS="100")
    else:
        _resize(terminal, *size)
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


def _resize(fd: int, columns: int, rows: int) -> None:
    """Give the terminal of `fd` a size, as a terminal window does when it
    is resized: its foreground processes are sent SIGWINCH."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


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


# A watch that waits for saves should sleep: over IDLE_SPAN seconds, a
# loop spinning on a closed input would burn all of it; the watch's
# checks of the files cost a few hundredths.
IDLE_SPAN = 2.0
IDLE_CPU_MOST = 0.5


def _cpu_seconds_over(pid: int, span: float) -> float:
    """The processor time process `pid` uses in the next `span` seconds."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        pytest.skip("no /proc to read a process's processor time from")

    def used() -> float:
        # utime and stime, fields 14 and 15, after the parenthesised name.
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    before = used()
    time.sleep(span)
    return used() - before


@pytest.mark.parametrize("mode", [(), ("--poll",)], ids=["events", "polling"])
def test_a_watch_waiting_for_saves_uses_next_to_no_processor_time(tree, watch, mode):
    # Polling often enough to notice a save well within the 0.3 s a result
    # may take must not turn waiting into work.
    running = watch(*mode)
    running.screen(FIRST_SCREEN_TIMEOUT)
    assert _cpu_seconds_over(running.process.pid, IDLE_SPAN) < IDLE_CPU_MOST
    running.quit()


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


def test_polling_reports_a_removed_file_once_it_stays_removed(tmp_path):
    (tmp_path / "dot.py").write_text("a = 1\n")
    source = PollingSource(tmp_path, ["dot"])

    (tmp_path / "dot.py").unlink()
    # Gone at one look only, it may be an editor writing it again.
    assert source.changes() == []
    assert source.changes() == ["dot"]
    assert source.changes() == []
    (tmp_path / "dot.py").write_text("a = 1\n")
    assert source.changes() == ["dot"]

    (tmp_path / "dot.py").unlink()
    assert source.changes() == []
    (tmp_path / "dot.py").write_text("a = 1\n")  # back as it was
    assert source.changes() == []


@pytest.fixture
def done_tree(tmp_path):
    """A learner's project whose every exercise is the model answer."""
    return learner_tree(tmp_path / "done", **{name: solution(name) for name in NAMES})


def test_q_during_the_grade_of_a_save_is_not_all_done(done_tree):
    from selftests.learner_support import WatchProcess

    running = WatchProcess(done_tree)
    try:
        running.screen(FIRST_SCREEN_TIMEOUT)
        (done_tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        _wait_for_line(running, "Grading exercises/sgd.py")
        time.sleep(0.5)
        running.press("q")
        assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1
    finally:
        running.stop()


def test_when_every_exercise_is_done_the_watch_opens_on_what_to_do_next(done_tree):
    from selftests.learner_support import WatchProcess

    running = WatchProcess(done_tree)
    try:
        first = running.screen(FIRST_SCREEN_TIMEOUT)
        assert running.quit() == 0
    finally:
        running.stop()
    japanese = WatchProcess(done_tree, "--lang", "ja")
    try:
        ja = japanese.screen(FIRST_SCREEN_TIMEOUT)
    finally:
        japanese.stop()

    assert "1. dot: The matrix product" not in first  # not the first exercise
    assert "All 10 exercises done." in first and "score 100/100" in first
    assert all(f" {name} " in first for name in NAMES)  # what is done
    assert "`python -m grader solution NAME` shows the model answer" in first
    assert "`python -m grader check NAME --explore` tries" in first
    # No hint to give, nor a next exercise: those keys are not offered.
    assert first.endswith(
        "keys: b back to the exercise | l list | c check all | q quit"
    )
    assert "Saves are still graded here; q quits." in first
    assert "10 問すべて完了しました" in ja and "次にできること:" in ja
    assert "solution NAME --lang ja` で演習の模範解答を表示できます" in ja


def test_when_every_exercise_is_done_n_is_offered_for_what_it_shows(done_tree):
    from selftests.learner_support import WatchProcess

    running = WatchProcess(done_tree)
    try:
        running.screen(FIRST_SCREEN_TIMEOUT)
        running.press("b")
        back = running.screen()
        running.press("b")
        again = running.screen()
        running.press("n")
        ahead = running.screen()
        running.quit()
    finally:
        running.stop()

    # Never on screen in this session: b shows it, and does not say "back".
    name = re.search(r"\(showing (\w+), the first exercise\)", back)[1]
    assert "All 10 exercises are done: press n for what to do next." in back
    assert back.endswith("keys: n what next | l list | c check all | q quit")
    # Already on the exercise, b has nowhere to go back from, and says so.
    assert f"({name} is on screen already)" in again and "back to" not in again
    assert "What next:" in ahead


def _pressed(*keys: str):
    """A setup for `watch_screen` that acts on `keys` in turn, each
    screen drawn but the last, which the fixture draws."""

    def setup(watch) -> None:
        for key in keys:
            watch.act_on(key, key, False)
        watch.out.file.seek(0)
        watch.out.file.truncate()

    return setup


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_b_goes_back_only_to_an_exercise_that_was_on_screen(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        first = watch_screen_drawn(done_runs(), (100, 40), SUMMARY, _pressed("b"))
        again = watch_screen_drawn(
            done_runs(), (100, 40), SUMMARY, _pressed("b", "l", "b")
        )
        shown = i18n._("showing {name}, the first exercise", name="dot")
        back = i18n._("back to {name}", name="dot")

    # Every exercise done from the start: dot was never shown before b.
    assert f"({shown})" in first[0] and back not in first[0], first
    assert f"({back})" in again[0], again


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_h_on_the_all_done_screen_says_which_exercise_it_shows_first(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        first = watch_screen_drawn(done_runs(), (100, 40), SUMMARY, _pressed("h"))
        again = watch_screen_drawn(
            done_runs(), (100, 40), SUMMARY, _pressed("b", "l", "h")
        )
        which = i18n._("{name}, the first exercise", name="dot")
        shown = i18n._("{which}: done, no hint needed", which=which)
        back = i18n._("back to {name}: done, no hint needed", name="dot")

    # Every exercise done from the start: dot was never shown before h, as
    # b says it; once it was, h goes back to it.
    assert shown in first[0], first
    assert back in again[0] and which not in again[0], again


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_h_on_an_exercise_with_a_long_name_not_shown_before_says_it_in_one_row(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def focus_then_h(watch):
        watch.focus = watch.project.find("numerical_gradient")
        _pressed("h")(watch)

    with i18n.speaking(lang):
        rows = watch_screen_drawn(done_runs(), (80, 24), SUMMARY, focus_then_h)
        which = i18n._("showing {name}", name="numerical_gradient")
        said = i18n._("{which}: done, no hint needed", which=which)

    # Too long with why it is the one shown: said the shorter way, whole.
    assert said in rows[0], rows
    assert not rows[1].strip() or not rows[1].startswith(" "), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_h_back_from_the_list_for_the_last_hint_keeps_the_top_line_short(
    request, monkeypatch, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    name = "numerical_gradient"
    # Every hint of numerical_gradient seen already, none remembered here.
    monkeypatch.setattr(hints, "seen", lambda state: {name: 4})
    monkeypatch.setattr(hints, "remember", lambda state, name, count: None)
    runs = done_runs()
    runs[name] = ExerciseRun(name, [TestResult("test_x", False, "wrong")])
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, (40, 12), EXERCISE, _pressed("l", "h"))

    # The exercise's line names it: the top line needs not, in two rows.
    header = next(i for i, row in enumerate(rows) if row.startswith("7. "))
    assert len([row for row in rows[:header] if row]) <= TOP_LINE_ROWS, rows


@pytest.mark.parametrize("size", [(40, 10), (40, 12)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_hint_cut_short_says_what_shows_it_whole(request, monkeypatch, lang, size):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    # The second hint of sigmoid, long enough to be cut at 40 columns.
    monkeypatch.setattr(hints, "seen", lambda state: {"sigmoid": 1})
    monkeypatch.setattr(hints, "remember", lambda state, name, count: None)
    runs = done_runs()
    runs["sigmoid"] = ExerciseRun("sigmoid", [TestResult("test_x", False, "wrong")])
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, size, EXERCISE, _pressed("h"))

    keys = next(i for i, row in enumerate(rows) if row.startswith(("keys", "キー")))
    # Whole, or cut with a note that says what shows it whole.
    last = rows[keys - 1]
    # The command shows the hint seen again, whole, and reveals none.
    assert last.endswith((".", "。")) or "hint --seen sigmoid`" in last, rows
    assert "hint --seen sigmoid`" in last or size == (40, 12), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_c_typed_with_a_save_says_both_in_one_row_at_80_columns(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def saved_then_c(watch) -> None:
        watch.saving_files = ["sigmoid"]
        watch.save_events = watch.saved_events(["sigmoid"], 0.16)
        watch.event = watch.save_event = watch.save_events[0]
        watch.grade = lambda *args, **kwargs: 4.36  # every exercise checked
        watch.with_save = True  # c came with the save
        _pressed("c")(watch)

    with i18n.speaking(lang):
        rows = watch_screen_drawn(done_runs(), (80, 24), SUMMARY, saved_then_c)

    # Two rows would push the report's last lines off the screen.
    assert "sigmoid.py" in rows[0] and "4.36" in rows[0] and rows[1] == "", rows


def test_without_keys_the_all_done_screen_says_ctrl_c_quits(done_tree):
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "watch", "--root", str(done_tree)],
        cwd=done_tree,
        env=clean_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        seen = _read_until(process.stdout.fileno(), b"input has ended", 120)
        last = seen.rsplit(b"\n-----", 1)[-1]  # the screen drawn since
        assert b"What next:" in last
        # Said once: by the notice that the input ended, not by a line of
        # What next as well.
        assert last.count(b"still graded") == 1
        assert b"press Ctrl+C to stop the watch" in last
        assert b"q quits" not in last
    finally:
        process.kill()
        process.wait()
        process.stdout.close()


def test_once_an_exercise_is_done_its_hint_gives_way_to_the_done_state(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("h")
    assert "Hint 1 of" in running.screen()

    dot = tree / "exercises" / "dot.py"
    dot.write_text(solution("dot"))
    done = running.screen_with("1. dot")
    assert "done" in done and "Every test passes." in done
    assert "Press n for the next exercise." in done
    assert "Hint" not in done
    assert done.endswith("keys: n next exercise | l list | c check all | q quit")
    running.press("h")
    asked = running.screen()
    assert "(dot is done: no hint is needed)" in asked and "Hint" not in asked

    dot.write_text(stub("dot"))  # failing again: the hint it had is back
    assert "Hint 1 of" in running.screen_with("not_started")
    running.quit()
    assert json.loads((tree / ".kata" / "hints.json").read_text()) == {"dot": 1}


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_the_watch_marks_a_failed_test_as_check_does(tree, watch, encoding):
    running = watch(PYTHONIOENCODING=encoding)
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    shown = running.screen_with("9. sgd")
    running.quit()
    check = kata(tree, "check", "sgd", PYTHONIOENCODING=encoding)

    mark = failed_mark(encoding)
    failure = f"{mark} test_sgd_update_gives_the_docstring_example"
    assert failure in shown.splitlines()
    assert failure in check.stdout.splitlines()


def test_l_and_c_show_their_table_in_the_screen_and_b_goes_back(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    running.screen_with("9. sgd")

    running.press("l")
    listing = running.screen()
    assert "(the list of exercises)" in listing
    assert "not_started" in listing and "failing" in listing
    assert all(f" {name} " in listing for name in NAMES)
    assert listing.endswith(
        "keys: b back to the exercise | h hint | n next exercise | l list | "
        "c check all | q quit"
    )
    running.press("b")
    back = running.screen()
    assert "(back to sgd)" in back and "9. sgd: A gradient-descent step" in back
    assert " one_hot " not in back

    running.press("c")
    checked = running.screen_with("checked every exercise")
    assert "score " in checked and "points" in checked
    assert all(f" {name} " in checked for name in NAMES)
    # Help is a key away here, for the exercise in focus: no command.
    assert "Stuck? Press h for a hint on sgd; b goes back to it." in checked
    assert "python -m grader hint" not in checked
    # Nothing is printed below the screen: the next block is the next grade.
    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    saved = running.screen_with("saved exercises/sgd.py")
    assert saved.startswith("Grading exercises/sgd.py ...\n-----")
    assert "9. sgd" in saved and " one_hot " not in saved
    running.quit()


def test_on_a_terminal_the_list_is_drawn_within_the_screen(tree):
    with terminal_watch(tree) as (process, controller):
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"l")
        shown = _read_until(controller, b"keys: b back", SCREEN_TIMEOUT)
        os.write(controller, b"b")
        back = _read_until(controller, b"keys: h hint", SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    # The last screen cleared: from the clearing on, the table, then keys.
    screen = shown.rsplit(b"\x1b[2J", 1)[1]
    assert b"one_hot" in screen and b"(the list of exercises)" in screen
    assert b"one_hot" not in back.rsplit(b"\x1b[2J", 1)[1]


def test_on_a_terminal_a_grade_a_save_replaces_takes_the_place_of_its_line(tree):
    with terminal_watch(tree) as (process, controller):
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        sgd = tree / "exercises" / "sgd.py"
        sgd.write_text(ENDLESS_SGD)
        _read_until(controller, b"grading sgd: 1 s", SCREEN_TIMEOUT)
        sgd.write_text(ENDLESS_SGD + "# still looping\n")
        # A status line started anew (the cursor hidden as it starts).
        started = b"\x1b[?25l\x1b[2mgrading sgd: 1 s"
        again = _read_until(controller, started, SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    # The status line is erased, then the line of keys, which is drawn again
    # below the status line of the new grade. The headline went with the
    # screen drawn again after half a second, which says what is graded in
    # its place: the new grade, of the same file, is not named again.
    assert b"\x1b[2K\x1b[1A\x1b[2K" in again
    assert b"\x1b[1A\r\x1b[J" + started in again
    assert b"Grading exercises/sgd.py" not in again


# What the screen says while a save is graded, and what it says when idle.
BEFORE_SAVE_WORDS = {
    "en": {
        "keys": "keys: ",
        "saved": "(saved exercises/sgd.py, graded in ",
        "took": r"graded in ([0-9.]+) s",
        "status": "grading sgd: 1 s",
        "marked": "(before this save)",
        "shown": "Shown above: the grade of the code before this save. Now",
        "other": "Now grading exercises/sgd.py ... Its result will take",
        "waiting": "Watching exercises/ for saves.",
        "headline": "Grading exercises/sgd.py ...",
    },
    "ja": {
        "keys": "キー: ",
        "saved": "exercises/sgd.py を保存、",
        "took": r"を保存、([0-9.]+) 秒で採点",
        "status": "sgd を採点中: 1 秒",
        "marked": "(保存する前のコード)",
        "shown": "上に表示しているのは、保存する前のコードの採点結果です。",
        "other": "exercises/sgd.py を採点しています…終わると、この画面に代わって",
        "waiting": "exercises/ の保存を待っています。",
        "headline": "exercises/sgd.py を採点しています…",
    },
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_terminal_a_slow_grade_of_a_save_marks_the_screen_as_before_it(tree, lang):
    words = {key: text.encode() for key, text in BEFORE_SAVE_WORDS[lang].items()}
    sgd = tree / "exercises" / "sgd.py"
    with terminal_watch(tree, args=("--lang", lang)) as (process, controller):
        _read_until(controller, words["keys"], FIRST_SCREEN_TIMEOUT)
        sgd.write_text(solution("sgd"))
        quick = _read_screen(controller, words["saved"], SCREEN_TIMEOUT)
        sgd.write_text(ENDLESS_SGD)
        slow = _read_until(controller, words["status"], SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    # A quick grade draws its screen once, with nothing said of the code
    # before it: a screen that flickered would only distract.
    taken = re.search(words["took"], quick)
    if float(taken.group(1)) < BEFORE_SAVE_SHOWN:
        assert words["marked"] not in quick and words["shown"] not in quick
    # The slow one: sgd done, but of the code before the save; the line
    # that said the watch waits for saves says so in its place.
    rows = _rows(slow)
    header = next(row for row in rows if row.startswith("9. sgd"))
    assert BEFORE_SAVE_WORDS[lang]["marked"] in header
    assert any(row.startswith(BEFORE_SAVE_WORDS[lang]["shown"]) for row in rows)
    assert BEFORE_SAVE_WORDS[lang]["waiting"] not in "\n".join(rows)
    # Said once on the screen, with what is graded: the headline is not
    # printed again under it, and the status line, above the keys that
    # stay last, counts the seconds.
    shown = "".join(row.strip() for row in _terminal_rows(slow, 100))
    assert "exercises/sgd.py" in shown.split(BEFORE_SAVE_WORDS[lang]["shown"], 1)[1]
    headline = BEFORE_SAVE_WORDS[lang]["headline"]
    assert not any(row.startswith(headline) for row in rows), rows
    screen = _terminal_rows(slow, 100)
    assert screen[-2].startswith(BEFORE_SAVE_WORDS[lang]["status"])
    assert screen[-1].startswith(BEFORE_SAVE_WORDS[lang]["keys"])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_terminal_a_slow_grade_of_another_exercise_says_it_is_under_way(
    tree, lang
):
    words = BEFORE_SAVE_WORDS[lang]
    with terminal_watch(tree, args=("--lang", lang)) as (process, controller):
        _read_until(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        slow = _read_until(controller, words["status"].encode(), SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    # dot is on screen, not saved: its grade is not marked, but the screen
    # says that the save is graded, where it said the watch waits for saves.
    rows = _rows(slow)
    assert rows[2].startswith("1. dot") and words["marked"] not in rows[2]
    assert any(row.startswith(words["other"]) for row in rows)
    assert words["shown"] not in "\n".join(rows)
    assert words["waiting"] not in "\n".join(rows)


def test_q_stops_a_hanging_grade_at_once_whatever_was_pressed_before(tree):
    with terminal_watch(tree) as (process, controller):
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        _read_until(
            controller,
            b"grading sgd: 1 s (limit 30 s; saving regrades; q quits)",
            SCREEN_TIMEOUT,
        )
        os.write(controller, b"hn")  # keys that must wait for the grade's end
        time.sleep(0.5)
        started = time.monotonic()
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
        assert time.monotonic() - started < 5  # not after the 30 s time limit


def _processes_in_session(sid: int) -> list[int]:
    """The pids of the processes whose session is `sid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended meanwhile
        # The session id is field 6; fields[0] is field 3, the state.
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize(
    ("grading", "end"),
    [(False, "hang-up"), (True, "hang-up"), (True, "kill")],
    ids=["idle-hang-up", "grading-hang-up", "grading-killed"],
)
def test_when_the_watch_ends_every_process_it_started_ends(tree, grading, end):
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc to find the watch's processes in")
    with terminal_watch(tree, kept=False, controlling=True) as (process, controller):
        _read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        if grading:
            (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
            _read_until(controller, b"grading sgd: 1 s", SCREEN_TIMEOUT)
        assert len(_processes_in_session(process.pid)) >= 2  # with its tests
        if end == "hang-up":
            os.close(controller)  # as a terminal window closed: SIGHUP
        else:
            process.kill()  # no chance to stop anything itself
        process.wait(timeout=SCREEN_TIMEOUT)
        deadline = time.monotonic() + SCREEN_TIMEOUT
        while _processes_in_session(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _processes_in_session(process.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)  # ours: started by this test
        assert left == []


ENDLESS_ONE_HOT = "def one_hot(labels, num_classes):\n    while True:\n        pass\n"


def test_a_save_during_the_first_grade_keeps_what_it_had_graded(tree, watch):
    (tree / "exercises" / "dot.py").write_text(solution("dot"))
    (tree / "exercises" / "one_hot.py").write_text(ENDLESS_ONE_HOT)
    running = watch("--timeout", "6", kept=False)
    _wait_for_line(running, "Grading exercises/ ...")
    time.sleep(1.5)  # dot is graded; one_hot hangs
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    saved = running.screen_with("9. sgd")
    assert "(saved exercises/sgd.py, graded in" in saved
    assert "nn-kata watch: 1 of 10 done" in saved  # dot's grade is kept
    assert "done ()" not in "\n".join(running.seen)
    running.quit()


def test_a_save_during_c_grades_it_and_still_shows_the_report(tree, watch):
    (tree / "exercises" / "one_hot.py").write_text(ENDLESS_ONE_HOT)
    running = watch("--timeout", "3")
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("c")
    _wait_for_line(running, "Checking every exercise ...")
    time.sleep(1.5)  # one_hot hangs: the report waits for it
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    report = running.screen_with("saved exercises/sgd.py")
    assert "score " in report  # the whole report, not sgd alone
    assert all(f" {name} " in report for name in NAMES)
    assert "timed out" in report or "error" in report  # one_hot is graded too
    assert "keys: b back to the exercise" in report
    running.quit()


def test_saves_during_the_first_grade_leave_every_grade_known(tree, watch):
    # Grades kept from an earlier run: the first grade takes them as they are
    # and runs only one_hot, which hangs until a save stops it.
    for name in NAMES:
        (tree / "exercises" / f"{name}.py").write_text(solution(name))
    assert kata(tree).returncode == 0
    one_hot = tree / "exercises" / "one_hot.py"
    one_hot.write_text(ENDLESS_ONE_HOT)
    running = watch(kept=False)
    _wait_for_line(running, "Grading exercises/ ...")
    time.sleep(1.5)
    one_hot.write_text(ENDLESS_ONE_HOT + "\n# still hangs\n")
    _wait_for_line(running, "Grading exercises/one_hot.py")
    time.sleep(1.5)
    one_hot.write_text(solution("one_hot"))
    final = running.screen_with("saved exercises/one_hot.py")
    assert "nn-kata watch: 10 of 10 done" in final
    assert "All 10 exercises done." in final and "What next:" in final
    assert "0/0 tests" not in "\n".join(running.seen)  # no grade left unknown
    assert running.quit() == 0


# Sizes of terminal windows learners use: (columns, rows).
SMALL, TALL = (80, 40), (120, 50)
# Short enough for the report's failure to be shortened, its blank lines
# and heading gone.
REPORT_SMALL = (80, 34)
# What a terminal acts on but does not show: colours, cursor moves.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
# How long a terminal's output is quiet once a screen is written whole.
QUIET = 0.5
MUTANTS = ROOT / "selftests" / "mutants"
# Done first, so that the report's next exercise is the one failing.
SOLVED = ("dot", "sigmoid", "softmax", "one_hot", "cross_entropy")


def _read_screen(fd: int, marker: bytes, timeout: float) -> bytes:
    """What the terminal shows until `marker`, and what follows it until
    the output is quiet: the rest of the screen the marker is in."""
    seen = _read_until(fd, marker, timeout)
    while select.select([fd], [], [], QUIET)[0]:
        try:
            seen += os.read(fd, 4096)
        except OSError:
            break  # the watch ended
    return seen


def _rows(seen: bytes) -> list[str]:
    """The rows of the last screen drawn in `seen` as the terminal shows
    them: from its clearing on, without escape codes, and without the row
    the cursor is left on."""
    drawn = seen.rsplit(b"\x1b[2J", 1)[1].decode()
    rows = ESCAPES.sub("", drawn).replace("\r", "").split("\n")
    return rows[:-1] if rows[-1] == "" else rows


def _keys_rows(rows: list[str], label: str) -> str:
    """The line of keys that ends a screen, its rows joined as they would
    be were the line not broken: between keys."""
    start = max(i for i, row in enumerate(rows) if row.startswith(label))
    return " | ".join(row.strip() for row in rows[start:])


def _mutant_tree(folder: Path, name: str, mutant: str) -> Path:
    """A learner's project with the exercises of SOLVED done and exercise
    `name` written as the mutant `mutant`."""
    sources = {done: solution(done) for done in SOLVED}
    sources[name] = (MUTANTS / name / f"{mutant}.py").read_text()
    return learner_tree(folder, **sources)


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


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_terminal_the_report_fits_its_height_title_and_table_first(tmp_path, lang):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_sigmoid_output")
    words = REPORT_WORDS[lang]
    with terminal_watch(tree, size=REPORT_SMALL, args=("--lang", lang)) as (
        process,
        controller,
    ):
        _read_screen(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"c")
        rows = _rows(_read_screen(controller, words["top"].encode(), SCREEN_TIMEOUT))
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    columns, height = REPORT_SMALL
    assert len(rows) < height  # nothing scrolled off the top
    assert rows[0].startswith(words["top"])
    assert all(i18n.width(row) < columns for row in rows)
    header = next(
        i for i, row in enumerate(rows) if row.split()[:2] == ["#", words["header"]]
    )
    assert [row.split()[1] for row in rows[header + 2 : header + 12]] == list(NAMES)
    # The failure gives way as on the exercise's own screen: the call's
    # later rows first (each argument's ended by "…", or counted in a
    # note); its first row, what was expected and what came back stay.
    screen = "\n".join(rows)
    assert "forward(" in screen
    assert any(words["shortened"] in row or row.endswith("…") for row in rows)
    assert words["expected"] in screen and "[[0.4943, 0.511, 0.4872]" in screen
    # The keys are broken between keys, never inside one.
    assert _keys_rows(rows, words["keys"]) == words["full"]


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "more lines: press b, or run `python -m grader check forward`]"),
        (
            "ja",
            "行は b か `python -m grader check forward --lang ja` で表示できます]",
        ),
    ],
)
def test_on_a_terminal_a_report_still_too_tall_says_where_the_rest_is(
    tmp_path, lang, note
):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_sigmoid_output")
    words = REPORT_WORDS[lang]
    with terminal_watch(tree, size=(80, 24), args=("--lang", lang)) as (
        process,
        controller,
    ):
        _read_screen(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"c")
        rows = _rows(_read_screen(controller, words["top"].encode(), SCREEN_TIMEOUT))
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    assert len(rows) < 24 and rows[0].startswith(words["top"])
    assert all(f" {name} " in "\n".join(rows) for name in NAMES)  # the table
    assert note in " ".join(row.strip() for row in rows)


@pytest.mark.parametrize(
    ("size", "cut"), [(TALL, False), ((80, 26), True)], ids=["tall", "short"]
)
def test_on_a_terminal_a_failure_is_shortened_only_as_its_height_needs(
    tmp_path, size, cut
):
    tree = _mutant_tree(tmp_path / "kata", "backprop", "wrong_no_sigmoid_slope")
    with terminal_watch(tree, size=size) as (process, controller):
        _read_screen(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        backprop = tree / "exercises" / "backprop.py"
        backprop.write_text(backprop.read_text() + "\n")
        saved = _read_screen(controller, b"saved exercises/backprop.py", SCREEN_TIMEOUT)
        rows = _rows(saved)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    screen = "\n".join(rows)
    assert len(rows) < size[1]
    assert rows[0].startswith("nn-kata watch:")
    assert "likely mistake: the slope of the sigmoid is missing" in screen
    # The call's last arguments, x and t, come after a params dict of nine
    # lines. On a tall terminal the call is whole; on a short one (once the
    # blank lines between the parts are gone), the dict's later rows give
    # way, its last row kept ending in "…" and the "}" that closes it, with
    # the count of the keys hidden, but every argument keeps its first row:
    # x and t stay. What was expected stays whole, and so does
    # the line that counts the other failing tests: the learner must learn
    # that more tests fail.
    expected = next(row for row in rows if row.startswith("      expected  "))
    assert "]])" in screen  # the end of the call, after t
    ends = ("], …}", "more keys}", "more key}")
    assert any(row.endswith(ends) for row in rows) == cut
    assert not expected.endswith("…")
    assert "2 more failing; `python -m grader check backprop`" in screen


def test_on_a_terminal_a_resize_redraws_the_screen_at_its_new_size(tmp_path):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_sigmoid_output")
    with terminal_watch(tree, controlling=True, size=(100, 40)) as (
        process,
        controller,
    ):
        wide = _rows(_read_screen(controller, b"keys:", FIRST_SCREEN_TIMEOUT))
        _resize(controller, 60, 24)  # no key, no save: the resize alone
        narrow = _rows(_read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT))
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    assert any(i18n.width(row) >= 60 for row in wide)
    assert narrow[0].startswith("nn-kata watch:") and len(narrow) < 24
    assert all(i18n.width(row) < 60 for row in narrow)
    shown = "\n".join(narrow)
    assert "more lines]" in shown or "…" in shown  # shortened for the height


@pytest.mark.parametrize(
    ("lang", "help_text"),
    [
        ("en", "saving regrades; q quits)"),
        ("ja", "保存で再採点、q で終了)"),
    ],
)
def test_on_a_terminal_the_progress_line_wraps_and_keeps_its_help(
    tree, lang, help_text
):
    keys = REPORT_WORDS[lang]["keys"].encode()
    # The progress line of a first grade that grades every exercise.
    with terminal_watch(tree, size=SMALL, args=("--lang", lang), kept=False) as (
        process,
        controller,
    ):
        first = _read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    shown = ESCAPES.sub("", first.split(b"\x1b[2J")[0].decode())
    rows = re.split(r"[\r\n]+", shown)  # each status line drawn over the last
    # Whole, on one row or across two, as the line is broken between words.
    assert "".join(help_text.split()) in "".join(shown.split())
    # Not cut short: only the heading ("Grading exercises/ ...", which
    # Japanese ends with "…") may hold an ellipsis.
    with i18n.speaking(lang):
        heading = i18n._("Grading {target}/ ...", target="exercises")
    assert "…" not in shown.replace(heading, "")
    assert all(i18n.width(row) < SMALL[0] for row in rows)


def test_a_line_of_keys_breaks_between_keys_only():
    line = (
        "keys: b back to the exercise | h hint | n next exercise | l list | "
        "c check all | q quit"
    )
    assert keys_wrapped(line, 79).split("\n") == [
        "keys: b back to the exercise | h hint | n next exercise | l list | "
        "c check all",
        "      q quit",
    ]
    assert keys_wrapped(line, 40).split("\n") == [
        "keys: b back to the exercise | h hint",
        "      n next exercise | l list",
        "      c check all | q quit",
    ]
    japanese = (
        "キー: b 演習に戻る | h ヒント | n 次の演習 | l 一覧 | c すべて採点 | q 終了"
    )
    assert keys_wrapped(japanese, 40).split("\n") == [
        "キー: b 演習に戻る | h ヒント",
        "      n 次の演習 | l 一覧 | c すべて採点",
        "      q 終了",
    ]
    assert keys_wrapped(line, 200) == line


def test_a_key_too_wide_for_its_row_breaks_between_words_under_itself():
    line = "keys during the grade: q quit | the others act once it ends"

    assert keys_wrapped(line, 39).split("\n") == [
        "keys during the grade: q quit",
        "                       the others act",
        "                       once it ends",
    ]
    # With too little room beside the label, the keys go under it.
    assert keys_wrapped(line, 20).split("\n") == [
        "keys during the grade:",
        "  q quit",
        "  the others act",
        "  once it ends",
    ]


def test_a_line_cut_short_ends_in_one_ellipsis_after_no_space():
    names = "実行中: dot、sigmoid、softmax、ほか 7 個"
    # "個" takes two columns: cut inside it, the line must not end "7  …".
    assert _clipped(names, 39) == "実行中: dot、sigmoid、softmax、ほか 7…"
    assert _clipped(names, 38) == "実行中: dot、sigmoid、softmax、ほか 7…"
    assert _clipped(names, 40) == names
    assert _clipped("still running: a b", 16, "...") == "still running..."


@pytest.mark.parametrize(
    "line",
    [
        "nn-kata watch: 6 of 10 done (saved exercises/sigmoid.py, graded in 0.05 s)",
        "nn-kata watch: 10 問中 6 問完了(exercises/numerical_gradient.py を保存、"
        "0.05 秒で採点)",
        "nn-kata watch: 10 問中 6 問完了(すべての演習を採点: 0.44 秒)",
    ],
)
def test_the_top_line_never_breaks_between_a_number_and_its_unit(line):
    for width in range(30, i18n.width(line)):
        rows = wrapped_lines(Text(line), width).plain.split("\n")
        for row, following in zip(rows, rows[1:], strict=False):
            ends_in_number = re.search(r"\d$", row.rstrip())
            assert not (ends_in_number and following.lstrip()[:1] in ("s", "秒")), (
                width,
                rows,
            )


@pytest.mark.parametrize(
    "lang, note",
    [
        ("en", "あ is not a key of the watch: is an input method on?"),
        ("ja", "割り当てのないキー: あ。日本語入力がオンになっていませんか？"),
    ],
)
def test_full_width_letters_are_keys_and_others_hint_at_an_input_method(
    tree, lang, note
):
    with terminal_watch(tree, args=("--lang", lang)) as (process, controller):
        _read_until(controller, b"| q ", FIRST_SCREEN_TIMEOUT)
        os.write(controller, "\uff4c".encode())  # ｌ, as a Japanese IME types l
        listed = _read_until(controller, b"| q ", SCREEN_TIMEOUT).decode()
        assert "is not a key" not in listed and "割り当てのないキー" not in listed
        os.write(controller, "あ".encode())
        stray = ESCAPES.sub(
            "", _read_until(controller, b"| q ", SCREEN_TIMEOUT).decode()
        )
        # Wherever the top line breaks, at the width of the terminal:
        assert "".join(note.split()) in "".join(stray.split())
        os.write(controller, "\uff31".encode())  # Ｑ quits
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1


def test_piped_a_full_width_key_acts_and_a_stray_line_hints_at_an_input_method(
    tree, watch
):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("ｌ")
    assert "(the list of exercises)" in running.screen()
    running.press("あ")
    running.press("ｑ")
    assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1
    rest = "\n".join(running.lines.queue)
    assert "(あ is not a key of the watch: is an input method on?)" in rest


SLOW_WRONG_FORWARD = (
    "import time\n\ntime.sleep(2)\n\n"
    + (MUTANTS / "forward" / "wrong_b1_after_sigmoid.py").read_text()
)


def test_a_key_typed_during_the_grade_of_a_save_leaves_the_save_said(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "forward.py").write_text(SLOW_WRONG_FORWARD)
    _wait_for_line(running, "Grading exercises/forward.py")
    running.press("b")  # while forward is graded: its screen is b's already
    saved = running.screen_with("6. forward")
    assert "(saved exercises/forward.py, graded in" in saved
    assert "failing" in saved
    running.press("l")  # b drew no screen of its own: this is l's
    assert "(the list of exercises)" in running.screen()
    running.press("b")
    assert "(back to forward)" in running.screen()
    running.press("b")  # nothing saved since: b says it changes nothing
    assert "(forward is on screen already)" in running.screen()
    running.quit()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_key_that_comes_with_a_save_draws_its_screen_under_the_save(
    tree, watch, lang
):
    running = watch("--lang", lang)
    running.screen(FIRST_SCREEN_TIMEOUT)
    folder = tree / "exercises"
    (folder / "forward.py").write_text(SLOW_WRONG_FORWARD)
    _wait_for_line(running, "exercises/forward.py")
    # While forward is graded: a key, and a save of another exercise. Both
    # wait for the grade's end, so they come in the same turn of the watch.
    running.press("l")
    (folder / "sgd.py").write_text(WRONG_SGD)
    running.screen_with("6. forward")
    listing = running.screen()
    top = next(line for line in listing.splitlines() if "nn-kata" in line)
    if lang == "en":
        assert "(saved exercises/forward.py, graded in" in top
        assert "; then the list of exercises)" in top
    else:
        assert "exercises/forward.py を保存、" in top
        assert "その後 演習の一覧" in top
    assert "one_hot" in listing  # the list l asked for, under the save
    saved = running.screen_with("9. sgd")
    top = next(line for line in saved.splitlines() if "nn-kata" in line)
    assert "exercises/sgd.py" in top
    running.quit()


def test_a_key_typed_during_a_grade_a_save_stops_acts_after_the_new_grade(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    sgd = tree / "exercises" / "sgd.py"
    sgd.write_text(ENDLESS_SGD)
    _wait_for_line(running, "Grading exercises/sgd.py")
    time.sleep(1.5)  # long enough to be stopped by a save
    running.press("l")  # waits for the grade's end
    time.sleep(0.5)
    sgd.write_text(solution("sgd"))  # stops the grade: sgd is graded again
    done = running.screen()
    assert "9. sgd" in done and "done" in done  # the save's screen first
    listing = running.screen()
    top = next(line for line in listing.splitlines() if "nn-kata" in line)
    assert "(saved exercises/sgd.py, graded in" in top
    assert "; then the list of exercises)" in top
    assert "one_hot" in listing
    running.quit()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_saves_at_once_show_the_first_failing_and_say_what_was_graded(
    tree, watch, lang
):
    running = watch("--lang", lang)
    running.screen(FIRST_SCREEN_TIMEOUT)
    # Written in one go, as a script or a checkout does.
    wrong = MUTANTS / "numerical_gradient" / "wrong_all_entries_at_once.py"
    folder = tree / "exercises"
    (folder / "backprop.py").write_text(solution("backprop"))
    (folder / "numerical_gradient.py").write_text(wrong.read_text())
    (folder / "sgd.py").write_text(solution("sgd"))
    names = ("backprop", "numerical_gradient", "sgd")
    while True:  # the first screen that names all three (else times out)
        screen = running.screen()
        top = next(line for line in screen.splitlines() if "nn-kata" in line)
        if all(name in top for name in names):
            break
    assert "7. numerical_gradient" in screen
    if lang == "en":
        assert "(saved 3 files (" in top and "2 of 10 done" in top
    else:
        assert "3 個のファイルを保存、" in top and "backprop" in top
    running.quit()


MISSING_B2 = """forward must give softmax(sigmoid(x @ w1 + b1) @ w2 + b2).
  call      forward(params, x) with
              x  = [[-0.9596, 1.3595, 0.038, 0.0436]]
              w1 = [[0.0473, 1.8019, -1.4234, 1.7946, -0.7527],
                    [-0.3067, 1.3108, -0.3632, 0.1984, -1.8898],
                    [-0.186, -1.4638, -0.3875, -1.1862, -0.9507]]
              b1 = [1.0015, -0.8784, -0.0592, 1.9229, 1.8466]
              w2 = [[0.8992, 0.1649, -0.8924],
                    [0.1144, -0.1627, -1.7506]]
              b2 = [0.5653, 1.4105, 0.3718]
  expected  [[0.0345, 0.9572, 0.0083]]
  actual    [[0.0756, 0.9022, 0.0221]]
  likely mistake: b2 is missing: softmax(h @ w2 + b2)."""


@pytest.mark.parametrize("limit", [7, 8, 10])
def test_a_shortened_input_keeps_the_value_its_mistake_names_under_its_rows(limit):
    from grader.watch import _fitted

    lines = _fitted(MISSING_B2, limit, "").splitlines()
    assert len(lines) == limit
    assert "              b2 = [0.5653, 1.4105, 0.3718]" in lines
    # The input's rows go first: the statement, the call's first line and
    # what was expected, what came back and the mistake all stay.
    assert lines[:2] == MISSING_B2.splitlines()[:2]
    assert lines[-3:] == MISSING_B2.splitlines()[-3:]  # expected, actual, mistake
    if limit >= 10:
        # Room for each entry's first row: those that lost rows end in "…".
        entries = [line for line in lines if re.match(r" {14}\w+ += ", line)]
        assert len(entries) == 5 and not any("more lines]" in x for x in lines)
        assert sum(line.endswith("…") for line in entries) == 2, lines
        return
    (note,) = [line for line in lines if "more lines]" in line]
    # Under the entries it stands for, not under the call's first value.
    assert note.startswith(" " * 14 + "[... ")


def test_on_a_small_terminal_the_input_gives_way_before_actual_and_the_mistake(
    tmp_path,
):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_missing_b2")
    with terminal_watch(tree, size=(60, 20)) as (process, controller):
        _read_screen(controller, b"keys: ", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"c")
        # Said short, to keep the top line on one row of 60 columns.
        _read_screen(controller, b"checked all in", SCREEN_TIMEOUT)
        os.write(controller, b"b")
        rows = _rows(_read_screen(controller, b"(back to forward)", SCREEN_TIMEOUT))
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    shown = "\n".join(rows)
    assert "actual" in shown and "likely mistake: b2 is missing" in shown
    # The input is cut without a pointer to check, which shows no more of
    # it (the line that says how many more tests fail may name check).
    cut = [row for row in rows if "more lines]" in row or row.endswith("…")]
    assert cut and not any("`python -m grader check" in row for row in cut)
    assert len(rows) >= 20 - 2  # the rows are used: one or two left at most


def test_a_shortened_input_without_named_entries_is_cut_as_before():
    from grader.watch import _fitted

    message = "\n".join(
        [
            "f must be right.",
            "  call      f(a)",
            *[f"              {i}" for i in range(9)],
        ]
        + ["  expected  1", "  actual    2"]
    )
    lines = _fitted(message, 6, "").splitlines()
    assert len(lines) == 6
    assert lines[:3] == ["f must be right.", "  call      f(a)", "              0"]
    assert lines[3:] == [
        "              [... 8 more lines]",
        "  expected  1",
        "  actual    2",
    ]
    assert _fitted(message, 20, "") == message  # nothing to cut: left whole


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
        "tests": "3/11 tests",
        "hint": "Hint 1 of 4: ",
        "list": "x is not a key of the watch",
        "score": "score 100/100",
        "closing": "All 10 exercises done. Well done!",
    },
    "ja": {
        "keys": "キー: ",
        "actual": "  実際の値  ",
        "mistake": "考えられる間違い: ",
        "tests": "テスト 3/11",
        "hint": "ヒント 1/4: ",
        "list": "割り当てのないキー: x",
        "score": "得点 100/100",
        "closing": "10 問すべて完了しました。おめでとうございます！",
    },
}


def _focused_tree(folder: Path, name: str, mutant: str) -> Path:
    """A learner's project with every exercise before `name` done and
    `name` written as the mutant `mutant`: the one the watch shows."""
    sources = {done: solution(done) for done in NAMES[: NAMES.index(name)]}
    sources[name] = (MUTANTS / name / f"{mutant}.py").read_text()
    return learner_tree(folder, **sources)


def _narrow_screen(
    tree: Path, lang: str, keys: bytes = b"", until: bytes = b"\x1b[2J"
) -> list[str]:
    """The rows of the watch's screen on `tree` at NARROW, once each of
    `keys` is pressed in turn, each waiting for its screen: one drawn with
    `until` (a key that grades may draw the screen again as it goes)."""
    with terminal_watch(tree, size=NARROW, args=("--lang", lang)) as (
        process,
        controller,
    ):
        seen = _read_screen(
            controller, NARROW_WORDS[lang]["keys"].encode(), FIRST_SCREEN_TIMEOUT
        )
        for key in keys:
            os.write(controller, bytes([key]))
            seen = _read_screen(controller, until, SCREEN_TIMEOUT)
        rows = _rows(seen)
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    columns, height = NARROW
    assert len(rows) < height, rows  # nothing scrolled off the top
    assert rows[0].startswith("nn-kata watch:"), rows
    assert all(i18n.width(row) < columns for row in rows), rows
    return rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_failure_keeps_what_came_back_and_the_mistake(
    tmp_path, lang
):
    tree = _focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_divides_then_times_h"
    )
    words = NARROW_WORDS[lang]
    rows = _narrow_screen(tree, lang)

    screen = "\n".join(rows)
    assert words["actual"] + "[2.0e-08, -4.0e-08]" in screen
    assert words["mistake"] in screen and "... / (2 * h)" in screen
    # The header breaks between its parts, the mark stays with the test.
    assert any(row.strip().endswith(words["tests"]) for row in rows), rows
    assert not any(row.strip() in ("✗", "x", "tests", "テスト") for row in rows)
    assert any(row.startswith("✗ test_numerical_gradient") for row in rows)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_hint_asked_for_is_shown_whole(tmp_path, lang):
    tree = _focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_default_step_1e3"
    )
    from grader.exercises import find

    with i18n.speaking(lang):
        hint = i18n.hints(find("numerical_gradient"))[0]
    rows = _narrow_screen(tree, lang, b"h")

    start = next(i for i, row in enumerate(rows) if NARROW_WORDS[lang]["hint"] in row)
    shown = "".join(row.strip() for row in rows[start:])
    assert "".join(hint.split()) in "".join(shown.split())
    # The failure gave way to it, not what came back.
    assert NARROW_WORDS[lang]["actual"] in "\n".join(rows)
    assert any(row.startswith("✗ test_") for row in rows)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_list_fits_a_row_per_exercise(tmp_path, lang):
    tree = _focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_default_step_1e3"
    )
    rows = _narrow_screen(tree, lang, b"lx")

    assert NARROW_WORDS[lang]["list"] in rows[0] + rows[1]
    for number, name in enumerate(NAMES, start=1):
        (row,) = [row for row in rows if row.split()[:2] == [str(number), name]]
        assert len(row.split()) >= 3  # its status beside it


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_all_done_keeps_the_score_and_the_closing_line(
    done_tree, lang
):
    rows = _narrow_screen(done_tree, lang)

    screen = "\n".join(row.strip() for row in rows)
    words = NARROW_WORDS[lang]
    # The score line is wider than the terminal: it takes two rows.
    assert "".join(words["score"].split()) in "".join(screen.split())
    assert words["closing"] in screen
    assert "more lines" in screen or "行は " in screen  # what next cut
    # A heading whose lines are cut goes with them.
    note = next(i for i, row in enumerate(rows) if row.startswith(("[... ", "[残り ")))
    assert not rows[note - 1].rstrip().endswith(":")


COPIED_X = """\
f may ignore its argument and read x itself, through a closure: each step \
must change x in place, where f can see it.
  call      numerical_gradient(f, x) with
              x = [[0.2, -7.3, 2.5],
                   [3.7, 0.05, 1000.1]]
  expected  [[0.9801, -1.0522, -2.4034],
             [-0.4241, 3.995, -0.7155]]
  actual    [[0.0, 0.0, 0.0],
             [0.0, 0.0, 0.0]]
  where     exercises/numerical_gradient.py, line 12: x = x.copy()
  likely mistake: x was copied: f reads the x it was given."""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_failure_gives_way_call_rows_first_and_the_call_last(lang):
    from grader.watch import _fitted

    width = NARROW[0] - 1
    with i18n.speaking(lang):
        whole = _fitted(COPIED_X, UNLIMITED_ROWS, "    ", width).splitlines()
        shown = {
            limit: _fitted(COPIED_X, limit, "    ", width).splitlines()
            for limit in range(4, len(whole))
        }
    # The parts, by their first row: the statement (three rows), then the
    # call, what was expected, what came back, where, the likely mistake.
    starts = [0, *(i for i, row in enumerate(whole) if re.match(r" {6}\S", row))]
    statement, call, expected, actual, where, mistake = (
        whole[start:end]
        for start, end in zip(starts, [*starts[1:], len(whole)], strict=True)
    )
    for limit, lines in shown.items():
        assert len(lines) <= limit, limit
        assert any(line.startswith(mistake[0][:16]) for line in lines), limit
        # The mistake gives up its later rows only for where's line of code.
        assert lines[-len(mistake) :] == mistake or where[1] in lines, limit
        # The call's first row, which reproduces the failure, stays as long
        # as anything but the likely mistake does; the statement's first
        # row before it, whole or cut after a clause.
        kept = lines[0].rstrip(" …")
        assert kept in statement[0] or lines[0].startswith(call[0][:16]), limit
        assert any(line.startswith(call[0][:16]) for line in lines), limit
    # The call's later rows give way first: one row short, the statement,
    # what was expected and what came back are all there, whole.
    short = shown[len(whole) - 1]
    assert short[: len(statement)] == statement
    assert all(row in short for row in [*expected, *actual, *where])
    assert not all(row in short for row in call)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_value_that_came_back_too_long_gives_way_to_the_likely_mistake(lang):
    from grader.watch import _fitted

    width = NARROW[0] - 1
    with i18n.speaking(lang):
        whole = _fitted(COPIED_X, UNLIMITED_ROWS, "    ", width).splitlines()
        lines = _fitted(COPIED_X, 5, "    ", width).splitlines()

    # The statement's first row, which says what broke, outlasts what came
    # back: then the call's first row, where and the likely mistake, the
    # first three cut to their first row (the statement after a clause).
    assert lines[0].rstrip(" …") in whole[0] and lines[0].endswith("…")
    assert lines[1].startswith(whole[3][:16]) and lines[1].endswith("…")
    assert lines[2].startswith(whole[-4][:16]) and lines[2].endswith("…")
    assert lines[3:] == whole[-2:]


# What a narrow screen must keep whole of the likely mistake of
# numerical_gradient's `wrong_flattens_x`, and of its last hint, by language.
FLATTENED_WORDS = {
    "en": {
        "mistake": "likely mistake: x was flattened",
        "mistake_end": "fill np.zeros(x.shape).",
        "hint": "Hint 4 of 4, the last: ",
    },
    "ja": {
        "mistake": "考えられる間違い: x を 1 次元に平たくしています",
        "mistake_end": "入れてください。",
        "hint": "ヒント 4/4(これが最後のヒントです): ",
    },
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_likely_mistake_and_the_hint_both_stay_whole(
    tmp_path, lang
):
    tree = _focused_tree(tmp_path / "kata", "numerical_gradient", "wrong_flattens_x")
    from grader.exercises import find

    with i18n.speaking(lang):
        hint = i18n.hints(find("numerical_gradient"))[3]
    words = FLATTENED_WORDS[lang]
    rows = _narrow_screen(tree, lang, b"hhhh")

    screen = "\n".join(rows)
    assert words["mistake"] in screen and words["mistake_end"] in screen
    assert "more lines" not in screen and "行]" not in screen
    assert "で表示できます]" not in screen
    start = next(i for i, row in enumerate(rows) if row.startswith(words["hint"]))
    shown = "".join(row.strip() for row in rows[start:])
    assert "".join(hint.split()) in "".join(shown.split())
    # The hint's text starts under its label, filled as the CLI fills it:
    # code is never broken in the middle.
    assert any("np.issubdtype(x.dtype, np.floating)" in row for row in rows[start:])
    # Not hung under the label, but two columns in, as a likely mistake's
    # later lines are under its label: still one paragraph.
    assert rows[start + 1].startswith("  ") and rows[start + 1][2] != " "


# What the report must show on a narrow terminal, by language.
NARROW_REPORT_WORDS = {
    "en": {"score": "6 of 10 done   score 64.55/100", "whole": "`python -m grader`"},
    "ja": {"score": "10 問中 6 問完了   得点 64.55/100", "whole": "`python -m grader"},
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_report_keeps_its_table_and_score_a_row_each(
    tmp_path, lang
):
    tree = _focused_tree(tmp_path / "kata", "numerical_gradient", "wrong_flattens_x")
    # The top line of the report, not of a screen drawn during its grade;
    # said short, to fit one row of NARROW.
    checked = {"en": "(checked all in", "ja": "(全演習を採点:"}[lang]
    rows = _narrow_screen(tree, lang, b"c", until=checked.encode())

    for number, name in enumerate(NAMES, start=1):
        (row,) = [row for row in rows if row.split()[:2] == [str(number), name]]
        assert len(row.split()) == 5, row  # status, tests and points beside it
        assert "(" not in row  # the status key gives way to fit
    (score,) = [row for row in rows if NARROW_REPORT_WORDS[lang]["score"] in row]
    assert score.startswith(("█", "#"))  # the bar, shortened to fit the row
    # The cut names what shows the lines it hides: the exercise's check, or
    # the whole report.
    (note,) = [i for i, row in enumerate(rows) if row.startswith(("[... ", "[残り "))]
    said = " ".join(rows[note:])
    assert (
        "check numerical_gradient" in said or NARROW_REPORT_WORDS[lang]["whole"] in said
    )


def test_the_report_of_every_exercise_done_ends_with_what_next(done_tree):
    result = kata(done_tree)

    assert result.returncode == 0
    report = result.stdout
    assert report.index("All 10 exercises done. Well done!") < report.index(
        "What next:"
    )
    assert "`python -m grader solution NAME` shows the model answer" in report
    assert "`python -m grader check NAME --explore` tries" in report


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_terminal_the_headline_of_a_grade_stands_above_the_keys(tree, lang):
    keys = REPORT_WORDS[lang]["keys"]
    with terminal_watch(tree, size=SMALL, args=("--lang", lang)) as (
        process,
        controller,
    ):
        _read_screen(controller, keys.encode(), FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        status = "grading sgd: 2 s" if lang == "en" else "sgd を採点中: 2 秒"
        # Up to the status line, and what is drawn with it (the grade of
        # sgd, which loops, ends only at its time limit).
        seen = _read_screen(controller, status.encode(), SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    drawn = ESCAPES.sub("", seen.decode()).replace("\r", "")
    rows = [row for row in drawn.split("\n") if row.strip()]
    headline = "Grading exercises/sgd.py" if lang == "en" else "exercises/sgd.py を"
    last_headline = max(i for i, row in enumerate(rows) if headline in row)
    last_status = max(i for i, row in enumerate(rows) if status.split(":")[0] in row)
    last_keys = max(i for i, row in enumerate(rows) if row.startswith(keys))
    assert last_headline < last_status < last_keys


def test_on_a_terminal_a_resize_during_a_long_grade_redraws_at_once(tmp_path):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_sigmoid_output")
    with terminal_watch(tree, controlling=True, size=(100, 40)) as (
        process,
        controller,
    ):
        _read_screen(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        _read_until(controller, b"grading sgd: 1 s", SCREEN_TIMEOUT)
        _resize(controller, 60, 24)  # the grade of sgd runs on
        seen = _read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT)
        seen += _read_screen(controller, b"keys:", SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    rows = _rows(seen)
    # The screen, drawn again at the new size, saying in its last lines
    # what is graded (the status line, redrawn in place, is not read as
    # rows); the headline is not printed again under it.
    said = next(i for i, row in enumerate(rows) if "Now grading exercises/" in row)
    narrow = rows[: said + 1]
    assert narrow[0].startswith("nn-kata watch:")
    assert all(i18n.width(row) < 60 for row in narrow)
    # Its ellipsis beside the file, never alone on a row of its own.
    assert narrow[-1] == "Now grading exercises/sgd.py ..."
    assert not any(row.startswith("Grading exercises/") for row in rows)


@pytest.mark.parametrize(
    ("lang", "event", "way_back"),
    [
        (
            "en",
            "(deleted exercises/softmax.py, graded in",
            "`python -m grader reset softmax` puts its stub back.",
        ),
        (
            "ja",
            "exercises/softmax.py を削除、",
            "`python -m grader reset softmax --lang ja` でスタブに戻せます。",
        ),
    ],
)
def test_a_deleted_exercise_is_said_deleted_with_the_way_back(
    tree, watch, lang, event, way_back
):
    running = watch("--lang", lang)
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "softmax.py").unlink()

    shown = running.screen_with("softmax")
    assert event in shown
    assert way_back in shown
    assert "saved exercises/softmax.py" not in shown and "py を保存" not in shown
    running.quit()


def _terminal_rows(seen: bytes, columns: int) -> list[str]:
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


ENDLESS_NUMERICAL_GRADIENT = (
    "def numerical_gradient(f, x, h=1e-5):\n    while True:\n        pass\n"
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_grade_under_way_keeps_the_top_line(tmp_path, lang):
    # A long failure fills the screen; a save that loops then brings the
    # headline and, after a second, the status line: the screen is drawn
    # again with room for them, rather than scrolling its top away.
    tree = _focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_divides_then_times_h"
    )
    words = NARROW_WORDS[lang]
    columns, height = NARROW
    args = ("--lang", lang, "--timeout", "6")
    with terminal_watch(tree, size=NARROW, args=args) as (process, controller):
        _read_screen(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        exercise = tree / "exercises" / "numerical_gradient.py"
        exercise.write_text(ENDLESS_NUMERICAL_GRADIENT)
        ticking = "3 s" if lang == "en" else "3 秒"
        seen = _read_screen(controller, ticking.encode(), SCREEN_TIMEOUT + 6)
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    rows = _terminal_rows(seen, columns)
    assert len(rows) < height, rows  # nothing scrolled off the top
    assert rows[0].startswith("nn-kata watch:"), rows
    # The line of keys ends it (two rows at 60 columns, then the cursor's).
    assert any(row.startswith(words["keys"]) for row in rows[-3:]), rows


def test_h_after_the_last_hint_says_there_are_no_more(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    for _ in range(4):  # dot has four hints
        running.press("h")
        last = running.screen()
    assert "Hint 4 of 4" in last
    running.press("h")
    again = running.screen()
    assert "(dot has no more hints)" in again
    assert "Hint 4 of 4" in again  # the last one stays shown
    running.quit()


# A failure with a short call: softmax's axis mistake, by language.
AXIS_WORDS = {
    "en": {
        "call": "      call      softmax([[1.0, 1.0], [0.0, 1.0986]])",
        "mistake": "likely mistake: normalized along axis 0",
        "hint": "Hint 1 of 4: ",
        "ticking": "3 s",
        "listed": "(back to softmax for its next hint)",
        "reported": "(back to softmax: its last hint again)",
    },
    "ja": {
        "call": "      呼び出し  softmax([[1.0, 1.0], [0.0, 1.0986]])",
        "mistake": "考えられる間違い: ",
        "hint": "ヒント 1/4: ",
        "ticking": "3 秒",
        "listed": "(softmax に戻り、次のヒント)",
        "reported": "(softmax に戻り、最後のヒント)",
    },
}
ENDLESS_SOFTMAX = "def softmax(x):\n    while True:\n        pass\n"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_grade_under_way_keeps_the_call_of_the_failure(
    tmp_path, lang
):
    # The grade's status line takes rows under the screen: the statement
    # and the blank lines give way, never the call that reproduces it.
    tree = _focused_tree(tmp_path / "kata", "softmax", "wrong_axis_zero")
    words = AXIS_WORDS[lang]
    columns, height = NARROW
    args = ("--lang", lang, "--timeout", "6")
    with terminal_watch(tree, size=NARROW, args=args) as (process, controller):
        _read_screen(controller, NARROW_WORDS[lang]["keys"].encode(), SCREEN_TIMEOUT)
        (tree / "exercises" / "softmax.py").write_text(ENDLESS_SOFTMAX)
        seen = _read_screen(controller, words["ticking"].encode(), SCREEN_TIMEOUT + 6)
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    rows = _terminal_rows(seen, columns)
    assert len(rows) < height and rows[0].startswith("nn-kata watch:"), rows
    assert words["call"] in rows, rows
    assert any(words["mistake"] in row for row in rows), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_first_grade_held_up_shows_q_at_once_and_what_it_waits_for(tree, lang):
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    args = ("--timeout", "6", "--lang", lang)
    waits = {
        "en": "which the grade waits for, up to the time limit",
        "ja": "これが終わるまで採点は待機(長くても制限時間まで)",
    }[lang]
    keys = {
        "en": "keys during the grade: q quit | the others act once it ends",
        "ja": "採点中のキー操作: q で終了 | ほかのキーは採点後に有効",
    }[lang]
    stopped = {
        "en": "The watch stopped before the grade under way finished.",
        "ja": "採点が終わる前に watch を終了しました。",
    }[lang]
    with terminal_watch(tree, kept=False, size=(100, 30), args=args) as (
        process,
        controller,
    ):
        seen = _read_until_said(controller, waits, FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"q")
        said = _read_until(controller, stopped.encode(), SCREEN_TIMEOUT)
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    rows = _terminal_rows(b"\x1b[2J" + seen, 100)
    rows = rows[:-1] if rows[-1] == "" else rows
    assert rows[-1] == keys, rows  # the line of keys stays last
    status = "".join(row.strip() for row in rows[1:-1])
    assert "".join(waits.split()) in "".join(status.split()), rows
    # Once q is pressed, the last line says that the watch stopped, in
    # place of the keys, which act no more, under what was graded.
    rows = [row for row in _terminal_rows(b"\x1b[2J" + seen + said, 100) if row]
    assert rows[-1] == stopped and keys not in rows, rows
    assert rows[-2].startswith(("Grading exercises/", "exercises/ を採点")), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_wide_terminal_prose_is_no_wider_than_its_reading_width(tmp_path, lang):
    tree = _focused_tree(tmp_path / "kata", "softmax", "wrong_axis_zero")
    words = AXIS_WORDS[lang]
    keys = NARROW_WORDS[lang]["keys"].encode()
    with terminal_watch(tree, size=(140, 40), args=("--lang", lang)) as (
        process,
        controller,
    ):
        _read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"h")
        rows = _rows(_read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    # The statement, the likely mistake and the hint, broken at the
    # reading width though the terminal has 140 columns.
    assert any(row.startswith(words["hint"]) for row in rows), rows
    assert any(words["mistake"] in row for row in rows), rows
    widest = max(rows, key=i18n.width)
    assert i18n.width(widest) <= PROSE_COLUMNS, widest
    hint = next(i for i, row in enumerate(rows) if row.startswith(words["hint"]))
    assert rows[hint + 1].strip(), rows  # broken: the hint goes on below


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_h_on_the_list_or_the_report_says_it_went_back_to_the_exercise(tmp_path, lang):
    tree = _focused_tree(tmp_path / "kata", "softmax", "wrong_axis_zero")
    words = AXIS_WORDS[lang]
    running = WatchProcess(tree, "--lang", lang)
    try:
        running.screen(FIRST_SCREEN_TIMEOUT)
        running.press("l")
        running.screen()
        running.press("h")
        listed = running.screen()
        assert words["listed"] in _top_line(listed)
        assert words["hint"] in listed
        for _ in range(3):  # to the last of softmax's four hints
            running.press("h")
            running.screen()
        running.press("c")
        running.screen(SCREEN_TIMEOUT)
        running.press("h")
        reported = running.screen()
        assert words["reported"] in _top_line(reported)
    finally:
        running.stop()


def _top_line(screen: str) -> str:
    """The top line of a `screen` printed through a pipe."""
    return next(line for line in screen.splitlines() if "nn-kata watch" in line)


def _read_until_said(fd: int, words: str, timeout: float) -> bytes:
    """What the terminal shows until `words` are said, in whatever rows
    they are broken into (spaces and escape codes aside), and what follows
    until the output is quiet: the rest of the redraw that says them."""
    wanted = "".join(words.split())
    seen = b""
    while wanted not in "".join(ESCAPES.sub("", seen.decode(errors="ignore")).split()):
        seen += _read_until(fd, b"\n", timeout)
    while select.select([fd], [], [], QUIET)[0]:
        seen += os.read(fd, 4096)
    return seen


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_hint_only_remembered_gives_way_to_the_failure(
    tmp_path, lang
):
    def screen(folder: Path, read_before: bool) -> list[str]:
        tree = _focused_tree(folder, "numerical_gradient", "wrong_default_step_1e3")
        if read_before:
            # Every hint read before the watch started: the watch brings
            # back the last, which nobody asked for just now.
            hinted = kata(tree, "hint", "--all", "numerical_gradient")
            assert hinted.returncode == 0
        rows = _narrow_screen(tree, lang)
        return [re.sub(r"[0-9.]+ (s|秒)", "", row) for row in rows]  # untimed

    remembered = screen(tmp_path / "remembered", True)
    unhinted = screen(tmp_path / "unhinted", False)

    # The failure leaves the hint no row: it goes whole, and the failure
    # keeps every row it has without one.
    assert remembered == unhinted
    assert any(row.startswith("✗ test_") for row in remembered), remembered
    assert NARROW_WORDS[lang]["actual"] in "\n".join(remembered)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80", "60"])
def test_on_a_terminal_the_top_line_of_a_save_takes_one_row(tmp_path, lang, size):
    tree = _focused_tree(tmp_path / "kata", "softmax", "wrong_sigmoid_instead")
    keys = NARROW_WORDS[lang]["keys"].encode()
    with terminal_watch(tree, size=size, args=("--lang", lang)) as (
        process,
        controller,
    ):
        _read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        softmax = tree / "exercises" / "softmax.py"
        softmax.write_text(softmax.read_text() + "\n")
        # The top line's word for a save: "softmax.py" alone may be found
        # in what is left of the first screen on a busy machine.
        saved = {"en": "saved ", "ja": "を保存"}[lang]
        rows = _rows(_read_screen(controller, saved.encode(), SCREEN_TIMEOUT))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)

    columns, height = size
    assert rows[0].startswith("nn-kata watch:") and "softmax.py" in rows[0], rows
    assert i18n.width(rows[0]) < columns and rows[1] == "", rows
    assert len(rows) < height


# A statement that says what broke at its end, over a value of two entries.
REPEATED_W1 = TWO_GENERATORS


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_value_of_several_entries_gives_way_before_the_statement(lang):
    from grader.watch import _fitted

    width = 79
    with i18n.speaking(lang):
        whole = _fitted(REPEATED_W1, UNLIMITED_ROWS, "    ", width).splitlines()
        statement = whole[: next(i for i, r in enumerate(whole) if r[4] == " ")]
        # The fewest rows with the statement whole: each entry of what
        # came back down to its first row.
        least = len(whole) - 7
        shown = {
            limit: _fitted(REPEATED_W1, limit, "    ", width).splitlines()
            for limit in range(least, len(whole))
        }
    for limit, lines in shown.items():
        assert len(lines) <= limit and lines[: len(statement)] == statement, limit
        # Each entry keeps its first row, side by side: w2 repeats w1.
        entries = [line.split(" = ")[1][:16] for line in lines if " = [[" in line]
        assert entries == ["[[0.0126, -0.013"] * 2, (limit, lines)
    assert all(line.endswith("], …") for line in shown[least] if " = [[" in line)


SIGMOID_FOR_SOFTMAX = """\
softmax must be exp(x) divided by the sum of exp(x) over each slice along the \
last axis.
  call      softmax([[1.0, 1.0], [0.0, 1.0986]])
  expected  [[0.5, 0.5], [0.25, 0.75]]
  actual    [[0.7311, 0.7311], [0.5, 0.75]]
  likely mistake: the sigmoid of each score, 1 / (1 + exp(-x)), which looks at \
every score on its own: softmax divides exp(x) by the sum of exp(x) over the \
slice, so that the slice sums to 1."""


@pytest.mark.parametrize(
    ("lang", "message", "width"),
    [
        ("ja", SIGMOID_FOR_SOFTMAX, NARROW[0] - 1),
        ("ja", REPEATED_W1, 79),
        ("en", SIGMOID_FOR_SOFTMAX, NARROW[0] - 1),
        ("en", REPEATED_W1, 79),
    ],
)
def test_a_statement_cut_short_ends_after_a_clause_or_a_word(lang, message, width):
    from grader.watch import _fitted

    with i18n.speaking(lang):
        whole = _fitted(message, UNLIMITED_ROWS, "    ", width).splitlines()
        least = len(whole) - 1
        while _fitted(message, least, "    ", width).splitlines()[0] == whole[0]:
            least -= 1
        cut = _fitted(message, least, "    ", width).splitlines()[0]

    assert cut.endswith("…") and cut.rstrip(" …") in whole[0], cut
    # A clause's end is not worth most of what the row says.
    assert i18n.width(cut) * 2 >= i18n.width(whole[0]), cut
    if lang == "ja":
        # Never inside a word: after a clause, or where the line broke,
        # which the rules of Japanese line breaking chose.
        assert cut.endswith(("、…", "。…")) or cut[:-1] == whole[0].rstrip(), cut
    else:
        assert cut.endswith(" …") and f"{cut[:-2]} " in f"{whole[0]} ", cut


# The failure of backprop taking the sigmoid's slope at h: what was
# expected and what came back are of four rows each.
SIGMOID_OF_H = """\
The gradient for w1 is not the derivative of the loss by w1.
  call      backward({'w1': [[0.02, 0.9, -0.71], [0.9, -0.38, -0.15]]},
                     [[1.92, 1.85, 0.9, 0.16]],
                     [[1.0, 0.0]])
  expected  [[-0.0617, -0.0468, 0.0865],
             [-0.0595, -0.0451, 0.0834],
             [-0.0289, -0.0219, 0.0406],
             [-0.0051, -0.0039, 0.0072]]
  actual    [[-0.1066, -0.0676, 0.1944],
             [-0.1027, -0.0651, 0.1873],
             [-0.0499, -0.0317, 0.0911],
             [-0.0089, -0.0056, 0.0162]]
  likely mistake: the sigmoid's slope was taken at h, which is already the \
sigmoid's output: the slope is h * (1 - h), or sigmoid_grad(z1)."""
# Where a part of a failure starts, as the watch lays it out; the labels
# of what was expected and what came back, by language.
PART_START = re.compile(r" {6}\S")
VALUE_LABELS = {"en": ("expected", "actual"), "ja": ("期待値", "実際の値")}


def _part_rows(lines: list[str], label: str) -> list[str]:
    """The rows of the part of a failure's `lines` that starts with
    `label`; [] when it has gone."""
    starts = [i for i, line in enumerate(lines) if PART_START.match(line)]
    ends = dict(zip(starts, [*starts[1:], len(lines)], strict=True))
    start = next((i for i in starts if lines[i][6:].startswith(label)), None)
    return [] if start is None else lines[start : ends[start]]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [79, NARROW[0] - 1])
def test_expected_and_actual_of_as_many_rows_keep_as_many_rows(lang, width):
    from grader.watch import _fitted

    with i18n.speaking(lang):
        whole = _fitted(SIGMOID_OF_H, UNLIMITED_ROWS, "    ", width).splitlines()
        shown = {
            limit: _fitted(SIGMOID_OF_H, limit, "    ", width).splitlines()
            for limit in range(4, len(whole))
        }
    for limit, lines in shown.items():
        assert len(lines) <= limit, limit
        expected, actual = (_part_rows(lines, label) for label in VALUE_LABELS[lang])
        if not expected:
            continue  # gone whole: what came back goes after it
        # Row for row, the note of the rows one hides counted on both sides.
        assert len(expected) == len(actual), (limit, lines)
        notes = [row.strip().startswith("[... ") for row in expected]
        assert notes == [row.strip().startswith("[... ") for row in actual], limit
    # The values did give way, both with a note, before they went whole.
    assert any(
        sum(r.strip().startswith("[... ") for r in v) == 2 for v in shown.values()
    )


def _backprop_watch(tree: Path, size: tuple[int, int], saved: str = "") -> tuple:
    """The rows of the watch on `tree` at `size` once `h` is pressed, and
    then, if `saved` names a mutant of backprop, once it is saved as that
    mutant (else [])."""
    with terminal_watch(tree, size=size) as (process, controller):
        _read_screen(controller, b"keys: ", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"h")
        asked = _rows(_read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT))
        after = []
        if saved:
            source = (MUTANTS / "backprop" / f"{saved}.py").read_text()
            (tree / "exercises" / "backprop.py").write_text(source)
            after = _rows(_read_screen(controller, b"saved ", SCREEN_TIMEOUT))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    return asked, after


def _hinted_backprop(folder: Path) -> Path:
    """A project whose backprop takes the sigmoid's slope at h, with
    every hint of it read before the watch starts."""
    tree = _focused_tree(folder, "backprop", "wrong_double_sigmoid")
    assert kata(tree, "hint", "--all", "backprop").returncode == 0
    return tree


def test_a_hint_asked_for_gives_way_once_a_save_is_graded(tmp_path):
    tree = _hinted_backprop(tmp_path / "kata")
    asked, saved = _backprop_watch(tree, NARROW, "wrong_missing_mean")

    # Asked for, the last hint stays whole, and the failure gives way.
    shown = " ".join(row.strip() for row in asked)
    assert "Hint 4 of 4, the last: " in shown
    assert "Do not apply sigmoid to h again." in shown
    # The save shows another failure: the hint gives way first, as a hint
    # only remembered does, and the failure keeps its rows.
    screen = "\n".join(saved)
    assert "dz2 needs a division by N." in " ".join(r.strip() for r in saved)
    assert "Hint 4 of 4" not in screen, saved
    assert _part_rows(saved, "expected") and _part_rows(saved, "actual"), saved
    assert len(saved) < NARROW[1], saved


def test_on_a_tiny_terminal_a_hint_asked_for_leaves_the_exercise_in_sight(tmp_path):
    size = (40, 12)
    asked, _after = _backprop_watch(_hinted_backprop(tmp_path / "kata"), size)

    assert asked[0].startswith("nn-kata watch:"), asked
    assert any(row.startswith("8. backprop: Backpropagation") for row in asked)
    assert "failing" in "\n".join(asked) and "3/6 tests" in "\n".join(asked)
    assert len(asked) < size[1] and all(i18n.width(row) < 40 for row in asked)


# A terminal of 40 columns and 12 rows: the smallest the watch is made for.
TINY = (40, 12)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_note_breaks_a_command_too_wide_for_a_row_only_at_its_spaces(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn({}, TINY, EXERCISE, watches.append)
        watch = watches[0]
        watch.prog = "python -m grader --lang ja"
        rows = watch.noted(watch.more_lines_note(16)).plain.split("\n")
        # A part wider than a row is shown whole, on a row of its own.
        long = "`python_-m_grader_check_numerical_gradient` shows"
        alone = watch.noted(long).plain.split("\n")

    command = f"`{watch.prog} check {watch.focus.name}`"
    assert all(i18n.width(row) < TINY[0] for row in rows), rows
    # Broken at the command's spaces: its words each whole on one row.
    words = [word.strip("`") for row in rows for word in row.split()]
    assert all(part.strip("`") in words for part in command.split()), rows
    assert alone[0] == long.split()[0]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("columns", [80, 60])
def test_status_lines_take_one_row_at_80_columns_with_the_longest_name(
    request, lang, columns
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    name = max(NAMES, key=len)
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn({}, (columns, 24), EXERCISE, watches.append)
        watch = watches[0]
        grading = [
            i18n._(
                "grading {name}: {seconds} s (limit {limit} s; saving regrades; "
                "q quits)",
                name=name,
                seconds=30,
                limit=30,
            ),
            i18n._(
                "grading: {done} of {total} finished, {seconds} s (limit "
                "{limit} s each; saving regrades; q quits)",
                done=10,
                total=10,
                seconds=100,
                limit=30,
            ),
        ]
        status = [watch.status_text(line).plain.split("\n") for line in grading]
        watch.focus = next(e for e in watch.project.exercises if e.name == name)
        tops = []
        for said in ["hint", "done", "none", "last"]:
            watch.hint_said = said
            watch.event = watch.back_for_hint()
            tops.append(watch.wrapped(watch.top_line()).plain.split("\n"))

    most = 1 if columns == 80 else 2
    assert all(len(rows) <= most for rows in status), status
    assert all(len(rows) <= most for rows in tops), tops
    assert all(i18n.width(row) < columns for rows in status + tops for row in rows)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_all_done_keeps_the_score_and_the_closing_line(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    with i18n.speaking(lang):
        rows = watch_screen_drawn(done_runs(), TINY, SUMMARY)
        closing = i18n._("All {count} exercises done. Well done!", count=len(NAMES))
        score = "得点 100/100" if lang == "ja" else "score 100/100"

    screen = "".join("".join(rows).split())
    assert "".join(score.split()) in screen, rows
    # Wider than the row, the closing line is kept on two.
    assert "".join(closing.split()) in screen, rows


DICT_CALL = [
    "  call      backward({'w1': [[0.02, 0.9, -0.71],",
    " " * 29 + "[0.9, -0.38, -0.15]],",
    " " * 22 + "'b1': [-0.34, 0.58, -0.39],",
    " " * 22 + "'w2': [[-0.09, -0.73],",
    " " * 29 + "[-0.19, -0.59],",
    " " * 29 + "[-0.48, 0.5]]},",
    " " * 21 + "[[1.92, 1.85, 0.9, 0.16]],",
    " " * 21 + "[[1.0, 0.0]])",
]


@pytest.mark.parametrize(
    ("excess", "end"),
    [
        (5, "[[0.02, 0.9, -0.71], … 2 more keys}"),
        (3, "'b1': [-0.34, 0.58, -0.39], … 1 more key}"),
        (1, "[-0.19, -0.59], …}"),
    ],
)
def test_a_dict_argument_cut_short_still_shows_where_it_ends(excess, end):
    with i18n.speaking("en"):
        kept = _to_arguments(DICT_CALL, excess, 79, "…")

    assert len(kept) == len(DICT_CALL) - excess
    assert kept[-3].endswith(end), kept
    assert kept[-2:] == DICT_CALL[-2:]  # x and y, whole, after the dict


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_keys_typed_during_a_grade_are_said_on_its_status_line(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn({}, (80, 24), EXERCISE, watches.append)
        watch = watches[0]
        line = i18n._(
            "grading {name}: {seconds} s (limit {limit} s; saving regrades; q quits)",
            name="sgd",
            seconds=3,
            limit=30,
        )
        quiet = watch.status_text(line).plain
        # Full-width, as typed with an input method on; twice, said once.
        watch.keys = SimpleNamespace(typed=lambda: "ｃxlc")
        said = watch.status_text(line).plain

    assert quiet.replace("\n", " ") == line
    # The rows joined again: Japanese runs on with no space between them.
    joined = re.sub(r"\n *", " " if lang == "en" else "", said)
    expected = "keys typed: c, l" if lang == "en" else "入力済みのキー: c、l"
    assert expected in joined


# Failures a learner meets early, as the grade words them: the statement
# says what failed, the likely mistake what to change.
EARLY_FAILURES = {
    "softmax": (
        "failure",
        "softmax must be exp(x) divided by the sum of exp(x) over each slice "
        "along the last axis.\n"
        "  call      softmax([[1.0, 1.0], [0.0, 1.0986]])\n"
        "  expected  [[0.5, 0.5], [0.25, 0.75]]\n"
        "  actual    [[0.7311, 0.4754], [0.2689, 0.5246]]\n"
        "  likely mistake: normalized along axis 0 (down the columns): each "
        "slice along the last axis, a row of a batch, must sum to 1. "
        "Use axis=-1.",
    ),
    "sigmoid": (
        "failure",
        "sigmoid(x) must be 1 / (1 + exp(-x)) for every element of x.\n"
        "  call      sigmoid([-1.0, 0.0, 1.0])\n"
        "  expected  [0.2689, 0.5, 0.7311]\n"
        "  actual    [0.7311, 0.5, 0.2689]\n"
        "  likely mistake: the sign in the exponent: s(x) = 1 / (1 + exp(-x)), "
        "so that s(1) is above 0.5.",
    ),
    "cross_entropy": (
        "failure",
        "cross_entropy must be the mean over the samples of -log(the "
        "probability of the true class).\n"
        "  call      cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0] (int64))\n"
        "  expected  0.4904\n"
        "  actual    0.9808\n"
        "  likely mistake: the sum over the samples, not the mean: divide by "
        "N, the number of samples.",
    ),
    "one_hot": (
        "exception",
        "one_hot([2, 0] (list), 3) raised NameError: name 'num_clases' is not "
        "defined\n"
        "  where     exercises/one_hot.py, line 11: if labels.size and "
        "(labels.min() < 0 or labels.max() >= num_clases):\n"
        "  likely mistake: a typo? num_clases is not defined here; did you "
        "mean num_classes?",
    ),
}


def _early_failure_runs(name: str) -> dict:
    """The exercises before `name` done, and `name` failing four tests as
    EARLY_FAILURES says, its docstring's example first."""
    kind, message = EARLY_FAILURES[name]
    tests = ["gives_the_docstring_example", "a", "b", "c"]
    failures = [TestResult(f"test_{name}_{t}", False, kind, message) for t in tests]
    runs = {
        done: ExerciseRun(done, [TestResult("test_ok", True)])
        for done in NAMES[: NAMES.index(name)]
    }
    runs[name] = ExerciseRun(name, failures)
    return runs


def _first_grade_event(lang: str) -> str:
    """What the top line says of the first grade, as the watch says it."""
    with i18n.speaking(lang):
        return i18n._("first grade, {seconds} s", seconds="3.05")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", sorted(EARLY_FAILURES))
def test_on_a_tiny_terminal_a_failure_says_what_failed_before_anything_else(
    request, lang, name
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    kind, message = EARLY_FAILURES[name]
    width = TINY[0] - 1

    def after_first_grade(watch):
        # The top line of the first screen takes two rows of 40 columns.
        watch.event = _first_grade_event(lang)

    with i18n.speaking(lang):
        runs = _early_failure_runs(name)
        rows = watch_screen_drawn(runs, TINY, EXERCISE, after_first_grade)
        statement = _fitted(message.split("\n")[0], UNLIMITED_ROWS, "    ", width)

    statement_rows = statement.split("\n")
    # Right under the test's name, the statement's first row, whole or cut
    # short: neither a note nor the call takes its rows.
    name_row = next(i for i, row in enumerate(rows) if row.startswith("✗ test_"))
    first = next(row for row in rows[name_row + 1 :] if row.startswith("    "))
    assert len(first.rstrip(" …")) > len("    ") + 8, rows
    if kind == "exception":
        # Of a call that raised, the exception says what failed: the call
        # may give way to it.
        raised = next(row for row in statement_rows if "NameError" in row)
        assert raised in rows, rows
        assert first in (raised, statement_rows[0]), rows
    else:
        assert statement_rows[0].startswith(first.rstrip(" …")), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", sorted(EARLY_FAILURES))
def test_on_a_narrow_terminal_a_failure_keeps_its_statement_and_mistake_whole(
    request, lang, name
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    kind, message = EARLY_FAILURES[name]
    width = NARROW[0] - 1
    with i18n.speaking(lang):
        rows = watch_screen_drawn(_early_failure_runs(name), NARROW, EXERCISE)
        whole = _fitted(message, UNLIMITED_ROWS, "    ", width).split("\n")

    mistake = next(
        i
        for i, row in enumerate(whole)
        if "likely mistake" in row or "考えられる" in row
    )
    raised = [row for row in whole if "NameError" in row]
    kept = [*(raised or whole[:1]), *whole[mistake:]]
    assert all(row in rows for row in kept), (kept, rows)


# softmax's failure whose statement takes two rows of 60 columns in either
# language, with a likely mistake of five.
GLOBAL_MAX = """\
Adding the same number to every score of a slice must not change that \
slice's probabilities.
  call      softmax([[1.0, 2.0, 3.0], [1001.0, 1002.0, 1003.0]])
  expected  [[0.09, 0.2447, 0.6652], [0.09, 0.2447, 0.6652]]
  actual    [[nan, nan, nan], [0.09, 0.2447, 0.6652]]
  likely mistake: the maximum of the whole array (x.max()) was subtracted: \
for a row far below the others every exp underflows to 0, and 0 / 0 is nan. \
Subtract each row's own maximum, x.max(axis=-1, keepdims=True)."""


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("height", range(16, 22))
def test_the_count_of_other_failures_gives_way_before_the_statement(
    request, lang, height
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_softmax_{n}", False, "failure", GLOBAL_MAX) for n in "abcd"
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["softmax"] = ExerciseRun("softmax", failures)

    def with_long_prog(watch):
        # As the watch says it run as `python -m grader --lang ja`: the
        # command in the count line takes a row more.
        watch.prog = "python -m grader --lang ja"

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, (60, height), EXERCISE, with_long_prog)
        count = i18n._(
            "{count} more failing; `{prog} check {name}` shows them all.",
            count=3,
            prog="python -m grader",
            name="softmax",
        )
    statement = rows[next(i for i, r in enumerate(rows) if r.startswith("✗")) + 1]
    counted = any(row.startswith(count[:8]) for row in rows)
    # The statement of the failure shown is cut short only once the count
    # of the others has given way.
    assert not (counted and statement.endswith("…")), rows


# softmax's call that raised, its likely mistake too long for a screen
# of 40 by 12 beside the exception.
AXIS_ONE = """\
softmax([1.0, 2.0, 3.0]) raised AxisError: axis 1 is out of bounds for \
array of dimension 1
  where     exercises/softmax.py, line 12: e = np.exp(x - x.max(axis=1, \
keepdims=True))
  likely mistake: normalized along axis 1, which is the last axis only for \
2-D input. axis=-1 is the last axis for any number of axes."""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_a_failure_without_its_mistake_says_rows_are_gone(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_softmax_{n}", False, "exception", AXIS_ONE) for n in "ab"
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["softmax"] = ExerciseRun("softmax", failures)

    def after_first_grade(watch):
        # The note with its command takes three rows of 40 columns: it is
        # said short, in the one row the failure leaves under a top line
        # of two.
        watch.prog = "python -m grader --lang ja"
        watch.event = _first_grade_event(lang)

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, TINY, EXERCISE, after_first_grade)
        short = i18n._("[... {count} more lines]", count=0)

    assert any(row.startswith(short[:5]) for row in rows), rows
    assert len(rows) == TINY[1] - 1, rows  # every row but the cursor's


# The line of keys of the list once every exercise is done, by language:
# each key that acts there, n showing what is left to do.
DONE_LISTING_KEYS = {
    "en": "keys: b back to the exercise | n what next | l list | c check all | q quit",
    "ja": "キー: b 演習に戻る | n 次にできること | l 一覧 | c すべて採点 | q 終了",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_list_of_every_exercise_done_offers_n_for_what_next(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn(done_runs(), (120, 30), LISTING)

    assert rows[-1] == DONE_LISTING_KEYS[lang], rows


class _RecordingSession:
    """In place of the watch's warm test session: records which exercises
    each grade runs, and ends each with `runs[name]` (passed by default)."""

    def __init__(self, runs: dict):
        self.runs = runs
        self.graded: list[list[str]] = []
        self.children: list = []

    def run(self, jobs, on_finish=None, cancel=None):
        self.graded.append([job.name for job in jobs])
        results = []
        for index, job in enumerate(jobs):
            run = self.runs.get(job.name) or ExerciseRun(
                job.name, [TestResult("test_ok", True)]
            )
            results.append(run)
            if on_finish is not None:
                on_finish(index, run)
        return results


def _typed_keys(typed: str) -> SimpleNamespace:
    """Keys on a terminal, `typed` during the grade under way."""
    return SimpleNamespace(
        typed=lambda: typed, terminal=True, marked=True, mark=lambda: None
    )


def _looping_watch(watch_screen_drawn, monkeypatch) -> tuple:
    """A watch drawn at 100x30 whose grades run softmax to the time limit,
    and the session that records what they run."""
    from grader import watch as watch_module

    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    looping = ExerciseRun("softmax", error="ran until the time limit", timed_out=True)
    session = _RecordingSession({"softmax": looping})
    watches = []
    watch_screen_drawn({}, (100, 30), EXERCISE, watches.append)
    watch = watches[0]
    watch.tests = lambda: session
    watch.session = session
    return watch, session


def test_c_typed_later_than_a_loops_grade_runs_it_again(request, monkeypatch):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watch, session = _looping_watch(watch_screen_drawn, monkeypatch)

    # `c` pressed once the screen of the loop's grade is shown: the learner
    # asks for a new grade of everything.
    watch.keys = _typed_keys("")
    watch.saved(["softmax"])
    watch.press("c")

    assert "softmax" in session.graded[1], session.graded


def test_c_does_not_run_again_a_loop_whose_grade_just_ran_to_the_time_limit(
    request, monkeypatch
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watch, session = _looping_watch(watch_screen_drawn, monkeypatch)
    looping = session.runs["softmax"]

    # A save of the exercise that loops: its grade runs to the time limit;
    # `c`, typed during it, acts once it ends.
    watch.keys = _typed_keys("c")
    watch.saved(["softmax"])
    watch.press("c")

    assert session.graded[0] == ["softmax"]
    assert "softmax" not in session.graded[1], session.graded
    assert sorted(session.graded[1]) == sorted(n for n in NAMES if n != "softmax")
    assert watch.runs["softmax"] is looping and watch.view == SUMMARY
    assert "softmax unchanged, not run to the time limit again" in watch.event


def test_a_key_typed_during_a_quick_grade_of_one_is_said_taken_at_once(request):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watches = []
    watch_screen_drawn({}, (100, 30), EXERCISE, watches.append)
    watch = watches[0]
    watch.keys = SimpleNamespace(typed=lambda: "n")
    out = watch.out.file

    # Well before a second has gone by: the grade's seconds are not worth
    # a line yet, but the key typed is.
    before = len(out.getvalue())
    with watch.seconds_shown("softmax"):
        watch.tick()
        shown = out.getvalue()[before:]

    assert "keys typed: n (they act once the" in shown, shown


# A call that raised, laid out over rows of its own, with a likely mistake.
RAISED_NAME_ERROR = (
    "sgd_update({'w': [1.0, 2.0]}, {'w': [10.0, -10.0]}, 0.1) raised "
    "NameError: name 'grad' is not defined\n"
    "  where     exercises/sgd.py, line 13: param -= lr * grad[key]\n"
    "  likely mistake: a typo? grad is not defined here; did you mean grads?"
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_call_that_raised_gives_way_to_its_exception_and_the_likely_mistake(lang):
    width = NARROW[0] - 1
    with i18n.speaking(lang):
        rows = _fitted(RAISED_NAME_ERROR, UNLIMITED_ROWS, "    ", width).split("\n")
        label = {"en": "likely mistake:", "ja": "考えられる間違い:"}[lang]
        said = [row for row in rows if "NameError" in row]
        advice = rows[next(i for i, row in enumerate(rows) if label in row) :]
        limit = len(said) + len(advice)
        shown = _fitted(RAISED_NAME_ERROR, limit, "    ", width).split("\n")

    # The exception says what failed, the mistake what to change: the call
    # that raised, which comes before them, gives way to them.
    assert len(rows) > limit
    assert shown == [*said, *advice], shown


# A run of softmax that a grade stopped at the time limit of 30 s, as
# .kata/grades.json keeps it.
LOOP_KEPT = ExerciseRun(
    "softmax",
    [TestResult("test_softmax_rows_sum_to_one", False, TIMEOUT, "still running")],
    error="exercises/softmax.py was still running after 30 s",
    timed_out=True,
    stopped_at_limit=True,
)


def _loop_kept(tree: Path, limits: tuple) -> None:
    """Keep in `tree`'s .kata/grades.json a run of softmax, as it is now,
    stopped at the time limit of `limits` (time and memory)."""
    keys = cache.fingerprints(tree, "exercises", ["softmax"], limits)
    kept = {"softmax": (keys["softmax"], LOOP_KEPT)}
    cache.remember(tree / ".kata", "exercises", kept, limits)


def _kept_grades_watch(watch_screen_drawn, tree: Path) -> tuple:
    """A watch of `tree` whose grades are recorded, not run (each passes),
    and the session that records them."""
    session = _RecordingSession({})
    watches = []
    watch_screen_drawn({}, (100, 30), EXERCISE, watches.append)
    watch = watches[0]
    watch.project = open_project(tree)
    watch.tests = lambda: session
    watch.session = session
    return watch, session


def test_the_first_grade_shows_a_kept_loop_of_unchanged_code_without_running_it(
    request, tree
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    (tree / "exercises" / "softmax.py").write_text(ENDLESS_SOFTMAX)
    watch, session = _kept_grades_watch(watch_screen_drawn, tree)
    _loop_kept(tree, watch.limits)

    assert watch.grade_all()

    assert "softmax" not in session.graded[0], session.graded
    assert watch.runs["softmax"].timed_out
    # Said as the last grade's result: not as run by this one.
    assert "softmax unchanged, not run to the time limit again" in watch.event
    assert "ran until the time limit" not in watch.event

    # A save of it runs it again, as any save does.
    (tree / "exercises" / "softmax.py").write_text(solution("softmax"))
    watch.saved(["softmax"])
    assert session.graded[1] == ["softmax"]
    assert not watch.runs["softmax"].timed_out


def test_the_first_grade_runs_a_loop_kept_of_code_changed_since(request, tree):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    (tree / "exercises" / "softmax.py").write_text(ENDLESS_SOFTMAX)
    watch, session = _kept_grades_watch(watch_screen_drawn, tree)
    _loop_kept(tree, watch.limits)
    (tree / "exercises" / "softmax.py").write_text(solution("softmax"))

    assert watch.grade_all()

    assert "softmax" in session.graded[0], session.graded
    assert "unchanged" not in watch.event


def test_a_watch_started_on_a_kept_loop_shows_it_at_once_and_regrades_a_save(
    tree, watch
):
    # The full grade ran softmax to the default time limit of 30 s: the
    # watch's first screen comes well before that limit, and says why.
    (tree / "exercises" / "softmax.py").write_text(ENDLESS_SOFTMAX)
    _loop_kept(tree, (DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB))
    running = watch()
    first = running.screen(DEFAULT_TIMEOUT - 10)
    top = next(line for line in first.splitlines() if "nn-kata" in line)
    assert re.search(
        r"\(first grade, [0-9.]+ s; softmax unchanged, not run to the time "
        r"limit again\)",
        top,
    ), top

    (tree / "exercises" / "softmax.py").write_text(solution("softmax"))
    saved = running.screen_with("saved exercises/softmax.py")
    line = next(line for line in saved.splitlines() if "3. softmax" in line)
    assert "done" in line, saved
    running.quit()


# What the first grade's top line says of sgd, which it ran until the time
# limit, and of softmax, kept from a grade that did, by language.
FIRST_GRADE_LOOPS = {
    "en": (
        "sgd ran until the time limit of 30 s; softmax unchanged, not run to "
        "the time limit again"
    ),
    "ja": "sgd を制限時間の 30 秒で止めました(softmax は変更がないので、制限時間まで",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_first_grade_tells_a_loop_it_ran_from_a_loop_kept(request, tree, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    (tree / "exercises" / "softmax.py").write_text(ENDLESS_SOFTMAX)
    watch, session = _kept_grades_watch(watch_screen_drawn, tree)
    _loop_kept(tree, watch.limits)
    session.runs["sgd"] = ExerciseRun(
        "sgd", error="ran until the limit", timed_out=True
    )

    with i18n.speaking(lang):
        assert watch.grade_all()

    assert "softmax" not in session.graded[0] and "sgd" in session.graded[0]
    assert FIRST_GRADE_LOOPS[lang] in watch.event, watch.event


# A call that changed its argument in place, as the tests write it.
CHANGED_IN_PLACE = (
    "backward changed its argument t in place.\n"
    "  before  [[1.0, 0.0]]\n"
    "  after   [[0.4149, -0.4149]]\n"
    "  where   exercises/backprop.py, line 17: t -= probs\n"
    "  likely mistake: t itself was changed: an in-place operator (t -= ..., "
    "t /= ...), a slice assignment (t[...] = ...), or out=t in a NumPy "
    "function. Compute a new array instead: t = t - ..., or np.clip and the "
    "like without out=."
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_argument_before_and_after_a_call_give_way_together(lang):
    width = NARROW[0] - 1
    labels = {"en": ("  before  ", "  after   "), "ja": ("呼び出し前", "呼び出し後")}
    before, after = labels[lang]
    with i18n.speaking(lang):
        whole = _fitted(CHANGED_IN_PLACE, UNLIMITED_ROWS, "    ", width).split("\n")
        shown = {
            limit: _fitted(CHANGED_IN_PLACE, limit, "    ", width)
            for limit in range(1, len(whole) + 1)
        }

    # After the call without before it says nothing of what the call
    # changed: both are shown, or neither.
    assert any(before in text for text in shown.values())
    assert any(before not in text for text in shown.values())
    for limit, text in shown.items():
        assert (before in text) == (after in text), (limit, text)


def _long_failure_runs() -> dict:
    """The exercises before backprop done, and backprop failing with a
    message longer than any screen here: its screen fills the terminal."""
    rows = "\n".join(f"  [{i}.0, 0.0]," for i in range(12))
    message = CHANGED_IN_PLACE.replace("[[1.0, 0.0]]", f"[\n{rows}]")
    runs = {
        done: ExerciseRun(done, [TestResult("test_ok", True)])
        for done in NAMES[: NAMES.index("backprop")]
    }
    failure = TestResult("test_backward_leaves_t", False, "failure", message)
    runs["backprop"] = ExerciseRun("backprop", [failure])
    return runs


def _status_screens(
    watch_screen_drawn, runs: dict, size: tuple[int, int], lang: str
) -> list[list[str]]:
    """The rows a terminal of `size` shows as `c` grades every exercise
    and a status line says which run (two at a time, the others waiting),
    each time it is redrawn; with the exercises first run as `runs`."""
    columns, height = size
    screens: list[list[str]] = []
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn(runs, size, EXERCISE, watches.append)
        watch = watches[0]
        out = watch.out.file

        class Session(_RecordingSession):
            def run(self, jobs, on_finish=None, cancel=None):
                for index, job in enumerate(jobs):
                    cancel()  # which redraws the status line
                    screens.append(_terminal_rows(out.getvalue().encode(), columns))
                    on_finish(index, runs.get(job.name) or ExerciseRun(job.name))
                    screens.append(_terminal_rows(out.getvalue().encode(), columns))

        session = Session(runs)
        watch.tests = lambda: session
        watch.session = session
        watch.started = lambda names: names[:2]
        watch.ages = lambda: {}
        watch.keys = _typed_keys("")
        watch.press("c")
    return screens


@pytest.mark.parametrize(
    ("size", "lang"), [((40, 12), "en"), ((60, 20), "ja"), ((40, 12), "ja")]
)
def test_a_check_under_way_keeps_the_top_line_and_the_exercise_in_sight(
    request, monkeypatch, size, lang
):
    from grader import watch as watch_module

    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    columns, height = size
    screens = _status_screens(watch_screen_drawn, _long_failure_runs(), size, lang)
    status = {"en": "grading: ", "ja": "採点中: "}[lang]

    assert len(screens) == 2 * len(NAMES)
    for rows in screens:
        # Nothing scrolled: the top line says what is graded, the
        # exercise's line stays under it, and the status line is shown.
        assert len(rows) < height, rows
        assert rows[0].startswith("nn-kata watch:"), rows
        assert any(row.startswith("8. backprop") for row in rows), rows
        assert any(row.startswith(status) for row in rows), rows
        assert all(i18n.width(row) < columns for row in rows), rows


# What the top line says of a check typed during the grade of a save that
# looped, and of that save, by language.
LOOP_CHECKED = {
    "en": ("saved sgd.py", "sgd not run again"),
    "ja": ("sgd.py を保存", "sgd は再実行せず"),
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_check_after_a_save_that_looped_is_said_in_one_row_at_80_columns(
    request, monkeypatch, lang
):
    from grader import watch as watch_module

    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    looping = ExerciseRun("sgd", error="ran until the time limit", timed_out=True)
    session = _RecordingSession({"sgd": looping})
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn({}, (80, 24), EXERCISE, watches.append)
        watch = watches[0]
        watch.tests = lambda: session
        watch.session = session
        # `c` typed while the save that loops is graded: it acts after.
        watch.keys = _typed_keys("c")
        watch.saved(["sgd"])
        watch.press("c")
    rows = _terminal_rows(watch.out.file.getvalue().encode(), 80)

    assert session.graded[1] and "sgd" not in session.graded[1]
    assert rows[0].startswith("nn-kata watch:") and rows[1] == "", rows
    saved, kept = LOOP_CHECKED[lang]
    assert saved in rows[0] and kept in rows[0], rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_save_that_stops_the_grade_of_its_file_names_it_once(
    request, monkeypatch, lang
):
    from grader import watch as watch_module

    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    session = _RecordingSession({})
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn({}, (80, 24), EXERCISE, watches.append)
        watch = watches[0]
        watch.tests = lambda: session
        watch.session = session
        out = watch.out.file
        # The grade of a save of sgd, held up: the screen (of another
        # exercise) says that sgd.py is being graded.
        watch.saving = watch.saving_files = ["sgd"]
        watch.before_save_drawn = watch.under_way = True
        watch.headline = i18n._("Grading {path} ...", path="exercises/sgd.py")
        watch.redraw_during_grade()
        said = out.getvalue().rsplit("\x1b[2J", 1)[1]
        # Saved again, which stops that grade and grades the new code.
        watch.saving, watch.under_way = [], False
        before = len(out.getvalue())
        watch.saved(["sgd"])
        under_way = out.getvalue()[before:].split("\x1b[2J")[0]

    now = {"en": "Now grading exercises/sgd.py ...", "ja": "exercises/sgd.py"}[lang]
    assert now in said
    assert watch.headline not in said and watch.headline not in under_way


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_shapes_of_a_broadcast_outlast_the_arguments(
    tmp_path, lang
):
    tree = _focused_tree(tmp_path / "kata", "forward", "wrong_b1_in_second_layer")
    rows = _narrow_screen(tree, lang)

    screen = "\n".join(rows)
    # What came back names the mistake: its shapes stay, whole.
    assert "broadcast together with shapes (2,3) (5,)" in screen, rows
    # The arguments gave way to a note, the one the mistake names kept.
    assert any(row.strip().startswith("b1 = [0.0") for row in rows), rows
    assert not any(row.strip().startswith("w1 = ") for row in rows), rows


@pytest.mark.parametrize(
    ("lang", "end"), [("en", "[[0.02, 0.9, … 2 more keys}"), ("ja", "[[0.02, 0.9,")]
)
def test_a_dict_argument_cut_short_on_a_narrow_row_still_counts_its_keys(lang, end):
    width = NARROW[0] - 1
    with i18n.speaking(lang):
        kept = _to_arguments(DICT_CALL, 5, width, "…")
        more = i18n._("{ellipsis} {count} more keys", ellipsis="…", count=2)

    # Too wide for its row with its count, the row gives up its last values.
    assert end in kept[0] and kept[0].endswith(more + "}"), kept
    assert i18n.width(kept[0]) <= width
    assert kept[-2:] == DICT_CALL[-2:]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_b_after_a_hint_brings_the_failure_back(tmp_path, lang):
    tree = _focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_default_step_1e3"
    )
    words = NARROW_WORDS[lang]
    with terminal_watch(tree, size=TINY, args=("--lang", lang)) as (
        process,
        controller,
    ):
        _read_screen(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"h")
        hinted = _terminal_rows(
            _read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT), TINY[0]
        )
        os.write(controller, b"b")
        back = _terminal_rows(
            _read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT), TINY[0]
        )
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)

    # The hint asked for took the failure's rows; read, it gives way, and
    # b says what it brought back, not that it was on screen already.
    assert not any(row.startswith("✗ test_") for row in hinted), hinted
    assert any(row.startswith("✗ test_") for row in back), back
    top = "".join(back[:2])
    assert "numerical_gradient" in top and "already" not in top, back
    assert "すでに" not in top


@pytest.mark.parametrize("keys", [("l",), ("l", "h")], ids=["list", "back-for-hint"])
@pytest.mark.parametrize("size", [NARROW, TINY], ids=["60", "40"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_top_line_of_the_list_and_of_h_back_from_it_takes_one_row(
    request, monkeypatch, lang, size, keys
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    monkeypatch.setattr(hints, "seen", lambda state: {})
    monkeypatch.setattr(hints, "remember", lambda state, name, count: None)
    runs = {name: run for name, run in done_runs().items() if name != "forward"}
    runs["forward"] = ExerciseRun("forward", [TestResult("test_x", False, "wrong")])
    view = LISTING if keys == ("l",) else EXERCISE
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, size, view, _pressed(*keys))

    # Said its shorter way: the screen's own lines need the rows more.
    assert rows[0].rstrip().endswith((")", "）")), rows
    assert not rows[1].strip(), rows


def test_a_japanese_title_too_wide_breaks_after_its_particle_and_not_a_row_more():
    from grader.render import header_rows

    title = "7. numerical_gradient: 数値微分による勾配"
    parts = [Text(title), Text("失敗あり (failing)"), Text("テスト 9/11")]
    rows = header_rows(parts, TINY[0] - 1, "   ").plain.split("\n")

    # Its last row goes on with the status: nothing there is left over to
    # lengthen, which would cut による in two or push it down a row.
    assert rows[0] == "7. numerical_gradient: 数値微分による", rows
    assert rows[1].startswith("   勾配  失敗あり") and len(rows) == 3, rows

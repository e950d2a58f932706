"""``python -m grader watch``, driven as a learner drives it: by saving files
and pressing keys."""

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.text import Text

import grader.watch as watch_module
from grader import hints, i18n, runner
from grader.exercises import NAMES
from grader.project import open_project
from grader.render import Screen, failed_mark
from grader.results import (
    ExerciseRun,
    TestResult,
)
from grader.watch import (
    BEFORE_SAVE_SHOWN,
    EXERCISE,
    SUMMARY,
    PollingSource,
    _Keys,
    _plain_keys,
    watch_command,
    wrapped_lines,
)
from selftests.grader_support import (
    clean_environment,
    ctrl_c_as_from_a_terminal,
    stub,
)
from selftests.learner_support import (
    FIRST_SCREEN_TIMEOUT,
    SCREEN_TIMEOUT,
    WatchProcess,
    kata,
    solution,
)

# The screen the watch draws, with no terminal nor test run: a fixture.
from selftests.test_grader_render import done_runs, watch_screen  # noqa: F401
from selftests.watch_support import (
    ENDLESS_SGD,
    ESCAPES,
    REPORT_WORDS,
    WRONG_SGD,
    keys_pressed,
    last_screen_rows,
    read_screen,
    read_until,
    terminal_rows,
    terminal_watch,
    wait_for_line,
)


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


def test_q_stops_a_grade_that_hangs_and_quits_at_once(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    wait_for_line(running, "Grading exercises/sgd.py")
    time.sleep(0.5)  # the grade is under way, far from its 30 s limit
    started = time.monotonic()
    running.press("q")
    assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1
    assert time.monotonic() - started < 5
    # The last line says so: sgd's grade is not known.
    wait_for_line(running, "The watch stopped before the grade under way finished.")


def test_saving_again_during_a_grade_that_hangs_grades_the_new_code(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    wait_for_line(running, "Grading exercises/sgd.py")
    time.sleep(0.5)
    started = time.monotonic()
    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    done = running.screen_with("9. sgd")
    assert "done" in done
    assert time.monotonic() - started < 10  # not after the 30 s time limit
    running.quit()


def test_on_a_terminal_one_key_acts_without_enter(tree):
    with terminal_watch(tree) as (process, controller):
        read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"q")  # no newline: cbreak mode takes it at once
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1


def test_on_a_terminal_a_grade_of_many_says_which_are_still_running(tree):
    # A fresh tree has no grade kept: the first screen grades all ten.
    with terminal_watch(tree, kept=False) as (process, controller):
        first = read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        assert b"Grading exercises/ ..." in first
        assert b"grading: 0 of 10 finished, 0 s (limit 30 s each; saving" in first
        assert b"still running: dot" in first
        assert re.search(rb"grading: [1-9] of 10 finished, [0-9]+ s \(limit", first)

        (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
        saved = read_until(controller, b"keys:", SCREEN_TIMEOUT)
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
        first = read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT + 3)
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
        first = read_until(controller, keys, FIRST_SCREEN_TIMEOUT + 4)
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
        read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        shown = read_until(
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
    wait_for_line(running, "The watch stopped.")
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


def test_ctrl_c_quits_a_watch_started_by_tests_that_run_as_a_background_job(
    tree, watch
):
    # A shell starts a background job with SIGINT ignored, which a command
    # started from it keeps: a test's watch must take Ctrl+C all the same.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        running = watch()
    finally:
        signal.signal(signal.SIGINT, previous)
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1


class _Finalized:
    """An object whose finalizer gets a Ctrl+C as it runs: Python drops
    the KeyboardInterrupt raised there ("Exception ignored in")."""

    def __del__(self):
        signal.raise_signal(signal.SIGINT)


def _ctrl_c_dropped() -> None:
    """A Ctrl+C that comes as a finalizer runs, as one may come to the
    watch as an import ends (importlib's weakref callback)."""
    _Finalized()


# The last line of a watch stopped by Ctrl+C.
STOPPED = {
    "waiting for saves": "The watch stopped.",
    "grading": "The watch stopped before the grade under way finished.",
}
# How many looks for saves, or polls of a grade, show that the watch went
# on after Ctrl+C: it looks every few tens of milliseconds.
LOOKS_AFTER_CTRL_C = 50


class _Session:
    """In place of the watch's test session: grades that run no test.
    With `dropping`, each gets a Ctrl+C that Python drops, then waits,
    asking `cancel` as the runner does."""

    dropping = False

    def __init__(self, root):
        pass

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass

    def run(self, jobs, finished, cancel):
        if not self.dropping:
            for index, job in enumerate(jobs):
                finished(index, ExerciseRun(job.name))
            return
        _ctrl_c_dropped()
        for _ in range(LOOKS_AFTER_CTRL_C):
            if cancel():
                raise runner.Cancelled
        raise AssertionError("the grade went on after Ctrl+C")


class _DroppingSource:
    """In place of the watch's file events: no save ever, and a Ctrl+C
    that Python drops at the first look."""

    idle = 0.0

    def __init__(self):
        self.looks = 0

    def changes(self) -> list[str]:
        self.looks += 1
        if self.looks == 1:
            _ctrl_c_dropped()
        assert self.looks < LOOKS_AFTER_CTRL_C, "the watch went on after Ctrl+C"
        return []


# Dropped, and said so on stderr, is what this test is about.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("when", ["waiting for saves", "grading"])
def test_a_ctrl_c_that_python_drops_stops_the_watch_all_the_same(
    tree, monkeypatch, when
):
    monkeypatch.setattr(runner, "WarmSession", _Session)
    monkeypatch.setattr(_Session, "dropping", when == "grading")
    source = _DroppingSource()
    monkeypatch.setattr(watch_module, "open_source", lambda *_, **__: (source, ""))
    args = SimpleNamespace(timeout=30, memory=None, poll=False)
    out = io.StringIO()

    with ctrl_c_as_from_a_terminal():
        code = watch_command(
            args, open_project(tree), Screen(out, io.StringIO()), "kata", io.StringIO()
        )

    assert code == 1
    assert out.getvalue().rstrip().splitlines()[-1] == STOPPED[when]


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
        seen = read_until(process.stdout.fileno(), b"Ctrl+C quits", 120)
        assert seen.count(b"keys are no longer read") == 1
    finally:
        process.kill()
        process.wait()
        process.stdout.close()


def test_arrow_keys_do_nothing_and_a_stray_key_says_it_is_none(tree):
    with terminal_watch(tree) as (process, controller):
        read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        # Right arrow, Home, Home in application mode, F5: none is c or h.
        os.write(controller, b"\x1b[C\x1b[H\x1bOH\x1b[15~")
        os.write(controller, b"x")
        after = read_until(controller, b"keys:", SCREEN_TIMEOUT)
        assert b"(x is not a key of the watch)" in after
        assert b"Hint" not in after and b"Checking" not in after
        os.write(controller, b"\x1b[Dl")  # an arrow, then a key: a new note
        listed = read_until(controller, b"keys:", SCREEN_TIMEOUT)
        assert b"(the list of exercises)" in listed and b"x is not" not in listed
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    assert not (tree / ".kata" / "hints.json").exists()


def test_piped_a_line_that_is_no_key_says_so_in_japanese(tree, watch):
    running = watch("--lang", "ja")
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("hello")
    running.press("l")
    listed = running.screen().splitlines()

    # Not a key the watch lacks: no key at all.
    assert listed[0] == "(キーではありません: hello)"
    assert listed[1].startswith("----- ")
    running.quit()


def test_piped_a_line_that_is_no_key_is_one_short_note_not_a_screen(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("zz")
    running.press("l")
    listed = running.screen().splitlines()

    assert listed[0] == "(not a key: zz)"
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

    # With fewer than 50 columns beside its label, a likely mistake goes on
    # two columns in from it rather than in a narrow column under its text.
    assert lines == [
        "    likely mistake: normalized along axis 0 (down",
        "      the columns): each slice must sum to 1.",
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
    # was; an array inside a sentence is broken as the sentence is, two
    # columns in from its label where less than 50 are left beside it.
    assert lines[:3] == [
        f"  {label}x = [[0.19999999999999998, -7.300000000000001,",
        " " * 18 + "2.5000000000000004],",
        " " * 16 + "[3.7, 0.05, 1000.1]]",
    ]
    assert lines[3:] == [
        "  likely mistake: it leaves",
        "    [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] there",
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


def test_q_during_the_grade_of_a_save_is_not_all_done(done_tree):

    running = WatchProcess(done_tree)
    try:
        running.screen(FIRST_SCREEN_TIMEOUT)
        (done_tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        wait_for_line(running, "Grading exercises/sgd.py")
        time.sleep(0.5)
        running.press("q")
        assert running.process.wait(timeout=SCREEN_TIMEOUT) == 1
    finally:
        running.stop()


def test_when_every_exercise_is_done_the_watch_opens_on_what_to_do_next(done_tree):

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
    # No hint to give, nor a next exercise, nor one shown to go back to:
    # those keys are not offered.
    assert first.endswith("keys: l list | c check all | q quit | Enter after each")
    assert "Saves are still graded here; q quits." in first
    assert "10 問すべて完了しました" in ja and "次にできること:" in ja
    assert "solution NAME --lang ja` で演習の模範解答を表示できます" in ja


def test_when_every_exercise_is_done_n_is_offered_for_what_it_shows(done_tree):

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
    assert back.endswith(
        "keys: n what next | l list | c check all | q quit | Enter after each"
    )
    # Already on the exercise, b has nowhere to go back from, and says so.
    assert f"({name} is on screen already)" in again and "back to" not in again
    assert "What next:" in ahead


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_b_goes_back_only_to_an_exercise_that_was_on_screen(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        first = watch_screen_drawn(done_runs(), (100, 40), SUMMARY, keys_pressed("b"))
        again = watch_screen_drawn(
            done_runs(), (100, 40), SUMMARY, keys_pressed("b", "l", "b")
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
        first = watch_screen_drawn(done_runs(), (100, 40), SUMMARY, keys_pressed("h"))
        again = watch_screen_drawn(
            done_runs(), (100, 40), SUMMARY, keys_pressed("b", "l", "h")
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
        keys_pressed("h")(watch)

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
        rows = watch_screen_drawn(runs, (40, 12), EXERCISE, keys_pressed("l", "h"))

    # The exercise's line names it: the top line needs not, in one row.
    header = next(i for i, row in enumerate(rows) if row.startswith("7. "))
    assert len([row for row in rows[:header] if row]) == 1, rows


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
        rows = watch_screen_drawn(runs, size, EXERCISE, keys_pressed("h"))

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
        keys_pressed("c")(watch)

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
        seen = read_until(process.stdout.fileno(), b"input has ended", 120)
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
    assert done.endswith(
        "keys: n next exercise | l list | c check all | q quit | Enter after each"
    )
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
        "c check all | q quit | Enter after each"
    )
    running.press("b")
    back = running.screen()
    assert "(back to sgd)" in back and "9. sgd: A gradient-descent step" in back
    assert " one_hot " not in back

    running.press("c")
    checked = running.screen_with("checked every exercise")
    assert "score " in checked and "points" in checked
    assert all(f" {name} " in checked for name in NAMES)
    # Help is a key away here, for the exercise in focus: no command. The
    # report shows dot, where to start it, so the line says whose hint h
    # gives: not dot's.
    said = "Press h for a hint on sgd, the exercise you were on; b goes back to it."
    assert said in checked
    assert "python -m grader hint" not in checked
    # Nothing is printed below the screen: the next block is the next grade.
    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    saved = running.screen_with("saved exercises/sgd.py")
    assert saved.startswith("Grading exercises/sgd.py ...\n-----")
    assert "9. sgd" in saved and " one_hot " not in saved
    running.quit()


def test_on_a_terminal_the_list_is_drawn_within_the_screen(tree):
    with terminal_watch(tree) as (process, controller):
        read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"l")
        shown = read_until(controller, b"keys: b back", SCREEN_TIMEOUT)
        os.write(controller, b"b")
        back = read_until(controller, b"keys: h hint", SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    # The last screen cleared: from the clearing on, the table, then keys.
    screen = shown.rsplit(b"\x1b[2J", 1)[1]
    assert b"one_hot" in screen and b"(the list of exercises)" in screen
    assert b"one_hot" not in back.rsplit(b"\x1b[2J", 1)[1]


def test_on_a_terminal_a_grade_a_save_replaces_takes_the_place_of_its_line(tree):
    with terminal_watch(tree) as (process, controller):
        read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        sgd = tree / "exercises" / "sgd.py"
        sgd.write_text(ENDLESS_SGD)
        read_until(controller, b"grading sgd: 1 s", SCREEN_TIMEOUT)
        sgd.write_text(ENDLESS_SGD + "# still looping\n")
        # A status line started anew (the cursor hidden as it starts).
        started = b"\x1b[?25l\x1b[2mgrading sgd: 1 s"
        again = read_until(controller, started, SCREEN_TIMEOUT)
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
        read_until(controller, words["keys"], FIRST_SCREEN_TIMEOUT)
        sgd.write_text(solution("sgd"))
        quick = read_screen(controller, words["saved"], SCREEN_TIMEOUT)
        sgd.write_text(ENDLESS_SGD)
        slow = read_until(controller, words["status"], SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    # A quick grade draws its screen once, with nothing said of the code
    # before it: a screen that flickered would only distract.
    taken = re.search(words["took"], quick)
    if float(taken.group(1)) < BEFORE_SAVE_SHOWN:
        assert words["marked"] not in quick and words["shown"] not in quick
    # The slow one: sgd done, but of the code before the save; the line
    # that said the watch waits for saves says so in its place.
    rows = last_screen_rows(slow)
    header = next(row for row in rows if row.startswith("9. sgd"))
    assert BEFORE_SAVE_WORDS[lang]["marked"] in header
    assert any(row.startswith(BEFORE_SAVE_WORDS[lang]["shown"]) for row in rows)
    assert BEFORE_SAVE_WORDS[lang]["waiting"] not in "\n".join(rows)
    # Said once on the screen, with what is graded: the headline is not
    # printed again under it, and the status line, above the keys that
    # stay last, counts the seconds.
    shown = "".join(row.strip() for row in terminal_rows(slow, 100))
    assert "exercises/sgd.py" in shown.split(BEFORE_SAVE_WORDS[lang]["shown"], 1)[1]
    headline = BEFORE_SAVE_WORDS[lang]["headline"]
    assert not any(row.startswith(headline) for row in rows), rows
    screen = terminal_rows(slow, 100)
    assert screen[-2].startswith(BEFORE_SAVE_WORDS[lang]["status"])
    assert screen[-1].startswith(BEFORE_SAVE_WORDS[lang]["keys"])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_terminal_a_slow_grade_of_another_exercise_says_it_is_under_way(
    tree, lang
):
    words = BEFORE_SAVE_WORDS[lang]
    with terminal_watch(tree, args=("--lang", lang)) as (process, controller):
        read_until(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        slow = read_until(controller, words["status"].encode(), SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    # dot is on screen, not saved: its grade is not marked, but the screen
    # says that the save is graded, where it said the watch waits for saves.
    rows = last_screen_rows(slow)
    assert rows[2].startswith("1. dot") and words["marked"] not in rows[2]
    assert any(row.startswith(words["other"]) for row in rows)
    assert words["shown"] not in "\n".join(rows)
    assert words["waiting"] not in "\n".join(rows)


def test_q_stops_a_hanging_grade_at_once_whatever_was_pressed_before(tree):
    with terminal_watch(tree) as (process, controller):
        read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        read_until(
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
        read_until(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        if grading:
            (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
            read_until(controller, b"grading sgd: 1 s", SCREEN_TIMEOUT)
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
    wait_for_line(running, "Grading exercises/ ...")
    time.sleep(1.5)  # dot is graded; one_hot hangs
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    saved = running.screen_with("9. sgd")
    assert "(saved exercises/sgd.py, graded in" in saved
    assert "nn-kata watch: 1 of 10 done" in saved  # dot's grade is kept
    assert "done ()" not in "\n".join(running.seen)
    running.quit()


# A one_hot that takes seconds to import, well within the time limit: `c`
# runs it again (a loop that reached the limit it would not), and waits.
SLOW_ONE_HOT = "import time\n\ntime.sleep(6)\n\n" + solution("one_hot")


def test_a_save_during_c_grades_it_and_still_shows_the_report(tree, watch):
    (tree / "exercises" / "one_hot.py").write_text(SLOW_ONE_HOT)
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("c")
    wait_for_line(running, "Checking every exercise ...")
    time.sleep(1.5)  # one_hot is still loading: the report waits for it
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    report = running.screen_with("saved exercises/sgd.py")
    assert "score " in report  # the whole report, not sgd alone
    assert all(f" {name} " in report for name in NAMES)
    assert re.search(r" one_hot .* done", report), report  # graded too
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
    wait_for_line(running, "Grading exercises/ ...")
    time.sleep(1.5)
    one_hot.write_text(ENDLESS_ONE_HOT + "\n# still hangs\n")
    wait_for_line(running, "Grading exercises/one_hot.py")
    time.sleep(1.5)
    one_hot.write_text(solution("one_hot"))
    final = running.screen_with("saved exercises/one_hot.py")
    assert "nn-kata watch: 10 of 10 done" in final
    assert "All 10 exercises done." in final and "What next:" in final
    assert "0/0 tests" not in "\n".join(running.seen)  # no grade left unknown
    assert running.quit() == 0


class _SaveWithKey:
    """Changes noticed as a learner makes them who presses `key` and, a
    few milliseconds later, saves `name` as `code`: the key comes while
    the watch waits for file events, and the save's event after it. Once
    the watch has looked again (and graded the save), `q`."""

    idle = 0.0

    def __init__(self, keys: int, folder: Path, key: str, name: str, code: str):
        self.keys, self.folder = keys, folder
        self.key, self.name, self.code = key, name, code
        self.looks = 0

    def changes(self) -> list[str]:
        self.looks += 1
        if self.looks == 1:
            os.write(self.keys, f"{self.key}\n".encode())
            (self.folder / f"{self.name}.py").write_text(self.code)
            return [self.name]
        if self.looks == 3:
            os.write(self.keys, b"q\n")
        return []


def test_a_key_typed_just_before_a_save_acts_before_its_grade(tree, monkeypatch):
    monkeypatch.setattr(runner, "WarmSession", _Session)
    read_end, write_end = os.pipe()
    source = _SaveWithKey(write_end, tree / "exercises", "n", "sgd", WRONG_SGD)
    monkeypatch.setattr(watch_module, "open_source", lambda *_, **__: (source, ""))
    args = SimpleNamespace(timeout=30, memory=None, poll=False)
    out = io.StringIO()

    with open(read_end) as stdin:
        try:
            watch_command(
                args, open_project(tree), Screen(out, io.StringIO()), "kata", stdin
            )
        finally:
            os.close(write_end)

    # `n` moved on from the first exercise, then the save's grade showed
    # the exercise saved: the one the learner went to save.
    last = out.getvalue().split("nn-kata watch:")[-1]
    assert "saved exercises/sgd.py" in last and "9. sgd" in last, last
    assert "moved on to train" not in out.getvalue()

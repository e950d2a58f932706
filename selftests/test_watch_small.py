"""The watch on small terminals: what a failure, a hint or a grade under
way keeps when rows run short, and what the top line says of each key."""

import os
import re
import select
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.text import Text

from grader import cache, hints, i18n
from grader.exercises import NAMES, find
from grader.project import open_project
from grader.render import PROSE_WIDTH
from grader.results import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    TIMEOUT,
    ExerciseRun,
    TestResult,
)
from grader.watch import (
    EXERCISE,
    LISTING,
    PROSE_COLUMNS,
    SUMMARY,
    _fitted,
    _to_arguments,
)
from selftests.grader_support import ROOT, TWO_GENERATORS
from selftests.learner_support import (
    FIRST_SCREEN_TIMEOUT,
    SCREEN_TIMEOUT,
    WatchProcess,
    kata,
    learner_tree,
    solution,
)

# The screen the watch draws, with no terminal nor test run: a fixture.
from selftests.test_grader_render import done_runs, watch_screen  # noqa: F401
from selftests.watch_support import (
    ENDLESS_SGD,
    ESCAPES,
    MUTANTS,
    NARROW,
    NARROW_WORDS,
    QUIET,
    UNLIMITED_ROWS,
    focused_tree,
    keys_pressed,
    last_screen_rows,
    narrow_screen,
    read_screen,
    read_until,
    resize_terminal,
    terminal_rows,
    terminal_watch,
)

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

# The start of the top line: the watch's name, or, where it would make the
# line take two rows, the count alone.
TOP_LINE = re.compile(r"nn-kata watch: |\d+ of \d+ done \(|\d+ 問中 \d+ 問完了\(")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_grade_under_way_keeps_the_call_of_the_failure(
    tmp_path, lang
):
    # The grade's status line takes rows under the screen: the statement
    # and the blank lines give way, never the call that reproduces it.
    tree = focused_tree(tmp_path / "kata", "softmax", "wrong_axis_zero")
    words = AXIS_WORDS[lang]
    columns, height = NARROW
    args = ("--lang", lang, "--timeout", "6")
    with terminal_watch(tree, size=NARROW, args=args) as (process, controller):
        read_screen(
            controller, NARROW_WORDS[lang]["keys"].encode(), FIRST_SCREEN_TIMEOUT
        )
        (tree / "exercises" / "softmax.py").write_text(ENDLESS_SOFTMAX)
        seen = read_screen(controller, words["ticking"].encode(), SCREEN_TIMEOUT + 6)
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    rows = terminal_rows(seen, columns)
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
        said = read_until(controller, stopped.encode(), SCREEN_TIMEOUT)
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1
    rows = terminal_rows(b"\x1b[2J" + seen, 100)
    rows = rows[:-1] if rows[-1] == "" else rows
    assert rows[-1] == keys, rows  # the line of keys stays last
    status = "".join(row.strip() for row in rows[1:-1])
    assert "".join(waits.split()) in "".join(status.split()), rows
    # Once q is pressed, the last line says that the watch stopped, in
    # place of the keys, which act no more, under what was graded.
    rows = [row for row in terminal_rows(b"\x1b[2J" + seen + said, 100) if row]
    assert rows[-1] == stopped and keys not in rows, rows
    assert rows[-2].startswith(("Grading exercises/", "exercises/ を採点")), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_wide_terminal_prose_is_no_wider_than_its_reading_width(tmp_path, lang):
    tree = focused_tree(tmp_path / "kata", "softmax", "wrong_axis_zero")
    words = AXIS_WORDS[lang]
    keys = NARROW_WORDS[lang]["keys"].encode()
    with terminal_watch(tree, size=(140, 40), args=("--lang", lang)) as (
        process,
        controller,
    ):
        read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"h")
        rows = last_screen_rows(read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT))
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
    tree = focused_tree(tmp_path / "kata", "softmax", "wrong_axis_zero")
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
        seen += read_until(fd, b"\n", timeout)
    while select.select([fd], [], [], QUIET)[0]:
        seen += os.read(fd, 4096)
    return seen


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_hint_only_remembered_gives_way_to_the_failure(
    tmp_path, lang
):
    def screen(folder: Path, read_before: bool) -> list[str]:
        tree = focused_tree(folder, "numerical_gradient", "wrong_default_step_1e3")
        if read_before:
            # Every hint read before the watch started: the watch brings
            # back the last, which nobody asked for just now.
            hinted = kata(tree, "hint", "--all", "numerical_gradient")
            assert hinted.returncode == 0
        rows = narrow_screen(tree, lang)
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
    tree = focused_tree(tmp_path / "kata", "softmax", "wrong_sigmoid_instead")
    keys = NARROW_WORDS[lang]["keys"].encode()
    with terminal_watch(tree, size=size, args=("--lang", lang)) as (
        process,
        controller,
    ):
        read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        softmax = tree / "exercises" / "softmax.py"
        softmax.write_text(softmax.read_text() + "\n")
        # The top line's word for a save: "softmax.py" alone may be found
        # in what is left of the first screen on a busy machine.
        saved = {"en": "saved ", "ja": "を保存"}[lang]
        rows = last_screen_rows(read_screen(controller, saved.encode(), SCREEN_TIMEOUT))
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
The gradient for w1 is not the derivative of the loss with respect to w1.
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
        read_screen(controller, b"keys: ", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"h")
        asked = last_screen_rows(read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT))
        after = []
        if saved:
            source = (MUTANTS / "backprop" / f"{saved}.py").read_text()
            (tree / "exercises" / "backprop.py").write_text(source)
            after = last_screen_rows(read_screen(controller, b"saved ", SCREEN_TIMEOUT))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    return asked, after


def _hinted_backprop(folder: Path) -> Path:
    """A project whose backprop takes the sigmoid's slope at h, with
    every hint of it but the last read before the watch starts: `h` asks
    for the last."""
    tree = focused_tree(folder, "backprop", "wrong_double_sigmoid")
    for _ in find("backprop").hints[:-1]:
        assert kata(tree, "hint", "backprop").returncode == 0
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

    assert TOP_LINE.match(asked[0]), asked
    assert any(row.startswith("8. backprop: Backpropagation") for row in asked)
    shown = "\n".join(asked)
    assert "failing" in shown and re.search(r"\b\d+/\d+ tests\b", shown), asked
    assert len(asked) < size[1] and all(i18n.width(row) < 40 for row in asked)


# A terminal of 40 columns and 12 rows: the smallest the watch is made for.
TINY = (40, 12)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_a_top_line_of_two_rows_leaves_out_the_watchs_name(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def saved(watch) -> None:
        watch.save_events = watch.saved_events(["numerical_gradient"], 0.51)
        watch.event = watch.save_event = watch.save_events[0]

    with i18n.speaking(lang):
        rows = watch_screen_drawn({}, TINY, EXERCISE, saved)

    # Two rows either way: the name would only push the exercise down.
    assert rows[2] == "", rows
    assert not rows[0].startswith("nn-kata watch:"), rows


# The note that counts the rows a screen left out, by language.
ROWS_HIDDEN = {
    "en": re.compile(r"\[\.\.\. \d+ more lines"),
    "ja": re.compile(r"\[(?:\.\.\. )?残り \d+ 行"),
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_a_call_that_raised_keeps_the_mistakes_first_row(
    tmp_path, lang
):
    tree = focused_tree(
        tmp_path / "kata", "cross_entropy", "wrong_imports_one_hot_misspelled"
    )
    with terminal_watch(tree, size=TINY, args=("--lang", lang)) as (
        process,
        controller,
    ):
        keys = NARROW_WORDS[lang]["keys"].encode()
        rows = last_screen_rows(read_screen(controller, keys, FIRST_SCREEN_TIMEOUT))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)

    # Too small for the call, where and the mistake whole beside the
    # exception: what failed, the start of what to change, and a note that
    # says rows are gone, each in sight.
    assert len(rows) < TINY[1] and all(i18n.width(row) < TINY[0] for row in rows)
    assert any("ImportError: cannot import name" in row for row in rows), rows
    mistake = NARROW_WORDS[lang]["mistake"].strip()
    assert any(row.strip().startswith(mistake) for row in rows), rows
    assert any(ROWS_HIDDEN[lang].match(row) for row in rows), rows


# cross_entropy's failure of `from .one_hot import onehot`: the call that
# raised, its exception, where and the likely mistake.
IMPORT_MISSPELLED = (
    "cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0] (int64)) raised "
    "ImportError: cannot import name 'onehot' from 'exercises.one_hot' "
    "(unknown location)\n"
    "  where     exercises/cross_entropy.py, line 15: from .one_hot import onehot\n"
    "  likely mistake: a typo? There is no onehot in exercises.one_hot; did you "
    "mean one_hot? Write `from .one_hot import one_hot`."
)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("status_rows", [1, 2, 3, 4, 5])
def test_during_c_a_failure_that_loses_rows_says_so_at_50x16(
    request, lang, status_rows
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_cross_entropy_{n}", False, "exception", IMPORT_MISSPELLED)
        for n in range(15)
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["cross_entropy"] = ExerciseRun("cross_entropy", failures)

    def checking(watch) -> None:
        # `c` under way: its headline and its status line take rows.
        watch.under_way, watch.status_rows = True, status_rows
        watch.headline = i18n._("Checking every exercise ...")

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, (50, 16), EXERCISE, checking)

    # The call that raised and where gave way at each of these sizes: a
    # note says that rows are hidden, however few the status line left.
    assert not any("line 15" in row for row in rows), rows
    assert any(ROWS_HIDDEN[lang].match(row) for row in rows), rows


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
    words = [word.strip("`]") for row in rows for word in row.split()]
    assert all(part.strip("`") in words for part in command.split()), rows
    assert alone[0] == long.split()[0]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_what_next_breaks_a_command_too_wide_for_its_row_at_its_spaces(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    # The language asked for with --lang, which every command then names.
    other = {"en": "ja_JP.UTF-8", "ja": "C.UTF-8"}[lang]

    def asked(watch) -> None:
        i18n.set_language(lang, {"LANG": other})
        watch.prog = i18n.command("python -m grader")

    with i18n.speaking(lang):
        # The fixture fails a row as wide as the terminal, or wider.
        rows = watch_screen_drawn(done_runs(), (50, 40), SUMMARY, asked)

    command = f"`python -m grader check NAME --explore --lang {lang}`"
    assert "`" not in [row.strip() for row in rows], rows
    # Broken at its spaces, "--lang" with its value, on the item's rows.
    words = [word for row in rows for word in row.split()]
    joined = " ".join(words)
    assert command in joined, rows
    assert any(row.startswith(f"  --lang {lang}`") for row in rows), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_the_note_of_the_reports_lines_ends_with_its_command(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    other = {"en": "ja_JP.UTF-8", "ja": "C.UTF-8"}[lang]

    def asked(watch) -> None:
        i18n.set_language(lang, {"LANG": other})
        watch.prog = i18n.command("python -m grader")

    with i18n.speaking(lang):
        rows = watch_screen_drawn(done_runs(), TINY, SUMMARY, asked)

    # Said the shorter way where the longer would wrap: its last words
    # are not left on a row of their own, after the command.
    command = f"`python -m grader --lang {lang}`"
    end = next(i for i, row in enumerate(rows) if row.startswith(command))
    assert rows[end].endswith("]"), rows
    assert rows[end - 1].startswith("["), rows


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
        for said in ["hint", "done", "none", "last", "gone"]:
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


RAISED_ON_ITS_OWN_ROW = [
    "    cross_entropy([[0.25, 0.75],",
    "                   [0.5, 0.5]],",
    "                  [1, 0] (int64))",
    "    raised",
    "      ImportError: cannot import name",
    "      'onehot' from 'exercises.one_hot'",
]


def test_a_call_whose_raised_takes_a_row_of_its_own_is_cut_and_keeps_it():
    rows = _to_arguments(RAISED_ON_ITS_OWN_ROW, 1, 39, "…")

    assert rows is not None and len(rows) == len(RAISED_ON_ITS_OWN_ROW) - 1, rows
    assert rows[-3:] == RAISED_ON_ITS_OWN_ROW[-3:], rows
    assert all(i18n.width(row) <= 39 for row in rows), rows


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
        (5, "[[0.02, 0.9, -0.71], … 2 more keys},"),
        (3, "'b1': [-0.34, 0.58, -0.39], … 1 more key},"),
        (1, "[-0.19, -0.59], …},"),
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
        watch.keys = SimpleNamespace(typed=lambda: "ｃxlc", terminal=True)
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
        # Its first row may end in "…", for the likely mistake's first row.
        raised = next(row for row in statement_rows if "NameError" in row)
        assert raised in [row.rstrip(" …") for row in rows], rows
        assert first.rstrip(" …") in (raised, statement_rows[0]), rows
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
        # The exercise shown with b, then the list: b goes back to it.
        rows = watch_screen_drawn(
            done_runs(), (120, 30), LISTING, keys_pressed("b", "l")
        )

    assert rows[-1] == DONE_LISTING_KEYS[lang], rows


# The lines of keys of every exercise done, by language: the report's and
# the list's, while no exercise was on screen, then once one was.
DONE_KEYS = {
    "en": {
        "report": "keys: l list | c check all | q quit",
        "listing": "keys: n what next | l list | c check all | q quit",
        "report back": "keys: b back to the exercise | l list | c check all | q quit",
    },
    "ja": {
        "report": "キー: l 一覧 | c すべて採点 | q 終了",
        "listing": "キー: n 次にできること | l 一覧 | c すべて採点 | q 終了",
        "report back": "キー: b 演習に戻る | l 一覧 | c すべて採点 | q 終了",
    },
}


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_exercise_done_offers_b_only_once_an_exercise_was_shown(
    request, lang, terminal
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    keys = DONE_KEYS[lang]
    with i18n.speaking(lang):
        screens = {
            name: watch_screen_drawn(
                done_runs(), (120, 40), SUMMARY, setup, terminal=terminal
            )[-1]
            for name, setup in [
                ("report", None),
                ("listing", keys_pressed("l")),
                ("report back", keys_pressed("b", "n")),
            ]
        }

    # Every exercise done from the start, none was on screen: b would not
    # go back to one. The same keys on a terminal and through a pipe.
    assert screens == keys, screens


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("columns", [59, 60, 61])
def test_the_list_of_every_exercise_done_keeps_its_head_on_one_row(
    request, lang, columns
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn(done_runs(), (columns, 30), LISTING)
        status = i18n._("status")

    # Its head, then its rule, then a row by exercise: a title that would
    # push the status into the terminal's last column goes with its column.
    head = next(i for i, row in enumerate(rows) if row.rstrip().endswith(status))
    assert set(rows[head + 1]) == {"─"}, rows
    assert rows[head + 2].startswith(" 1   dot"), rows
    assert rows[head + 11].startswith("10   train"), rows


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


def test_every_later_c_keeps_a_loops_grade_while_its_code_is_unchanged(
    request, monkeypatch
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watch, session = _looping_watch(watch_screen_drawn, monkeypatch)
    looping = session.runs["softmax"]

    # `c` pressed once the screen of the loop's grade is shown, and again:
    # the same code would only loop to the time limit again.
    watch.keys = _typed_keys("")
    watch.saved(["softmax"])
    watch.press("c")
    watch.press("c")

    assert session.graded[0] == ["softmax"]
    assert "softmax" not in session.graded[1], session.graded
    assert "softmax" not in session.graded[2], session.graded
    assert watch.runs["softmax"] is looping and watch.view == SUMMARY
    assert "softmax unchanged, not run to the time limit again" in watch.event

    # A save that changes the code grades it again, and so does `c` after it.
    session.runs.pop("softmax")
    fingerprints = cache.fingerprints

    def changed(*args) -> dict[str, str]:
        keys = fingerprints(*args)
        return {name: key + "+fix" for name, key in keys.items()}

    monkeypatch.setattr(cache, "fingerprints", changed)
    watch.saved(["softmax"])
    watch.press("c")

    assert session.graded[3] == ["softmax"]
    assert "softmax" in session.graded[4], session.graded


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
    watch.keys = SimpleNamespace(typed=lambda: "n", terminal=True)
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


# A NameError in a line of code too long for one row at 50 columns: the
# name the exception gives is on the code's second row.
NAME_ERROR_IN_LONG_LINE = (
    "loss(...) raised NameError: name 'X' is not defined\n"
    "  where     exercises/forward.py, line 94: "
    "return cross_entropy(forward(params, X), t)\n"
    "  likely mistake: a typo? X is not defined here; did you mean x?"
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_where_cut_short_keeps_the_code_that_holds_the_name_the_error_gives(lang):
    width = 50 - 1
    with i18n.speaking(lang):
        rows = _fitted(NAME_ERROR_IN_LONG_LINE, UNLIMITED_ROWS, "    ", width)
        rows = rows.split("\n")
        shown = _fitted(NAME_ERROR_IN_LONG_LINE, len(rows) - 1, "    ", width)
        shown = shown.split("\n")

    # One row of the code goes: the one kept is the one with X, which the
    # exception and the likely mistake speak of, marked as cut before it.
    place = next(i for i, row in enumerate(shown) if "exercises/forward.py" in row)
    code = shown[place + 1]
    assert re.search(r"\bX\b", code), shown
    assert code.lstrip().startswith("…"), shown
    assert not code.endswith("…"), shown  # nothing after it was cut
    assert all(i18n.width(row) <= width for row in shown), shown


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


def test_the_first_grade_shows_a_kept_loop_of_train_after_softmax_is_edited(
    request, tree
):
    # train's tests use a trusted softmax: an edit of softmax.py leaves the
    # loop of train.py as it was.
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watch, session = _kept_grades_watch(watch_screen_drawn, tree)
    keys = cache.fingerprints(tree, "exercises", ["train"], watch.limits)
    loop = ExerciseRun(
        "train",
        [TestResult("test_train_lowers_the_loss", False, TIMEOUT, "still running")],
        error="exercises/train.py was still running after 30 s",
        timed_out=True,
    )
    cache.remember(
        tree / ".kata", "exercises", {"train": (keys["train"], loop)}, watch.limits
    )
    (tree / "exercises" / "softmax.py").write_text(solution("softmax"))

    assert watch.grade_all()

    assert "train" not in session.graded[0], session.graded
    assert watch.runs["train"].timed_out
    assert "train unchanged, not run to the time limit again" in watch.event


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
    "ja": "sgd を制限時間の 30 秒で止めました — softmax は変更がないので、制限時間まで",
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


# An argument of several rows changed in place: before and after alike.
CHANGED_ROWS = "\n".join(
    [
        "cross_entropy changed its argument y in place.",
        "  before  [[0.0, 0.0, 1.0],",
        *(f"           [{i}.0, 0.0, 0.0]," for i in range(3)),
        "           [1.0, 0.0, 0.0]]",
        "  after   [[1.0e-07, 1.0e-07, 1.0],",
        *(f"           [{i}.0, 1.0e-07, 1.0e-07]," for i in range(3)),
        "           [1.0, 1.0e-07, 1.0e-07]]",
        "  where   exercises/cross_entropy.py, line 42: np.clip(y, EPS, 1, out=y)",
        "  likely mistake: y itself was changed: an in-place operator (y -= ...,"
        " y /= ...), a slice assignment (y[...] = ...), or out=y in a NumPy"
        " function.",
    ]
)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [79, NARROW[0] - 1])
def test_the_argument_before_and_after_a_call_keep_as_many_rows(lang, width):
    labels = {"en": ("before", "after"), "ja": ("呼び出し前", "呼び出し後")}
    with i18n.speaking(lang):
        whole = _fitted(CHANGED_ROWS, UNLIMITED_ROWS, "    ", width).splitlines()
        shown = {
            limit: _fitted(CHANGED_ROWS, limit, "    ", width).splitlines()
            for limit in range(1, len(whole))
        }

    # Those with a part beside the statement.
    shown = {
        limit: lines
        for limit, lines in shown.items()
        if any(PART_START.match(line) for line in lines)
    }
    for limit, lines in shown.items():
        before, after = (_part_rows(lines, label) for label in labels[lang])
        # Row for row, each with its note of the rows it hides, or neither.
        assert len(before) == len(after), (limit, lines)
        notes = [row.strip().startswith("[") for row in before]
        assert notes == [row.strip().startswith("[") for row in after], limit
    # They did lose rows before they went whole.
    assert any(len(_part_rows(v, labels[lang][0])) == 2 for v in shown.values())


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
    watch_screen_drawn,
    runs: dict,
    size: tuple[int, int],
    lang: str,
    view: str = EXERCISE,
    prog: str = "kata",
    started=None,
) -> list[list[str]]:
    """The rows a terminal of `size` shows as `c` grades every exercise
    and a status line says which run (two at a time, the others waiting,
    or those `started(names)` gives of the `names` not finished), each
    time it is redrawn; with the exercises first run as `runs`, and
    `view` on the screen, its notes naming the grader `prog`."""
    columns, height = size
    screens: list[list[str]] = []
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn(runs, size, view, watches.append)
        watch = watches[0]
        watch.prog = prog
        out = watch.out.file

        class Session(_RecordingSession):
            def run(self, jobs, on_finish=None, cancel=None):
                for index, job in enumerate(jobs):
                    cancel()  # which redraws the status line
                    screens.append(terminal_rows(out.getvalue().encode(), columns))
                    on_finish(index, runs.get(job.name) or ExerciseRun(job.name))
                    screens.append(terminal_rows(out.getvalue().encode(), columns))

        session = Session(runs)
        watch.tests = lambda: session
        watch.session = session
        watch.started = started or (lambda names: names[:2])
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
        assert TOP_LINE.match(rows[0]), rows
        assert any(row.startswith("8. backprop") for row in rows), rows
        assert any(row.startswith(status) for row in rows), rows
        assert all(i18n.width(row) < columns for row in rows), rows


# The first and the last words of the note that the code printed.
PRINTED_STARTS = {"en": "Printed while the tests ran", "ja": "print した演習"}
PRINTED_ENDS = {"en": "and where.", "ja": "分かります。"}


def _printed_failure_runs() -> dict:
    """Every exercise done but cross_entropy, which fails; train printed
    as its tests ran: the report has a note of it above the failure."""
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    message = "The loss is wrong.\n  expected  0.4904\n  actual    0.9808"
    failure = TestResult("test_example", False, "failure", message)
    runs["cross_entropy"] = ExerciseRun("cross_entropy", [failure])
    printed = TestResult("test_ok", True, output="final loss 0.1\n")
    runs["train"] = ExerciseRun("train", [printed])
    return runs


@pytest.mark.parametrize(
    ("size", "lang", "prog"),
    [
        ((50, 16), "ja", "kata"),
        ((40, 12), "ja", "kata"),
        ((40, 12), "en", "kata"),
        ((80, 24), "ja", "kata"),
        # Its notes of three rows at 40 columns.
        ((40, 12), "ja", "python -m grader --lang ja"),
    ],
)
def test_a_check_from_the_report_keeps_its_status_line_and_failing_row(
    request, monkeypatch, size, lang, prog
):
    from grader import watch as watch_module

    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    columns, height = size
    runs = _printed_failure_runs()
    screens = _status_screens(watch_screen_drawn, runs, size, lang, SUMMARY, prog)
    status = {"en": "grading: ", "ja": "採点中: "}[lang]

    for rows in screens:
        assert len(rows) < height and TOP_LINE.match(rows[0]), rows
        assert any(row.startswith(status) for row in rows), rows
        # What is left to do stays in sight, however small the screen.
        assert any(row.split()[:2] == ["5", "cross_entropy"] for row in rows), rows
        # The note that train printed is shown whole, or not at all.
        said = " ".join(rows)
        assert (PRINTED_STARTS[lang] in said) == (PRINTED_ENDS[lang] in said), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_report_shows_the_note_of_what_was_printed_whole_or_not_at_all(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def grading(watch) -> None:
        # A check under way: its headline and status line take rows.
        watch.under_way, watch.headline, watch.status_rows = True, "Grading", 4

    for height in range(14, 31):
        with i18n.speaking(lang):
            runs = _printed_failure_runs()
            rows = watch_screen_drawn(runs, (80, height), SUMMARY, grading)
        said = " ".join(rows)
        assert (PRINTED_STARTS[lang] in said) == (PRINTED_ENDS[lang] in said), rows


def test_a_status_line_stays_in_sight_while_the_report_is_laid_out(
    request, monkeypatch
):
    # Laying out a report on a small terminal takes a while: the status
    # line is taken down for a redraw only once the screen is ready, and
    # put back at once.
    from grader import watch as watch_module

    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    events: list[str] = []
    laid_out = watch_module.Watch.summary_fitted
    start, stop = watch_module.StatusLine.start, watch_module.StatusLine.stop

    def summary_fitted(watch, top, bottom):
        events.append("laid out")
        return laid_out(watch, top, bottom)

    def started(line, refresh: bool = False) -> None:
        events.append("started")
        start(line, refresh)

    def stopped(line) -> None:
        events.append("stopped")
        stop(line)

    monkeypatch.setattr(watch_module.Watch, "summary_fitted", summary_fitted)
    monkeypatch.setattr(watch_module.StatusLine, "start", started)
    monkeypatch.setattr(watch_module.StatusLine, "stop", stopped)
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _printed_failure_runs()
    _status_screens(watch_screen_drawn, runs, (50, 16), "ja", SUMMARY)

    # Redrawn during the grade (the last stop ends it, the report drawn
    # after): no screen laid out between a stop and the next start.
    said = "".join({"laid out": "L", "started": "A", "stopped": "O"}[e] for e in events)
    during = said[: said.rindex("O")]
    assert "O" in during, events
    assert re.search("O[^A]*L", during) is None, events


def _running_by_turns(names: list[str]) -> list[str]:
    """Those of `names` (the exercises not finished) running now: two
    long names, one, then one short, by turns as each finishes; the
    status line that names them takes five rows at 50 columns, then
    four."""
    turns = [["sigmoid", "softmax"], ["numerical_gradient"], ["dot"]]
    return [n for n in turns[len(names) % 3] if n in names] or names[:1]


def test_a_status_line_that_shrinks_gives_its_rows_back_to_the_report(
    request, monkeypatch
):
    from grader import watch as watch_module

    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    columns, height = size = (50, 16)
    runs = {name: ExerciseRun(name) for name in NAMES}
    runs.update(
        {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES[:2]}
    )
    failure = TestResult("test_softmax", False, "failure", "Wrong.\n  expected  1.0")
    runs["softmax"] = ExerciseRun("softmax", [failure])
    screens = _status_screens(
        watch_screen_drawn, runs, size, "en", SUMMARY, started=_running_by_turns
    )

    def status_rows(rows: list[str]) -> int:
        start = next(i for i, row in enumerate(rows) if row.startswith("grading:"))
        return next(i for i, row in enumerate(rows) if row.startswith("keys:")) - start

    # The status line took five rows, then fewer: the table, cut at this
    # size, takes back the rows given up; none is left blank at the end.
    assert {4, 5} <= {status_rows(rows) for rows in screens}, screens
    for rows in screens:
        assert any(re.match(r"\[\.\.\. \d+ more rows", row) for row in rows), rows
        assert len(rows) == height - 1 and rows[-1].strip() == "q quit", rows


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("short", [1, 2, 3, 4, 5])
def test_a_report_a_few_rows_too_tall_gives_up_only_those_rows(request, short, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = {
        name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES[:5]
    }
    failure = TestResult("test_softmax", False, "failure", "Wrong.\n  expected  1.0")
    runs["softmax"] = ExerciseRun("softmax", [failure])
    note = "Watching exercises/ for saves."

    def watching(watch) -> None:
        watch.note = note

    with i18n.speaking(lang):
        whole = watch_screen_drawn(runs, (100, 60), SUMMARY, watching)
        height = len(whole) + 1 - short
        rows = watch_screen_drawn(runs, (100, height), SUMMARY, watching)

    # Blank rows and the line that says how saves are noticed give way,
    # only as many as the terminal lacks: none is left blank under the
    # keys, and nothing else of the report goes. The line goes after
    # three blank rows, before the one under the table.
    assert len(rows) == height - 1 and rows[-1] == whole[-1], rows
    kept = [row for row in whole if row and (row != note or short < 4)]
    assert [row for row in rows if row] == kept, rows
    table = next(i for i, row in enumerate(rows) if row.startswith("10   train "))
    assert (rows[table + 1] == "") == (short < 5), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("short", [1, 2])
def test_a_list_a_row_or_two_too_tall_gives_up_only_those_rows(request, short, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = {
        name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES[:5]
    }
    note = "Watching exercises/ for saves."

    def watching(watch) -> None:
        watch.note = note

    with i18n.speaking(lang):
        whole = watch_screen_drawn(runs, (100, 60), LISTING, watching)
        height = len(whole) + 1 - short
        rows = watch_screen_drawn(runs, (100, height), LISTING, watching)

    # The blank row under the list goes first, then the line that says
    # how saves are noticed: only as many as the terminal lacks, and
    # nothing of the list itself.
    assert len(rows) == height - 1 and rows[-1] == whole[-1], rows
    kept = [row for row in whole if row and (row != note or short == 1)]
    assert [row for row in rows if row] == kept, rows
    assert (note in rows) == (short == 1), rows


def test_a_report_cut_to_fit_lays_out_the_list_once(request, monkeypatch):
    # Whether `l` would show every row is asked for each way of cutting
    # the table tried: the list is laid out once for them all.
    from grader import watch as watch_module

    listed = []
    listing_fitted = watch_module.Watch.listing_fitted

    def counted(watch, top, bottom):
        listed.append(1)
        return listing_fitted(watch, top, bottom)

    monkeypatch.setattr(watch_module.Watch, "listing_fitted", counted)
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking("ja"):
        rows = watch_screen_drawn(_printed_failure_runs(), (50, 16), SUMMARY)

    assert any(row.split()[:2] == ["5", "cross_entropy"] for row in rows), rows
    assert len(listed) == 1


# What the top line says of a check typed during the grade of a save that
# looped, and of that save, by language.
LOOP_CHECKED = {
    "en": ("saved sgd.py", "sgd not run again"),
    "ja": ("sgd.py を保存", "sgd 以外を採点"),
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
    rows = terminal_rows(watch.out.file.getvalue().encode(), 80)

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
    tree = focused_tree(tmp_path / "kata", "forward", "wrong_b1_in_second_layer")
    rows = narrow_screen(tree, lang)

    screen = "\n".join(rows)
    # What came back names the mistake: its shapes stay, whole.
    assert "broadcast together with shapes (2,3) (5,)" in screen, rows
    # The arguments gave way to a note, the one the mistake names kept.
    assert any(row.strip().startswith("b1 = [0.0") for row in rows), rows
    assert not any(row.strip().startswith("w1 = ") for row in rows), rows


@pytest.mark.parametrize(
    ("lang", "end"), [("en", "[[0.02, 0.9, … 2 more keys},"), ("ja", "[[0.02, 0.9,")]
)
def test_a_dict_argument_cut_short_on_a_narrow_row_still_counts_its_keys(lang, end):
    width = NARROW[0] - 1
    with i18n.speaking(lang):
        kept = _to_arguments(DICT_CALL, 5, width, "…")
        more = i18n._("{ellipsis} {count} more keys", ellipsis="…", count=2)

    # Too wide for its row with its count, the row gives up its last values.
    # The comma after its "}" says that x and t follow, as the whole dict's.
    assert end in kept[0] and kept[0].endswith(more + "},"), kept
    assert i18n.width(kept[0]) <= width
    assert kept[-2:] == DICT_CALL[-2:]


def _hint_then_b(folder: Path, size: tuple[int, int], lang: str) -> tuple:
    """The rows of the watch at `size` on numerical_gradient failing, once
    `h` is pressed, and once `b` is pressed after it."""
    tree = focused_tree(folder, "numerical_gradient", "wrong_default_step_1e3")
    with terminal_watch(tree, size=size, args=("--lang", lang)) as (
        process,
        controller,
    ):
        keys = NARROW_WORDS[lang]["keys"].encode()
        read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        screens = []
        for key in (b"h", b"b"):
            os.write(controller, key)
            seen = read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT)
            screens.append(terminal_rows(seen, size[0]))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    return tuple(screens)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_b_after_a_hint_brings_the_failure_back(tmp_path, lang):
    hinted, back = _hint_then_b(tmp_path / "kata", TINY, lang)

    # The hint asked for took the failure's rows; read, it gives way, and
    # b says what it brought back, not that it was on screen already.
    assert not any(row.startswith("✗ test_") for row in hinted), hinted
    assert any(row.startswith("✗ test_") for row in back), back
    top = "".join(back[:2])
    with i18n.speaking(lang):
        said = i18n._("back to the failure")
    assert said in top and "already" not in top, back
    assert "すでに" not in top


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_b_after_a_hint_that_cut_the_failure_says_it_brought_it_back(tmp_path, lang):
    # At 60 by 20 the hint leaves the failure some rows: b, which gives
    # back the rest, says so rather than that nothing changed.
    hinted, back = _hint_then_b(tmp_path / "kata", NARROW, lang)

    assert any(row.startswith("✗ test_") for row in hinted), hinted
    assert back != hinted
    with i18n.speaking(lang):
        said = i18n._("back to the failure of {name}", name="numerical_gradient")
        short = i18n._("back to the failure")
    top = "".join(back[:2])
    assert said in top or short in top, back


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
        rows = watch_screen_drawn(runs, size, view, keys_pressed(*keys))

    # Said its shorter way: the screen's own lines need the rows more (the
    # blank row under it too, beside a hint asked for that leaves the
    # failure no other).
    assert rows[0].rstrip().endswith((")", "）")), rows
    assert not rows[1].strip() or rows[1].startswith("6. forward: "), rows


def test_a_japanese_title_too_wide_breaks_after_its_particle_and_not_a_row_more():
    from grader.render import header_rows

    title = "7. numerical_gradient: 数値微分による勾配"
    parts = [Text(title), Text("失敗あり (failing)"), Text("テスト 9/11")]
    rows = header_rows(parts, TINY[0] - 1, "   ").plain.split("\n")

    # Its last row goes on with the status: nothing there is left over to
    # lengthen, which would cut による in two or push it down a row.
    assert rows[0] == "7. numerical_gradient: 数値微分による", rows
    assert rows[1].startswith("   勾配  失敗あり") and len(rows) == 3, rows


def _check_said(seconds: str):
    """A setup for `watch_screen`: the report of `c`, checked in `seconds`."""

    def setup(watch) -> None:
        watch.say("checked every exercise in {seconds} s", seconds=seconds)

    return setup


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("asked", ["b", "c"])
def test_on_a_tiny_terminal_the_top_line_of_b_and_c_takes_one_row(
    request, monkeypatch, lang, asked
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    monkeypatch.setattr(hints, "seen", lambda state: {})
    monkeypatch.setattr(hints, "remember", lambda state, name, count: None)
    runs = done_runs()
    # softmax's failure fills the screen: its hint takes the failure's place.
    failure = _long_failure_runs()["backprop"]
    runs["softmax"] = ExerciseRun("softmax", failure.tests)
    runs["backprop"] = failure
    with i18n.speaking(lang):
        if asked == "b":
            # The hint took the failure's place; b brings it back.
            rows = watch_screen_drawn(runs, TINY, EXERCISE, keys_pressed("h", "b"))
            said = i18n._("back to the failure")
        else:
            rows = watch_screen_drawn(runs, TINY, SUMMARY, _check_said("4.27"))
            said = i18n._("checked all in {seconds} s", seconds="4.27")

    # No way of saying it with the watch's name fits 40 columns: the count
    # alone does, and the screen keeps its rows.
    assert said in rows[0] and "8" in rows[0], rows
    assert not rows[1].strip(), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_tiny_terminal_b_from_the_list_is_said_in_one_row(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    message = "The gradient is wrong.\n  expected  [2.0]\n  actual    [1.0]"
    failure = TestResult("test_example", False, "failure", message)
    runs["numerical_gradient"] = ExerciseRun("numerical_gradient", [failure])
    with i18n.speaking(lang):
        # Shown once (b there says so), then the list, then back.
        rows = watch_screen_drawn(runs, TINY, EXERCISE, keys_pressed("b", "l", "b"))
        said = i18n._("back")

    # "back to numerical_gradient" would take two rows: the exercise's
    # line names it, and the note of what is cut keeps its row.
    assert rows[0].rstrip().endswith(f"({said})"), rows
    assert TOP_LINE.match(rows[0]) and not rows[1].strip(), rows


# A failure of softmax whose expected value has eight rows: with the hint,
# one row too many for a screen of 80 by 24 with every blank line.
EIGHT_ROWS_EXPECTED = (
    "softmax must be exp(x) divided by the sum of exp(x) over each slice.\n"
    "  expected  [\n" + "".join(f"   [{i}.0, 0.5],\n" for i in range(6)) + "  ]\n"
    "  actual    [[0.7311, 0.7311], [0.5, 0.75]]\n"
    "  likely mistake: the sigmoid of each score, 1 / (1 + exp(-x)), which "
    "looks at every score on its own."
)


def test_a_hint_one_row_too_long_takes_only_the_rows_it_needs(request, monkeypatch):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    monkeypatch.setattr(hints, "seen", lambda state: {})
    monkeypatch.setattr(hints, "remember", lambda state, name, count: None)
    runs = done_runs()
    failures = [TestResult("test_x", False, "failure", EIGHT_ROWS_EXPECTED)]
    failures += [TestResult(f"test_{i}", False, "wrong") for i in range(15)]
    runs["softmax"] = ExerciseRun("softmax", failures)
    note = "Watching exercises/ for saves."

    def hinted(watch):
        watch.note = note
        keys_pressed("h")(watch)

    rows = watch_screen_drawn(runs, (80, 24), EXERCISE, hinted)

    # The screen is full: the blank rows it keeps and the line that says
    # how saves are noticed take the rows the fitting left over.
    assert len(rows) == 23, rows
    assert rows[2].startswith("3. softmax") and rows[3] == "", rows
    assert note in rows and "15 more failing" in "\n".join(rows), rows
    hint = next(i for i, row in enumerate(rows) if row.startswith("Hint 1 of 4"))
    assert rows[hint - 1] == "", rows


def _clipped_in_place(folder: Path) -> Path:
    """A project whose cross_entropy, written in the exercise's own file
    under its docstring, clips y in place (out=y): the exercise the watch
    shows, with every one before it done."""
    stub = (ROOT / "exercises" / "cross_entropy.py").read_text()
    body = (
        "    y = np.asarray(y, dtype=np.float64)\n"
        "    t = np.asarray(t)\n"
        "    np.clip(y, EPS, 1, out=y)\n"
        "    if t.shape != y.shape:\n"
        "        t = np.eye(y.shape[-1])[t]\n"
        "    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))\n"
    )
    sources = {done: solution(done) for done in NAMES[: NAMES.index("cross_entropy")]}
    sources["cross_entropy"] = stub[: stub.index("    raise NotImplementedError")]
    sources["cross_entropy"] += body
    return learner_tree(folder, **sources)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_failure_cut_for_a_hint_keeps_the_line_of_code_and_says_what_shows_it(
    tmp_path, lang
):
    rows = narrow_screen(_clipped_in_place(tmp_path / "kata"), lang, b"h")

    shown = " ".join(row.strip() for row in rows)
    assert NARROW_WORDS[lang]["hint"] in shown, rows
    # The learner's own line outlasts the general advice of the mistake.
    assert any(row.strip() == "np.clip(y, EPS, 1, out=y)" for row in rows), rows
    # The rows the hint took are said, and what shows them.
    assert "python -m grader check cross_entropy" in shown, rows


# The labels of an argument a call changed in place, and the start of the
# line that counts the other failing tests, by language.
IN_PLACE_WORDS = {
    "en": ("before  ", "after   ", re.compile(r"\d+ more failing")),
    "ja": ("呼び出し前  ", "呼び出し後  ", re.compile(r"ほかに \d+ 個")),
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_count_of_other_failures_goes_before_the_argument_changed_in_place(
    tmp_path, lang
):
    rows = narrow_screen(_clipped_in_place(tmp_path / "kata"), lang)

    before, after, count = IN_PLACE_WORDS[lang]
    labelled = [row.strip() for row in rows]
    kept = [
        label
        for label in (before, after)
        if any(row.startswith(label.strip()) for row in labelled)
    ]
    # The count of the others outlasts no part of the failure shown: the
    # argument before and after the call keep their first row while it
    # is in sight, whole or said short.
    if any(count.match(row) for row in rows):
        assert len(kept) == 2, rows
    assert kept in ([], [before, after]), rows
    assert any(row == "np.clip(y, EPS, 1, out=y)" for row in labelled), rows
    if lang == "en":
        assert len(kept) == 2, rows


# The top line of `h` pressed once every hint is read, at NARROW, by language.
NO_MORE_HINTS = {
    "en": "nn-kata watch: 9 of 10 done (no more hints)",
    "ja": "nn-kata watch: 10 問中 9 問完了(ヒントはここまで)",
}


def _statement_rows(rows: list[str]) -> list[str]:
    """The rows of the failure's statement among the screen's `rows`."""
    return [row for row in rows if re.match(r"    \S", row)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_h_after_the_last_hint_brings_the_failure_back(tmp_path, lang):
    tree = focused_tree(tmp_path / "kata", "train", "wrong_never_updates")
    hints.remember(tree / ".kata", "train", len(find("train").hints) - 1)
    keys = NARROW_WORDS[lang]["keys"].encode()
    with terminal_watch(tree, size=NARROW, args=("--lang", lang)) as (
        process,
        controller,
    ):
        read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"h")
        before = last_screen_rows(read_screen(controller, keys, SCREEN_TIMEOUT))
        os.write(controller, b"h")
        after = last_screen_rows(read_screen(controller, keys, SCREEN_TIMEOUT))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)

    # The last hint, just asked for, takes rows of the failure; `h` again
    # shows no new hint: the failure takes them back, the hint read giving
    # way, and the top line says so on one row: the command that shows the
    # hints again is too wide for it beside the count at 60 columns.
    columns, height = NARROW
    assert len(after) < height, after  # nothing scrolled off the top
    assert after[0] == NO_MORE_HINTS[lang], after
    assert len(_statement_rows(after)) > len(_statement_rows(before)), (before, after)
    assert any(NARROW_WORDS[lang]["actual"] in row for row in after), after


# The label of dot's last hint, by language.
LAST_HINT_LABEL = {
    "en": "Hint 4 of 4, the last: ",
    "ja": "ヒント 4/4(これが最後のヒントです): ",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_piped_watch_breaks_a_hint_at_79_columns(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def last_hint(watch) -> None:
        watch.hint = watch.hint_text(watch.focus, len(watch.focus.hints))

    with i18n.speaking(lang):
        rows = watch_screen_drawn({}, (100, 30), EXERCISE, last_hint, terminal=False)
        hint = i18n.hints(find("dot"))[-1]

    # Plain output wraps a hint, and nothing else, at PROSE_WIDTH, as
    # `hint` prints it: the hint's rows run to the blank row under it.
    start = next(
        i for i, row in enumerate(rows) if row.startswith(LAST_HINT_LABEL[lang])
    )
    end = rows.index("", start)
    shown = rows[start:end]
    assert len(shown) > 1, rows
    assert all(i18n.width(row) <= PROSE_WIDTH for row in shown), shown
    assert "".join(hint.split()) in "".join("".join(shown).split()), shown


# A key after `c`, both typed while a save of two files was graded: what the
# top line says between the save and the key, by language.
CHECKED_BETWEEN = {
    "en": re.compile(r"; checked all in [\d.]+ s; then the list of exercises\)$"),
    "ja": re.compile(r"を保存、全演習を採点: [\d.]+ 秒、その後、演習の一覧\)$"),
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_key_typed_with_a_save_after_c_says_the_check_too(request, monkeypatch, lang):
    from grader import watch as watch_module

    watch_screen_drawn = request.getfixturevalue("watch_screen")
    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    session = _RecordingSession({})
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn({}, (100, 30), EXERCISE, watches.append)
        watch = watches[0]
        watch.tests = lambda: session
        watch.session = session
        watch.keys = _typed_keys("cl")
        watch.saved(["dot", "sigmoid"])
        watch.press("c")
        watch.press("l")
        top = watch.top_drawn.plain

    # The check asked for is said, in the order the keys came.
    assert CHECKED_BETWEEN[lang].search(top), top
    assert watch.view == LISTING and len(session.graded) == 2, session.graded


# The label of softmax's second hint, by language.
SECOND_HINT_LABEL = {"en": "Hint 2 of 4: ", "ja": "ヒント 2/4: "}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_second_hint_that_hides_rows_of_the_failure_says_so(tmp_path, lang):
    tree = focused_tree(tmp_path / "kata", "softmax", "wrong_sum_without_keepdims")
    rows = narrow_screen(tree, lang, b"hh")

    assert any(row.startswith(SECOND_HINT_LABEL[lang]) for row in rows), rows
    # The likely mistake and the hint leave no row for the call nor the
    # values: the note says that rows are hidden, rather than none, and
    # takes the blank row under the top line if it must.
    assert any(row.startswith(("[... ", "[残り ")) for row in rows), rows


# The top line after a first grade that kept train's loop, by language.
FIRST_GRADE_KEPT = {
    "en": "nn-kata watch: 0 of 10 done (first grade, 0.13 s; train not run again)",
    "ja": "nn-kata watch: 10 問中 0 問完了(起動時の採点: 0.13 秒、train は再実行せず)",
}


def _first_grade_kept(watch) -> None:
    """The first grade, as the watch says it, of 0.13 s with train's loop
    kept unchanged: nothing run."""
    watch.grade = lambda *args, **kwargs: 0.13
    watch.timed_out, watch.loops_kept = [], ["train"]
    assert watch.grade_all()
    watch.out.file.seek(0)
    watch.out.file.truncate()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_first_grade_with_a_loop_kept_is_said_short_on_one_row(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn({}, (80, 24), EXERCISE, _first_grade_kept)
        narrow = watch_screen_drawn({}, (40, 12), EXERCISE, _first_grade_kept)

    # One row, where the long way would take two.
    assert rows[0] == FIRST_GRADE_KEPT[lang], rows
    assert rows[1] == "", rows
    # On a narrower terminal, the shortest way: no row starts with a dash.
    assert not any(row.startswith(("—", "-")) for row in narrow), narrow
    assert "再実行していません" not in "".join(narrow), narrow


def _grade_keeping_a_loop(name: str, key: str):
    """A setup for `watch_screen`: a grade of every exercise (the first,
    or `c`'s) of 0.13 s, with the loop of `name` kept unchanged."""

    def setup(watch) -> None:
        watch.grade = lambda *args, **kwargs: 0.13
        watch.timed_out, watch.loops_kept = [], [name]
        if key:
            watch.act_on(key, key, False)
        else:
            assert watch.grade_all()
        watch.out.file.seek(0)
        watch.out.file.truncate()

    return setup


@pytest.mark.parametrize("key", ["", "c"], ids=["first", "c"])
@pytest.mark.parametrize("columns", [60, 50, 40])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_loop_kept_of_a_long_name_leaves_the_top_line_on_one_row(
    request, lang, columns, key
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn(
            {},
            (columns, 20),
            EXERCISE,
            _grade_keeping_a_loop("numerical_gradient", key),
        )
        line = i18n._("{done} of {total} done ({event})", done=0, total=10, event="|")
        counted = line.split("|")[0]  # up to the event's bracket

    top = rows[0]
    assert counted in top and rows[1] == "", rows
    # The top line's own brackets hold the event: none inside them (in
    # Japanese, full-width ones).
    assert top.count("(") + top.count("\uff08") == 1, top


# What the top line says of the first grade, by language, and what it
# says of `c` only.
FIRST_GRADE_WORDS = {
    "en": ("first grade", ("checked", "all but")),
    "ja": ("起動時", ("全演習", "以外を採点")),
}


@pytest.mark.parametrize("columns", [80, 60, 50, 40])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_first_grade_with_a_loop_kept_is_said_to_be_the_first(
    request, lang, columns
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn(
            {}, (columns, 20), EXERCISE, _grade_keeping_a_loop("numerical_gradient", "")
        )

    # No key was pressed: the top line says the grade is the first, on
    # one row, never that all were checked as `c` does.
    first, checked = FIRST_GRADE_WORDS[lang]
    top = rows[0]
    assert first in top and rows[1] == "", rows
    assert not any(word in top for word in checked), top


# The top line after `c` at 40 columns, by language: in Japanese, the
# time gives way rather than take a second row.
CHECKED_NARROW = {
    "en": "0 of 10 done (checked all in 10.86 s)",
    "ja": "10 問中 0 問完了(全演習を採点)",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_c_on_a_narrow_terminal_drops_the_seconds_to_take_one_row(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def checked(watch) -> None:
        watch.say("checked every exercise in {seconds} s", seconds="10.86")

    with i18n.speaking(lang):
        rows = watch_screen_drawn({}, (40, 12), EXERCISE, checked)

    assert rows[0] == CHECKED_NARROW[lang], rows


# What the status line says of a key typed during a grade, by language.
KEYS_TYPED = {"en": "keys typed: c", "ja": "入力済みのキー: c"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_key_typed_during_the_grade_of_a_save_stays_in_sight_at_40x12(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = done_runs()
    runs["train"] = ExerciseRun(
        "train", error="ran until the time limit", timed_out=True
    )
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn(runs, (40, 12), EXERCISE, watches.append)
        watch = watches[0]
        # train saved, still looping, graded long enough for the screen to
        # say so; `c` typed meanwhile.
        watch.under_way, watch.before_save_drawn = True, True
        watch.saving = watch.saving_files = ["train"]
        watch.headline = i18n._("Grading {path} ...", path="exercises/train.py")
        watch.keys = _typed_keys("c")
        line = i18n._(
            "grading {name}: {seconds} s (limit {limit} s; saving regrades; q quits)",
            name="train",
            seconds=7,
            limit=8,
        )
        # As each second is shown: room made for the line, then it drawn.
        watch.redraw_during_grade(watch.rows([watch.status_text(line)]))
        status = watch.status_text(line)

    # The screen had rows left for the key typed: it is not cut away.
    joined = re.sub(r"\n *", " " if lang == "en" else "", status.plain)
    assert KEYS_TYPED[lang] in joined, status.plain
    assert watch.screen_rows + watch.rows([status]) <= 12 - 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_headline_of_a_grade_breaks_between_words_at_40_columns(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn({}, (40, 12), EXERCISE, watches.append)
        watch = watches[0]
        watch.out.file.seek(0)
        watch.out.file.truncate()
        headline = i18n._("Grading {path} ...", path="exercises/cross_entropy.py")
        watch.show_headline(headline)
    printed = ESCAPES.sub("", watch.out.file.getvalue()).replace("\r", "")

    # Broken where a reader would break it, not by the terminal at its edge:
    # the verb ("採点しています") and the file's name stay whole.
    rows = [row for row in printed.split("\n") if row]
    assert all(i18n.width(row) < 40 for row in rows), rows
    words = ("exercises/cross_entropy.py", "採点しています" if lang == "ja" else "...")
    assert all(any(word in row for row in rows) for word in words), rows


def test_a_resize_during_the_first_grade_clears_the_rows_and_prints_them_again(
    request,
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watches = []
    with i18n.speaking("ja"):
        watch_screen_drawn({}, (40, 12), EXERCISE, watches.append)
        watch = watches[0]
        # No screen yet: the first grade, with its headline and keys only.
        watch.ever_drawn, watch.under_way = False, True
        watch.headline = i18n._("Grading {target}/ ...", target="exercises")
        watch.out.file.seek(0)
        watch.out.file.truncate()
        watch.resized = True
        due = watch.redraw_due(2)
        if due:
            watch.redraw_during_grade(2)
    printed = watch.out.file.getvalue()

    # A terminal that rewraps its rows leaves pieces of the old ones: they
    # are cleared whole, and the lines printed again for the new width.
    assert due, printed
    assert printed.startswith("\x1b[2J"), printed
    rows = [row for row in ESCAPES.sub("", printed).split("\n") if row.strip()]
    assert rows[0] == "exercises/ を採点しています…", rows
    assert rows[-1].strip() == "採点後に有効", rows
    assert all(i18n.width(row) < 40 for row in rows), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_note_under_a_hint_takes_one_row_said_shorter_where_it_would_wrap(
    tmp_path, lang
):
    tree = focused_tree(tmp_path / "kata", "train", "wrong_accuracy_count")

    rows = narrow_screen(tree, lang, b"h")

    notes = [index for index, row in enumerate(rows) if row.startswith("[")]
    assert notes, "\n".join(rows)
    assert all(rows[index].rstrip().endswith("]") for index in notes), rows
    assert "python -m grader check train" in rows[notes[-1]], rows


# backprop's failure where dw1 is x @ dz1: the call takes six rows, and
# seven more tests fail.
DW1_UNTRANSPOSED = """\
backward(...) raised ValueError: matmul: Input operand 1 has a mismatch in \
its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 1 \
is different from 2)
  call      backward({'w1': [[0.0], [0.0]],
                      'b1': [0.0],
                      'w2': [[0.0, 0.0]],
                      'b2': [0.0, 0.0]},
                     [[1.0, 2.0]],
                     [0] (int64))
  where     exercises/backprop.py, line 58: "w1": x @ dz1,
  likely mistake: dw1 is x.T @ dz1: x is (N, D) and dz1 (N, H), and the \
product sums over the N samples, so x needs the .T (and dz1 none); dw1 then \
comes out (D, H), the shape of w1."""


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [(50, h) for h in range(14, 25)] + [(40, 16)])
def test_a_failure_that_loses_its_call_says_that_rows_are_hidden(request, lang, size):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_backward_{n}", False, "exception", DW1_UNTRANSPOSED)
        for n in "abcdefgh"
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["backprop"] = ExerciseRun("backprop", failures)
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, size, EXERCISE)
    shown = "\n".join(rows)
    # Rows of the call are hidden at every one of these sizes: a note says
    # so, or the line that counts the other failures, with what shows them.
    assert "'b2': [0.0, 0.0]}" not in shown, rows
    said = re.search(r"\[\.\.\. \d+ more lines|\[(\.\.\. )?残り \d+ 行", shown)
    assert said or re.search(r"`kata\s+check\s+backprop`", shown), rows


# numerical_gradient's failures whose likely mistake takes five rows of
# 60 columns in Japanese, by the mutant that gives each: a default step
# of 1e-3, and a difference halved, then multiplied by h.
LONG_MISTAKES = {
    "wrong_default_step_1e3": """\
Without h, the step must be the default h = 1e-4: at x = 0 the central \
difference of sum(x ** 3) is then h^2 = 1e-8.
  call      numerical_gradient(f, x) with
              x = [0.0, 0.0]
  expected  [1.0e-08, 1.0e-08]
  actual    [1.0e-06, 1.0e-06]
  likely mistake: the default h is not 1e-4: called without h, x[i] moved \
by another step. Keep the signature numerical_gradient(f, x, h=1e-4).""",
    "wrong_precedence_times_h": """\
The gradient of sum(v ** 2) is 2x.
  call      numerical_gradient(f, x) with
              x = [1.0, -2.0]
  expected  [2.0, -4.0]
  actual    [2.0e-08, -4.0e-08]
  likely mistake: the difference was halved and then multiplied by h: ... \
/ 2 * h means (... / 2) * h. Put the brackets in: ... / (2 * h).""",
}


def _hint_asked(count: int):
    """A setup for `watch_screen`: the `count` first hints of the exercise
    in focus read, the last just asked for with `h`."""

    def asked(watch) -> None:
        name = watch.focus.name
        watch.hint = watch.hint_text(watch.focus, count)
        watch.hints_asked.add(name)
        watch.say("hint for {name}", name=name)

    return asked


def _numerical_gradient_failing(message: str) -> dict:
    """Runs in which every exercise passes but numerical_gradient, whose
    three tests fail with `message`."""
    failures = [
        TestResult(f"test_numerical_gradient_{n}", False, "failure", message)
        for n in "abc"
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["numerical_gradient"] = ExerciseRun("numerical_gradient", failures)
    return runs


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("mutant", sorted(LONG_MISTAKES))
def test_beside_a_hint_a_long_mistake_gives_way_before_expected_and_actual(
    request, lang, count, mutant
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _numerical_gradient_failing(LONG_MISTAKES[mutant])
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, NARROW, EXERCISE, _hint_asked(count))
        hint = i18n._("Hint {shown} of {total}: {hint}", shown=count, total=4, hint="")
    expected, actual = VALUE_LABELS[lang]
    assert any(row.startswith(hint) for row in rows), rows
    # What was expected and what came back stay in sight, to be compared;
    # the likely mistake keeps at least its first sentence.
    assert any(row.startswith(f"      {expected} ") for row in rows), rows
    assert any(row.startswith(f"      {actual} ") for row in rows), rows
    mistake = next(i for i, row in enumerate(rows) if MISTAKE[lang] in row)
    said = "".join("".join(row.split()) for row in rows[mistake:])
    assert "".join(FIRST_SENTENCE[mutant][lang].split()) in said, rows


# The label of a likely mistake, and the first sentence of each of those
# of LONG_MISTAKES, as the watch says them, by language.
MISTAKE = {"en": "likely mistake: ", "ja": "考えられる間違い: "}
# (spaces aside, which a row's end may take or leave).
FIRST_SENTENCE = {
    "wrong_default_step_1e3": {
        "en": "the default h is not 1e-4: called without h, x[i] moved by "
        "another step.",
        "ja": "h の既定値が 1e-4 になっていません。",
    },
    "wrong_precedence_times_h": {
        "en": "the difference was halved and then multiplied by h: ... / 2 * h "
        "means (... / 2) * h.",
        "ja": "差を 2 で割ってから h を掛けています。",
    },
}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("mutant", sorted(LONG_MISTAKES))
def test_beside_each_hint_the_note_of_hidden_rows_gives_its_command_where_it_fits(
    request, lang, count, mutant
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _numerical_gradient_failing(LONG_MISTAKES[mutant])
    asked = _hint_asked(count)

    def with_lang(watch) -> None:
        # As the watch says it run as `python -m grader --lang ja`: the
        # command in the note takes a row more.
        watch.prog = f"python -m grader --lang {lang}"
        asked(watch)

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, NARROW, EXERCISE, with_lang)
    expected, actual = VALUE_LABELS[lang]
    words = " ".join(" ".join(rows).split())
    assert "check numerical_gradient" in words, rows
    assert any(row.startswith(f"      {expected} ") for row in rows), rows
    assert any(row.startswith(f"      {actual} ") for row in rows), rows


# cross_entropy's failure of np.clip(y, EPS, 1, out=y) on the y that
# np.asarray did not copy: y before and after the call, each of four rows,
# and a likely mistake of seven rows of 60 columns, nine in Japanese.
IN_PLACE_CLIP = (
    "cross_entropy changed its argument y in place.\n"
    "  before  [[0.0, 0.0, 1.0],\n"
    "           [1.0, 0.0, 0.0],\n"
    "           [0.0, 1.0, 0.0],\n"
    "           [0.0, 1.0, 0.0]]\n"
    "  after   [[1.0e-07, 1.0e-07, 1.0],\n"
    "           [1.0, 1.0e-07, 1.0e-07],\n"
    "           [1.0e-07, 1.0, 1.0e-07],\n"
    "           [1.0e-07, 1.0, 1.0e-07]]\n"
    "  where   exercises/cross_entropy.py, line 41: np.clip(y, EPS, 1, out=y)\n"
    "  likely mistake: y itself was changed: an in-place operator (y -= ...,"
    " y /= ...), a slice assignment (y[...] = ...) or out=y in a NumPy call."
    " Work on a new array instead: y = y - ..., or np.clip and the like"
    " without out=. np.asarray made no copy in y = np.asarray(y, dtype=float):"
    " given a float64 array, it returns that very array."
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_argument_changed_in_place_outlasts_the_mistakes_later_rows(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_cross_entropy_{n}", False, "failure", IN_PLACE_CLIP)
        for n in range(10)
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["cross_entropy"] = ExerciseRun("cross_entropy", failures)

    def with_long_prog(watch):
        # The count of the others with its command then takes three rows
        # of 60 columns in Japanese.
        watch.prog = "python -m grader --lang ja"

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, NARROW, EXERCISE, with_long_prog)
        count = i18n._("{count} more failing.", count=9)
    labels = {"en": ("  before  ", "  after   "), "ja": ("呼び出し前", "呼び出し後")}
    mistake = {"en": "likely mistake: y itself", "ja": "考えられる間違い: y"}[lang]

    # The first row of y before and after the call, the likely mistake's
    # first sentence, the count of the others and what shows them all:
    # the mistake's later rows gave way to them.
    for label in labels[lang]:
        assert any(label in row for row in rows), rows
    assert any(mistake in row for row in rows), rows
    assert any(row.startswith(count[:6]) for row in rows), rows
    assert "check cross_entropy" in " ".join(rows), rows
    assert any(row.rstrip().endswith("…") for row in rows), rows


# train's failure of C = t.shape[1] on labels of shape (N,): its call, too
# wide beside its label at 60 columns, goes under it, "train(" on a row of
# its own and each argument under it.
LABELS_AS_ONE_HOT = (
    "train(...) raised IndexError: tuple index out of range\n"
    "  call      train([[-0.8906, 1.0128, -1.3318, -1.3037],\n"
    "                   [-1.1405, -0.0885, -1.3318, -1.3037],\n"
    "                   [-1.5153, 0.1317, -1.2749, -1.3037],\n"
    "                   ...,\n"
    "                   [0.6088, -1.1898, 0.7161, 0.9412],\n"
    "                   [0.4839, 0.7925, 0.9437, 1.4694],\n"
    "                   [0.109, -0.0885, 0.773, 0.8091]] shape (102, 4),\n"
    "                  [0, 0, 0, ..., 2, 2, 2] shape (102,) (int64),\n"
    "                  seed=0)\n"
    "  where     exercises/train.py, line 52: C = t.shape[1]"
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_call_under_its_label_keeps_each_arguments_first_row(lang):
    width = NARROW[0] - 1
    with i18n.speaking(lang):
        whole = _fitted(LABELS_AS_ONE_HOT, UNLIMITED_ROWS, "    ", width).split("\n")
        shown = {
            limit: _fitted(LABELS_AS_ONE_HOT, limit, "    ", width).split("\n")
            for limit in range(len(whole) - 6, len(whole))
        }

    # The call stands under its label, its name on a row of its own.
    assert any(row.strip() == "train(" for row in whole), whole
    for limit, rows in shown.items():
        # The labels, which say why t.shape[1] fails, outlast the later
        # rows of x: each argument keeps its first row.
        assert any("[0, 0, 0, ..., 2, 2, 2]" in r for r in rows), limit
        assert any(r.strip().startswith("[[-0.8906, 1.0128") for r in rows), limit
        assert any(r.strip() == "seed=0)" for r in rows), limit


# That failure as the watch shows it, where and its likely mistake with
# it: a mistake of five rows at 60 columns, seven in Japanese.
LABELS_AS_ONE_HOT_EXPLAINED = (
    LABELS_AS_ONE_HOT.replace("line 52", "line 13")
    + "\n  likely mistake: t.shape[1] of labels: labels have shape (N,), one "
    "int per sample, with no axis of classes; only one-hot targets (N, C) have "
    "a t.shape[1]. With labels, C is t.max() + 1, as the docstring says: tell "
    "the two apart by t.ndim."
)
LABELS_MISTAKE_FIRST_SENTENCE = {
    "en": "t.shape[1] of labels: labels have shape (N,), one int per sample, "
    "with no axis of classes; only one-hot targets (N, C) have a t.shape[1].",
    "ja": "ラベルの t.shape[1] を読んでいます。",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_long_mistake_gives_way_to_its_first_sentence_before_the_call_and_count(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_train_{n}", False, "exception", LABELS_AS_ONE_HOT_EXPLAINED)
        for n in range(19)
    ]
    passed = [TestResult(f"test_ok_{n}", True) for n in range(8)]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["train"] = ExerciseRun("train", [*failures, *passed])
    other = {"en": "ja_JP.UTF-8", "ja": "C.UTF-8"}[lang]

    def asked(watch) -> None:
        # As the watch says it run as `python -m grader --lang ja`.
        i18n.set_language(lang, {"LANG": other})
        watch.prog = i18n.command("python -m grader")

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, NARROW, EXERCISE, asked)
        count = i18n._(
            "{count} more failing; `{prog} check {name}` shows them all.",
            count=18,
            prog=i18n.command("python -m grader"),
            name="train",
        )

    # In either language: the call, which reproduces the failure, and the
    # count of the others with what shows them outlast the later sentences
    # of the likely mistake, which keeps its first, what is wrong.
    said = "".join("".join(rows).split())
    assert any(row.strip() == "train(" for row in rows), rows
    assert "".join(count.split()) in said, rows
    assert "".join(LABELS_MISTAKE_FIRST_SENTENCE[lang].split()) in said, rows


# backprop's failure without the division by N: its call takes more rows
# than a hint asked for leaves at 100x30.
MISSING_MEAN = """\
The gradient for w2 is not the derivative of the loss with respect to w2.
  call      backward({'w1': [[-0.48, -0.4, 0.63],
                             [-0.82, 0.2, 0.46],
                             [-0.62, -0.89, -0.45]],
                      'b1': [0.31, 0.12, -0.7],
                      'w2': [[-0.13, 0.34, -0.15],
                             [0.27, 0.93, 0.37],
                             [-0.22, -0.63, -0.31]],
                      'b2': [0.02, 0.78, 0.55]},
                     [[-0.73, 1.7, -0.12],
                      [0.78, -1.57, -1.58],
                      [-1.19, 1.54, 0.72]],
                     [[1.0, 0.0, 0.0],
                      [0.0, 1.0, 0.0],
                      [0.0, 0.0, 1.0]])
  expected  [[-0.0356, 0.0018, 0.0338],
             [-0.1307, 0.1395, -0.0088],
             [-0.0817, 0.066, 0.0156]]
  actual    [[-0.1068, 0.0053, 0.1014],
             [-0.3921, 0.4184, -0.0264],
             [-0.245, 0.1981, 0.0469]]
  likely mistake: the gradients are N times (here 3) too large: the loss is a \
mean over the batch, so dz2 needs a division by N."""


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [(100, 30), (100, 28), (80, 30)])
def test_beside_a_hint_one_line_says_what_shows_the_rest(request, lang, size):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_backward_{n}", False, "failure", MISSING_MEAN) for n in "abc"
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["backprop"] = ExerciseRun("backprop", failures)
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, size, EXERCISE, _hint_asked(1))
        count = i18n._("{count} more failing.", count=2)

    # The count of the others and the note of the rows the hint took point
    # to the same command: it is said once, where both are said.
    words = " ".join(" ".join(rows).split())
    assert words.count("kata check backprop") == 1, rows
    assert any(ROWS_HIDDEN[lang].match(row) for row in rows), rows
    assert any(row.startswith(count[:6]) for row in rows), rows


# numerical_gradient's failure when x is put back by arithmetic: a likely
# mistake of one sentence, seven rows long at 50 columns.
RESTORED_BY_ADDING = """\
numerical_gradient must leave x exactly as it found it, bit for bit.
  call      numerical_gradient(f, x) with
              x = [[0.2, -7.3, 2.5], [3.7, 0.05, 1000.1]]
  expected  x = [[0.2, -7.3, 2.5],
                 [3.7, 0.05, 1000.1]]
  actual    x = [[0.19999999999999998, -7.300000000000001, 2.5000000000000004],
                 [3.7000000000000006, 0.05000000000000001, 1000.1]]
  likely mistake: x was put back by adding and subtracting h, but in \
floating point x[i] + h - h is not x[i] (off in its last bits, or lost \
entirely where x[i] is far smaller than h): save the entry first \
(saved = x[i]) and put the saved value back (x[i] = saved)."""


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("size", [(50, 16), (50, 18), (60, 16)])
def test_beside_a_hint_a_mistake_of_one_long_sentence_keeps_its_first_row(
    request, lang, count, size
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _numerical_gradient_failing(RESTORED_BY_ADDING)
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, size, EXERCISE, _hint_asked(count))
        hint = i18n._("Hint {shown} of {total}: {hint}", shown=count, total=4, hint="")
    shown = "\n".join(rows)

    # The hint asked for, what failed, the start of the change to make, and
    # a note that says rows are gone: the statement gives way first, down
    # to its first row, and the blank row under the top line before it.
    assert any(row.startswith(hint) for row in rows), rows
    assert any(row.startswith("    numerical_gradient ") for row in rows), rows
    assert MISTAKE[lang] in shown, rows
    assert any(ROWS_HIDDEN[lang].match(row) for row in rows), rows
    assert rows[1] != "", rows


# A call whose first argument is a dict and whose second follows it, as
# a wrong predict shows it: on a screen that keeps the call's first row
# alone, that row still counts the keys it hid and closes the dict.
DICT_THEN_X = (
    "The result has the wrong shape.\n"
    "  call      predict({'w1': [[4.0, 0.0], [0.0, 4.0]],\n"
    "                     'b1': [0.0, 0.0],\n"
    "                     'w2': [[3.0, -3.0, 0.0],\n"
    "                            [-3.0, 3.0, 0.0]],\n"
    "                     'b2': [0.0, 0.0, 0.5]},\n"
    "                    [[1.0, -1.0],\n"
    "                     [-1.0, 1.0],\n"
    "                     [2.0, 0.5],\n"
    "                     [0.5, 2.0]])\n"
    "  expected  (4,)\n"
    "  actual    (3,)\n"
    "  likely mistake: the argmax was taken along axis 0, across the samples: "
    "the classes are axis 1."
)


@pytest.mark.parametrize("mistake_first", [False, True], ids=["failure", "hint"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_call_shortened_to_its_first_row_counts_the_keys_and_closes_the_dict(
    lang, mistake_first
):
    width = NARROW[0] - 1
    with i18n.speaking(lang):
        shown = {
            limit: _fitted(
                DICT_THEN_X, limit, "    ", width, mistake_first=mistake_first
            ).split("\n")
            for limit in range(4, 8)
        }
        more = i18n._("{ellipsis} {count} more keys", ellipsis="…", count=3)

    alone = [rows for rows in shown.values() if "[[1.0, -1.0]" not in str(rows)]
    assert alone, shown  # the call down to its first row
    for rows in alone:
        call = next(row for row in rows if "predict(" in row)
        # The keys hidden are counted and the dict closed, then an ellipsis
        # says that the argument after it is hidden too, all on the row.
        assert call.endswith(f"{more}}}, …"), rows
        assert i18n.width(call) <= width, rows


# one_hot's failure of a comparison left as booleans: short values, each
# one row, beside a likely mistake of three rows at 50 columns.
BOOLEAN_RESULT = (
    "The result must be an array of float64 numbers.\n"
    "  call      one_hot([2, 0] (list), 3)\n"
    "  expected  float64\n"
    "  actual    bool\n"
    "  likely mistake: a comparison (==) gives booleans: convert with "
    ".astype(np.float64)."
)
# A terminal as small as the watch is laid out for in a split window.
SMALL = (50, 16)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_beside_a_hint_asked_for_expected_and_actual_outlast_its_later_rows(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_one_hot_{n}", False, "failure", BOOLEAN_RESULT) for n in "abc"
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["one_hot"] = ExerciseRun("one_hot", failures)
    with i18n.speaking(lang):
        whole = watch_screen_drawn(runs, (50, 60), EXERCISE, _hint_asked(1))
        rows = watch_screen_drawn(runs, SMALL, EXERCISE, _hint_asked(1))
        hint = i18n._("Hint {shown} of {total}: {hint}", shown=1, total=4, hint="")
    expected, actual = VALUE_LABELS[lang]

    # What was expected and what came back, which the failure is shown
    # for, stay; the hint gives up its later rows for them, down to its
    # first, whole, and a row that says what shows the rest.
    assert any(row.startswith(f"      {expected} ") for row in rows), rows
    assert any(row.startswith(f"      {actual} ") for row in rows), rows
    first = next(row for row in whole if row.startswith(hint))
    start = rows.index(first)
    assert "`kata hint --seen one_hot`" in rows[start + 1], rows
    assert rows[start + 2].startswith(NARROW_WORDS[lang]["keys"]), rows


# softmax's failure along axis 0, whose likely mistake takes four rows of
# 50 columns: beside the first row of a hint, it leaves no row for what
# was expected nor for what came back.
AXIS_ZERO = (
    "softmax must be exp(x) divided by the sum of exp(x) over each slice "
    "along the last axis.\n"
    "  call      softmax([[1.0, 1.0], [0.0, 1.0986]])\n"
    "  expected  [[0.5, 0.5], [0.25, 0.75]]\n"
    "  actual    [[0.7311, 0.4754], [0.2689, 0.5246]]\n"
    "  likely mistake: normalized along axis 0 (down the columns): each slice "
    "along the last axis, a row of a batch, must sum to 1. Use axis=-1."
)


def test_a_hint_asked_for_stays_whole_where_its_rows_bring_back_no_value(request):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [TestResult("test_softmax_a", False, "failure", AXIS_ZERO)]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["softmax"] = ExerciseRun("softmax", failures)
    with i18n.speaking("en"):
        whole = watch_screen_drawn(runs, (50, 60), EXERCISE, _hint_asked(1))
        # A row short of SMALL: there, with the call gone whole (its label
        # alone says nothing), the hint's rows bring the mistake's first
        # sentence back, for which it rightly gives way.
        rows = watch_screen_drawn(runs, (50, 15), EXERCISE, _hint_asked(1))

    # Cut for nothing, the hint would only say less.
    start = next(i for i, row in enumerate(whole) if row.startswith("Hint 1 of 4"))
    hint = whole[start : whole.index("", start) if "" in whole[start:] else None]
    hint = [row for row in hint if not row.startswith("keys: ")]
    assert all(row in rows for row in hint), rows
    assert not any(row.startswith("      expected ") for row in rows), rows


# A run of dot stopped at the time limit of 2 s in two tests: a failure
# longer than a small screen.
DOT_LOOPED = ExerciseRun(
    "dot",
    [
        TestResult("test_dot_gives_the_docstring_example", False, TIMEOUT, "running"),
        TestResult(
            "test_matrix_times_matrix_matches_the_definition", False, TIMEOUT, "running"
        ),
    ],
    error=(
        "exercises/dot.py was still running after 2 s: an endless loop? The "
        "loop on lines 2-3 did not end in time. This happened in both tests "
        "that were running: test_dot_gives_the_docstring_example and "
        "test_matrix_times_matrix_matches_the_definition.\n"
        "  stopped at line 2 in test_dot_gives_the_docstring_example:\n"
        "    while True:\n"
        "  stopped at line 3 in test_matrix_times_matrix_matches_the_definition:\n"
        "    pass"
    ),
    timed_out=True,
    stopped_at_limit=True,
)


@pytest.mark.parametrize(
    ("lang", "columns", "command"),
    [
        ("en", 50, "`python -m grader check dot`"),
        # The Japanese command is wider (`... --lang ja`): on 50 columns it
        # takes a second row, the note's own, that no part of the failure
        # would fill.
        ("ja", 50, "`python -m grader check dot --lang ja`"),
        ("ja", 56, "`python -m grader check dot --lang ja`"),
    ],
)
def test_a_note_of_rows_cut_keeps_its_command_where_it_fits_its_row(
    request, lang, columns, command
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    option = "--lang ja" if lang == "ja" else ""

    def started(watch) -> None:
        # As `python -m grader watch` names itself, in a locale of its own.
        i18n.current.option = option
        watch.prog = f"python -m grader {option}".strip()

    with i18n.speaking(lang):
        rows = watch_screen_drawn({"dot": DOT_LOOPED}, (columns, 16), EXERCISE, started)

    # The failure is longer than the screen: the note that says so takes
    # one row, and holds the command that shows it all where it fits.
    notes = [i for i, row in enumerate(rows) if row.startswith(("[... ", "[残り"))]
    assert len(notes) == 1, "\n".join(rows)
    keys = next(i for i, row in enumerate(rows) if row.startswith(("keys: ", "キー: ")))
    assert keys - notes[0] <= 2, rows
    note = " ".join(rows[notes[0] : keys])
    if command is None:
        assert "`" not in note, note
    else:
        assert command in note, note


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_report_cut_during_a_grade_after_a_resize_leaves_no_row_blank(
    done_tree, lang
):
    keys = NARROW_WORDS[lang]["keys"].encode()
    status = {"en": "grading sgd: 1 s", "ja": "sgd を採点中: 1 秒"}[lang]
    columns, height = 60, 20
    args = ("--lang", lang, "--timeout", "8")
    with terminal_watch(done_tree, controlling=True, size=(100, 40), args=args) as (
        process,
        controller,
    ):
        read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
        (done_tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        read_until(controller, status.encode(), SCREEN_TIMEOUT)
        resize_terminal(controller, columns, height)  # the grade runs on
        seen = read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT)
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    rows = terminal_rows(seen, columns)

    # The report's table is cut to a note: every row but the terminal's
    # last (see `Watch.room`) shows something, the status line among them.
    assert any(row.startswith(("[... ", "[表の残り")) for row in rows), rows
    assert len(rows) == height - 1, "\n".join(rows)


# forward without b2 in the sum: the call takes sixteen rows at 60 columns
# under its first, and three more tests fail from the same mistake.
MISSING_B2 = (
    "forward must give softmax(sigmoid(x @ w1 + b1) @ w2 + b2).\n"
    "  call      forward(params, x) with\n"
    "              x  = [[-0.9596, 1.3595, 0.038, 0.0436]]\n"
    "              w1 = [[0.0473, 1.8019, -1.4234, 1.7946, -0.7527],\n"
    "                    [-0.3067, 1.3108, -0.3632, 0.1984, -1.8898],\n"
    "                    [1.0141, 0.1526, -0.6811, 1.1537, -0.7872],\n"
    "                    [-0.186, -1.4638, -0.3875, -1.1862, -0.9507]]\n"
    "              b1 = [1.0015, -0.8784, -0.0592, 1.9229, 1.8466]\n"
    "              w2 = [[0.8992, 0.1649, -0.8924],\n"
    "                    [-1.3574, 1.8797, 0.0643],\n"
    "                    [-1.5365, 0.494, 1.1067],\n"
    "                    [0.452, 1.6692, -1.8416],\n"
    "                    [0.1144, -0.1627, -1.7506]]\n"
    "              b2 = [0.5653, 1.4105, 0.3718]\n"
    "  expected  [[0.0345, 0.9572, 0.0083]]\n"
    "  actual    [[0.0756, 0.9022, 0.0221]]\n"
    "  likely mistake: b2 is missing: softmax(h @ w2 + b2)."
)
MISSING_B2_TESTS = (
    "test_forward_computes_softmax_of_sigmoid_layers",
    "test_forward_looks_params_up_by_key[layers-swapped]",
    "test_forward_looks_params_up_by_key[reversed]",
    "test_forward_follows_params_changed_in_place",
)
# The note under a failure cut short, and the count it says.
CHECK_NOTE = re.compile(
    r"\[(?:\.\.\. (\d+) more lines|(?:\.\.\. )?残り (\d+) 行)[^\]]*check forward"
)


def _check_rows_not_shown(tests: list[TestResult], rows: list[str]) -> int:
    """How many rows of what `check forward` prints of `tests` at 60
    columns, from the failed test's row to the names of the others, the
    `rows` of a screen do not show."""
    from selftests.test_grader_render import checked_on_a_terminal

    printed = checked_on_a_terminal(tests, 60, "forward")
    first = next(i for i, row in enumerate(printed) if row.startswith("✗ "))
    body = [row for row in printed[first:] if row.strip()]
    body = body[:-1]  # `hint forward`'s line: the watch has its key
    left = list(rows)
    hidden = 0
    for row in body:
        if row in left:
            left.remove(row)
        else:
            hidden += 1
    return hidden


@pytest.mark.parametrize("size", [(60, 20), (60, 21), (60, 22), (60, 24)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_note_under_a_failure_cut_counts_the_rows_check_shows_and_it_does_not(
    request, monkeypatch, lang, size
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    monkeypatch.setattr(hints, "seen", lambda state: {})
    monkeypatch.setattr(hints, "remember", lambda state, name, count: None)
    tests = [
        TestResult(name, False, "failure", MISSING_B2) for name in MISSING_B2_TESTS
    ]
    runs = done_runs()
    for name in NAMES[NAMES.index("forward") :]:
        runs.pop(name)
    runs["forward"] = ExerciseRun("forward", tests)

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, size, EXERCISE, keys_pressed("h"))
        hidden = _check_rows_not_shown(tests, rows)

    said = [CHECK_NOTE.search(row) for row in rows]
    counts = [int(found.group(1) or found.group(2)) for found in said if found]
    assert counts == [hidden], (hidden, "\n".join(rows))
    if size == (60, 20) and lang == "en":
        # The call's fifteen rows under x's, the line that counts the
        # other tests and their three names.
        assert counts == [15 + 1 + 3], rows


def _backprop_screens(
    folder: Path, size: tuple[int, int], lang: str, seen: int, keys: str
) -> list[list[str]]:
    """The rows of the watch at `size` on backprop without its 1/N, `seen`
    hints of it read before, once each of `keys` is pressed in turn."""
    tree = focused_tree(folder, "backprop", "wrong_missing_mean")
    if seen:
        hints.remember(tree / ".kata", "backprop", seen)
    screens = []
    with terminal_watch(tree, size=size, args=("--lang", lang)) as (
        process,
        controller,
    ):
        read_screen(
            controller, NARROW_WORDS[lang]["keys"].encode(), FIRST_SCREEN_TIMEOUT
        )
        for key in keys:
            os.write(controller, key.encode())
            drawn = read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT)
            screens.append(terminal_rows(drawn, size[0]))
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    return screens


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [NARROW, (100, 30)])
def test_h_from_the_list_after_the_last_hint_shows_the_hint_it_says(
    tmp_path, lang, size
):
    hints_count = len(find("backprop").hints)
    _listed, back = _backprop_screens(tmp_path / "kata", size, lang, hints_count, "lh")

    # The top line says the last hint is shown again: it is, with the rows
    # a hint just asked for gets, not only those the failure leaves.
    with i18n.speaking(lang):
        said = i18n._("last hint")  # in each way of saying it
    assert said in "".join(back[:2]), back
    assert any(row.startswith(LAST_HINT_LABEL[lang]) for row in back), back


def _call_rows(rows: list[str]) -> list[str]:
    """The rows of the call of the failure among the screen's `rows`."""
    start = next(i for i, row in enumerate(rows) if "backward(" in row)
    end = next(i for i in range(start + 1, len(rows)) if rows[i][:16].strip())
    return rows[start:end]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("seen", [2, 3])
def test_a_call_beside_a_hint_that_hides_an_argument_says_so(tmp_path, lang, seen):
    (asked,) = _backprop_screens(tmp_path / "kata", NARROW, lang, seen, "h")

    # backward takes three arguments: one that goes leaves a mark where it
    # was, after the brackets that close the list before it (its own "…"
    # stands for that list's later rows).
    call = _call_rows(asked)
    hidden = re.search(r"…\]+, …$", call[-1])
    assert "[[1.0, 0.0, 0.0]" in "".join(call) or hidden, call


def _sigmoid_runs(message: str, name: str, failing: int) -> dict:
    """dot done, and sigmoid failing `failing` of its 38 tests with
    `message`, the first the test `name`, the others passed."""
    passed = [TestResult(f"test_ok_{i}", True) for i in range(38 - failing)]
    failed = [
        TestResult(f"{name}{i or ''}", False, "failure", message)
        for i in range(failing)
    ]
    return {
        "dot": ExerciseRun("dot", [TestResult("test_ok", True)]),
        "sigmoid": ExerciseRun("sigmoid", [*failed, *passed]),
    }


OVERFLOW_TEST = "test_sigmoid_has_no_overflow_for_any_finite_x"
WHERE_BOTH_BRANCHES = (
    "sigmoid must work without overflow for every finite x, -1000 and 1000 "
    "included.\n"
    "  call      sigmoid([-1000.0, 1000.0])\n"
    "  expected  no overflow\n"
    "  actual    FloatingPointError: overflow encountered in exp\n"
    "  where     exercises/sigmoid.py, line 10: return np.where(x >= 0, "
    "1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))\n"
    "  likely mistake: np.where(x >= 0, a, b) works out both a and b for every "
    "element before it chooses, so the exp that overflows is still computed. "
    "Compute z = np.exp(-np.abs(x)), which never overflows, and build both "
    "cases from z."
)


@pytest.mark.parametrize("keys", ["", "h"])
@pytest.mark.parametrize("size", [(50, 16), (50, 20)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_place_whose_code_is_gone_ends_in_an_ellipsis_not_a_colon(
    request, lang, size, keys
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        runs = _sigmoid_runs(WHERE_BOTH_BRANCHES, OVERFLOW_TEST, 5)
        rows = watch_screen_drawn(runs, size, EXERCISE, keys_pressed(*keys))

    place = next(i for i, row in enumerate(rows) if "sigmoid.py" in row)
    while not re.search(r"line 10|10 行目", rows[place]):
        place += 1
    code = place + 1 < len(rows) and rows[place + 1].lstrip().startswith("return")
    # A ":" with nothing after it reads as a row broken off.
    assert code or rows[place].endswith("…"), "\n".join(rows)


SMALL_INT_TEST = "test_sigmoid_accepts_numbers_lists_integers_and_float32[int8-array]"
SMALL_INT_KEPT = (
    "sigmoid(x) must be 1 / (1 + exp(-x)) for every element of x.\n"
    "  call      sigmoid([-128, -3, 0, 5, 127] (int8))\n"
    "  expected  [0.0, 0.0474, 0.5, 0.9933, 1.0]\n"
    "  actual    [1.0, 0.0475, 0.5, 0.9932, 1.0]\n"
    "  likely mistake: x was worked on in its own small int type: -x wraps "
    "around at the ends of the type's range (-(-128) is -128 in int8, -1 is "
    "255 in uint8), and exp of a small int gives float16, which keeps about "
    "3 digits. Convert x first, with np.asarray(x, dtype=np.float64)."
)


@pytest.mark.parametrize("keys", ["", "h"])
@pytest.mark.parametrize("size", [(50, 16), (50, 20)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_call_with_nothing_but_its_label_left_goes_whole(request, lang, size, keys):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        runs = _sigmoid_runs(SMALL_INT_KEPT, SMALL_INT_TEST, 1)
        rows = watch_screen_drawn(runs, size, EXERCISE, keys_pressed(*keys))

    # "call …" alone says nothing of the call: its row is better spent.
    label = re.compile(r"\s*(call|呼び出し)\s*…?")
    assert not any(label.fullmatch(row) for row in rows), "\n".join(rows)
    assert any("actual" in row or "実際の値" in row for row in rows), rows

"""The watch on a terminal window, as a learner sees it: the report and
the failure laid out in the rows and columns the window has, and drawn
again when it changes size."""

import os
import re
import time
from pathlib import Path

import pytest
from rich.text import Text

from grader import hints, i18n
from grader.exercises import NAMES
from grader.project import STATE_DIR
from grader.render import clipped
from grader.watch import (
    _fitted,
    keys_wrapped,
    wrapped_lines,
)
from selftests.learner_support import (
    FIRST_SCREEN_TIMEOUT,
    SCREEN_TIMEOUT,
    kata,
    learner_tree,
    solution,
)
from selftests.watch_support import (
    ENDLESS_SGD,
    ESCAPES,
    MUTANTS,
    NARROW,
    NARROW_WORDS,
    REPORT_WORDS,
    UNLIMITED_ROWS,
    WRONG_SGD,
    focused_tree,
    last_screen_rows,
    narrow_screen,
    read_screen,
    read_until,
    resize_terminal,
    terminal_rows,
    terminal_watch,
    wait_for_line,
)

# Sizes of terminal windows learners use: (columns, rows).
SMALL, TALL = (80, 40), (120, 50)


# Short enough for the report's failure to be shortened, its blank lines
# and heading gone.
REPORT_SMALL = (80, 34)


# Done first, so that the report's next exercise is the one failing.
SOLVED = ("dot", "sigmoid", "softmax", "one_hot", "cross_entropy")


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


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_terminal_the_report_fits_its_height_title_and_table_first(tmp_path, lang):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_sigmoid_output")
    words = REPORT_WORDS[lang]
    with terminal_watch(tree, size=REPORT_SMALL, args=("--lang", lang)) as (
        process,
        controller,
    ):
        read_screen(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"c")
        rows = last_screen_rows(
            read_screen(controller, words["top"].encode(), SCREEN_TIMEOUT)
        )
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
        read_screen(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"c")
        rows = last_screen_rows(
            read_screen(controller, words["top"].encode(), SCREEN_TIMEOUT)
        )
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
        read_screen(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        backprop = tree / "exercises" / "backprop.py"
        backprop.write_text(backprop.read_text() + "\n")
        saved = read_screen(controller, b"saved exercises/backprop.py", SCREEN_TIMEOUT)
        rows = last_screen_rows(saved)
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
    ends = ("], …},", "more keys},", "more key},")
    assert any(row.endswith(ends) for row in rows) == cut
    assert not expected.endswith("…")
    # The count follows the exercise's tests: all failing but the one shown.
    passed, total = map(int, re.search(r"(\d+)/(\d+) tests", screen).groups())
    others = total - passed - 1
    assert f"{others} more failing; `python -m grader check backprop`" in screen


def test_on_a_terminal_a_resize_redraws_the_screen_at_its_new_size(tmp_path):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_sigmoid_output")
    with terminal_watch(tree, controlling=True, size=(100, 40)) as (
        process,
        controller,
    ):
        wide = last_screen_rows(read_screen(controller, b"keys:", FIRST_SCREEN_TIMEOUT))
        resize_terminal(controller, 60, 24)  # no key, no save: the resize alone
        narrow = last_screen_rows(read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT))
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
        first = read_screen(controller, keys, FIRST_SCREEN_TIMEOUT)
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
    assert clipped(names, 39) == "実行中: dot、sigmoid、softmax、ほか 7…"
    assert clipped(names, 38) == "実行中: dot、sigmoid、softmax、ほか 7…"
    assert clipped(names, 40) == names
    assert clipped("still running: a b", 16, "...") == "still running..."


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
        read_until(controller, b"| q ", FIRST_SCREEN_TIMEOUT)
        os.write(controller, "\uff4c".encode())  # ｌ, as a Japanese IME types l
        listed = read_until(controller, b"| q ", SCREEN_TIMEOUT).decode()
        assert "is not a key" not in listed and "割り当てのないキー" not in listed
        os.write(controller, "あ".encode())
        stray = ESCAPES.sub(
            "", read_until(controller, b"| q ", SCREEN_TIMEOUT).decode()
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
    wait_for_line(running, "Grading exercises/forward.py")
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
    wait_for_line(running, "exercises/forward.py")
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
        assert "その後、演習の一覧" in top
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
    wait_for_line(running, "Grading exercises/sgd.py")
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


# The rows MISSING_B2's entries hidden at a limit stand for, whole: x (1),
# w1 (3), b1 (1), w2 (2); at 9, w1 keeps its first row, ended in "…".
@pytest.mark.parametrize("limit, hidden", [(7, 7), (8, 6), (9, 3)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_note_of_a_shortened_input_counts_the_rows_of_its_entries_whole(
    limit, hidden, lang
):
    with i18n.speaking(lang):
        lines = _fitted(MISSING_B2, limit, "").splitlines()
        note = i18n._("[... {count} more lines]", count=hidden)

    assert len(lines) == limit
    assert " " * 14 + note in lines


def test_on_a_small_terminal_the_input_gives_way_before_actual_and_the_mistake(
    tmp_path,
):
    tree = _mutant_tree(tmp_path / "kata", "forward", "wrong_missing_b2")
    with terminal_watch(tree, size=(60, 20)) as (process, controller):
        read_screen(controller, b"keys: ", FIRST_SCREEN_TIMEOUT)
        os.write(controller, b"c")
        # Said short, to keep the top line on one row of 60 columns.
        read_screen(controller, b"checked all in", SCREEN_TIMEOUT)
        os.write(controller, b"b")
        rows = last_screen_rows(
            read_screen(controller, b"(back to forward)", SCREEN_TIMEOUT)
        )
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


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_failure_keeps_what_came_back_and_the_mistake(
    tmp_path, lang
):
    tree = focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_divides_then_times_h"
    )
    words = NARROW_WORDS[lang]
    rows = narrow_screen(tree, lang)

    screen = "\n".join(rows)
    assert words["actual"] + "[2.0e-08, -4.0e-08]" in screen
    assert words["mistake"] in screen and "... / (2 * h)" in screen
    # The header breaks between its parts, the mark stays with the test.
    assert any(re.search(words["tests"] + "$", row.strip()) for row in rows), rows
    assert not any(row.strip() in ("✗", "x", "tests", "テスト") for row in rows)
    assert any(row.startswith("✗ test_numerical_gradient") for row in rows)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_hint_asked_for_is_shown_whole(tmp_path, lang):
    tree = focused_tree(tmp_path / "kata", "numerical_gradient", "wrong_missing_half")
    from grader.exercises import find

    with i18n.speaking(lang):
        hint = i18n.hints(find("numerical_gradient"))[0]
    rows = narrow_screen(tree, lang, b"h")

    start = next(i for i, row in enumerate(rows) if NARROW_WORDS[lang]["hint"] in row)
    shown = "".join(row.strip() for row in rows[start:])
    assert "".join(hint.split()) in "".join(shown.split())
    # The failure gave way to it, not what came back.
    assert NARROW_WORDS[lang]["actual"] in "\n".join(rows)
    assert any(row.startswith("✗ test_") for row in rows)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_list_fits_a_row_per_exercise(tmp_path, lang):
    tree = focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_default_step_1e3"
    )
    rows = narrow_screen(tree, lang, b"lx")

    assert NARROW_WORDS[lang]["list"] in rows[0] + rows[1]
    for number, name in enumerate(NAMES, start=1):
        (row,) = [row for row in rows if row.split()[:2] == [str(number), name]]
        assert len(row.split()) >= 3  # its status beside it


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_all_done_keeps_the_score_and_the_closing_line(
    done_tree, lang
):
    rows = narrow_screen(done_tree, lang)

    screen = "\n".join(row.strip() for row in rows)
    words = NARROW_WORDS[lang]
    # The score line is wider than the terminal: it takes two rows.
    assert "".join(words["score"].split()) in "".join(screen.split())
    assert words["closing"] in screen
    # What next, what to do now, keeps its rows; the table, each row
    # "done", keeps its first rows in those left, one line counting the
    # rest: no row is left blank while one is hidden.
    assert "What next:" in screen or "次にできること:" in screen
    table = [row for row in rows if row.split()[1:2] and row.split()[1] in NAMES]
    counted = re.search(r"(\d+) more rows|表の残り (\d+) 行", screen)
    assert table and counted, rows
    assert int(counted[1] or counted[2]) == len(NAMES) - len(table), rows
    assert len(rows) == NARROW[1] - 1, rows


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
        # The mistake gives up its later rows only for where's line of code
        # or for what came back, whose first row then stays.
        came_back = any(line.startswith(actual[0][:16]) for line in lines)
        assert lines[-len(mistake) :] == mistake or where[1] in lines or came_back
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

    width = NARROW[0] - 1
    with i18n.speaking(lang):
        whole = _fitted(COPIED_X, UNLIMITED_ROWS, "    ", width).splitlines()
        lines = _fitted(COPIED_X, 5, "    ", width).splitlines()

    # The statement's first row, which says what broke, then the call's,
    # what came back, where and the likely mistake, each cut to its first
    # row (the statement after a clause): the zeros that came back say
    # more than the mistake's later rows, and where keeps its file and line.
    starts = [i for i, row in enumerate(whole) if re.match(r" {6}\S", row)]
    actual = whole[starts[2]]  # after the call and what was expected
    assert lines[0].rstrip(" …") in whole[0] and lines[0].endswith("…")
    assert lines[1].startswith(whole[3][:16]) and lines[1].endswith("…")
    assert lines[2].startswith(actual.rstrip(",")[:22])
    # Where's file and line, ended by " …", or by "…" in place of its colon
    # where only so it fits.
    assert whole[-4].endswith(":")
    assert lines[3].removesuffix(" …") == whole[-4] or (
        lines[3] == whole[-4].removesuffix(":") + "…"
    )
    assert lines[4].rstrip(" …") in whole[-2] and lines[4].endswith("…")


CLIPPED_Y = """\
cross_entropy changed its argument y in place.
  before  [[0.0, 0.0, 1.0],
           [1.0, 0.0, 0.0]]
  after   [[1.0e-07, 1.0e-07, 1.0],
           [1.0, 1.0e-07, 1.0e-07]]
  where   exercises/cross_entropy.py, line 41: np.clip(y, 1e-7, 1, out=y)
  likely mistake: y itself was changed: an in-place operator (y -= ..., \
y /= ...), a slice assignment (y[...] = ...) or out=y in a NumPy call. \
Work on a new array instead: y = y - ..., or np.clip and the like without out=."""


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("columns", [50, 51])
def test_where_keeps_its_file_and_line_whole_and_its_code_on_any_width(lang, columns):
    # At 51 columns the English place fits the row beside where's label; at
    # 50, one column short of it (the watch leaves the last column free), it
    # takes two rows, as the Japanese one does at both widths.
    width = columns - 1
    with i18n.speaking(lang):
        whole = _fitted(CLIPPED_Y, UNLIMITED_ROWS, "    ", width).splitlines()
        shown = {
            limit: _fitted(CLIPPED_Y, limit, "    ", width).splitlines()
            for limit in range(5, len(whole))
        }
    start = next(i for i, row in enumerate(whole) if "cross_entropy.py" in row)
    code = next(i for i, row in enumerate(whole) if "np.clip" in row)
    place = whole[start:code]
    assert place[-1].endswith(":") and code == start + len(place)
    for limit, lines in shown.items():
        assert len(lines) <= limit, limit
        # The file and line stay whole, never cut by an ellipsis, and the
        # learner's line of code outlasts the values before and after the
        # call, as it does where the place takes one row.
        kept = [lines[i : i + len(place)] for i in range(len(lines))]
        assert place in kept, (limit, lines)
        assert whole[code] in lines, limit


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
def test_on_a_small_terminal_the_likely_mistake_stays_and_the_hint_is_whole_or_cut(
    tmp_path, lang
):
    tree = focused_tree(tmp_path / "kata", "numerical_gradient", "wrong_flattens_x")
    from grader.exercises import find

    with i18n.speaking(lang):
        hint = i18n.hints(find("numerical_gradient"))[3]
    words = FLATTENED_WORDS[lang]
    rows = narrow_screen(tree, lang, b"hhhh")

    screen = "\n".join(rows)
    # The likely mistake stays whole, or gives up only the advice after
    # its first sentence, for the learner's own line of code.
    assert words["mistake"] in screen
    # Its end may break over two rows: compared without the line breaks.
    unbroken = "".join(screen.split())
    whole = "".join(words["mistake_end"].split()) in unbroken
    assert whole or "f_plus = f(x)" in screen
    # The rows of the failure the hint took are said: what shows them,
    # or, with no row for that, the "…" that ends a part cut short.
    joined = " ".join(row.strip() for row in rows)
    assert "check numerical_gradient" in joined or "…" in joined
    start = next(i for i, row in enumerate(rows) if row.startswith(words["hint"]))
    shown = "".join(row.strip() for row in rows[start:])
    # The hint is whole, or gives up its later rows for what was expected
    # and what came back, saying what shows it whole.
    if "hint --seen numerical_gradient" in shown:
        assert "".join(hint.split()[:4]) in "".join(shown.split())
        return
    assert "".join(hint.split()) in "".join(shown.split())
    # The hint's text starts under its label, filled as the CLI fills it:
    # code is never broken in the middle.
    assert any("np.issubdtype(x.dtype, np.floating)" in row for row in rows[start:])
    # Not hung under the label, but two columns in, as a likely mistake's
    # later lines are under its label: still one paragraph.
    assert rows[start + 1].startswith("  ") and rows[start + 1][2] != " "


# What the report must show on a narrow terminal, by language.
# The score is a pattern: it moves with the count of the exercise's tests,
# and is said without decimals when it is whole.
NARROW_REPORT_WORDS = {
    "en": {
        "score": r"6 of 10 done   score \d+(\.\d+)?/100",
        "whole": "`python -m grader`",
    },
    "ja": {
        "score": r"10 問中 6 問完了   得点 \d+(\.\d+)?/100",
        "whole": "`python -m grader",
    },
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_the_report_keeps_its_table_and_score_a_row_each(
    tmp_path, lang
):
    tree = focused_tree(tmp_path / "kata", "numerical_gradient", "wrong_flattens_x")
    # The top line of the report, not of a screen drawn during its grade;
    # said short, to fit one row of NARROW.
    checked = {"en": "(checked all in", "ja": "(全演習を採点:"}[lang]
    rows = narrow_screen(tree, lang, b"c", until=checked.encode())

    for number, name in enumerate(NAMES, start=1):
        (row,) = [row for row in rows if row.split()[:2] == [str(number), name]]
        assert len(row.split()) == 5, row  # status, tests and points beside it
        assert "(" not in row  # the status key gives way to fit
    (score,) = [
        row for row in rows if re.search(NARROW_REPORT_WORDS[lang]["score"], row)
    ]
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
        read_screen(controller, keys.encode(), FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        status = "grading sgd: 2 s" if lang == "en" else "sgd を採点中: 2 秒"
        # Up to the status line, and what is drawn with it (the grade of
        # sgd, which loops, ends only at its time limit).
        seen = read_screen(controller, status.encode(), SCREEN_TIMEOUT)
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
        read_screen(controller, b"keys:", FIRST_SCREEN_TIMEOUT)
        (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
        read_until(controller, b"grading sgd: 1 s", SCREEN_TIMEOUT)
        resize_terminal(controller, 60, 24)  # the grade of sgd runs on
        seen = read_screen(controller, b"\x1b[2J", SCREEN_TIMEOUT)
        seen += read_screen(controller, b"keys:", SCREEN_TIMEOUT)
        os.write(controller, b"q")
        assert process.wait(timeout=SCREEN_TIMEOUT) == 1

    rows = last_screen_rows(seen)
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


def test_a_deleted_exercise_shows_no_hint_only_the_way_back(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("h")
    assert "Hint 1 of 4" in running.screen()
    (tree / "exercises" / "dot.py").unlink()

    shown = running.screen_with("deleted")
    assert "`python -m grader reset dot` puts its stub back." in shown
    assert "Hint 1 of 4" not in shown and "hint --seen" not in shown
    running.quit()


def test_h_on_a_deleted_exercise_reveals_no_hint_it_cannot_show(tree, watch):
    running = watch()
    running.screen(FIRST_SCREEN_TIMEOUT)
    (tree / "exercises" / "dot.py").unlink()
    running.screen_with("deleted")
    running.press("h")

    shown = running.screen_with("no hint")
    # The command said is one to type as it stands.
    assert "dot.py is gone: no hint until `python -m grader reset dot`" in shown
    assert "Hint 1 of 4" not in shown
    running.quit()
    # Not shown, so not read: the next `h` on dot, once it is back, shows
    # its first hint.
    assert hints.seen(tree / STATE_DIR).get("dot", 0) == 0


ENDLESS_NUMERICAL_GRADIENT = (
    "def numerical_gradient(f, x, h=1e-5):\n    while True:\n        pass\n"
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_small_terminal_a_grade_under_way_keeps_the_top_line(tmp_path, lang):
    # A long failure fills the screen; a save that loops then brings the
    # headline and, after a second, the status line: the screen is drawn
    # again with room for them, rather than scrolling its top away.
    tree = focused_tree(
        tmp_path / "kata", "numerical_gradient", "wrong_divides_then_times_h"
    )
    words = NARROW_WORDS[lang]
    columns, height = NARROW
    args = ("--lang", lang, "--timeout", "6")
    with terminal_watch(tree, size=NARROW, args=args) as (process, controller):
        read_screen(controller, words["keys"].encode(), FIRST_SCREEN_TIMEOUT)
        exercise = tree / "exercises" / "numerical_gradient.py"
        exercise.write_text(ENDLESS_NUMERICAL_GRADIENT)
        ticking = "3 s" if lang == "en" else "3 秒"
        seen = read_screen(controller, ticking.encode(), SCREEN_TIMEOUT + 6)
        os.write(controller, b"q")
        process.wait(timeout=SCREEN_TIMEOUT)
    rows = terminal_rows(seen, columns)
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
    said = (
        "(dot has no more hints; `python -m grader hint --seen dot` shows them again)"
    )
    assert said in again
    assert "Hint 4 of 4" in again  # the last one stays shown
    running.quit()

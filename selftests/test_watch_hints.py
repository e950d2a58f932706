"""The watch's hints: whose hint `h` gives, what the top line says once
every hint is read, and how a hint's rows stand under its label."""

import re
from dataclasses import replace

import pytest

from grader import hints, i18n
from grader.results import ExerciseRun, TestResult
from grader.watch import EXERCISE, SUMMARY
from selftests.test_grader_render import (  # noqa: F401
    UNNAMED,
    done_runs,
    watch_screen,
)
from selftests.watch_support import keys_pressed

WRONG = TestResult("test_f", False, "failure", UNNAMED)


def _failing(*names: str) -> dict:
    """Every exercise done but `names`, which fail a test."""
    runs = done_runs(printed=())
    runs.update({name: ExerciseRun(name, [WRONG]) for name in names})
    return runs


def _top_rows(rows: list[str]) -> list[str]:
    """The rows of the screen's top line: those before the first blank."""
    return rows[: rows.index("")] if "" in rows else rows[:1]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_report_under_another_failure_says_whose_hint_h_gives(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _failing("softmax", "train")

    def on_train(watch):
        watch.focus = watch.project.find("train")

    with i18n.speaking(lang):
        from_train = watch_screen_drawn(runs, (100, 30), SUMMARY, on_train)
        from_softmax = watch_screen_drawn(runs, (100, 30), SUMMARY)
        other = i18n._(
            "Press h for a hint on {name}, the exercise you were on; "
            "b goes back to it.",
            name="train",
        )
        stuck = "Stuck? Press h for a hint on {name}; b goes back to it."
        own = i18n._(stuck, name="softmax")
        plain = i18n._(stuck, name="train")

    # The report shows softmax's failure: "a hint on train" said plainly
    # under it would read as help with it; h gives train's, and says so.
    assert other in from_train and plain not in from_train, from_train
    assert own in from_softmax, from_softmax


def _seen_command() -> str:
    """The command that shows sgd's hints again, quoted, as the learner
    would type it: with the language option, when the locale would
    choose another language."""
    option = i18n.current.option
    return f"`python -m grader hint --seen sgd{' ' + option if option else ''}`"


def _every_hint_read(monkeypatch):
    """A setup for `watch_screen` that presses h on sgd, every hint of it
    read before, as the watch started from `python -m grader`."""
    monkeypatch.setattr(hints, "seen", lambda state: {"sgd": 4})
    monkeypatch.setattr(hints, "remember", lambda *args: None)

    def setup(watch):
        watch.prog = i18n.command("python -m grader")
        keys_pressed("h")(watch)

    return setup


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [(100, 30)])
def test_no_more_hints_gives_the_whole_command_and_breaks_before_it(
    request, monkeypatch, lang, size
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn(
            _failing("sgd"), size, EXERCISE, _every_hint_read(monkeypatch)
        )
        command = _seen_command()

    # Runnable as it stands, as every other command the watch suggests;
    # a top line of two rows breaks before it, not inside a phrase.
    top = _top_rows(rows)
    assert any(command in row for row in top), top
    assert len(top) <= 2, top
    if len(top) == 2:
        assert top[1].startswith(command), top


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("keys", ["h", "lh"])
def test_h_typed_with_the_save_that_deleted_its_file_says_why_in_one_go(
    request, monkeypatch, tmp_path, lang, keys
):
    from grader import watch as watch_module
    from selftests.test_watch_small import _RecordingSession, _typed_keys

    watch_screen_drawn = request.getfixturevalue("watch_screen")
    monkeypatch.setattr(watch_module.cache, "remember", lambda *args: None)
    (tmp_path / "exercises").mkdir()  # and no sgd.py in it: deleted
    watches = []
    with i18n.speaking(lang):
        watch_screen_drawn(_failing("sgd"), (100, 30), EXERCISE, watches.append)
        watch = watches[0]
        watch.project = replace(watch.project, root=tmp_path)
        watch.tests = lambda: _RecordingSession({"sgd": ExerciseRun("sgd", [WRONG])})
        watch.session = watch.tests()
        watch.keys = _typed_keys(keys)
        watch.saved(["sgd"])
        for key in keys:
            watch.press(key)
        top = watch.top_drawn.plain
        said = i18n._("{path} deleted, so no hint", path="exercises/sgd.py")

    # The deletion is why h gives no hint: said as cause and effect, not
    # as two events one after the other ("deleted ...; then no file, no
    # hint").
    assert top.endswith(f"({said})"), top
    assert "then" not in top and "その後" not in top, top


# The label of a last hint, by language: the Japanese one is long.
LAST_HINT_LABEL = {
    "en": "Hint 4 of 4, the last: ",
    "ja": "ヒント 4/4(これが最後のヒントです): ",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_last_hint_with_room_beside_its_label_goes_on_under_its_text(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def last_hint(watch) -> None:
        watch.focus = watch.project.find("sgd")
        watch.hint = watch.hint_text(watch.focus, len(watch.focus.hints))
        watch.hints_asked.add("sgd")

    with i18n.speaking(lang):
        rows = watch_screen_drawn(_failing("sgd"), (100, 30), EXERCISE, last_hint)

    # 100 columns leave the text more than HINT_COLUMNS beside even the
    # long label: its later rows stand under it, not 2 columns in.
    label = LAST_HINT_LABEL[lang]
    start = next(i for i, row in enumerate(rows) if row.startswith(label))
    assert rows[start + 1].startswith(" " * i18n.width(label)), rows[start:]
    assert rows[start + 1][i18n.width(label)] != " ", rows[start:]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("view", [EXERCISE, SUMMARY])
def test_the_keys_offer_no_hint_while_the_exercise_file_is_gone(
    request, tmp_path, lang, view
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    (tmp_path / "exercises").mkdir()  # and no sgd.py in it: deleted

    def deleted(watch) -> None:
        watch.project = replace(watch.project, root=tmp_path)

    with i18n.speaking(lang):
        rows = watch_screen_drawn(_failing("sgd"), (100, 30), view, deleted)
    hint_key = {"en": "h hint", "ja": "h ヒント"}[lang]

    # `h` would only say "no file, no hint": the keys offer what works.
    keys = rows[-1]
    assert keys.startswith(("keys: ", "キー: ")), rows
    assert hint_key not in keys, keys


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [(60, 20), (50, 16)])
def test_no_more_hints_on_a_narrow_terminal_is_said_on_one_row(
    request, monkeypatch, lang, size
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn(
            _failing("sgd"), size, EXERCISE, _every_hint_read(monkeypatch)
        )

    # Too narrow for the command beside the count: said short, on one row
    # that keeps the watch's name, the exercise's line under it.
    assert rows[0].startswith("nn-kata watch: "), rows
    assert rows[1] == "" or rows[1].startswith("9. sgd"), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_key_of_no_use_is_said_on_one_row_at_50_columns(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    with i18n.speaking(lang):
        rows = watch_screen_drawn(
            _failing("sgd"), (50, 16), EXERCISE, keys_pressed("x")
        )
        said = i18n._("{key} is not a key of the watch", key="x")

    assert said in rows[0], rows
    assert rows[1] == "" or rows[1].startswith("9. sgd"), rows


# The note in place of every row of the table, and the one in place of
# its later rows, by language.
EVERY_ROW_NOTE = {"en": "[the table's 10 rows: ", "ja": "[表の 10 行"}
LATER_ROWS_NOTE = {"en": "more rows: ", "ja": "[表の残り "}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("height", [13, 15, 16])
def test_a_table_with_no_row_in_sight_is_not_said_to_have_more(request, lang, height):
    watch_screen_drawn = request.getfixturevalue("watch_screen")

    def from_grader(watch) -> None:
        watch.prog = i18n.command("python -m grader")

    with i18n.speaking(lang):
        rows = watch_screen_drawn(done_runs(), (50, height), SUMMARY, from_grader)

    # No row shown, "10 more" would speak of rows the screen never had:
    # the note says which rows it stands for, as the one of later rows.
    screen = "\n".join(rows)
    if any(re.match(r" ?\d+   [a-z_]+ ", row) for row in rows):
        assert LATER_ROWS_NOTE[lang] in screen, rows
    else:
        assert EVERY_ROW_NOTE[lang] in screen, rows
        assert LATER_ROWS_NOTE[lang] not in screen, rows

"""The watch on a small terminal: which part of a failure gives way first,
beside a hint asked for or not, in either language."""

import pytest
from rich.text import Text

from grader import i18n
from grader.exercises import NAMES
from grader.results import NOT_RUN, TIMEOUT, ExerciseRun, TestResult
from grader.watch import EXERCISE, _fitted

# The screen the watch draws, with no test run nor terminal opened.
from selftests.test_grader_render import watch_screen  # noqa: F401
from selftests.test_watch_small import (
    AXIS_ZERO,
    BOOLEAN_RESULT,
    GLOBAL_MAX,
    RESTORED_BY_ADDING,
    SMALL,
    _hint_asked,
)
from selftests.watch_support import NARROW

# softmax's failure without the shift by the maximum: a statement of three
# rows at 50 columns, values of one, and a likely mistake of eight.
UNSHIFTED = (
    "Adding the same number to every score of a slice must not change that "
    "slice's probabilities.\n"
    "  call      softmax([1001.0, 1002.0, 1003.0])\n"
    "  expected  [0.09, 0.2447, 0.6652]\n"
    "  actual    [nan, nan, nan]\n"
    "  likely mistake: the scores were not shifted: exp(1000) overflows to inf, "
    "and in a row like [-1000, -1001] every exp rounds to 0, giving 0 / 0. "
    "Subtract each slice's maximum, x.max(axis=-1, keepdims=True), before exp: "
    "softmax does not change when a slice is shifted, and then the largest exp "
    "is exp(0) = 1."
)
# sgd's failure of a misspelled name: a call that raised, where, and a
# likely mistake whose one sentence names what was meant; Japanese says it
# in three sentences, on four rows at 50 columns.
MISSPELLED_PARAMS = (
    "sgd_update({'w': [1.0, 2.0]}, {'w': [10.0, -10.0]}, 0.1) raised NameError: "
    "name 'prams' is not defined\n"
    "  where     exercises/sgd.py, line 3: prams[k] -= lr * grads[k]\n"
    "  likely mistake: a typo? prams is not defined here; did you mean params?"
)
# A terminal 50 columns wide, one column short of its width (see `fitted`).
WIDTH = SMALL[0] - 1
# The labels of what came back and of the likely mistake, by language.
ACTUAL = {"en": "actual ", "ja": "実際の値 "}
MISTAKE = {"en": "likely mistake: ", "ja": "考えられる間違い: "}


def _failing(name: str, message: str, count: int) -> dict:
    """Runs in which every exercise passes but `name`, whose `count` tests
    fail with `message`."""
    kind = "exception" if " raised " in message.split("\n")[0] else "failure"
    failures = [
        TestResult(f"test_{name}_{n}", False, kind, message) for n in range(count)
    ]
    runs = {other: ExerciseRun(other, [TestResult("test_ok", True)]) for other in NAMES}
    runs[name] = ExerciseRun(name, [*failures, TestResult("test_ok", True)])
    return runs


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("hinted", [False, True], ids=["failure", "hint"])
@pytest.mark.parametrize(
    "message",
    [UNSHIFTED, GLOBAL_MAX, AXIS_ZERO, BOOLEAN_RESULT, RESTORED_BY_ADDING],
    ids=["unshifted", "global_max", "axis_zero", "boolean", "restored"],
)
def test_what_came_back_outlasts_the_later_rows_of_the_statement_and_the_mistake(
    lang, hinted, message
):
    with i18n.speaking(lang):
        whole = _fitted(message, 1000, "    ", WIDTH).split("\n")
        shown = {
            limit: _fitted(message, limit, "    ", WIDTH, mistake_first=hinted)
            for limit in range(2, len(whole))
        }

    for limit, fitted in shown.items():
        rows = fitted.split("\n")
        if any(row.lstrip().startswith(ACTUAL[lang]) for row in rows):
            continue
        # What came back is hidden only once the statement is down to its
        # first row and the likely mistake is too, or as long as it stays
        # whole: cut for nothing, it would only say less.
        statement = [row for row in rows if not row.startswith("      ")]
        assert len(statement) == 1, (limit, rows)
        assert any(MISTAKE[lang] in row for row in rows), (limit, rows)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("hinted", [False, True], ids=["failure", "hint"])
def test_at_50x16_what_came_back_stays_and_the_statement_keeps_its_first_row(
    request, lang, hinted
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _failing("softmax", UNSHIFTED, 7)
    setup = _hint_asked(1) if hinted else None
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, SMALL, EXERCISE, setup)
        statement = _fitted(UNSHIFTED.split("\n")[0], 1000, "    ", WIDTH)

    # The nan that came back says what went wrong: the statement's later
    # rows and the mistake's give way to it, each keeping its first row.
    assert any(row.lstrip().startswith(ACTUAL[lang]) for row in rows), rows
    assert any(MISTAKE[lang] in row for row in rows), rows
    name = next(i for i, row in enumerate(rows) if row.startswith("✗ test_"))
    first = next(row for row in rows[name + 1 :] if row.startswith("    "))
    assert first.rstrip(" …") in statement.split("\n")[0], rows
    assert statement.split("\n")[1] not in rows, rows


# What the likely mistake of MISSPELLED_PARAMS names, by language.
MEANT = {
    "en": "did you mean params?",
    "ja": "prams は、params の打ち間違いではありませんか？",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_at_50x16_a_hint_gives_way_before_the_mistakes_one_sentence(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _failing("sgd", MISSPELLED_PARAMS, 9)
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, SMALL, EXERCISE, _hint_asked(1))
        hint = i18n._("Hint {shown} of {total}: {hint}", shown=1, total=4, hint="")

    # What was meant is the one fact the learner needs: the mistake, one
    # sentence in English, stays whole in Japanese too, where it takes
    # three; the hint gives up its later rows for it, keeping its first.
    said = "".join("".join(rows).split())
    assert "".join(MEANT[lang].split()) in said, rows
    assert any(row.startswith(hint) for row in rows), rows


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_at_50x16_a_typo_s_likely_mistake_says_what_was_meant_first(request, lang):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    runs = _failing("sgd", MISSPELLED_PARAMS, 9)
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, SMALL, EXERCISE)

    # With no hint, the mistake may be cut to its first sentence: that
    # sentence must hold the name that was meant, in Japanese too.
    said = "".join("".join(rows).split())
    assert "".join(MEANT[lang].split()) in said, rows


# numerical_gradient stopped at the time limit in a `while i < x.size:`
# that never moves `i`: the stop told once for the two tests that were
# running, each named in the sentence and in the row of where it stopped;
# at 50 columns, each name takes two rows.
LOOPING = (
    "test_numerical_gradient_gives_the_docstring_example",
    "test_gradient_matches_the_derivative_for_arrays_of_any_shape",
)
LOOP_STOPPED = (
    "exercises/numerical_gradient.py was still running after 30 s: nothing "
    "inside the while loop changes `i`, which its condition tests. The loop on "
    "lines 43-50 did not end in time. This happened in both tests that were "
    f"running: {LOOPING[0]} and {LOOPING[1]}.\n"
    "  line 43: while i < x.size:\n"
    f"  stopped at line 46 in {LOOPING[0]}: up = f(x)\n"
    f"  stopped at line 48 in {LOOPING[1]}: down = f(x)"
)
# The rows of the loop and of where it stopped, by language.
LOOP_ROWS = {
    "en": ["line 43: while i < x.size:", "stopped at line 46", "stopped at line 48"],
    "ja": ["43 行目: while i < x.size:", "46 行目", "48 行目"],
}
BOTH = {"en": "This happened in both tests", "ja": "両方のテストでこれが起きました"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_at_50x16_a_loop_stopped_keeps_its_line_and_where_before_the_test_names(
    request, lang
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    stopped = [TestResult(name, False, TIMEOUT, LOOP_STOPPED) for name in LOOPING]
    not_run = [
        TestResult(f"test_not_run_{n}", False, NOT_RUN, "not run") for n in range(13)
    ]
    runs = {other: ExerciseRun(other, [TestResult("test_ok", True)]) for other in NAMES}
    runs["numerical_gradient"] = ExerciseRun(
        "numerical_gradient",
        [*stopped, *not_run],
        error=LOOP_STOPPED,
        timed_out=True,
        stopped_at_limit=True,
    )
    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, SMALL, EXERCISE)

    # The loop's line and where it stopped say what to change; the names
    # of the tests that ran into it say nothing of the loop: they give way
    # first, the sentence still saying that both stopped.
    said = "".join("".join(rows).split())
    for row in LOOP_ROWS[lang]:
        assert "".join(row.split()) in said, rows
    assert "up=f(x)" in said and "down=f(x)" in said, rows
    assert "".join(BOTH[lang].split()) in said, rows


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [NARROW, (70, 20), (40, 12)])
def test_a_hint_cut_to_its_first_row_keeps_words_of_it_or_says_only_the_note(
    request, lang, size
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    watches = []
    # The language asked for with --lang, which every command then names.
    other = {"en": "ja_JP.UTF-8", "ja": "C.UTF-8"}[lang]

    def asked(watch) -> None:
        i18n.set_language(lang, {"LANG": other})
        watch.prog = i18n.command("python -m grader")
        _hint_asked(1)(watch)
        watches.append(watch)

    with i18n.speaking(lang):
        watch_screen_drawn(_failing("sgd", MISSPELLED_PARAMS, 9), size, EXERCISE, asked)
        watch = watches[0]
        hint = watch.hint_filled(Text(watch.hint))
        (cut,) = watch.hint_cut(hint, 1)
        label = i18n._("Hint {shown} of {total}: {hint}", shown=1, total=4, hint="")

    # An ellipsis alone before the note would say that a hint was there and
    # nothing of it: the row keeps the first words of the hint, with the
    # shortest note if need be, or the note alone.
    first = hint.plain.split("\n")[0]
    mark = watch.ellipsis()
    words, note = cut.plain.split(" [", 1) if " [" in cut.plain else ("", cut.plain)
    assert "hint --seen sgd" in note, cut.plain
    assert words.strip() != mark, cut.plain
    assert first.startswith(words.removesuffix(mark).rstrip()), cut.plain
    assert i18n.width(cut.plain) < size[0], cut.plain
    if size[0] >= NARROW[0]:
        # Room for words of the hint itself, past its label.
        assert words.removesuffix(mark).strip() != label.strip(), cut.plain
        assert words.startswith(label), cut.plain

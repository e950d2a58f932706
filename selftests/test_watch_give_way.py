"""The watch on a small terminal: which part of a failure gives way first,
beside a hint asked for or not, in either language."""

import pytest

from grader import i18n
from grader.exercises import NAMES
from grader.results import ExerciseRun, TestResult
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
    "ja": "prams は params の打ち間違いではありませんか？",
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

"""The watch on a small terminal: what a failure whose call raised keeps
of its call and of where it raised."""

import pytest

from grader import i18n
from grader.exercises import NAMES
from grader.results import ExerciseRun, TestResult
from grader.watch import EXERCISE, _fitted

# The screen the watch draws, with no test run nor terminal opened.
from selftests.test_grader_render import watch_screen  # noqa: F401

# A call that raised, with where it raised and a likely mistake, as the
# tests write it.
RAISED_ATTRIBUTE_ERROR = (
    "sigmoid(0) raised AttributeError: 'int' object has no attribute 'ndim'\n"
    "  where     exercises/sigmoid.py, line 5: if x.ndim > 2:\n"
    "  likely mistake: an attribute or method this value does not have: a "
    "typo, or a list or number where an array was meant (np.asarray)?"
)
# More rows than the message has.
UNLIMITED_ROWS = 1000
# A terminal 50 columns wide, one column short of its width (see `fitted`).
WIDTH = 49


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_call_that_raised_gives_way_before_where_it_raised(lang):
    with i18n.speaking(lang):
        rows = _fitted(RAISED_ATTRIBUTE_ERROR, UNLIMITED_ROWS, "    ", WIDTH)
        rows = rows.split("\n")
        where = i18n.failure("  where     here").split()[0]
        mistake = i18n.failure("  likely mistake: here").split(":")[0].strip()
        said = [row for row in rows if "AttributeError" in row or "'ndim'" in row]
        advice = rows[next(i for i, row in enumerate(rows) if mistake in row) :]
        limit = len(said) + 1 + len(advice)
        shown = _fitted(RAISED_ATTRIBUTE_ERROR, limit, "    ", WIDTH).split("\n")

    # Room for one row more than the exception and the mistake: where it
    # raised, the learner's own line, says more than the call's input.
    assert rows[0].strip().startswith("sigmoid(0)"), rows
    assert shown[: len(said)] == said, shown
    assert shown[len(said)].strip().startswith(where), shown
    assert "exercises/sigmoid.py" in shown[len(said)], shown
    assert shown[len(said) + 1 :] == advice, shown


# one_hot's failure of a typo in a name: the call that raised, where, whose
# line of code takes rows of its own, and a likely mistake of two rows at
# 50 columns, four in Japanese.
RAISED_MISSPELLED_NAME = (
    "one_hot([2, 0] (list), 3) raised NameError: name 'num_clases' is not "
    "defined\n"
    "  where     exercises/one_hot.py, line 11: if labels.size and "
    "(labels.min() < 0 or labels.max() >= num_clases):\n"
    "  likely mistake: a typo? num_clases is not defined here; did you mean "
    "num_classes?"
)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [(50, 16), (50, 17), (60, 20)])
def test_a_call_that_raised_keeps_its_first_row_and_where_before_the_mistakes_advice(
    request, lang, size
):
    watch_screen_drawn = request.getfixturevalue("watch_screen")
    failures = [
        TestResult(f"test_one_hot_{n}", False, "exception", RAISED_MISSPELLED_NAME)
        for n in range(18)
    ]
    runs = {name: ExerciseRun(name, [TestResult("test_ok", True)]) for name in NAMES}
    runs["one_hot"] = ExerciseRun("one_hot", [*failures, TestResult("test_ok", True)])
    prog = {"en": "python -m grader", "ja": "python -m grader --lang ja"}[lang]

    def as_run(watch) -> None:
        # As the watch says it run as `python -m grader` in that language.
        watch.prog = prog

    with i18n.speaking(lang):
        rows = watch_screen_drawn(runs, size, EXERCISE, as_run)
        where = i18n.failure("  where     here").split()[0]
        mistake = i18n.failure("  likely mistake: here").split(":")[0].strip()

    # In either language, on a screen of any of these sizes: the call
    # that raised (its first row), its exception, where it raised and the
    # start of the likely mistake; the mistake's later sentences, its
    # advice, give way to them first, as they do to the count of the other
    # failures.
    assert any(row.strip().startswith("one_hot([2, 0]") for row in rows), rows
    assert any("NameError: name 'num_clases'" in row for row in rows), rows
    assert any(row.strip().startswith(f"{where} ") for row in rows), rows
    assert any(row.strip().startswith(f"{mistake}:") for row in rows), rows

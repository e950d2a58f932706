"""The watch on a small terminal: what a failure whose call raised keeps
of its call and of where it raised."""

import pytest

from grader import i18n
from grader.watch import _fitted

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

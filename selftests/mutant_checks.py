"""Tests of the tests: every wrong answer is caught, every right one passes.

selftests/mutants/<exercise>/ holds whole exercise modules as a learner
might write them. ``wrong_*.py`` files each carry one plausible mistake and
must fail at least one test of their exercise; a ``# expect: TEXT`` line in
one says that some failure message must contain TEXT (the mistake named),
a ``# reject: TEXT`` line that none may (a mistake it does not make), a
``# first: TEXT`` line that the failure shown first (by the overview and
the watch) must, a ``# blocks: N`` line that `check` shows its failures
in N blocks (one per way of failing, see `grader.render.grouped`).
``wrong_twice_*.py`` files carry two mistakes at once, one ``# expect:``
line each: the failure the overview shows must name one of them, and no
failure may name a mistake that is not there (``# also: TEXT`` lines give
other words for the same two).
``right_*.py`` files are correct but written differently from the model
answer, and must pass every test.

Grading every mutant takes minutes of CPU: the test modules
selftests/test_mutants_*.py each take a share of the exercises
(`checks_for`), so that parallel workers share them out.
"""

import keyword
import os
import re
from pathlib import Path

import pytest

from grader.grading import MISTAKE_LABEL, first_line, most_telling
from grader.render import grouped
from grader.results import NOT_RUN
from grader.runner import Job, run_many

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = sorted((ROOT / "selftests" / "mutants").glob("*/*.py"))
WRONG = [path for path in MUTANTS if path.name.startswith("wrong_")]
RIGHT = [path for path in MUTANTS if path.name.startswith("right_")]
TWICE = [path for path in WRONG if path.name.startswith("wrong_twice_")]


def label(path):
    return f"{path.parent.name}/{path.stem}"


def run_mutants(separate, paths=MUTANTS):
    """Run the exercise tests of every mutant (of `paths`) once, in parallel."""
    jobs = [
        Job(
            path.parent.name,
            ROOT,
            target="solutions",
            overrides=((path.parent.name, path),),
            timeout=120,
            separate=separate,
        )
        for path in paths
    ]
    return dict(zip(paths, run_many(jobs), strict=True))


def needed_runs(request, paths):
    """The runs of the mutants (of `paths`) that the selected tests of the
    requesting module need: all of them, unless `-k` picked tests of some
    mutants only."""
    needed = set()
    for item in request.session.items:
        if item.module is not request.module or "runs" not in item.fixturenames:
            continue
        callspec = getattr(item, "callspec", None)
        if callspec is None or "path" not in callspec.params:
            return run_mutants(separate=False, paths=paths)  # reads every run
        needed.add(callspec.params["path"])
    return run_mutants(separate=False, paths=sorted(needed))


def wrong_of(runs):
    """The wrong mutants among those of `runs`."""
    return [path for path in runs if path.name.startswith("wrong_")]


def summary(run):
    lines = [f"error: {run.error}"] if run.error else []
    for test in run.tests:
        if not test.passed:
            lines.append(f"{test.name}: {test.message.splitlines()[0]}")
    return "\n".join(lines) or "every test passed"


def test_wrong_implementation_is_caught(runs, path):
    run = runs[path]
    assert not run.error, summary(run)
    failures = [test for test in run.tests if not test.passed]
    assert failures, f"{label(path)} passed every test: the tests miss it"
    assert all(test.kind != "import_error" for test in failures), summary(run)

    for wanted in re.findall(r"^# expect: (.+)$", path.read_text(), re.M):
        assert any(wanted in test.message for test in failures), (
            f"no failure message names the mistake ({wanted!r}):\n{summary(run)}"
        )
    for unwanted in re.findall(r"^# reject: (.+)$", path.read_text(), re.M):
        wrong = [test.name for test in failures if unwanted in test.message]
        assert not wrong, f"{wrong} name a mistake not made ({unwanted!r})"
    shown = most_telling(failures)
    for wanted in re.findall(r"^# first: (.+)$", path.read_text(), re.M):
        assert wanted in shown.message, f"shown first: {shown.name}: {shown.message}"
    for count in re.findall(r"^# blocks: (\d+)$", path.read_text(), re.M):
        blocks = grouped([test for test in failures if test.kind != NOT_RUN])
        heads = "\n".join(f"{first.name}: {first.message}" for first, _, _ in blocks)
        assert len(blocks) == int(count), f"{len(blocks)} blocks:\n{heads}"


# NumPy's repr of an array, "array([1., 2.])", where a message should show
# the array as `tests.harness.short` does; not "np.array(rows)" in advice.
RAW_ARRAY = re.compile(r"(?<![\w.])array\(")
# A number padded to the width of the others, as NumPy prints "[ 7, 0, 200]".
PADDED = re.compile(r"\[ +[-\d]|, {2,}[-\d]")


def test_failure_messages_show_arrays_compactly(runs):
    for path in wrong_of(runs):
        for test in runs[path].tests:
            for line in test.message.splitlines():
                assert not RAW_ARRAY.search(line), f"{label(path)}: {line}"
                assert not PADDED.search(line), f"{label(path)}: {line}"


# A half-width question or exclamation mark that ends a sentence (before
# a space, the end of a line or Japanese), outside `code`: in a Japanese
# line it should be full-width. NumPy's own words, "(n?,k)", are left be.
SENTENCE_MARK = re.compile(r"[?!](?=$|\s|[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e])")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
QUOTED_CODE = re.compile(r"`[^`\n]*`")


def test_failure_messages_in_japanese_end_sentences_with_full_width_marks(runs):
    from grader import i18n
    from grader.render import aligned

    japanese = i18n.catalogue(i18n.JAPANESE)
    for path in wrong_of(runs):
        for test in runs[path].tests:
            for line in japanese.failure(aligned(test.message)).splitlines():
                prose = QUOTED_CODE.sub("", line)
                wrong = JAPANESE.search(line) and SENTENCE_MARK.search(prose)
                assert not wrong, f"{label(path)}: {line}"


# A full-width ？ or ！ that more text follows with anything but one
# full-width space before it: the catalogue spaces the next sentence off by
# one, as Japanese typesetting does ("…か？\u3000損失").
MISSPACED_MARK = re.compile(r"[？！](?![)）」』】\]\"'`？！]|\u3000(?=\S)|$)")


def test_failure_messages_in_japanese_space_a_full_width_mark_once(runs):
    from grader import i18n
    from grader.render import aligned

    japanese = i18n.catalogue(i18n.JAPANESE)
    for path in wrong_of(runs):
        for test in runs[path].tests:
            for line in japanese.failure(aligned(test.message)).splitlines():
                assert not MISSPACED_MARK.search(line), f"{label(path)}: {line}"


# Three English words in a row, in a Japanese failure: a sentence, or a
# piece of one, left untranslated. Not looked at: code (in backticks, or a
# statement that starts with a keyword: "import numpy as np", "for key in
# params"), what the learner's code or Python said (quoted strings, an
# exception's message, the line of source that raised).
ENGLISH_RUN = re.compile(
    r"(?<![\w./-])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w(]|[./-]\w)"
)
QUOTED = re.compile(r"`[^`\n]*`|'[^'\n]*'|\"[^\"\n]*\"")
EXCEPTION_MESSAGE = re.compile(
    r"\b[A-Z]\w*(?:Error|Exception|Warning|Exit)\b(?:: | を送出(?:しました)?: ).*"
)
SOURCE_LINE = re.compile(r"^\s*場所\s.*")


def english_left(line: str) -> list[str]:
    """The runs of English words in a translated `line` that are prose."""
    prose = EXCEPTION_MESSAGE.sub("", SOURCE_LINE.sub("", QUOTED.sub("", line)))
    runs = ENGLISH_RUN.findall(prose)
    return [run for run in runs if not keyword.iskeyword(run.split()[0])]


def test_failure_messages_in_japanese_leave_no_english_sentence(runs):
    from grader import i18n
    from grader.render import aligned

    japanese = i18n.catalogue(i18n.JAPANESE)
    left = [
        f"{label(path)}: {line}"
        for path in wrong_of(runs)
        for test in runs[path].tests
        if not test.passed
        for line in japanese.failure(aligned(test.message)).splitlines()
        if english_left(line)
    ]
    assert left == []


def named(message):
    """The mistakes a failure message names: one, those of a numbered list
    of mistakes that fit, or none."""
    text = message.partition(MISTAKE_LABEL)[2].strip()
    listed = re.split(r"\([1-9]\d*\) ", text)
    return [item.strip() for item in listed[1:]] if len(listed) > 2 else [text]


def test_two_mistakes_at_once_are_named_truly(runs, path):
    source = path.read_text()
    made = re.findall(r"^# expect: (.+)$", source, re.M)
    words = made + re.findall(r"^# also: (.+)$", source, re.M)
    failures = [test for test in runs[path].tests if not test.passed]
    assert len(made) == 2, f"{label(path)} must expect its two mistakes"

    shown = most_telling(failures)
    (first,) = named(shown.message)
    assert any(text in first for text in made), f"{shown.name}: {first}"
    for test in failures:
        if MISTAKE_LABEL not in test.message:
            continue
        mistakes = named(test.message)
        true = [m for m in mistakes if any(text in m for text in words)]
        # A list says several mistakes fit: one of them must be made.
        assert true, f"{test.name} names a mistake not made: {mistakes}"


def test_right_implementation_passes(runs, path):
    run = runs[path]
    assert not run.error and all(test.passed for test in run.tests), summary(run)


def test_every_exercise_has_enough_mutants():
    from grader.exercises import NAMES

    for name in NAMES:
        wrong = [p for p in WRONG if p.parent.name == name]
        right = [p for p in RIGHT if p.parent.name == name]
        assert len(wrong) >= 6, f"{name}: only {len(wrong)} wrong implementations"
        assert len(right) >= 3, f"{name}: only {len(right)} right implementations"


def in_grading_mode(paths: list[Path]) -> list[Path]:
    """Of `paths`, the mutants graded a second time, in grading mode: every one with
    two mistakes, every twelfth right one and every thirty-sixth of the
    other wrong ones, in the order of their names, which spreads them over
    the exercises and their tests. A sample: grading mode runs the same tests
    through another process, so that a difference shows on any mutant,
    and the whole costs the suite minutes. KATA_EVERY_MUTANT=1 takes them
    all (some minutes more)."""
    if os.environ.get("KATA_EVERY_MUTANT") == "1":
        return sorted(paths)
    right = [path for path in RIGHT if path in paths]
    twice = [path for path in TWICE if path in paths]
    single = [path for path in WRONG if path in paths and path not in TWICE]
    return sorted({*right[::12], *twice, *single[::36]})


def test_grading_mode_judges_the_mutants_alike(runs):
    """With the learner's functions in a process of their own, as grading
    mode calls them, every test of a mutant (of `in_grading_mode`) ends as
    it does in one process, for the same reason. (Only the statement of
    the message is compared: a mutant that draws unseeded random numbers
    shows different values on every run, in one process or two.)"""
    graded = in_grading_mode(list(runs))
    apart = run_mutants(separate=True, paths=graded)

    def outcomes(run):
        return [(t.name, t.passed, t.kind, first_line(t.message)) for t in run.tests]

    for path in graded:
        here, there = outcomes(runs[path]), outcomes(apart[path])
        assert there == here, label(path)
        assert apart[path].error == runs[path].error, label(path)


# What the grader must tell in one process as in two: exceptions, as
# raised, of a class of Python's that is no Exception (KeyboardInterrupt)
# or whose str() raises; results its own code could not read, an int too
# large for JSON's decimal digits and a list that holds itself.
UNUSUAL_RAISES = (
    "wrong_raises_keyboard_interrupt",
    "wrong_exception_str_raises",
    "wrong_returns_huge_int",
    "wrong_returns_list_holding_itself",
)


def test_grading_mode_tells_unusual_exceptions_and_results_alike():
    paths = [path for path in WRONG if path.stem in UNUSUAL_RAISES]
    here = run_mutants(separate=False, paths=paths)
    apart = run_mutants(separate=True, paths=paths)

    def outcomes(run):
        return [(t.name, t.passed, t.kind, first_line(t.message)) for t in run.tests]

    assert len(paths) == len(UNUSUAL_RAISES)
    for path in paths:
        assert outcomes(apart[path]) == outcomes(here[path]), label(path)
        assert apart[path].error == here[path].error == "", label(path)


def checks_for(exercises: list[str], whole: bool = False) -> dict:
    """The tests above for the mutants of `exercises`, with the fixture
    `runs` that grades them once, for a test module's globals; with
    `whole`, also those of the mutants as a whole (one module has them)."""
    paths = [path for path in MUTANTS if path.parent.name in exercises]

    @pytest.fixture(scope="module", name="runs")
    def runs(request):
        return needed_runs(request, paths)

    def each(check, among):
        """`check` as a test of each mutant of `paths` in `among`: a new
        function, so that each module's marks are its own."""

        @pytest.mark.parametrize("path", [p for p in among if p in paths], ids=label)
        def test(runs, path):
            check(runs, path)

        test.__doc__ = check.__doc__
        return test

    tests = {
        "runs": runs,
        "test_wrong_implementation_is_caught": each(
            test_wrong_implementation_is_caught, WRONG
        ),
        "test_two_mistakes_at_once_are_named_truly": each(
            test_two_mistakes_at_once_are_named_truly, TWICE
        ),
        "test_right_implementation_passes": each(
            test_right_implementation_passes, RIGHT
        ),
    }
    for test in (
        test_failure_messages_show_arrays_compactly,
        test_failure_messages_in_japanese_end_sentences_with_full_width_marks,
        test_failure_messages_in_japanese_space_a_full_width_mark_once,
        test_failure_messages_in_japanese_leave_no_english_sentence,
        test_grading_mode_judges_the_mutants_alike,
    ):
        tests[test.__name__] = test
    if whole:
        for test in (
            test_every_exercise_has_enough_mutants,
            test_grading_mode_tells_unusual_exceptions_and_results_alike,
        ):
            tests[test.__name__] = test
    return tests

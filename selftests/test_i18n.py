"""The grader in Japanese: choosing the language, the catalogues, and the
learner's view end to end in both languages."""

import ast
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from grader import classroom, docs, i18n, manifest, runner, session, tools
from grader.batch import DRIFT_NOTES, MISSING_NOTE, TIMEOUT_NOTE
from grader.exercises import EXERCISES
from grader.locale import extract
from grader.results import ExerciseRun, TestResult, lines_cut, trim
from grader.runner import Job, run_many
from grader.stubs import stub_source
from grader.watch import names_given_way
from selftests.grader_support import (
    ROOT,
    build_tree,
    clean_environment,
    kata,
    run_grader,
    runner_project,
)

JAPANESE_CHARACTER = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
# argparse's placeholders: "%s", "%r", "%(value)r".
PERCENT_FIELD = re.compile(r"%(?:\([a-z_]+\))?[sr]")
LABELS = ("call", "expected", "actual", "likely mistake")
# A failing exercise's tests take a second or two; far below this.
RUN_TIMEOUT = 120


def japanese(text: str) -> bool:
    return bool(JAPANESE_CHARACTER.search(text))


@pytest.fixture(scope="module")
def ja():
    return i18n.catalogue(i18n.JAPANESE)


# Choosing the language.


@pytest.mark.parametrize(
    "environ, language",
    [
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "ja_JP.eucJP"}, "ja"),
    ],
)
def test_the_locale_chooses_the_language_when_none_is_asked_for(environ, language):
    assert i18n.choose(None, environ) == language


def test_an_explicit_language_wins_over_the_locale():
    assert i18n.choose("en", {"LANG": "ja_JP.UTF-8"}) == "en"
    assert i18n.choose("ja", {"LANG": "en_US.UTF-8"}) == "ja"


# Looking texts up.


def test_english_texts_are_shown_as_written_with_their_fields_filled_in():
    english = i18n.catalogue(i18n.ENGLISH)
    assert english.text("{done} of {total} done", done=3, total=10) == "3 of 10 done"
    assert english.status("done") == "done"
    assert english.failure("anything\n  likely mistake: x") == (
        "anything\n  likely mistake: x"
    )


def test_a_text_missing_from_the_catalogue_falls_back_to_english():
    catalogue = i18n.Catalogue(language="ja", ui={"known": "既知"})
    assert catalogue.text("unknown {n}", n=2) == "unknown 2"


def test_a_faulty_translation_falls_back_to_english_instead_of_failing():
    catalogue = i18n.Catalogue(language="ja", ui={"{n} done": "{count} 完了"})
    assert catalogue.text("{n} done", n=2) == "2 done"


def test_a_sentence_template_whose_translation_names_a_new_field_is_left_english():
    catalogue = i18n.Catalogue(
        language="ja", failures={"{key} is wrong.": "{other} が違います。"}
    )
    assert catalogue.failure("w1 is wrong.") == "w1 is wrong."


def test_statuses_show_the_english_word_beside_the_japanese(ja):
    assert ja.status("not_started") == "未着手 (not_started)"
    assert ja.status("done") == "完了 (done)"


def test_values_found_in_a_sentence_are_translated_when_they_are_sentences(ja):
    message = (
        "sgd_update changed its argument number 2 in place.\n"
        "  before  {'w': [1.0]}\n"
        "  after   {'w': [0.0]}\n"
        "  likely mistake: an in-place operation (x -= ..., x /= ..., "
        "x[...] = ...) on the argument itself; work on a new array instead "
        "(x = x - ...)."
    )
    translated = ja.failure(message)
    assert translated.splitlines()[0] == (
        "sgd_update が 2 番目の引数をその場で書き換えました。"
    )
    assert "{'w': [1.0]}" in translated and "{'w': [0.0]}" in translated
    assert japanese(translated.splitlines()[-1])


def test_python_s_own_words_in_a_value_are_kept_whole(ja):
    # "{a} of {b}" (a type of a dtype) must not cut an exception's message.
    raised = "TypeError: object of type 'numpy.float64' has no len()"
    message = f"dot([[1.0], [2.0]], [1.0]) raised {raised}\n  actual    {raised}"

    translated = ja.failure(message)

    assert translated.count(raised) == 2
    assert ja.failure("  actual    list of int64") == "  実際の値  int64 の list"
    # Nor may it read Python's "len() of unsized object" as a type of a
    # dtype: the message after "raised TypeError:" stays as Python wrote it.
    unsized = ja.failure("  actual    raised TypeError: len() of unsized object")
    assert unsized == "  実際の値  TypeError を送出: len() of unsized object"


def test_a_list_written_as_an_english_sentence_is_joined_with_japanese_commas(ja):
    message = "forward must work for x (2, 4), with w1 (4, 5), b1 (5,) and w2 (5, 3)."
    stuck = "Every parameter must take a step, but w1 and b2 did not change at all."

    assert ja.failure(message) == (
        "forward は、x が (2, 4)、パラメータが w1 (4, 5)、b1 (5,) と w2 (5, 3) "
        "のときも動かなければなりません。"
    )
    assert "w1 と b2 がまったく変わりませんでした" in ja.failure(stuck)


def test_the_shape_noted_after_a_shortened_array_is_named_in_japanese(ja):
    message = (
        "backward(...) raised an exception: NameError: name 'one_hot' is not "
        "defined\n"
        "  call      backward({'w1': [[-0.83, ..., 0.6], ..., [-0.77, ..., 0.03]]"
        " shape (4, 3), 'b1': [1.0, ...] shape (30,)}, [0, 1])"
    )
    call = ja.failure(message).splitlines()[-1]
    assert "]] 形状 (4, 3), " in call and "] 形状 (30,)}" in call
    assert "shape" not in call
    english = i18n.Catalogue()
    assert english.failure(message) == message


def test_a_translated_label_keeps_the_rows_of_a_value_under_its_first_row(ja):
    message = (
        "The result has the wrong values.\n"
        "  expected  [[1., 2.],\n"
        "             [3., 4.]]\n"
        "  actual    [[0., 0.],\n"
        "             [0., 0.]]"
    )
    lines = ja.failure(message).splitlines()
    for first, second in ((1, 2), (3, 4)):
        column = i18n.width(lines[first][: lines[first].index("[[")])
        assert i18n.width(lines[second][: lines[second].index("[")]) == column + 1


def test_a_value_of_several_rows_ends_its_sentence_below_the_first_row(ja):
    # As the grader shows it: each row under the bracket it nests in.
    message = (
        "dot must raise ValueError when an operand is not 1-D or 2-D.\n"
        "  expected  ValueError\n"
        "  actual    returned array([[[2., 2.],\n"
        "                             [2., 2.]],\n"
        "\n"
        "                            [[2., 2.],\n"
        "                             [2., 2.]]])"
    )
    lines = ja.failure(message).splitlines()
    assert lines[2].endswith("次の値を返しました: array([[[2., 2.],")
    rows = lines[3:]
    assert [row.strip() for row in rows] == [
        "[2., 2.]],",
        "",
        "[[2., 2.],",
        "[2., 2.]]])",
    ]
    bracket = i18n.width(lines[2][: lines[2].index("[[[")])
    indents = [len(row) - len(row.lstrip()) for row in rows if row]
    assert indents == [bracket + 2, bracket + 1, bracket + 2]


def test_a_value_of_several_rows_moves_as_its_first_row_moves():
    catalogue = i18n.Catalogue(
        language="ja",
        failures={"the sums are {sums}, not 1.": "合計が {sums} になる。"},
    )
    english = "the sums are [[2., 2.],\n              [2., 2.]], not 1."
    assert catalogue.failure(english) == "合計が [[2., 2.],\n        [2., 2.]] になる。"


def _rows(number: int, column: int) -> str:
    """A printed 2 x 2 array that starts at `column`, its second row under
    its first (the numbers say which field it fills)."""
    return f"[[{number}1 {number}2]\n" + " " * (column + 1) + f"[{number}3 {number}4]]"


def test_every_template_keeps_a_value_of_several_rows_in_one_piece(ja):
    for english, translation in {**ja.failures, **ja.reasons}.items():
        pieces = i18n.FIELD.split(english)
        text = pieces[0]
        for number, after in enumerate(pieces[1:]):
            text += _rows(number, i18n.width(text.rpartition("\n")[2])) + after
        lines = ja.sentence(text).splitlines()
        for number in range(len(pieces) - 1):
            first = [line for line in lines if f"[[{number}1 {number}2]" in line]
            second = [line for line in lines if f"[{number}3 {number}4]]" in line]
            if not first:
                continue  # a field the translation leaves out
            # Nothing after the first row: the sentence goes on after the last.
            assert first[0].endswith(f"[[{number}1 {number}2]"), translation
            column = i18n.width(first[0][: first[0].index(f"[[{number}1")])
            indent = i18n.width(second[0][: second[0].index(f"[{number}3")])
            assert indent == column + 1, translation


def test_no_space_is_left_between_japanese_words_where_a_value_was_put():
    catalogue = i18n.Catalogue(
        language="ja",
        failures={
            "{f} changed {which}.": "{f} が {which} を変えました。",
            "number {n}": "{n} 番目の引数",
        },
    )
    assert catalogue.failure("g changed number 2.") == "g が 2 番目の引数を変えました。"
    assert catalogue.failure("g changed y.") == "g が y を変えました。"


def test_a_value_that_ends_its_sentence_takes_the_templates_full_stop():
    catalogue = i18n.Catalogue(
        language="ja",
        ui={"cannot: {error}; or not": "だめです: {error}。あるいは違います。"},
        failures={
            "cannot: {error}; or not": "だめです: {error}。あるいは違います。",
            "gone": "ありません。",
            "gone?": "ありませんか？",
        },
    )
    told = "だめです: ありません。あるいは違います。"
    asked = "だめです: ありませんか？\u3000あるいは違います。"
    assert catalogue.text("cannot: {error}; or not", error="ありません。") == told
    assert catalogue.failure("cannot: gone; or not") == told
    assert catalogue.failure("cannot: gone?; or not") == asked


def test_labels_lined_up_in_english_line_up_in_japanese(ja):
    message = (
        "train changed its argument x in place.\n"
        "  before  [[1.0, 2.0],\n"
        "           [3.0, 4.0]]\n"
        "  after   [[1.5, 2.0],\n"
        "           [3.0, 4.0]]\n"
        "  change  most at [0, 0]: 1.0 against 1.5, 0.5 apart\n"
        "  likely mistake: x itself was changed."
    )
    lines = ja.failure(message).splitlines()
    heads = [line.split()[0] for line in lines[1:6:2]]
    starts = [i18n.width(line[: line.index(line.split()[1])]) for line in lines[1:6:2]]
    rows = [len(line) - len(line.lstrip()) for line in lines[2:6:2]]

    # Each value, and each later row of an array, starts where the others do.
    assert heads == ["呼び出し前", "呼び出し後", "変化"]
    assert starts == [i18n.width("  呼び出し前  ")] * 3
    assert rows == [starts[0] + 1] * 2
    assert lines[6].startswith("  考えられる間違い: ")


def test_a_call_of_train_is_joined_to_its_inputs_as_forward_s_is(ja):
    call = (
        "train(x, labels, seed=0) with\n"
        "  x: the 102 standardized Iris training flowers (102, 4); "
        "labels: their species (102,)"
    )
    lines = ja.failure(f"train must return a pair (params, losses).\n  call  {call}")
    assert lines.splitlines()[1] == (
        "  呼び出し  train(x, labels, seed=0)。引数は次のとおり:"
    )


# The forms of input cross_entropy must accept, as its tests name them: the
# ints are in t, and a form sits in its sentence with no space before を.
@pytest.mark.parametrize(
    "form, told",
    [
        (
            "one-hot t of y's shape (N, C) holding ints",
            " y と同じ形状 (N, C) の one-hot の t で、要素が int のものを",
        ),
        (
            "one sample: y of shape (C,) with a plain int label",
            "形状 (C,) の y とただの int のラベルからなるサンプル 1 つを",
        ),
    ],
)
def test_the_forms_cross_entropy_must_accept_read_as_one_phrase(ja, form, told):
    said = ja.failure(f"cross_entropy must accept {form}.")
    assert said == f"cross_entropy は{told}受け付けなければなりません。"
    assert " を" not in said and "int を入れた" not in said


def test_a_valueerror_not_raised_by_the_learner_says_so_plainly(ja):
    said = ja.failure(
        "this ValueError is NumPy's, not one of yours: check the shapes yourself "
        "first and raise ValueError with a message naming both shapes."
    )
    assert "NumPy が送出したもので、あなたが書いたチェックから出たものでは" in said


@pytest.fixture
def language_kept():
    """Whatever a test sets the language to, the one before afterwards."""
    before = i18n.current.catalogue, i18n.current.option
    yield
    i18n.current.catalogue, i18n.current.option = before


@pytest.mark.parametrize(
    "language, environ, command",
    [
        ("ja", {"LANG": "C.UTF-8"}, "python -m grader --lang ja"),
        ("ja", {}, "python -m grader --lang ja"),
        ("ja", {"LANG": "ja_JP.UTF-8"}, "python -m grader"),
        ("en", {"LANG": "ja_JP.UTF-8"}, "python -m grader --lang en"),
        ("en", {"LANG": "en_US.UTF-8"}, "python -m grader"),
    ],
)
def test_a_suggested_command_asks_for_the_language_the_locale_would_not_choose(
    language_kept, language, environ, command
):
    i18n.set_language(language, environ)
    assert i18n.command("python -m grader") == command


def test_the_command_a_stub_suggests_asks_for_the_language_asked_for(language_kept):
    stub = (
        "Not started yet: exercise 3 (softmax): softmax is not written yet. "
        "Run `python -m grader hint softmax` for a hint."
    )
    i18n.set_language("ja", {"LANG": "C.UTF-8"})
    assert "`python -m grader hint softmax --lang ja`" in i18n.failure(stub)
    i18n.set_language("ja", {"LANG": "ja_JP.UTF-8"})
    assert "`python -m grader hint softmax`" in i18n.failure(stub)


def test_prose_is_never_wrapped_inside_code_in_backticks():
    hint = (
        "Put both shapes in the message, e.g. "
        '`f"cannot multiply shapes {a.shape} and {b.shape}"`.'
    )
    lines = i18n.fill(hint, 50).splitlines()
    assert lines[-1] == '`f"cannot multiply shapes {a.shape} and {b.shape}"`.'
    japanese_hint = (
        "もう一度 `python -m grader --lang ja hint numerical_gradient` を実行"
    )
    assert (
        "`python -m grader --lang ja hint numerical_gradient`"
        in i18n.fill(japanese_hint, 40).splitlines()[1]
    )


# The catalogue against the sources it translates.


def test_every_sentence_the_tests_can_show_has_a_translation(ja):
    known = set(ja.failures) | ja.as_is
    missing = extract.report(extract.sentences(), known, show_all=False)
    assert missing == [], "run `python -m grader.locale.extract` and translate"


def test_every_catalogue_entry_is_a_sentence_the_tests_still_write(ja):
    current = set(extract.sentences())
    unused = sorted((set(ja.failures) | ja.as_is) - current)
    assert unused == [], "entries for sentences no test writes any more"


def test_every_translation_keeps_the_fields_of_its_english(ja):
    for english, translated in ja.failures.items():
        fields = set(i18n.FIELD.findall(english))
        assert set(i18n.FIELD.findall(translated)) <= fields, english


def test_each_line_of_keys_keeps_its_separators_between_spaces(ja):
    lines = {english: text for english, text in ja.ui.items() if "keys:" in english}
    assert len(lines) >= 3
    for english, translated in lines.items():
        assert translated.count(" | ") == english.count(" | "), translated
        assert translated.count("|") == english.count("|"), translated


def test_every_translation_is_japanese(ja):
    tables = {**ja.failures, **ja.reasons, **ja.ui, **ja.statuses}
    for english, translated in tables.items():
        assert japanese(translated), english


def test_the_extract_script_reports_nothing_to_translate(capsys):
    assert extract.main(["--lang", "ja"]) == 0
    assert capsys.readouterr().out == ""


# Hints, titles and docstrings.


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_every_exercise_has_a_japanese_title_and_every_hint_translated(exercise):
    assert japanese(exercise.title_ja)
    assert len(exercise.hints_ja) == len(exercise.hints)
    assert all(map(japanese, exercise.hints_ja))


def test_every_exercise_docstring_has_a_current_japanese_translation(root):
    assert docs.untranslated(root, "ja") == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_every_translated_docstring_keeps_its_examples_word_for_word(root, exercise):
    source = (root / "solutions" / f"{exercise.name}.py").read_text()
    translations = i18n.docstrings("ja")[exercise.name]
    for function, _, english in docs.english(source):
        lines = english.splitlines()
        start = next(
            i for i, line in enumerate(lines) if line.lstrip().startswith(">>>")
        )
        example = lines[start:]
        translated = translations[function]["text"].strip("\n").splitlines()
        assert translated[-len(example) :] == example, function


def test_the_specification_is_shown_in_japanese_with_the_code_unchanged(root):
    (softmax,) = docs.specification(root, "softmax", "ja")
    assert softmax.signature == "softmax(x)" and softmax.translated
    assert japanese(softmax.text)
    assert ">>> softmax(np.array([[1.0, 1.0], [0.0, np.log(3.0)]]))" in softmax.text


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_signature_shows_its_defaults_as_the_source_writes_them(root, language):
    (spec,) = docs.specification(root, "numerical_gradient", language)
    assert spec.signature == "numerical_gradient(f, x, h=1e-4)"

    source = "def f(a, b=0x10, *, c=(1,\n        2), d=1_000):\n    pass\n"
    ((_, signature, _),) = docs.english(source)
    assert signature == "f(a, b=0x10, *, c=(1, 2), d=1_000)"


def test_an_out_of_date_translation_gives_way_to_the_english(tmp_path, root):
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    source = (root / "exercises" / "softmax.py").read_text()
    changed = source.replace("Turn scores into", "Turn any scores into")
    (exercises / "softmax.py").write_text(changed)
    (softmax,) = docs.specification(tmp_path, "softmax", "ja")
    assert softmax.stale and not softmax.translated
    assert softmax.text.startswith("Turn any scores into")


# Failure explanations from real runs of the tests.

# One plausible mistake per exercise, of as many kinds of failure as
# possible (wrong values, an exception, an argument changed in place): the
# name of its mutant in selftests/mutants/<exercise>/.
MISTAKES = {
    "dot": "wrong_message_without_shapes",
    "sigmoid": "wrong_modifies_its_argument",
    "softmax": "wrong_axis_zero",
    "one_hot": "wrong_index_error",
    "cross_entropy": "wrong_sum_not_mean",
    "forward": "wrong_torch_layout",
    "numerical_gradient": "wrong_rows_only",
    "backprop": "wrong_transposed_dw2",
    "sgd": "wrong_rebinds_dict_entries",
    "train": "wrong_never_updates",
}


@pytest.fixture(scope="module")
def mistaken_runs(root):
    """The runs of a few exercises, each with a known mistake."""
    jobs = [
        Job(
            name,
            root,
            target="solutions",
            overrides=((name, root / "selftests" / "mutants" / name / f"{mutant}.py"),),
            timeout=RUN_TIMEOUT,
        )
        for name, mutant in MISTAKES.items()
    ]
    return run_many(jobs)


def test_every_line_of_real_failure_explanations_is_translated(ja, mistaken_runs):
    failures = [test for run in mistaken_runs for test in run.tests if not test.passed]
    assert failures
    for test in failures:
        translated = ja.failure(test.message).splitlines()
        assert japanese(translated[0]), test.message
        for english, line in zip(test.message.splitlines(), translated, strict=True):
            label = english.strip().split("  ")[0].rstrip(":")
            if label in LABELS:
                assert japanese(line.split(":")[0].split("  ")[1]), line
            if label == "likely mistake":
                assert japanese(line.partition(": ")[2]), english


def test_every_text_the_grader_marks_has_a_translation(ja):
    missing = extract.report(extract.ui_texts(), set(ja.ui), show_all=False)
    assert missing == [], "run `python -m grader.locale.extract` and translate"


def test_every_grader_text_in_the_catalogue_is_still_used(ja):
    assert sorted(set(ja.ui) - set(extract.ui_texts())) == []


def test_a_list_of_mistakes_is_translated_item_by_item(ja):
    mistakes = (
        "on this input these mistakes give the same result: (1) the sign is "
        "flipped: the derivative s * (1 - s) is never negative. (2) this is "
        "1 - s; the derivative is s * (1 - s)."
    )
    translated = ja.failure(
        f"The result has the wrong values.\n  likely mistake: {mistakes}"
    )
    mistake = translated.splitlines()[1]
    assert "(1) 符号が逆です。" in mistake and "(2) これは 1 - s です。" in mistake
    assert "the sign" not in mistake
    # After a Japanese full stop, the next item follows with no space.
    assert "。(2) " in mistake and "。 (2)" not in mistake


def test_an_item_of_several_sentences_is_translated_as_it_is_alone(ja):
    copied = (
        "x was copied before the steps, so f, which reads x itself, never saw "
        "them: change x in place, x[i] = saved + h, and call f(x). x here is "
        'in column-major order (order="F"), and x.ravel() or x.reshape(-1) of '
        "it is a copy, not a view: index x itself, with np.ndindex(x.shape)."
    )
    alone = ja.failure(f"Wrong.\n  likely mistake: {copied}").splitlines()[1]
    listed = ja.failure(
        "Wrong.\n  likely mistake: on this input these mistakes give the same "
        f"result: (1) {copied} (2) the division by 2 is missing: divide by 2 * h."
    ).splitlines()[1]
    assert "(1) " + alone.partition(": ")[2] + "(2) " in listed
    assert "was copied" not in listed


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_what_every_stub_raises_is_reported_in_japanese(ja, root, exercise):
    from conftest import explain

    solution = (root / "solutions" / f"{exercise.name}.py").read_text()
    raised = [
        ast.literal_eval(node.exc.args[0])
        for node in ast.walk(ast.parse(stub_source(solution, exercise)))
        if isinstance(node, ast.Raise)
    ]
    assert raised
    for message in raised:
        kind, report = explain(NotImplementedError(message))
        translated = ja.failure(report)
        assert kind == "not_implemented" and japanese(translated), translated
        assert "not written" not in translated and "Run " not in translated


def test_sentences_written_one_after_another_are_translated_one_by_one(ja):
    copied = (
        "x was copied before the steps, so f, which reads x itself, never saw "
        "them: change x in place, x[i] = saved + h, and call f(x)."
    )
    transposed = (
        'x here is in column-major order (order="F"), and x.ravel() or '
        "x.reshape(-1) of it is a copy, not a view: index x itself, with "
        "np.ndindex(x.shape)."
    )
    translated = ja.failure(
        f"The result has the wrong values.\n  likely mistake: {copied} {transposed}"
    )
    mistake = translated.splitlines()[1].partition(": ")[2]
    assert mistake == ja.failures[copied] + ja.failures[transposed]
    # A piece the catalogue does not know leaves the whole in English.
    unknown = f"{copied} This sentence is not in the catalogue."
    assert ja.sentence(unknown) is None


# Lines a learner may write, with words that the catalogue's templates are
# made of ("{a} and {b}", "{a} of {b}", "returned {x}", "{n} loss"), in
# code, in strings and in comments.
LEARNER_LINES = [
    "if t.ndim == 1 and y.ndim == 2:",
    "return x if x.ndim and y else x",
    "return y and x",
    'return x, "a and b", y',
    "return x, 'the sum of rows and columns', y",
    "if x is not None or y in z and not done:",
    "returned = np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)",
    "number = labels.max() + 1  # the number of classes, then one-hot",
    "total = 0.0  # the loss",
    'raise ValueError(f"{x.shape} and {w.shape} do not match: x of shape")',
    "return t * np.log(y) and x  # is a NumPy function, not one of Python's own",
    "print('w and b', k)",
]
# Where a failure shows what the learner's code or Python wrote: the line
# that raised, at a place in a file or in the notebook; the exception it
# raised; a string it returned; the line a test was stopped at.
QUOTED_IN = {
    "where": "Wrong.\n  where     exercises/sigmoid.py, line 30: {code}",
    "notebook-where": (
        "Wrong.\n  where     ノートブックの sigmoid、セル [3] の 2 行目: {code}"
    ),
    "raised": "sigmoid([1.0, 2.0]) raised ValueError: {code}",
    "raised-own": "sigmoid([1.0, 2.0]) raised Mistake: {code}",
    "actual-raised": "Wrong.\n  actual    raised KeyError: {code}",
    "returned": "Wrong.\n  actual    returned {code!r}",
    "actual": "Wrong.\n  expected  0.5\n  actual    {code!r}",
    "stopped": "The tests were stopped.\n  stopped at line 4 in test_a: {code}",
    "backticks": "Wrong.\n  likely mistake: a typo? `{code}`",
}


@pytest.mark.parametrize("code", LEARNER_LINES)
@pytest.mark.parametrize("message", QUOTED_IN.values(), ids=QUOTED_IN)
def test_what_the_learner_s_code_wrote_is_never_translated(ja, message, code):
    shown = repr(code) if "{code!r}" in message else code
    translated = ja.failure(message.format(code=code))
    assert shown in translated


def test_code_a_sentence_quotes_in_its_own_words_is_still_translated(ja):
    mistake = (
        "one_hot is not imported here: it is another exercise's function, "
        "which this file must import first: `from .one_hot import one_hot`."
    )
    translated = ja.failure(f"Wrong.\n  likely mistake: {mistake}")
    assert "one_hot が import されていません。" in translated
    assert "`from .one_hot import one_hot`" in translated


def test_only_the_place_of_a_where_line_is_translated(ja):
    message = (
        "cross_entropy([0.125, 0.25, 0.625], 2) raised AttributeError: 'int' "
        "object has no attribute 'ndim'\n"
        "  where     exercises/cross_entropy.py, line 40: "
        "if t.ndim == 1 and y.ndim == 2:"
    )
    assert ja.failure(message).splitlines() == [
        "cross_entropy([0.125, 0.25, 0.625], 2) が例外を送出しました: "
        "AttributeError: 'int' object has no attribute 'ndim'",
        "  場所      exercises/cross_entropy.py の 40 行目: "
        "if t.ndim == 1 and y.ndim == 2:",
    ]


# Exceptions whose whole message is the grader's own sentence (the tests'
# plain words for an import that failed, a trusted copy's guard), as a
# failure shows them, with a piece of the Japanese they read.
OWN_MESSAGES = {
    "no-module": (
        "exercises/dot.py could not be imported: ModuleNotFoundError: there is "
        "no module named no_such_package_here to import\n"
        "  where     exercises/dot.py, line 2: import no_such_package_here",
        "ModuleNotFoundError: import しようとした no_such_package_here という"
        "名前のモジュールはありません。",
    ),
    "no-name": (
        "exercises/sigmoid.py could not be imported: ImportError: the name exx "
        "could not be imported from numpy: it has no exx",
        "ImportError: numpy から名前 exx を import できませんでした。",
    ),
    "trusted-version": (
        "exercises/train.py could not be imported: ImportError: cannot import "
        "name 'sgd_updat' from 'exercises.sgd': while these tests run, "
        "exercises.sgd is the trusted version of exercise sgd, whose function "
        "is sgd_update.",
        "exercises.sgd は演習 sgd の信頼できる実装に差し替えられていて、その関数は "
        "sgd_update です。",
    ),
    "out-of-reach": (
        "cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0] (int64)) raised "
        "LookupError: cross_entropy is out of reach of softmax, which runs here "
        "as a trusted copy that holds only what it calls: an exercise may not "
        "take answers from the kata's own code. Write the exercise's code "
        "yourself (NumPy and your earlier exercises are there for that).\n"
        "  where     exercises/cross_entropy.py, line 5: "
        "return softmax.__globals__['cross_entropy'](y, t)",
        "が例外を送出しました: LookupError: cross_entropy には softmax から"
        "届きません。",
    ),
    "raised-own-words": (
        "sigmoid([1.0, 2.0]) raised ImportError: the name exx could not be "
        "imported from numpy: it has no exx",
        "が例外を送出しました: ImportError: numpy から名前 exx を import "
        "できませんでした。",
    ),
}


@pytest.mark.parametrize(
    ("message", "said"), OWN_MESSAGES.values(), ids=list(OWN_MESSAGES)
)
def test_an_exception_s_message_in_the_grader_s_own_words_is_translated(
    ja, message, said
):
    assert said in ja.failure(message)


# Messages of the learner's own exceptions that hold a catalogued
# sentence's words but are not one: shown as written.
NOT_OWN_MESSAGES = [
    # Some words of a template ("the name {name} could not be imported from
    # {module}: it has no {name}"), not the whole sentence.
    "the name exx could not be imported from numpy",
    "there is no module named mine to import, so I wrote one",
    # A template of few words ("{a} and {b}") is no sentence of the grader.
    "w and b",
]


@pytest.mark.parametrize("words", NOT_OWN_MESSAGES)
def test_an_exception_s_message_that_is_no_sentence_of_the_grader_stays(ja, words):
    translated = ja.failure(f"sigmoid([1.0, 2.0]) raised ValueError: {words}")
    assert translated.endswith(f"ValueError: {words}")


# A learner's exception message of several lines, whose later lines hold
# what the catalogue translates anywhere else: a sentence, a template of
# few words, a label. Each layout is one a failure shows a message in.
MESSAGE_LINES = ["The result has the wrong shape.", "w1 and b1", "keys added: a"]
MULTILINE_IN = {
    "raised": (
        "sigmoid([1.0, 2.0]) raised ValueError: {message}\n"
        "  where     exercises/sigmoid.py, line 30: raise ValueError(text)"
    ),
    "imported": "exercises/dot.py could not be imported: ValueError: {message}",
    "actual-raised": (
        "Wrong.\n  actual    raised KeyError: {message}\n  likely mistake: a typo? `x`"
    ),
    "actual": "Wrong.\n  call      sigmoid(x)\n  actual    ValueError: {message}",
}


@pytest.mark.parametrize("indent", ["", "    "], ids=["flush", "indented"])
@pytest.mark.parametrize("layout", MULTILINE_IN.values(), ids=MULTILINE_IN)
def test_every_line_of_an_exception_s_message_stays_as_written(ja, layout, indent):
    message = "\n".join(
        ["the shapes differ", *(indent + line for line in MESSAGE_LINES)]
    )

    translated = ja.failure(layout.format(message=message))

    shown = [line.strip() for line in translated.splitlines()]
    assert all(line in shown for line in MESSAGE_LINES), translated
    # The labelled lines after the message are the grader's, translated.
    assert "where" not in translated and "likely mistake" not in translated


# The learner's view, end to end.

# A mistake from selftests/mutants that the tests name.
AXIS_ZERO = "selftests/mutants/softmax/wrong_axis_zero.py"


def english_only(text: str) -> bool:
    return not japanese(text)


def test_the_pristine_kata_is_graded_in_japanese_with_english_reports(tmp_path):
    tree = build_tree(tmp_path / "kata")
    outcome = run_grader(tree, "--lang", "ja")
    assert outcome.code == 1, outcome.stderr
    assert "未着手 (not_started)" in outcome.stdout
    assert "10 問中 0 問完了" in outcome.stdout
    assert "次: 演習 1、dot" in outcome.stdout
    assert "`python -m grader doc dot --lang ja` で仕様を日本語で読み" in outcome.stdout
    assert "Next:" not in outcome.stdout and "done" not in outcome.stdout
    assert set(outcome.statuses().values()) == {"not_started"}
    assert english_only(json.dumps(outcome.report, ensure_ascii=False))


def test_a_known_mistake_is_named_in_japanese(tmp_path, root):
    mistake = (root / AXIS_ZERO).read_text()
    tree = build_tree(tmp_path / "kata", {"softmax": mistake})
    result = kata("--root", str(tree), "--lang", "ja", "check", "softmax", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "失敗あり (failing)" in result.stdout
    assert "考えられる間違い: axis 0(列方向)で正規化しています。" in result.stdout
    assert "  呼び出し  softmax(" in result.stdout
    assert "likely mistake" not in result.stdout


def test_check_in_japanese_shows_the_learner_s_line_as_it_is(tmp_path):
    # k is not defined: the line raises NameError for any x of one axis or more.
    raising = 'return x if x.ndim and k in "w and b" else 1 / (1 + np.exp(-x))'
    source = (
        "import numpy as np\n\n\n"
        "def sigmoid(x):\n"
        "    x = np.asarray(x, dtype=np.float64)\n"
        f"    {raising}\n\n\n"
        "def sigmoid_grad(x):\n"
        "    s = sigmoid(x)\n"
        "    return s * (1 - s)\n"
    )
    tree = build_tree(tmp_path / "kata", {"sigmoid": source})
    # Wide enough for the where line to stay on one row.
    env = clean_environment(COLUMNS="200")
    result = kata(
        "--root", str(tree), "--lang", "ja", "check", "sigmoid", cwd=tmp_path, env=env
    )
    assert result.returncode == 1, result.stderr
    assert f"  場所      exercises/sigmoid.py の 6 行目: {raising}\n" in result.stdout


def test_english_stays_english_under_a_japanese_locale_with_lang_en(tmp_path, root):
    mistake = (root / AXIS_ZERO).read_text()
    tree = build_tree(tmp_path / "kata", {"softmax": mistake})
    env = clean_environment(LANG="ja_JP.UTF-8")
    result = kata(
        "--root", str(tree), "check", "softmax", "--lang", "en", cwd=tmp_path, env=env
    )
    assert "likely mistake: normalized along axis 0" in result.stdout
    assert english_only(result.stdout + result.stderr)


def test_a_japanese_locale_chooses_japanese(tmp_path):
    tree = build_tree(tmp_path / "kata")
    env = clean_environment(LANG="ja_JP.UTF-8")
    result = kata("--root", str(tree), "hint", "softmax", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "演習 3、softmax(スコアから確率へ)のヒント 1/4" in result.stdout
    assert "1. 最後の軸、axis=-1 に沿って計算します。" in result.stdout


def test_without_a_language_or_locale_the_grader_speaks_english(tmp_path):
    tree = build_tree(tmp_path / "kata")
    env = {
        key: value
        for key, value in clean_environment().items()
        if key not in i18n.LOCALE_VARIABLES
    }
    result = kata("--root", str(tree), "hint", "softmax", cwd=tmp_path, env=env)
    assert "Hints for exercise 3, softmax" in result.stdout
    assert english_only(result.stdout)


def test_doc_shows_the_specification_in_the_chosen_language(tmp_path):
    tree = build_tree(tmp_path / "kata")
    japanese_doc = kata(
        "--root", str(tree), "doc", "softmax", "--lang", "ja", cwd=tmp_path
    )
    english_doc = kata(
        "--root", str(tree), "doc", "softmax", "--lang", "en", cwd=tmp_path
    )
    assert japanese_doc.returncode == english_doc.returncode == 0
    assert "最後の軸に沿って、スコアを確率に変換する。" in japanese_doc.stdout
    assert "Turn scores into probabilities along the last axis." in english_doc.stdout
    example = ">>> softmax(np.array([[1.0, 1.0], [0.0, np.log(3.0)]]))"
    assert example in japanese_doc.stdout and example in english_doc.stdout


def test_doc_shows_the_specification_as_shipped_not_the_learners_edits(tmp_path):
    from selftests.learner_support import learner_tree

    stub = (ROOT / "grader" / "pristine" / "softmax.py").read_text()
    edited = stub.replace(
        "Turn scores into probabilities along the last axis.", "My notes."
    )
    # Without solutions/, as a copy handed out to learners may be.
    tree = learner_tree(tmp_path / "kata", with_solutions=False, softmax=edited)

    shown = kata("--root", str(tree), "doc", "softmax", cwd=tmp_path)

    assert "Turn scores into probabilities along the last axis." in shown.stdout
    assert "My notes." not in shown.stdout


def test_help_and_usage_errors_are_in_japanese(tmp_path):
    help_text = kata("--lang", "ja", "--help", cwd=tmp_path)
    assert help_text.returncode == 0
    assert "使い方: " in help_text.stdout and "オプション:" in help_text.stdout
    assert "表示の言語" in help_text.stdout
    tree = build_tree(tmp_path / "kata")
    unknown = kata("--root", str(tree), "--lang", "ja", "hint", "sofmax", cwd=tmp_path)
    assert unknown.returncode == 2
    assert (
        "エラー: 演習 'sofmax' はありません(softmax のことですか？)" in unknown.stderr
    )


# The grader's own sentences: the reasons a run stops, grading mode's.

# A test module whose second test never ends, so that a real run stops at
# its time limit, and one that does not load.
HANGS = (
    "import time\n\n\n"
    "def test_quick():\n    pass\n\n\n"
    "def test_slow():\n    time.sleep(60)\n"
)
BROKEN_TESTS = "def test_broken(:\n    pass\n"
# A module under test that never returns, and its test.
SPINS = "def spin():\n    while True:\n        pass\n"
SPINS_TEST = "from exercises.spin import spin\n\n\ndef test_spins():\n    spin()\n"
# Long enough to start a worker and pass a test on a busy machine.
SHORT_TIMEOUT = 3.0
# Every way a worker can end before its tests do (see runner._death): the
# signals it names, one it does not, and an exit code.
WORKER_ENDS = (
    signal.SIGSEGV,
    signal.SIGBUS,
    signal.SIGXFSZ,
    signal.SIGKILL,
    signal.SIGTERM,
    3 << 8,
)


def _child(job: Job, current: str = "") -> runner._Child:
    """The grader's side of a worker that never started (no process id, so
    nothing is ever signalled), which had collected two tests."""
    read_fd, write_fd = os.pipe()
    os.close(write_fd)
    child = runner._Child(0, job, read_fd)
    child.collected, child.current = ["test_a", "test_b"], current
    return child


def _messages(run) -> list[str]:
    return [run.error, *(test.message for test in run.tests)]


def runner_reasons(folder: Path) -> list[str]:
    """Every sentence the runner can give for a run or a test that stopped,
    for one job: its reasons, made by its own code."""
    job = Job("sgd", ROOT)
    found = []
    for status in WORKER_ENDS:
        for current in ("", "test_a"):
            child = _child(job, current)
            found += _messages(child._run(*runner._death(status, job.module_file)))
            os.close(child.fd)
    for current in ("", "test_a"):
        found += _messages(_child(job, current).finish())  # the session died
    found += _messages(_child(job).stop())  # the tests never started
    child = _child(job)
    child.collected = []
    found.append(child._run("").error)  # no tests collected
    os.close(child.fd)
    child = _child(job)
    child.results = {"test_a": TestResult("test_a", True)}
    found.append(child._run("").error)  # stopped before the last test
    os.close(child.fd)
    # A test that ran out of memory ends its worker, which says so, with
    # the line of the module that asked for the memory where one did.
    hog = MemoryError()
    hog.kata_traceback = (
        f'  File "{ROOT / job.module_file}", line 3, in sgd_update\n'
        "    x = [0] * 10**10\n"
    )
    for error in (MemoryError(), hog):
        found.append(session._crash_reason(error, job))
        child = _child(job)
        stop = {**session._memory_stop(error, job), "after": "test_a"}
        child._take(json.dumps(stop).encode())
        found += _messages(child.finish())
    # A worker that called os._exit on a line of the module says which.
    for current in ("", "test_a"):
        child = _child(job, current)
        child.status, child.exit_line = 3 << 8, (3, "os._exit(3)")
        found += _messages(child.finish())
    found.append(session._crash_reason(SystemExit(1), job))
    # A call that ended the program, found on a line of the learner's code.
    ended = SystemExit()
    ended.kata_traceback = (
        f'  File "{ROOT / job.module_file}", line 3, in sgd_update\n    exit()\n'
    )
    found.append(session._crash_reason(ended, job))
    # The two workers of an exercise stopped alike: one stop, naming the
    # tests that were running (if any) and the lines of each.
    timeout = "exercises/sgd.py was still running after 30 s"
    out_of_memory = "exercises/sgd.py ran out of memory (the limit is 2048 MB)"
    exited = "exercises/sgd.py ended the Python process with exit code 3"
    for what, guess in (
        (timeout, runner.LOOP_GUESS),
        (timeout, runner.WHILE_GUESS.format(name="epoch")),
        (timeout, runner.PRINT_GUESS),
        (out_of_memory, runner.MEMORY_GUESS),
        (exited, runner.EXIT_CALLED),
    ):
        for tests in ((), ("test_a", "test_b")):
            stops = [
                runner._Stop(what, guess, tests[i : i + 1], (line,))
                for i, line in enumerate([(4, "while True:"), (5, "pass")])
            ]
            runs = [ExerciseRun("sgd", error=stop.error()) for stop in stops]
            found.append(runner.merge(runs, stops).error)
    # Stopped at the time limit in loops: one loop on one line or several,
    # and two loops, one per worker.
    for loops in (((4, 4, "while True: pass"),), ((4, 5, "while True:"),)):
        stop = runner._Stop(timeout, runner.LOOP_GUESS, ("test_a",))
        found.append(stop.at((loops[0][0], loops[0][2]), loops[0]).error())
    stops = [
        runner._Stop(timeout, runner.LOOP_GUESS, (test,)).at(line, (*span, line[1]))
        for test, line, span in (
            ("test_a", (4, "while True: pass"), (4, 4)),
            ("test_b", (8, "while i < n:"), (8, 9)),
        )
    ]
    runs = [ExerciseRun("sgd", error=stop.error()) for stop in stops]
    found.append(runner.merge(runs, stops).error)
    # Stopped in a while loop whose body changes nothing its condition tests.
    for stuck in (
        runner.WHILE_GUESS.format(name="epoch"),
        runner.COUNTER_GUESS.format(name="i"),
        runner.ITERNEXT_GUESS.format(name="it"),
    ):
        found.append(runner._Stop(timeout, stuck).error())
        found.append(runner._Stop(timeout, stuck, ("test_a",)).error())
    found.append(runner._missing_tests(job).error)
    from grader.cli import INTERRUPTED_RUN  # an exercise a Ctrl+C cut short

    found.append(INTERRUPTED_RUN)
    # What stands for the lines cut out of a long message or output.
    long = trim("a line\n" * 1000, session.OUTPUT_KEPT_CHARS)
    found += [line for line in long.splitlines() if lines_cut(line) is not None]

    hangs = runner_project(folder / "hangs", {"hangs": HANGS})
    broken = runner_project(folder / "broken", {"broken": BROKEN_TESTS})
    # Without conftest.py, pytest refuses the option --target.
    bare = runner_project(folder / "bare", {"bare": "def test_a():\n    pass\n"}, False)
    spins = runner_project(folder / "spins", {"spin": SPINS_TEST})
    (spins / "exercises" / "spin.py").write_text(SPINS)
    jobs = [Job("hangs", hangs, timeout=SHORT_TIMEOUT), Job("broken", broken)]
    jobs.append(Job("spin", spins, timeout=SHORT_TIMEOUT))
    for run in run_many([*jobs, Job("bare", bare)]):
        found += _messages(run)
    return [text for text in dict.fromkeys(found) if text]


def stub_reasons() -> list[str]:
    """What each stub's NotImplementedError says, read from the stubs the
    generator makes (a stub cannot run here: it imports its neighbours)."""
    found = []
    for exercise in EXERCISES:
        solution = (ROOT / "solutions" / f"{exercise.name}.py").read_text()
        for node in ast.walk(ast.parse(stub_source(solution, exercise))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                found.append(ast.literal_eval(node.exc.args[0]))
    # And as grading mode records them, without the advice to the learner.
    return found + [classroom.STUB_ADVICE.sub("", text) for text in found]


def grading_mode_reasons(folder: Path) -> list[str]:
    """What grading mode says when it cannot grade, and of the learner's
    files it leaves out."""
    found = []
    release_tree = folder / "release"
    for item in manifest.COVERED:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, release_tree / item)
        else:
            shutil.copy(source, release_tree / item)
    manifest.write(release_tree)
    # Each advice: files changed only, added only, and both.
    changed, added = folder / "changed", folder / "added"
    shutil.copytree(release_tree, changed)
    (changed / "tests" / "test_dot.py").write_text("")
    shutil.copytree(release_tree, added)
    (added / "tests" / "test_extra.py").write_text("")
    (release_tree / "tests" / "test_dot.py").write_text("")
    (release_tree / "tests" / "test_extra.py").write_text("")
    (release_tree / "tests" / "test_sgd.py").unlink()
    bare = folder / "bare"
    bare.mkdir()
    tableless = folder / "tableless"
    (tableless / "grader").mkdir(parents=True)
    (tableless / manifest.MANIFEST).write_text('{"sha256": []}')
    trees = (release_tree, changed, added, bare, tableless)
    for tree in trees:
        with pytest.raises(classroom.GradingError) as raised:
            classroom.grade(tree)
        found.append(str(raised.value))
    # A teacher grading a submission is told of the pristine copy too.
    for tree in trees:
        with pytest.raises(classroom.GradingError) as raised:
            classroom.grade(tree, options=classroom.Options(submission="s"))
        found.append(str(raised.value))

    # A submission with nothing to grade, said so of at once by `grade`.
    empty_repository = folder / "empty.git"
    subprocess.run(["git", "init", "-q", "--bare", str(empty_repository)], check=True)
    for nothing in (bare, empty_repository):
        with pytest.raises(classroom.GradingError) as raised:
            tools._gradable(nothing, folder / "checkout", nothing)
        found.append(str(raised.value))

    learner = folder / "learner"
    learner.mkdir()
    (learner / "link.py").symlink_to(ROOT / "solutions" / "dot.py")
    os.mkfifo(learner / "pipe.py")
    (learner / "big.py").write_bytes(b"#" * (classroom.MAX_MODULE_BYTES + 1))
    found += classroom.stage_exercises(learner, folder / "staged")
    found += classroom.stage_exercises(None, folder / "staged-nothing")
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    found.append(last_line(classroom._run(sleeper, None, folder, limit=0.5)[2]))
    # A stage with no project in it: the grading process cannot grade.
    stage = folder / "scratch" / "stage"
    (stage / "grader").mkdir(parents=True)
    shutil.copy(ROOT / "grader" / "exercises.toml", stage / "grader")
    options = classroom.Options(timeout=5)
    found.append(last_line(classroom.run_isolated(stage.parent, options).stderr))
    return found


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def reasons(tmp_path_factory):
    """Every sentence of the grader that reports keep in English, as its
    code makes them, one per line."""
    folder = tmp_path_factory.mktemp("reasons")
    found = runner_reasons(folder / "runner") + stub_reasons()
    # And as a small watch says a stop, the names of its tests given way.
    found += [told for text in found for told in names_given_way(text)[1:]]
    found += grading_mode_reasons(folder / "grading")
    found += batch_notes()
    return [line for text in found for line in text.strip().splitlines()]


def batch_notes() -> list[str]:
    """The notes a batch's gradebook row may hold, which its progress line
    shows in the teacher's language."""
    notes = [note.format(path="tests/test_dot.py") for note in DRIFT_NOTES.values()]
    return [
        *notes,
        TIMEOUT_NOTE.format(name="dot"),
        MISSING_NOTE.format(count=8, total=10),
    ]


def test_every_reason_the_grader_gives_is_translated(ja, reasons):
    for english in reasons:
        assert japanese(ja.failure(english)), english


def test_every_reason_in_the_catalogue_is_one_the_grader_gives(ja, reasons):
    pieces = _pieces(reasons, list(ja.reasons))
    unused = [key for key in ja.reasons if not any(_matches(key, p) for p in pieces)]
    assert unused == []


def _pieces(lines: list[str], templates: list[str]) -> set[str]:
    """`lines`, the labels of labelled lines ("  changed: tests/x.py"),
    the sentences of lines that hold several (each is translated on its
    own), and the values any of `templates` finds in them, and in those."""
    pending, seen = list(lines), set()
    while pending:
        text = pending.pop()
        labelled = i18n.LABELLED.match(text)
        if labelled:
            pending.append(labelled.group(1))
        text = text.strip()
        if text in seen:
            continue
        seen.add(text)
        sentences = i18n.SENTENCE_END.split(text)
        if len(sentences) > 1:
            pending.extend(sentences)
        for template in templates:
            match = _pattern(template).fullmatch(text)
            if match:
                pending.extend(match.groups())
    return seen


def _pattern(template: str) -> re.Pattern:
    pattern = re.escape(template)
    for field in i18n.FIELD.findall(template):
        pattern = pattern.replace(re.escape(field), "(.*?)", 1)
    return re.compile(pattern, re.DOTALL)


def _matches(template: str, text: str) -> bool:
    return _pattern(template).fullmatch(text) is not None


def test_a_runner_reason_reads_in_japanese(ja):
    reason = (
        "exercises/softmax.py was still running after 30 s in "
        "test_softmax_rows_sum_to_one: an endless loop?"
    )
    assert ja.failure(reason) == (
        "test_softmax_rows_sum_to_one の実行中、exercises/softmax.py が 30 秒"
        "たっても終わらなかったため、採点プログラムが止めました。無限ループに"
        "なっていませんか？"
    )


def test_every_reason_keeps_the_fields_of_its_english(ja):
    for english, translated in ja.reasons.items():
        fields = set(i18n.FIELD.findall(english))
        assert set(i18n.FIELD.findall(translated)) <= fields, english


def test_argparse_sentences_keep_their_placeholders(ja):
    # A {field} may differ (a translation may use one the code passes that
    # the English leaves out); argparse's %-placeholders must not.
    for english, translated in ja.ui.items():
        percent = sorted(PERCENT_FIELD.findall(english))
        assert sorted(PERCENT_FIELD.findall(translated)) == percent, english


def test_a_docstring_is_rewrapped_by_paragraph_its_layout_kept():
    text = (
        "Sum the entries, one\n"
        "row at a time.\n"
        "\n"
        "Args:\n"
        "    x: an array of any shape, in any memory order (-1 included:\n"
        "        it is a position).\n"
        "    Every size is at least 1.\n"
        "\n"
        "Work through it:\n"
        "\n"
        "    s = x.sum(axis=0)      t = s.sum()\n"
        "\n"
        "Example:\n"
        "    >>> total(np.ones((2, 3)))  # a comment that stays on its line\n"
        "    6.0"
    )

    assert docs.reflowed(text, 30).splitlines() == [
        "Sum the entries, one row at a",
        "time.",
        "",
        "Args:",
        "    x: an array of any shape,",
        "        in any memory order",
        "        (-1 included: it is a",
        "        position).",
        "    Every size is at least 1.",
        "",
        "Work through it:",
        "",
        "    s = x.sum(axis=0)",
        "    t = s.sum()",
        "",
        "Example:",
        "    >>> total(np.ones((2, 3)))  # a comment that stays on its line",
        "    6.0",
    ]


def test_a_remark_under_a_formula_wraps_as_prose_under_its_first_word():
    text = (
        "Work backwards:\n"
        "\n"
        "    dz2 = (probs - one_hot(t, C)) / N\n"
        "          (softmax and cross-entropy together; t as it is if one-hot)\n"
        "    dw2 = h.T @ dz2"
    )

    assert docs.reflowed(text, 50).splitlines() == [
        "Work backwards:",
        "",
        "    dz2 = (probs - one_hot(t, C)) / N",
        "          (softmax and cross-entropy together; t",
        "           as it is if one-hot)",
        "    dw2 = h.T @ dz2",
    ]


def test_an_item_whose_later_lines_stand_under_its_first_runs_on_as_one():
    text = (
        "Returns:\n"
        "    (params, losses): the trained params dict, and the losses\n"
        "    recorded, as a list of floats.\n"
        "    x: the next item."
    )

    assert docs.reflowed(text, 40).splitlines() == [
        "Returns:",
        "    (params, losses): the trained params",
        "    dict, and the losses recorded, as a",
        "    list of floats.",
        "    x: the next item.",
    ]


def test_japanese_lines_of_a_docstring_run_on_without_a_space_between_them():
    text = (
        "x と同じ形状の配列(数を渡したときは 0 次元配列か\n"
        "float)。値はすべて\n"
        "[0, 1] の範囲。1 次元の\n"
        "オペランドは、配列に変換できるもの\n"
        "(array-like)。"
    )

    assert docs.reflowed(text, 200) == (
        "x と同じ形状の配列(数を渡したときは 0 次元配列か float)。値はすべて "
        "[0, 1] の範囲。1 次元のオペランドは、配列に変換できるもの(array-like)。"
    )


def test_code_between_double_backticks_breaks_only_where_nothing_else_fits():
    text = "Compute ``out[i, j] = sum over k of a[i, k] * b[k, j]`` for every i."

    lines = i18n.fill(text, 40).splitlines()

    assert lines[0] == "Compute"
    assert lines[1] == "``out[i, j] = sum over k of a[i, k] *"
    assert lines[2].startswith("b[k, j]``")


@pytest.mark.parametrize(
    "text",
    [
        "The loss is ``cross_entropy(forward(params, x), t)`` without its "
        "epsilon guard. Work backwards through the forward pass:",
        "損失は ``cross_entropy(forward(params, x), t)`` から、log(0) を避ける"
        "ためのイプシロンを除いたもの。順伝播を逆にたどる:",
    ],
)
def test_code_between_double_backticks_that_fits_a_row_is_never_broken(text):
    for columns in range(40, 60):
        rows = i18n.fill(text, columns).splitlines()

        code = "``cross_entropy(forward(params, x), t)``"
        assert any(code in row for row in rows), (columns, rows)
        assert all(i18n.width(row) <= columns for row in rows), (columns, rows)

"""The grader in Japanese: choosing the language, the catalogues, and the
learner's view end to end in both languages."""

import json
import re

import pytest

from grader import docs, i18n
from grader.exercises import EXERCISES
from grader.locale import extract
from grader.runner import Job, run_many
from selftests.grader_support import build_tree, clean_environment, kata, run_grader

JAPANESE_CHARACTER = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
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
        "sgd_update が 2 番目の引数 をその場で書き換えました。"
    )
    assert "{'w': [1.0]}" in translated and "{'w': [0.0]}" in translated
    assert japanese(translated.splitlines()[-1])


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


def test_every_translation_is_japanese(ja):
    for english, translated in {**ja.failures, **ja.ui, **ja.statuses}.items():
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


def test_the_specification_is_shown_in_japanese_with_the_code_unchanged(root):
    (softmax,) = docs.specification(root, "softmax", "ja")
    assert softmax.signature == "softmax(x)" and softmax.translated
    assert japanese(softmax.text)
    assert ">>> softmax(np.array([[1.0, 1.0], [0.0, np.log(3.0)]]))" in softmax.text


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
    assert "(1) 符号が逆。" in mistake and "(2) これは 1 - s。" in mistake
    assert "the sign" not in mistake


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
    assert "`python -m grader doc dot` で仕様を日本語で読み" in outcome.stdout
    assert "Next:" not in outcome.stdout and "done" not in outcome.stdout
    assert set(outcome.statuses().values()) == {"not_started"}
    assert english_only(json.dumps(outcome.report, ensure_ascii=False))


def test_a_known_mistake_is_named_in_japanese(tmp_path, root):
    mistake = (root / AXIS_ZERO).read_text()
    tree = build_tree(tmp_path / "kata", {"softmax": mistake})
    result = kata("--root", str(tree), "--lang", "ja", "check", "softmax", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "失敗あり (failing)" in result.stdout
    assert "考えられる間違い: axis 0 (列方向)で正規化している。" in result.stdout
    assert "  呼び出し  softmax(" in result.stdout
    assert "likely mistake" not in result.stdout


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
    assert (
        "演習 3、softmax(softmax: スコアを確率に)のヒント: 4 個中 1 個" in result.stdout
    )
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


def test_help_and_usage_errors_are_in_japanese(tmp_path):
    help_text = kata("--lang", "ja", "--help", cwd=tmp_path)
    assert help_text.returncode == 0
    assert "使い方: " in help_text.stdout and "オプション:" in help_text.stdout
    assert "表示の言語" in help_text.stdout
    tree = build_tree(tmp_path / "kata")
    unknown = kata("--root", str(tree), "--lang", "ja", "hint", "sofmax", cwd=tmp_path)
    assert unknown.returncode == 2
    assert "エラー: 演習 'sofmax' はありません(softmax のことですか?)" in unknown.stderr

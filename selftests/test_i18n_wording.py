"""How the Japanese reads: one polite register, sentences that end, code
left as code, lines broken where a reader expects them; and the READMEs'
path through the kata, in both languages."""

import ast
import re
import sys
from io import StringIO

import numpy as np
import pytest

from grader import cli, i18n
from selftests.grader_support import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CATALOGUE = ROOT / "grader" / "locale" / "ja.toml"
DOCSTRINGS = ROOT / "grader" / "locale" / "ja" / "docstrings.toml"
README_JA = (ROOT / "README.ja.md").read_text(encoding="utf-8")
README_EN = (ROOT / "README.md").read_text(encoding="utf-8")

# A sentence of plain form: the endings the catalogue used before it was
# made polite throughout ("…していない。", "…が逆。", "…読むかもしれない。").
PLAIN_ENDING = re.compile(
    r"(ている|ていない|がない|ではない|しない|できない|ある|なる|する|(?<![まで])した|"
    r"違う|しまう|が逆|かもしれない|大きすぎる)。"
)
# A clause of plain form joined by "が、" to a polite sentence ("…を戻して
# いるが、…ずれることがあります。"): polite before the が too.
PLAIN_CLAUSE = re.compile(
    r"(ている|ていない|しい|ない|ある|なる|する|(?<![まで])した)が、"
)
# A polite sentence that stops without its full stop, at the end of a text.
UNFINISHED = re.compile(r"(です|ます|ません|ました|ください)(\([^()]*\))?$")
CODE_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# A half-width question or exclamation mark, and the code in a Japanese
# text where one belongs: `quoted`, a field of a template ({x!r}), !=.
HALF_WIDTH_MARK = re.compile(r"[?!]")
CODE = re.compile(r"`[^`\n]*`|\{[^{}\n]*\}|!=")
# A full-width ？ or ！ that more text follows with anything but one
# full-width space before it (none, a half-width one, more than one): the
# next sentence is spaced off by one full-width space, as Japanese
# typesetting does ("…ませんか？\u3000損失…"). A closing bracket or quote
# stays against the mark.
MISSPACED_MARK = re.compile(r"[？！](?![)）」』】\]\"'`？！]|\u3000(?=\S)|$)")


@pytest.fixture(autouse=True)
def language_kept():
    """`cli.main` sets the language of the process: put it back after."""
    before = i18n.current.catalogue, i18n.current.option
    yield
    i18n.current.catalogue, i18n.current.option = before


@pytest.fixture(scope="module")
def tables():
    with open(CATALOGUE, "rb") as file:
        return tomllib.load(file)


def translations(tables):
    for table in ("ui", "reasons", "failures"):
        yield from tables[table].items()


# One register: です/ます, and every sentence finished.


def test_no_sentence_of_the_catalogue_is_in_plain_form(tables):
    plain = [value for _, value in translations(tables) if PLAIN_ENDING.search(value)]
    assert plain == []


# A statement of what happened in plain past ("…を返した", "…が違った"),
# where it stands alone without a full stop: as the whole text (a value
# beside a label, a reason after a colon), before a colon and the value it
# introduces, or before the brackets that end it. The conditions before
# "とき" stay in plain form, which Japanese wants there ("…範囲外にある
# とき"); a help text says what a command does, not what happened.
PLAIN_STATEMENT = re.compile(
    r"(?<![まで])[\u3041-\u3096\u4e00-\u9fff][ただ](?=(?:\([^()]*\))?(?::|。?$))"
)


def test_no_statement_of_what_happened_is_in_plain_form(tables):
    plain = [
        value for _, value in translations(tables) if PLAIN_STATEMENT.search(value)
    ]
    assert plain == []


def test_no_clause_before_a_but_is_in_plain_form(tables):
    from grader.exercises import EXERCISES

    texts = [value for _, value in translations(tables)]
    texts += [hint for exercise in EXERCISES for hint in exercise.hints_ja]
    assert [text for text in texts if PLAIN_CLAUSE.search(text)] == []


def half_width_marks(text):
    """The lines of `text` that hold Japanese and a half-width question or
    exclamation mark outside code: wherever it stands, after a name or a
    bracket as after a kana ("…ませんか(np.asarray)?"), a Japanese
    sentence takes the full-width mark."""
    # A text of several lines is read whole too: a mark alone on a line of
    # its own may still end a Japanese sentence.
    whole = text.replace("\n", " ") if "\n" in text.strip() else None
    return [
        line
        for line in [*text.splitlines(), *filter(None, [whole])]
        if JAPANESE.search(line) and HALF_WIDTH_MARK.search(CODE.sub("", line))
    ]


def japanese_texts(tables):
    """Every Japanese text a learner reads that is written down: the
    catalogue, the hints, the answers' prose, the README and the
    docstrings, a paragraph at a time, code blocks left out."""
    from grader.exercises import EXERCISES

    texts = [value for _, value in translations(tables)]
    texts += [hint for exercise in EXERCISES for hint in exercise.hints_ja]
    texts += list(i18n.answer_prose(i18n.JAPANESE).values())
    for document in (README_JA, DOCSTRINGS.read_text(encoding="utf-8")):
        # The release's markers are markup, and what they enclose is read.
        document = re.sub(r"^(<!--.*|-->)$", "", document, flags=re.M)
        texts += re.split(r"\n\s*\n", re.sub(r"```.*?```", "", document, flags=re.S))
    return texts


def test_japanese_sentences_take_full_width_question_and_exclamation_marks(tables):
    texts = japanese_texts(tables)
    assert [line for text in texts for line in half_width_marks(text)] == []


def test_a_full_width_mark_with_more_text_after_it_is_spaced_once(tables):
    wrong = [
        line
        for text in japanese_texts(tables)
        for line in text.splitlines()
        if MISSPACED_MARK.search(line)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "line, wrong",
    [
        ("ありませんか？\u3000結果", False),
        ("ありませんか？", False),
        ("(ありませんか？)", False),
        ("ありませんか？ 結果", True),
        ("ありませんか？結果", True),
        ("ありませんか？\u3000\u3000結果", True),
        ("ありませんか？\u3000 結果", True),
    ],
)
def test_the_mark_spacing_check_wants_one_full_width_space(line, wrong):
    assert bool(MISSPACED_MARK.search(line)) is wrong


def test_sentences_put_together_keep_the_space_after_a_full_width_mark():
    japanese = i18n.catalogue(i18n.JAPANESE)
    wrong = "The result has the wrong values."
    none = "a value is None: a function missing its return statement?"
    after_mark = japanese.sentence(f"{none} {wrong}")
    after_stop = japanese.sentence(f"{wrong} {none}")

    assert after_mark == "値が None になっています。return 文を書き忘れた関数は" + (
        "ありませんか？\u3000結果の値が違います。"
    )
    assert after_stop == "結果の値が違います。値が None になっています。" + (
        "return 文を書き忘れた関数はありませんか？"
    )


def test_numbered_mistakes_keep_the_space_after_a_full_width_mark():
    japanese = i18n.catalogue(i18n.JAPANESE)
    none = "a value is None: a function missing its return statement?"
    listed = japanese.sentence(f"(1) {none} (2) The result has the wrong values.")

    assert "ありませんか？\u3000(2) 結果の値が違います。" in listed


def test_the_half_width_mark_check_sees_past_brackets_and_code():
    assert half_width_marks("…なっていませんか(np.asarray)?")
    assert half_width_marks("不要な keepdims=True? reshape や x[:, None]?")
    assert half_width_marks("Press q!\n終了します")
    assert not half_width_marks("`a != b` なら {x!r} を返します。")
    assert not half_width_marks("an endless loop?")


def test_an_axis_count_gone_wrong_says_which_way_it_went(tables):
    start = "expected ndim {len(shape)}, got {actual.ndim}: "
    added = tables["failures"][
        start + "an axis too many was kept or added (keepdims=True where none is "
        "needed? a reshape or x[:, None]?)."
    ]
    lost = tables["failures"][
        "expected ndim {wanted}, got {ndim}: an axis was lost (a sum or max "
        "without keepdims=True? a squeeze, ravel or flatten?)."
    ]
    assert "余分な軸" in added and "減って" in lost
    # Said once: the count that fell is the axis lost, not a second sentence.
    assert lost.count("。") == 1
    from grader.exercises import EXERCISES

    dot = next(exercise for exercise in EXERCISES if exercise.name == "dot")
    # The axis put in with a[None, :] is added (付け加えた), not summed (足した).
    assert not [hint for hint in dot.hints_ja if "足した軸" in hint]


def test_an_axis_is_named_in_brackets_after_the_way_it_runs(tables):
    # "バッチ方向(axis 0)", not "バッチ方向、axis 0": after a comma the axis
    # reads as a second place to sum over.
    texts = [value for _, value in translations(tables)]
    assert [text for text in texts if re.search(r"方向、axis", text)] == []
    assert (
        "バッチ方向(axis 0)で合計"
        in tables["failures"][
            "the bias gradients were summed over the wrong axis: sum over the batch, "
            "axis 0."
        ]
    )


def test_what_a_specification_includes_is_said_of_its_subject():
    # "これには … も含まれる": a sentence of cases alone ("… のような行や、
    # … バッチも含む。") says not what includes them.
    with open(DOCSTRINGS, "rb") as file:
        docstrings = tomllib.load(file)
    texts = [f["text"] for fs in docstrings.values() for f in fs.values()]
    sentences = [s for text in texts for s in re.split(r"(?<=。)", text)]
    cases = [s for s in sentences if re.search(r"や、[^。]*も含(む|まれる)。$", s)]
    assert [s for s in cases if "には" not in s] == []


def watch_events() -> set[str]:
    """What the watch's top line says caused its screen, in brackets after
    the count of exercises done ("(one_hot に移りました)"): the texts it
    sets as its event, by their English."""
    source = (ROOT / "grader" / "watch.py").read_text(encoding="utf-8")
    calls = re.findall(r'self\.event = _\(\s*((?:"[^"]*"\s*)+)', source)
    calls += re.findall(r'"\w+": _\(\s*((?:"[^"]*"\s*)+)', source)
    calls += re.findall(r'self\.say\(\s*((?:"[^"]*"\s*)+)', source)
    # The shorter ways of saying them (SHORTER).
    shorter = source.split("\nSHORTER = {", 1)[1].split("\n}", 1)[0]
    calls += re.findall(r'N_\(\s*((?:"[^"]*"\s*)+)', shorter)
    texts = {"".join(re.findall(r'"([^"]*)"', call)) for call in calls}
    return texts | _event_methods_texts(source)


def _event_methods_texts(source: str) -> set[str]:
    """The texts of the watch's methods that make its top line's event
    (their docstrings begin "The top line's event")."""
    texts = set()
    for node in ast.walk(ast.parse(source)):
        doc = isinstance(node, ast.FunctionDef) and ast.get_docstring(node) or ""
        if not doc.startswith("The top line's event"):
            continue
        for call in ast.walk(node):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            # A text looked up where it is said, or named to be (`N_`).
            marked = getattr(call.func, "id", "") in ("_", "N_")
            if marked and isinstance(call.args[0], ast.Constant):
                texts.add(call.args[0].value)
    return texts


def test_no_polite_sentence_of_the_catalogue_lacks_its_full_stop(tables):
    # Japanese puts no full stop before the closing bracket: the watch's
    # events, and those only, end their last sentence without one.
    events = watch_events()
    unfinished = [
        value
        for key, value in translations(tables)
        if key not in events and UNFINISHED.search(value.rstrip("\n"))
    ]
    assert unfinished == []


# A field that a full stop follows in a translation ("{error}。"): its
# value may be a Japanese sentence that ends with its own.
FIELD_BEFORE_STOP = re.compile(r"\{(\w+)\}。")
FINISHED = "ありません。"
# An English reason whose translation ends with a full stop.
FINISHED_REASON = "a git repository with no commit yet: nothing to grade"


def test_no_translation_writes_a_full_stop_twice(tables):
    doubled = [value for _, value in translations(tables) if "。。" in value]
    assert doubled == []


def test_a_finished_sentence_in_any_field_ends_with_one_full_stop(tables):
    """Every text of the grader's with a field before a full stop, filled
    with a sentence that already ends with one, shows a single full
    stop (a reason put inside a refusal, as grading mode does)."""
    catalogue = i18n.catalogue(i18n.JAPANESE)
    doubled = []
    for english, value in tables["ui"].items():
        fields = set(re.findall(r"\{(\w+)[^{}]*\}", english))
        if not FIELD_BEFORE_STOP.search(value) or fields != set(
            re.findall(r"\{(\w+)[^{}]*\}", value)
        ):
            continue
        filled = catalogue.text(english, **dict.fromkeys(fields, FINISHED))
        if "。。" in filled:
            doubled.append(filled)
    for table in ("reasons", "failures"):
        for english, value in tables[table].items():
            if not FIELD_BEFORE_STOP.search(value):
                continue
            filled = re.sub(r"\{\w+[^{}]*\}", FINISHED_REASON, english)
            if "。。" in catalogue.failure(filled):
                doubled.append(catalogue.failure(filled))
    assert doubled == []


def test_an_event_in_the_watchs_top_line_ends_without_a_full_stop(tables):
    events = watch_events()
    assert {"moved on to {name}", "back to {name} for its next hint"} <= events
    said = {key: value for key, value in translations(tables) if key in events}
    assert len(said) == len(events), events - set(said)
    assert [value for value in said.values() if value.endswith("。")] == []
    top_line = tables["ui"]["nn-kata watch: {done} of {total} done ({event})"]
    assert top_line.endswith("({event})")


def test_the_grader_stopping_a_run_says_that_the_grader_stopped_it(tables):
    english = "{module} was still running after {seconds} s: an endless loop?"
    assert "採点プログラムが止めました" in tables["reasons"][english]
    not_run = "{count} more tests did not run: the process stopped first."
    assert "止まった" not in tables["ui"][not_run]


def test_the_watch_states_a_save_rather_than_noticing_it(tables):
    values = [value for _, value in translations(tables)]
    assert not [value for value in values if "気づ" in value]
    assert "{path} を保存、" in tables["ui"]["saved {path}, graded in {seconds} s"]


def test_the_hint_counter_reads_the_same_in_the_cli_and_the_watch(tables):
    cli_header = tables["ui"][
        "Hints for exercise {number}, {name} ({title}): {shown} of {total}"
    ]
    watch_line = tables["ui"]["Hint {shown} of {total}: {hint}"]
    assert "ヒント {shown}/{total}" in cli_header
    assert "ヒント {shown}/{total}" in watch_line


def test_the_notebook_names_the_functions_it_wants_in_any_number(tables):
    text = tables["ui"][
        "exercise {name} defines {functions}; pass functions with those names "
        "(got {function})"
    ]
    assert "これら" not in text
    assert text.endswith("。")


def test_the_lines_of_more_failing_tests_differ_only_in_what_the_tests_share(
    tables,
):
    ui = tables["ui"]
    # Failed the same way: the same property broken. From the same likely
    # mistake: other properties, one cause. One sentence, told apart there.
    way = "  ほかに {count} 個のテストも同じように失敗しています: {shown}。"
    cause = way.replace("同じように", "同じ間違いで")
    assert ui["  {count} more tests failed the same way: {shown}."] == way
    assert ui["  1 more test failed the same way: {shown}."] == way.replace(
        "{count}", "1"
    )
    mistake = "  {count} more tests failed from the same likely mistake: {shown}."
    assert ui[mistake] == cause
    assert ui[
        "  1 more test failed from the same likely mistake: {shown}."
    ] == cause.replace("{count}", "1")


def test_a_guessed_name_is_offered_in_brackets_in_both_languages(tables):
    guesses = {key: value for key, value in tables["ui"].items() if "mean" in key}
    assert len(guesses) == 2
    for english, japanese in guesses.items():
        assert "(did you mean {name}?)" in english
        assert "({name} のことですか？)" in japanese


def test_nan_is_named_not_a_number_not_a_missing_value(tables):
    texts = [text for pair in translations(tables) for text in pair]
    assert not [text for text in texts if "missing value" in text or "欠損" in text]
    named = [text for text in texts if "NaN (" in text or "NaN(" in text]
    assert named
    assert all("NaN (not a number)" in text or "NaN(非数)" in text for text in named)


def test_what_the_code_lacks_is_said_as_japanese_says_it(tables):
    values = [value for _, value in translations(tables)]
    assert not [value for value in values if re.search("抜けています|での除算", value)]
    halved = tables["failures"]["the division by 2 is missing: divide by 2 * h."]
    assert halved.startswith("2 で割るのを忘れています。")
    assert tables["failures"]["divide by zero"] == "ゼロ除算"


def test_a_matrix_size_is_written_with_a_times_sign_in_japanese(tables):
    values = [value for _, value in translations(tables)]
    assert not [
        value for value in values if re.search(r"\b[A-Z0-9] x [A-Z0-9]\b", value)
    ]
    assert [value for value in values if "N×N の行列" in value]


# A conversion to floats as the tests and hints suggest it: one spelling,
# np.float64, as the model answers write it.
FLOAT_BY_NAME = re.compile(r"dtype=float\b|astype\(float\)")


def test_a_conversion_to_floats_is_spelled_one_way_everywhere(tables):
    from grader.exercises import EXERCISES
    from grader.locale import extract

    texts = [text for pair in translations(tables) for text in pair]
    texts += list(extract.sentences())
    texts += [hint for e in EXERCISES for hint in (*e.hints, *e.hints_ja)]
    texts += [README_EN, README_JA, DOCSTRINGS.read_text(encoding="utf-8")]
    texts += [path.read_text() for path in (ROOT / "solutions").glob("*.py")]
    assert [text for text in texts if FLOAT_BY_NAME.search(text)] == []
    assert "np.asarray(x, dtype=np.float64)" in " ".join(texts)


def test_the_column_labels_go_without_a_colon_the_likely_mistake_with_one():
    from tests.judge import KataFailure

    failure = KataFailure(
        "Wrong.", expected="1.0", actual="2.0", mistake="the minus sign is missing."
    )
    english = str(failure).splitlines()
    japanese = i18n.catalogue(i18n.JAPANESE).failure(str(failure)).splitlines()

    assert english[1:] == [
        "  expected  1.0",
        "  actual    2.0",
        "  likely mistake: the minus sign is missing.",
    ]
    # The values of the column start alike; the mistake, prose too long for
    # the column, follows its label after a colon, in either language.
    assert japanese[1:] == [
        "  期待値    1.0",
        "  実際の値  2.0",
        "  考えられる間違い: マイナス記号を付け忘れています。",
    ]


def test_a_bad_choice_says_what_may_be_chosen_in_a_sentence(capsys):
    code = cli.main(["--lang", "ja", "--target", "nope"], prog="kata")

    assert code == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert "'nope' は選べません。選べるのは 'exercises'、'solutions' です。" in error


# Ctrl-C is the learner's choice: said plainly, not as an error.


@pytest.mark.parametrize(
    "language, said, error_word",
    [("en", "Interrupted.", "error"), ("ja", "中断しました。", "エラー")],
)
def test_an_interrupt_is_said_without_calling_it_an_error(
    monkeypatch, language, said, error_word
):
    def interrupted(args, prog):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    stderr = StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)

    code = cli.main(["--lang", language, "list"], prog="kata")

    assert code == cli.EXIT_INTERRUPTED == 130
    assert stderr.getvalue().strip() == said
    assert error_word not in stderr.getvalue()


# English left inside Japanese, and Japanese inside code.


@pytest.mark.parametrize("target", ["labels", "one-hot"])
def test_the_training_call_is_described_in_japanese(target):
    from tests.judge import labelled_call
    from tests.test_train import TrainCall

    t = np.zeros(102, dtype=int) if target == "labels" else np.zeros((102, 3))
    message = (
        "train must record one loss per epoch.\n"
        f"{labelled_call(TrainCall(t, {'epochs': 4, 'seed': 0}))}\n"
        "  expected  4 losses\n"
    )

    translated = i18n.catalogue(i18n.JAPANESE).failure(message)

    assert "standardized" not in translated
    assert "their species" not in translated
    assert "標準化した Iris の訓練用の花 102 本 (102, 4)" in translated
    # Joined to the call as forward's inputs are: "train(...)。引数は…".
    assert "  呼び出し  train(x, " in translated
    assert "epochs=4, seed=0)。引数は次のとおり:\n" in translated


# 種 alone may read as たね (a seed): a species of iris is a 品種.
LONE_SPECIES = re.compile(r"(?<!品)種(?!類)")


def test_a_species_of_iris_is_a_hinshu_everywhere(tables):
    with open(DOCSTRINGS, "rb") as file:
        docstrings = tomllib.load(file)
    texts = [value for _, value in translations(tables)]
    texts += [f["text"] for fs in docstrings.values() for f in fs.values()]
    texts += README_JA.splitlines()
    assert [text for text in texts if LONE_SPECIES.search(text)] == []


def test_code_in_the_japanese_specifications_is_code_only():
    with open(DOCSTRINGS, "rb") as file:
        docstrings = tomllib.load(file)
    mixed = [
        literal
        for functions in docstrings.values()
        for function in functions.values()
        for literal in CODE_LITERAL.findall(function["text"])
        if JAPANESE.search(literal)
    ]
    assert mixed == []
    texts = "".join(f["text"] for fs in docstrings.values() for f in fs.values())
    assert "数の array-like" not in texts


# Python's words of a condition, which a Japanese sentence says in Japanese
# ("... が False なら"), not half in Python ("if not ... なら").
CONDITION = re.compile(r"\b(if|elif|else|while|not|and|or)\b")
# Code in backticks and the fields of a template: code, where Python's
# words are at home.
CODE_OR_FIELD = re.compile(r"`[^`]*`|\{[^{}]*\}")


def test_no_condition_is_said_half_in_python_in_japanese(tables):
    from grader.exercises import EXERCISES

    texts = [value for _, value in translations(tables)]
    texts += [hint for exercise in EXERCISES for hint in exercise.hints_ja]
    mixed = [text for text in texts if CONDITION.search(CODE_OR_FIELD.sub("", text))]
    assert mixed == []


# Where a line of Japanese breaks.


@pytest.mark.parametrize(
    "text, columns, whole",
    [
        (
            "1 次元の a は 1 行(a[None, :])、1 次元の b は 1 列(b[:, None])として"
            "扱い、2 次元の積を計算してから、足した軸を取り除きます。(K,)·(K,) は"
            "スカラー、(N, K)·(K,) は形状 (N,) になります。",
            77,
            ["(N, K)·(K,)", "2 次元"],
        ),
        (
            "計算する前に形状を確認します。どちらのオペランドも 1 次元か 2 次元で、"
            "a.shape[-1] が b.shape[0] と等しくなければなりません。ValueError の"
            "メッセージには両方の形状を入れてください。",
            77,
            ["ValueError", "a.shape[-1]", "b.shape[0]", "1 次元", "2 次元"],
        ),
        (
            "途中の値を残しながら順伝播をやり直します: z1 = x @ w1 + b1、"
            "h = sigmoid(z1)、probs = softmax(h @ w2 + b2)。",
            60,
            ["h = sigmoid(z1)", "z1 = x @ w1 + b1"],
        ),
        ("表示の言語(既定: ロケールが日本語なら日本語、ほかは英語)", 54, ["既定:"]),
        (
            "場所 exercises/softmax.py の 36 行目: "
            "return e / sofmax(e).sum(axis=-1, keepdims=True)",
            60,
            ["return e / sofmax(e).sum(axis=-1, keepdims=True)"],
        ),
    ],
)
def test_japanese_is_never_wrapped_inside_code_a_word_or_a_quantity(
    text, columns, whole
):
    lines = i18n.fill(text, columns, indent=3).splitlines()

    assert len(lines) > 1
    assert all(i18n.width(line) <= columns for line in lines)
    for piece in whole:
        assert any(piece in line for line in lines), (piece, lines)


def test_japanese_fills_its_lines_breaking_between_any_two_characters():
    text = (
        "計算する前に形状を確認します。どちらのオペランドも 1 次元か 2 次元で、"
        "a.shape[-1] が b.shape[0] と等しくなければなりません。ValueError の"
        "メッセージには両方の形状を入れてください。"
    )
    lines = i18n.fill(text, 60).splitlines()

    # "等しくなければなりません" is never cut: the line ends before it,
    # after the particle "と", a few columns short; nor is "形状を" cut
    # from its particle.
    assert lines == [
        "計算する前に形状を確認します。どちらのオペランドも 1 次元か",
        "2 次元で、a.shape[-1] が b.shape[0] と",
        "等しくなければなりません。ValueError のメッセージには両方の",
        "形状を入れてください。",
    ]


@pytest.mark.parametrize(
    "text, columns, cut",
    [
        # A kanji and its okurigana, a compound verb, and words of kana
        # are not cut in two where a line a little shorter avoids it.
        ("同じスライスの確率は変わってはいけません。", 36, "変\nわ"),
        ("この行を自分のコードに置き換えてください。", 30, "置き\n換"),
        ("h を足してから引き直すと元の値に戻らないことがあります。", 20, "引き\n直"),
        ("h を足してから引き直すと元の値に戻らないことがあります。", 24, "戻\nら"),
        ("params の各配列を 1 ステップ、その場で動かす", 36, "その\n場"),
        ("Python が表示するとおりに入れる", 20, "と\nおり"),
        ("params[k] はその場で更新されなければなりません。", 36, "され\nなけれ"),
        (
            "params[k] -= lr * grads[k] で配列そのものを更新してください。",
            40,
            "その\nもの",
        ),
        ("2.0 のような整数値の float は、受け付けても拒否してもよい。", 42, "て\nも"),
        # A verb's inflection, or the copula's, is not cut from what it
        # ends: the line breaks before the word it belongs to.
        ("1.5 は丸めたり切り捨てたりせず、ValueError を送出します。", 26, "て\nたり"),
        (
            "softmax は、最後の軸に沿った各スライスで exp(x) をその exp(x) "
            "の合計で割ったものでなければなりません。",
            36,
            "で\nなければ",
        ),
        (
            "損失はステップごとに下がらなければなりませんが、ステップ 3 で"
            "下がりませんでした。",
            44,
            "ら\nなければ",
        ),
        ("予測したクラスではなく、正解クラスの確率を取ってください。", 22, "は\nなく"),
        # A word of kanji keeps the kana that go on from it, its okurigana,
        # its particle or its suffix, and is not cut between its kanji
        # instead: the line breaks before it.
        ("コードから答えを取り出すことはできません。", 40, "取り出\nす"),
        ("コードから答えを取り出すことはできません。", 40, "取り\n出"),
        (
            "ブロードキャストで、すべての予測がすべてのラベルと組み合わされて"
            "しまいます。",
            40,
            "組み合\nわ",
        ),
        ("要素(N * C 個)で平均したのではありませんか？", 20, "平均\nし"),
        (
            "同じシードで 2 回実行したのに、始まりの params が違いました。",
            30,
            "実行\nし",
        ),
        (
            "サンプルが 1 つなら、どのエポックも(フルバッチでもミニバッチでも)"
            "lr * 勾配だけ進む勾配ステップ 1 回です。",
            40,
            "勾配\nだけ",
        ),
        (
            "サンプルが 1 つなら、どのエポックも(フルバッチでもミニバッチでも)"
            "lr * 勾配だけ進む勾配ステップ 1 回です。",
            40,
            "勾\n配",
        ),
        (
            "init_params が返した配列を(学習の 1 ステップのように、それぞれから"
            " 1 を引いて)変えると、後の呼び出しが返すものまで変わりました。",
            40,
            "もの\nまで",
        ),
        # A particle or the copula stays with the code before it: the line
        # breaks before the code, or inside it at a space; only code too
        # wide to take them leaves them to the next line, whole.
        (
            "forward は softmax(sigmoid(x @ w1 + b1) @ w2 + b2) を"
            "返さなければなりません。",
            40,
            "b2)\nを",
        ),
        (
            "最初の引数は入力の数 D = x.shape[1] で、サンプル数 N = x.shape[0] "
            "ではありません。",
            40,
            "]\nでは",
        ),
        (
            "ここでの t はすでに one-hot (N, C) です。one_hot に通すと、要素の "
            "1 つずつが 1 行になります。",
            40,
            ")\nです",
        ),
        (
            "loss は cross_entropy(forward(params, x), t) でなければなりません。",
            36,
            ")\nで",
        ),
        ("呼び出し方は {harness.signature_of(function)} です。", 36, "で\nす"),
        # A short aside in brackets stays whole on its line.
        ("nn-kata watch: 10 問中 3 問完了(演習の一覧)", 39, "の\n一覧"),
        # The number of an item of a list starts its line with the item.
        (
            "(1) axis 0(列方向)で正規化しています。最後の軸に沿った各スライス、"
            "つまりバッチの各行の合計が 1 でなければなりません。axis=-1 を"
            "使ってください。(2) 確率の値は正しいのですが、位置が違います。",
            30,
            "(2)\n",
        ),
        # A label stays whole on the line of its value.
        (
            "10 問中 3 問が終了、12 秒(制限は 1 問 30 秒、保存で再採点、q で終了)、"
            "入力済みのキー: c(採点が終わってから働きます)",
            85,
            "キー:\n",
        ),
        (
            "10 問中 3 問が終了、12 秒(制限は 1 問 30 秒、保存で再採点、q で終了)、"
            "入力済みのキー: c(採点が終わってから働きます)",
            85,
            "の\nキー",
        ),
        # An adverb of kana, and "もう一度", stays whole: the line breaks
        # before it, or after the comma before it.
        (
            "nn-kata watch: 10 問中 3 問完了 (backprop のヒントはもうありません)",
            60,
            "も\nう",
        ),
        (
            "ヒント 4/5: シグモイドを逆にたどるときは、z1 におけるその傾き "
            "h * (1 - h) を掛けます(dz1 = (dz2 @ w2.T) * h * (1 - h))。"
            "h にもう一度 sigmoid を適用してはいけません。",
            74,
            "もう\n一度",
        ),
        (
            "採点が終わる前に中断した演習: backprop。採点するには、もう一度 "
            "`python -m grader --lang ja` を実行してください。",
            80,
            "もう\n一度",
        ),
        # A word of kana begins after a particle: a kana that may be a
        # particle ("と", "の") is its second kana, not a particle after it.
        (
            "(softmax と交差エントロピーをまとめて。t が one-hot ならそのまま)",
            33,
            "まと\nめて",
        ),
        (
            "止まったときに実行していたのは print の行です。ループの中の "
            "print は遅いので、時間がかかったのはそのせいかもしれません。",
            23,
            "その\nせい",
        ),
        # But after a verb of one kana, the particle is one: "して" stays
        # whole and the line still breaks after it.
        (
            "一度に動かすのは要素 x[i] 1 つだけにしてほかはそのままにし、"
            "その傾きを grad[i] に入れてください。",
            26,
            "に\nして",
        ),
    ],
)
def test_japanese_keeps_a_verb_and_its_kana_on_one_line(text, columns, cut):
    filled = i18n.fill(text, columns)

    assert cut not in filled, filled
    assert all(i18n.width(line) <= columns for line in filled.splitlines())


# The start of a line that cuts a verb's inflection, or the copula's,
# from the word it ends ("切り捨て|たり", "もので|なければなりません",
# "下がら|なければ", "では|なく"), after the line before ends in a kana
# that is no particle (after "が", "を", "に", "と", "も", and "の" said
# for "が", the next word may well be "ない": "クラスが|ない",
# "割り当ての|ないキー"), or in kanji. After an adjective's
# "く" ("等しく|なければならない") the ending may stand apart.
INFLECTION_START = re.compile(
    r"たり|だり|ます|ません|ました|まし|なけれ|なく|ない|ている|ていま|ください"
)
ENDS_A_PHRASE = re.compile(r"(?:[がをにとくもの]|(?<!で)は)$")
WORD_END = re.compile(r"[\u3041-\u3096\u4e00-\u9fff々]$")
# A short aside in brackets that holds Japanese: one phrase, which a line
# keeps whole where it fits ("(演習の一覧)").
SHORT_ASIDE = re.compile(r"[(（][^()（）]*[\u3040-\u30ff\u4e00-\u9fff][^()（）]*[)）]")
# The end of a word of kanji or katakana, and of code written in ASCII,
# that kana after it belong to: its okurigana ("取り出|す", "組み合|わされ"),
# its particle ("配列|を", "b2)|を", "seed)|と") or its suffix.
STEM_END = re.compile(r"[\u4e00-\u9fff々\u30a1-\u30fa\u30fc]$")
CODE_END = re.compile(r"[!-~]$")
HIRAGANA_START = re.compile(r"[\u3041-\u3096]")
# A particle, or the copula, at the start of a line ("を返さ", "と呼んで",
# "でなければ"), not a word that begins with the same kana ("できる",
# "もう", "もの", "とき").
PARTICLE_START = re.compile(
    r"(?!でき|もう|もの|もし|とき|ところ|とおり)[をがはにでとのへもやか]"
)
# A short suffix that belongs to the word before it ("勾配|だけ", "もの|まで").
SUFFIX_START = re.compile(r"だけ|まで|より|ほど|など|ずつ|ごと")
# The end of a line that the line after it starts a new phrase from.
PHRASE_END = re.compile(r"[、。，．：；？！」』\s]$")
# The number of an item of a list ("(2)") at the end of a line, cut from
# the item it starts.
ITEM_NUMBER_END = re.compile(r"(?:^|[\s.?!:。？！：])\(\d+\)$")
# A short label of Japanese and its colon at the end of a line, cut from
# the value after it ("入力済みのキー:" and "c"), where the line could
# have broken before it, after the mark that ends the phrase before it.
LABEL_END = re.compile(r"[、。，；？！）)][^、。，；？！:：\s]{1,9}[:：]$")
# Words of kana that no line cuts in two: adverbs ("もう", "まだ"), with
# "もう一度" and its kanji.
KANA_WORDS = ("もう一度", "もう", "まだ", "すでに", "さらに", "もっと", "そのまま")


def cut_word(before, after):
    """Which of `KANA_WORDS` the end of the line `before` and the start of
    the line `after` cut in two, if any."""
    return next(
        (
            word
            for word in KANA_WORDS
            for k in range(1, len(word))
            if before.endswith(word[:k]) and after.startswith(word[k:])
        ),
        None,
    )


def cut_kind(before, after):
    """Which kind of bad break, if any, lies between the line `before` and
    the line `after` (both stripped): "inflection", "suffix", "particle",
    "okurigana", "word" (see `cut_word`), "item number", "label", or None."""
    if (
        WORD_END.search(before)
        and not ENDS_A_PHRASE.search(before)
        and INFLECTION_START.match(after)
    ):
        return "inflection"
    if SUFFIX_START.match(after) and not PHRASE_END.search(before):
        return "suffix"
    if PARTICLE_START.match(after) and (
        STEM_END.search(before) or CODE_END.search(before)
    ):
        return "particle"
    if STEM_END.search(before) and HIRAGANA_START.match(after):
        return "okurigana"
    if cut_word(before, after):
        return "word"
    if ITEM_NUMBER_END.search(before):
        return "item number"
    if LABEL_END.search(before):
        return "label"
    return None


def forced(before, after, paragraph, columns):
    """Whether the line `before` is code alone, in backticks or not
    ("params[k] = params[k] - ...", which Python would not break), too
    wide to take the first character of the line `after` (and the space
    between them in `paragraph`, if any): no line can keep the two
    together."""
    spaced = f"{before} {after[0]}"
    joined = spaced if spaced in paragraph else before + after[0]
    code = re.fullmatch(r"`[^`]*`", before) or re.fullmatch(r"[ -~]+", before)
    return bool(code) and i18n.width(joined) > columns


def bad_breaks(text, columns):
    """The places where `i18n.fill` breaks `text` at `columns` as a reader
    of Japanese would not (see `cut_kind`), each as its kind and the ends
    of the two lines around it, or as a short aside cut in two."""
    bad = []
    for paragraph in text.split("\n"):
        lines = i18n.fill(paragraph, columns).split("\n")
        ends, offset = set(), 0  # where in `paragraph` each line ends
        for line in lines:
            offset = paragraph.index(line.strip(), offset) + len(line.strip())
            ends.add(offset)
        asides = [
            aside.span()
            for aside in SHORT_ASIDE.finditer(paragraph)
            if i18n.width(aside[0]) <= i18n.SHORT_ASIDE
        ]
        for before, after in zip(lines[:-1], lines[1:], strict=True):
            before, after = before.strip(), after.strip()
            kind = cut_kind(before, after)
            if kind == "particle" and forced(before, after, paragraph, columns):
                kind = None
            if kind:
                bad.append(f"{kind}: {before[-10:]}|{after[:10]}")
        bad += [
            paragraph[start:end]
            for start, end in asides
            if any(start < end_ < end for end_ in ends)
        ]
    return bad


def test_no_japanese_text_breaks_inside_an_inflection_or_a_short_aside(tables):
    from grader.exercises import EXERCISES

    texts = [value for _, value in translations(tables)]
    texts += [hint for exercise in EXERCISES for hint in exercise.hints_ja]
    # Mistakes listed by number, as a failure that fits several lists them.
    pairs = zip(texts, texts[1:], strict=False)
    texts += [f"(1) {one}(2) {two}" for one, two in pairs if one.endswith("。")]
    # An exercise's header line, as the report and the watch write it.
    texts += [
        f"{exercise.number}. {exercise.name}: {exercise.title_ja}"
        for exercise in EXERCISES
    ]
    bad = [
        (columns, place)
        for text in texts
        for columns in (40, 60)
        for place in bad_breaks(text, columns)
    ]
    assert bad == []


@pytest.mark.parametrize(
    "text, columns, first",
    [
        # No line starts with a closing mark, a small kana or the long
        # vowel mark: the character before it goes down with it. (Two
        # more characters follow, so that the last line is not too short
        # to stand alone.)
        ("あいうえおかきくけ。こさ", 18, "あいうえおかきく"),
        ("あいうえおかきくけっこさ", 18, "あいうえおかきく"),
        ("あいうえおかきくけーこさ", 18, "あいうえおかきく"),
        ("あいうえおかきくけ)。", 18, "あいうえおかきく"),
        # No line ends with an opening bracket: it goes down too.
        ("あいうえおかきく「けこ」", 18, "あいうえおかきく"),
        ("あいうえおかきく(けこ)", 17, "あいうえおかきく"),
        # A number stays with its counter, spaced or not.
        ("あいうえおかき 30 秒", 18, "あいうえおかき"),
        ("あいうえおかき30秒", 17, "あいうえおかき"),
    ],
)
def test_japanese_lines_keep_the_rules_of_kinsoku(text, columns, first):
    assert i18n.fill(text, columns).splitlines()[0] == first


def test_a_line_breaks_after_a_comma_rather_than_inside_a_word_of_kana():
    text = (
        "採点が終わる前に中断した演習: backprop。採点するには、もう一度 "
        "`python -m grader --lang ja` を実行してください。"
    )

    assert i18n.fill(text, 80).splitlines() == [
        "採点が終わる前に中断した演習: backprop。採点するには、",
        "もう一度 `python -m grader --lang ja` を実行してください。",
    ]


@pytest.mark.parametrize("columns", [39, 45, 59, 79])
def test_no_japanese_line_starts_with_a_dash(columns):
    text = (
        "10 問中 9 問完了(起動時の採点: 0.13 秒 — train は変更がないので、"
        "制限時間まで再実行していません)"
    )

    lines = i18n.fill(text, columns).splitlines()
    assert not any(line.startswith("—") for line in lines), lines


def test_a_counter_of_kana_and_kanji_stays_whole_after_its_number():
    lines = i18n.fill("one-hot: y と同じ形状の配列。各行は 1 か所だけが 1 で、", 24)

    assert "1 か所だけが 1 で、" in lines.splitlines(), lines


def test_a_noun_stays_with_the_code_that_names_it():
    text = (
        "最大値は配列全体ではなく行ごとにとります。行 [0, 1] と [3000, 3001] "
        "のバッチで全体の最大値を引くと、1 行目の exp はすべて 0 になってしまいます。"
    )
    for columns in range(40, 61):
        lines = i18n.fill(text, columns).splitlines()
        assert not any(line.endswith("行") for line in lines), (columns, lines)


def test_code_breaks_beside_an_operator_only_inside_brackets():
    text = (
        "params['w'] = params['w'] - ... は新しい配列を代入するだけで、古い配列は"
        "元のまま残ります。配列そのものを更新してください"
        "(params['w'] -= lr * grads['w'])。"
    )
    lines = i18n.fill(text, 32).splitlines()

    # Python breaks no line after "params['w'] -": the code stays whole.
    assert lines[0] == "params['w'] = params['w'] - ..."
    assert lines[1].startswith("は新しい配列を")
    # Inside brackets, it may break where Python may go on.
    assert lines[-2:] == ["(params['w'] -= lr *", "grads['w'])。"]


def test_a_full_width_space_neither_ends_nor_starts_a_line():
    text = "足していませんか？\u3000合計だけで割ってください。"

    assert i18n.fill(text, 18).splitlines() == [
        "足していませんか？",
        "合計だけで",
        "割ってください。",
    ]
    assert i18n.fill(text, 46) == text
    assert i18n.width(text) == 46


def test_white_space_collapsed_keeps_a_full_width_space():
    text = "  ありませんか？\u3000結果の\n  値が\t違います。 "

    assert i18n.collapsed(text) == "ありませんか？\u3000結果の 値が 違います。"


def test_english_is_still_wrapped_at_its_spaces():
    text = "the language of the output (default: the locale's, if Japanese, else"
    lines = i18n.fill(text + " English)", 54).splitlines()

    assert lines == [
        "the language of the output (default: the locale's, if",
        "Japanese, else English)",
    ]


@pytest.mark.parametrize(
    "text, columns, whole",
    [
        (
            "1. Redo the forward pass keeping the intermediate values: "
            "z1 = x @ w1 + b1, h = sigmoid(z1), probs = softmax(h @ w2 + b2).",
            79,
            ["z1 = x @ w1 + b1", "h = sigmoid(z1)", "probs = softmax(h @ w2 + b2)"],
        ),
        (
            "1. init_params: rng = np.random.default_rng(seed); "
            "rng.standard_normal((n_in, n_hidden)) * 0.1 gives small random "
            "weights.",
            79,
            ["rng.standard_normal((n_in, n_hidden)) * 0.1"],
        ),
        (
            "1. train: params = init_params(D, n_hidden, C, seed); then, for "
            "each epoch, record loss(params, x, t) and call "
            "sgd_update(params, backward(params, x, t), lr).",
            79,
            ["sgd_update(params, backward(params, x, t), lr)"],
        ),
        (
            "4. Treat a 1-D a as a single row (a[None, :]), then drop the axes "
            "you added: (K,)·(K,) gives a scalar, (N, K)·(K,) gives (N,).",
            70,
            ["(N, K)·(K,)"],
        ),
    ],
)
def test_english_is_never_wrapped_inside_an_expression(text, columns, whole):
    lines = i18n.fill(text, columns, indent=3).splitlines()

    assert len(lines) > 1
    assert all(len(line) <= columns for line in lines)
    for piece in whole:
        assert any(piece in line for line in lines), (piece, lines)


def test_english_prose_in_brackets_still_wraps_at_its_spaces():
    text = (
        "state kept between calls (a velocity, as momentum keeps, or a global "
        "that each call changes) breaks it"
    )
    lines = i18n.fill(text, 40).splitlines()

    assert lines[0] == "state kept between calls (a velocity, as"


def test_brackets_that_list_statements_in_prose_break_between_them():
    text = (
        "grads['w'] was changed: an in-place operator on it (grads['w'] *= ..., "
        "or w = grads['w'], then w -= ...) or a new array stored under its key"
    )
    lines = i18n.fill(text, 77).splitlines()

    # No expression holds a statement: the brackets hold prose, which
    # breaks at its spaces; each statement stays whole.
    assert lines[0] == (
        "grads['w'] was changed: an in-place operator on it (grads['w'] *= ..., or"
    )
    assert lines[1].startswith("w = grads['w'], then w -= ...)"), lines


def test_code_too_long_for_a_line_still_breaks_at_one_of_its_spaces():
    text = "z = " + " + ".join(f"x{i}" for i in range(30))
    lines = i18n.fill(text, 40).splitlines()

    assert all(len(line) <= 40 for line in lines)
    assert " ".join(lines) == text


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_help_lists_the_commands_once_in_one_column(capsys, language):
    assert cli.main(["--lang", language, "--help"], prog="kata") == 0
    text = capsys.readouterr().out

    assert "positional arguments" not in text and "位置引数" not in text
    heading = "commands:" if language == "en" else "コマンド:"
    listed = text.split(heading)[1].split("\n\n")[0].splitlines()[1:]
    columns = {i18n.width(re.match(r"  \S+(?: [A-Z]+)? +", line)[0]) for line in listed}
    assert columns == {18}, listed


# The READMEs: the learner's path, and what is only for maintainers.


def code_commands(readme: str) -> list[str]:
    """Every `python -m grader ...` a reader is told to type: the lines of
    the shell blocks, and commands quoted inline."""
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    lines += re.findall(r"`(python -m grader[^`]*)`", readme)
    return [line for line in lines if re.search(r"python -m grader(?!\.)", line)]


def test_every_command_of_the_japanese_readme_asks_for_japanese():
    learner = README_JA[: README_JA.index("## 教える人・メンテナ向け")]
    commands = code_commands(learner)
    assert len(commands) > 15
    assert [line for line in commands if "--lang ja" not in line] == []


def test_the_japanese_readme_teaches_the_teachers_commands_itself():
    teaching = README_EN[README_EN.index("## Teaching with the kata") :]
    block = re.search(r"```sh\n(.*?)```", teaching, re.DOTALL).group(1)
    english = [line.split("#")[0].split()[3] for line in block.splitlines()]
    japanese = README_JA[README_JA.index("## 教える人・メンテナ向け") :]

    assert english == ["release", "gradescope", "grade", "batch"]
    for command in english:
        assert f"python -m grader {command} " in japanese
    for heading in ("リリース", "採点モード", "Gradescope", "一括採点"):
        assert f"\n### {heading}\n" in japanese
    assert "Teaching with the kata" not in README_JA


def test_the_japanese_readme_reads_in_order_and_in_the_usual_terms():
    assert "そのあと" not in README_JA
    assert "log を守る" not in README_JA and "log(0) を避ける" in README_JA
    assert "性質ベース" not in README_JA and "プロパティベーステスト" in README_JA
    steps = README_JA.index("### 演習の進め方")
    assert (
        README_JA.index("## 始め方") < steps < README_JA.index("### 日本語で表示する")
    )


def readme_prose(readme: str) -> str:
    """`readme` without its code blocks and code spans."""
    return re.sub(r"`[^`\n]*`", "`…`", re.sub(r"```.*?```", "", readme, flags=re.S))


# A line of Markdown that starts a block of its own: a heading, a table's
# row, an item of a list, a link list, a fence.
BLOCK_START = re.compile(r"(#|\||- |\* |\d+\. |\[|```|<!--|-->)")
# A line that opens or closes a comment: the release's markers of the parts
# for maintainers or for students only, on lines of their own.
MARKER = re.compile(r"(<!--|-->)")


def test_the_japanese_readme_writes_each_paragraph_on_one_line():
    # A source line break inside a Japanese sentence shows as a stray space
    # in many renderers.
    lines = re.sub(r"```.*?```", "```", README_JA, flags=re.S).splitlines()
    broken = [
        line
        for before, line in zip(lines, lines[1:], strict=False)
        if before.strip()
        and line.strip()
        and not BLOCK_START.match(line.lstrip())
        and not MARKER.match(before.lstrip())
    ]
    assert broken == []


def test_the_japanese_readme_names_statuses_as_the_terminal_shows_them():
    statuses = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))["statuses"]
    for english, japanese in statuses.items():
        assert f"`{japanese} ({english})`" in README_JA
        assert f"`{english}`(" not in README_JA
        assert f"{japanese}\n({english})" not in README_JA
        assert f"{japanese}({english})" not in README_JA


def test_the_japanese_readme_brackets_japanese_as_the_catalogue_does(tables):
    # Half-width brackets, no space before one that holds Japanese.
    catalogue = "".join(value for _, value in translations(tables))
    prose = readme_prose(README_JA)
    spaced = re.compile(
        r"[\u3040-\u30ff\u4e00-\u9fff] \([^()]*[\u3040-\u30ff\u4e00-\u9fff]"
    )
    for text in (catalogue, prose):
        assert "（" not in text and "）" not in text
        assert spaced.findall(text) == []


def test_the_japanese_readme_ends_every_item_of_a_list_alike():
    # The release's markers are no part of the item they follow.
    markers = re.compile(r"^(?:<!-- /?maintainers -->|<!-- students|-->)\n", re.M)
    prose = markers.sub("", readme_prose(README_JA) + "\n")
    for block in re.split(r"\n\s*\n", prose):
        items = re.split(r"\n(?=(?:\d+\.|-) )", block)
        items = [item.rstrip() for item in items if re.match(r"(?:\d+\.|-) ", item)]
        if any(item.endswith("。") for item in items):
            assert [item for item in items if not item.endswith("。")] == []


def test_the_japanese_readme_says_what_a_stub_is_where_it_first_names_one():
    first = README_JA.index("スタブ")
    assert README_JA[first - 1 : first + 5] == "「スタブ」(", README_JA[
        first - 40 : first
    ]


@pytest.mark.parametrize(
    "readme, maintainers, speed",
    [
        (README_JA, "## 教える人・メンテナ向け", "## 速さ"),
        (README_EN, "## For maintainers", "### Speed"),
    ],
)
def test_speed_and_the_hint_file_are_for_maintainers_only(readme, maintainers, speed):
    boundary = readme.index(maintainers)
    learner = readme[:boundary]
    assert speed not in learner and speed in readme[boundary:]
    assert "grader/exercises.toml` にあり" not in learner
    assert "hints themselves" not in learner
    assert "grader/prestart.py" not in learner and "hints_ja" not in learner
    assert "grader/exercises.toml" in readme[boundary:]


def test_the_japanese_speed_section_keeps_to_what_a_learner_needs():
    speed = README_JA[README_JA.index("## 速さ") :]
    speed = speed[: speed.index("\n## ")] if "\n## " in speed else speed
    assert "`check`" in speed and "`watch`" in speed
    # How the grader forks and shares out its work is in README.md only.
    for detail in ("fork", "prestart", "worker", "インタプリタ", "numpy.random"):
        assert detail not in speed, detail
    assert "README.md" in speed and "Speed" in speed
    assert "grader/prestart.py" in README_EN


@pytest.mark.parametrize("readme", [README_JA, README_EN])
def test_both_readmes_say_how_to_get_jupyter(readme):
    assert 'pip install -e ".[notebook]"' in readme


def test_the_notebook_extra_installs_jupyter():
    with open(ROOT / "pyproject.toml", "rb") as file:
        extras = tomllib.load(file)["project"]["optional-dependencies"]
    assert any(
        requirement.startswith(("notebook", "jupyterlab"))
        for requirement in extras["notebook"]
    )


# Sentences that read as Japanese rather than as the English under them.


# A polite sentence that ends by pointing at code after an English colon
# ("…逆向きに進みます: p - lr * g。"): Japanese puts the code in brackets,
# or in the sentence itself. A single field after the colon ("…失敗して
# います: {shown}。") lists names, as a label does, and may stay.
COLON_BEFORE_CODE = re.compile(
    r"(ます|ません|ください|です): (?!\{[^{}]*\}。)[^\u3000-\u9fff]+。"
)


def test_no_polite_sentence_ends_in_a_colon_and_code(tables):
    from grader.exercises import EXERCISES

    texts = [value for _, value in translations(tables)]
    texts += [hint for exercise in EXERCISES for hint in exercise.hints_ja]
    colons = [text for text in texts if COLON_BEFORE_CODE.search(text)]
    assert colons == []


def test_the_hints_put_code_in_brackets_or_in_the_sentence():
    from grader.exercises import EXERCISES

    hints = {exercise.name: exercise.hints_ja for exercise in EXERCISES}
    assert hints["softmax"][1].endswith(
        "そのスライスの最大値を引きます(x - x.max(axis=-1, keepdims=True))。"
    )
    assert hints["sgd"][3].endswith(
        "params[k] -= lr * grads[k] で各配列をその場で更新します。"
    )
    # Code after a colon, even with Japanese among it ("…形状です: dw2 =
    # h.T @ dz2 は (H, C)、…"), reads as English punctuation.
    code_after_colon = re.compile(r"(ます|ません|です): [\x21-\x7e]+ [=@*/-]")
    found = [
        hint
        for texts in hints.values()
        for hint in texts
        if code_after_colon.search(hint)
    ]
    assert found == []


# A line that ends in "長さ" and a next one that begins with its number
# ("長さ" / "1 の軸") read as two thoughts: the length and its value go
# on one line.
LENGTH_CUT_FROM_NUMBER = re.compile(r"長さ\n *\d")


def test_a_hint_keeps_a_length_on_the_line_of_its_number():
    from grader.exercises import EXERCISES

    hints = [
        f"{number}. {hint}"
        for exercise in EXERCISES
        for number, hint in enumerate(exercise.hints_ja, start=1)
    ]
    # Hints are shown under their number (see `Screen.hints`), on
    # terminals of any width the prose fills.
    cut = [
        (columns, hint[:20])
        for columns in range(30, 101)
        for hint in hints
        if LENGTH_CUT_FROM_NUMBER.search(i18n.fill(hint, columns, hint.index(" ") + 1))
    ]
    assert cut == []


@pytest.mark.parametrize(
    "stiff",
    ["それ自身", "行自身", "その場で計算する演算子", "以上で全部"],
    ids=["its-own", "the-rows-own", "operator-in-place", "that-is-all"],
)
def test_stiff_phrases_are_said_plainly(tables, stiff):
    from grader.exercises import EXERCISES

    texts = [value for _, value in translations(tables)]
    texts += [hint for exercise in EXERCISES for hint in exercise.hints_ja]
    assert [text for text in texts if stiff in text] == []


def test_an_in_place_operator_is_named_a_compound_assignment(tables):
    operators = [
        value for key, value in translations(tables) if "in-place operator" in key
    ]
    assert len(operators) == 2
    assert all("複合代入演算子" in value for value in operators)


def test_the_last_hint_in_the_watch_is_said_in_a_sentence(tables):
    said = tables["ui"][
        "{name} has no more hints; `{prog} hint --seen {name}` shows them again"
    ]
    # In brackets: no 。, and no dash, which Japanese seldom parts clauses
    # with: a conjunction joins them.
    assert said == (
        "{name} のヒントはもうありませんが、`{prog} hint --seen {name}` で読み返せます"
    )


# What the watch's top line says when `h` gives no hint: every hint read,
# or the exercise's file gone.
NO_HINT_SAID = (
    "{name} has no more hints; `{prog} hint --seen {name}` shows them again",
    "no more hints; `{prog} hint --seen {name}` shows them",
    "no more hints: `{prog} hint --seen {name}`",
    "{name}.py is gone: no hint until `{prog} reset {name}`",
    "back to {name}: no file, no hint",
    "no file, no hint",
    "{which}: no file, no hint",
    "{path} deleted, so no hint",
    "deleted, so no hint",
)


def test_the_top_line_says_why_h_gives_no_hint_as_japanese_does(tables):
    said = [tables["ui"][english] for english in NO_HINT_SAID]

    # Neither a dash between clauses nor two nouns with "なし" ("ファイルが
    # なくヒントなし"): a hint that cannot be given is said so.
    assert not [text for text in said if "—" in text], said
    assert not [text for text in said if "ヒントなし" in text], said
    assert not [text for text in said if "。" in text], said


def test_a_likely_mistake_adds_to_the_statement_it_explains(tables):
    from tests.test_cross_entropy import NAN_FROM_ZERO

    statement = tables["failures"][
        "Only the true class counts: a zero probability on a wrong class must "
        "add nothing to the loss."
    ]
    mistake = tables["failures"][NAN_FROM_ZERO]
    sentences = set(statement.split("。")) - {""}
    assert not [part for part in mistake.split("。") if part in sentences]
    # The statement gives the rule; the mistake, why the code broke it.
    assert "足してはいけません" in statement and "足してはいけません" not in mistake
    assert "nan" in mistake and "nan" not in statement


@pytest.mark.parametrize(
    "english, japanese",
    [
        (
            "the gradient was added: gradient descent steps against it, p - lr * g.",
            "勾配を足しています。勾配降下法は勾配と逆向きに進みます(p - lr * g)。",
        ),
        (
            "sigmoid_grad(x) must be the slope of the sigmoid at x, "
            "s * (1 - s) with s = sigmoid(x).",
            "sigmoid_grad(x) は x におけるシグモイドの傾き "
            "s * (1 - s)(s = sigmoid(x))でなければなりません。",
        ),
        (
            "The line it was stopped at prints, and printing in a loop is slow: "
            "it may be what took the time.",
            "止まったときに実行していたのは print の行です。ループの中の print は"
            "遅いので、時間がかかったのはそのせいかもしれません。",
        ),
        (
            "Those of the failures below that name no mistake of their own may "
            "come from a mistake named above: fix that first, then check again.",
            "以下のうち間違いの名前がない失敗は、上の間違いから来ているかもしれ"
            "ません。まずそれを直してから、もう一度チェックしてください。",
        ),
    ],
)
def test_sentences_are_said_as_japanese_says_them(tables, english, japanese):
    merged = {**tables["ui"], **tables["reasons"], **tables["failures"]}
    assert merged[english] == japanese


def test_a_call_with_its_inputs_below_says_so_in_a_short_label():
    from tests.test_forward import NetworkCall

    call = NetworkCall("forward", {"w1": np.ones((2, 2))}, np.ones((1, 2)))
    message = f"The result has the wrong values.\n  call  {call}\n"

    lines = i18n.catalogue(i18n.JAPANESE).failure(message).splitlines()

    assert lines[1] == "  呼び出し  forward(params, x)。引数は次のとおり:"
    assert "ここで" not in "\n".join(lines)


@pytest.mark.parametrize(
    "english, fields, japanese",
    [
        (
            "[... {count} more lines: press b, or run `{prog} check {name}`]",
            {"count": 14, "prog": "kata", "name": "softmax"},
            "[残り 14 行は b か `kata check softmax` で表示できます]",
        ),
        (
            "[... {count} more lines: `{prog} check {name}` shows them all]",
            {"count": 14, "prog": "kata", "name": "softmax"},
            "[残り 14 行は `kata check softmax` で表示できます]",
        ),
        (
            "[... {count} more lines: `{prog}` prints them all]",
            {"count": 3, "prog": "kata"},
            "[残り 3 行は `kata` で表示できます]",
        ),
        (
            "[... {count} more rows: press l for the list]",
            {"count": 2},
            "[表の残り 2 行は l で表示できます]",
        ),
        (
            "[... {count} more rows: l lists them]",
            {"count": 2},
            "[表の残り 2 行は l で表示]",
        ),
        (
            "[... {count} more rows: `{prog} list`]",
            {"count": 2, "prog": "kata"},
            "[表の残り 2 行: `kata list`]",
        ),
    ],
)
def test_a_note_of_lines_left_out_says_in_a_sentence_how_to_see_them(
    english, fields, japanese
):
    assert i18n.catalogue(i18n.JAPANESE).text(english, **fields) == japanese


@pytest.mark.parametrize(
    "question",
    [
        "Put the stub back in {file}? Your file will be kept in {folder}.",
        "{how_far} Show its model answer anyway?",
    ],
)
def test_a_yes_no_prompt_spaces_its_choices_off_from_the_question(question):
    japanese = i18n.catalogue(i18n.JAPANESE)
    fields = {
        "file": "exercises/sgd.py",
        "folder": ".kata/backups/",
        "how_far": japanese.text("Exercise {name} is still its stub.", name="sgd"),
    }
    asked = japanese.text(question, **fields)

    prompt = japanese.text("{question} [y/N]", question=asked)

    assert prompt.endswith("？\u3000[y/はい/N]")
    assert not MISSPACED_MARK.search(prompt)


def test_putting_the_stub_back_is_said_one_natural_way(tables):
    # "スタブに戻す", as the reset command's own line says it; "置き直す"
    # (to place again) reads as moving a thing, not restoring a file.
    said = [value for key, value in translations(tables) if "stub back" in key]
    assert said and all("スタブに戻" in value for value in said), said
    readme = (ROOT / "README.ja.md").read_text(encoding="utf-8")
    assert not [v for _, v in translations(tables) if "置き直" in v]
    assert "置き直" not in readme


@pytest.mark.parametrize(
    ("readme", "heading"),
    [(README_EN, "## The grader"), (README_JA, "## 採点プログラム")],
)
def test_the_readmes_say_kata_is_python_m_grader_and_no_command_of_it(readme, heading):
    section = readme[readme.index(f"\n{heading}\n") :]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    comments = [line.split("#", 1)[1] for line in block.splitlines() if "#" in line]

    # Said beside `python -m grader`, kata would read as one of its
    # commands, which `python -m grader kata` is not.
    kata = re.compile(r"(?<![./])\bkata\b")
    assert not [said for said in comments if kata.search(said)], block
    after = section[section.index("```", section.index("```sh") + 5) + 3 :]
    said = after.strip("\n").split("\n\n")[0]
    assert "`kata` " in said and "python -m grader" in said, said
    assert "`kata list" in said, said


# What the top line says between its brackets, in Japanese: full-width
# brackets, which another pair inside would nest.
TOP_LINE_EVENTS = [
    ("first grade, {seconds} s; {kept} unchanged, not run to the time limit again"),
    (
        "first grade, {seconds} s: {names} ran until the time limit of {limit} s; "
        "{kept} unchanged, not run to the time limit again"
    ),
    "checked all in {seconds} s; {names} not run again",
    "checked all; {names} not run again",
    "checked all but {names}",
    "{count} not run again",
    "first grade, {seconds} s; {names} not run again",
    "first grade; {names} not run again",
    "first grade; {count} not run again",
    "first grade; {count} not rerun",
]


@pytest.mark.parametrize("english", TOP_LINE_EVENTS)
def test_the_japanese_top_line_nests_no_brackets(english):
    fields = {"seconds": "2.91", "kept": "train", "names": "sgd", "limit": "30"}
    fields["count"] = 1
    with i18n.speaking("ja"):
        event = i18n._(english, **fields)
        line = i18n._(
            "nn-kata watch: {done} of {total} done ({event})",
            done=4,
            total=10,
            event=event,
        )
    assert "(" not in event and ")" not in event, event
    assert line.count("(") == 1, line


def test_the_japanese_mistake_of_the_slope_at_h_says_sigmoid_was_applied_again():
    english = (
        "the sigmoid's slope was taken at h, which is already the sigmoid's "
        "output: the slope is h * (1 - h), or sigmoid_grad(z1)."
    )
    with i18n.speaking("ja"):
        said = i18n.failure(f"  likely mistake: {english}").split(": ", 1)[1]
    # h is the sigmoid's output: its slope from h applies the sigmoid again.
    assert said.startswith(
        "h から傾きを求めるのに、シグモイドをもう一度通しています"
    ), said
    assert "h はすでにシグモイドの出力です" in said, said

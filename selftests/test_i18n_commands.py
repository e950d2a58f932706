"""The learner's commands in Japanese, end to end: watch, reset, solution,
check --explore, a run that stops, usage errors and the notebook. Each
must show its own texts in Japanese and leave no English sentence
behind (code, names, paths and numbers stay as they are)."""

import re
import subprocess
import sys

import pytest

from grader import check, docs
from selftests.classroom_support import make_release, submission, teacher
from selftests.grader_support import ROOT, clean_environment, stub
from selftests.learner_support import (
    COMMAND_TIMEOUT,
    FIRST_SCREEN_TIMEOUT,
    kata,
    learner_tree,
    solution,
)

# Three English words in a row: a sentence, or a piece of one, that was
# not translated. Code is not looked at: `...` spans, and words joined by
# anything but a space (test_names, exercises/dot.py, np.asarray).
ENGLISH_RUN = re.compile(
    r"(?<![\w./-])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w(]|[./-]\w)"
)
CODE = re.compile(r"`[^`]*`")
# A mistake the tests name, for a failing exercise.
WRONG_SGD = (
    "def sgd_update(params, grads, lr):\n"
    "    for key in params:\n"
    "        params[key] = params[key] - lr * grads[key]\n"
)
MINE = "def sgd_update(params, grads, lr):\n    return 'my own attempt'\n"


def english_left(text: str) -> list[str]:
    """The runs of English words in `text` outside code."""
    return ENGLISH_RUN.findall(CODE.sub("", text))


def test_the_english_detector_finds_a_sentence_and_spares_code():
    assert english_left("Nothing was changed.") == ["Nothing was changed"]
    assert english_left("考えられる間違い: params['w'] -= lr * grads['w']。") == []
    assert english_left("`python -m grader hint sgd` でヒント") == []
    assert english_left("test_softmax_rows_sum_to_one の実行中") == []


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def tree(tmp_path):
    return learner_tree(tmp_path / "kata")


def test_watch_speaks_japanese_from_the_first_screen_to_a_failure(tree, watch):
    running = watch("--lang", "ja")
    first = running.screen(FIRST_SCREEN_TIMEOUT)
    assert "nn-kata watch: 10 問中 0 問完了(起動時の採点" in first
    assert re.search(r"1\. dot: 行列の積  未着手 \(not_started\)  テスト 0/\d+", first)
    assert "キー: h ヒント | n 次の演習 | l 一覧 | c すべて採点 | q 終了" in first
    assert "の保存を待っています。" in first

    running.press("h")
    hinted = running.screen()
    assert "ヒント 1/" in hinted and "(dot のヒント)" in hinted

    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    failing = running.screen_with("9. sgd")
    assert "exercises/sgd.py を保存、" in failing
    assert "失敗あり (failing)" in failing
    assert "考えられる間違い" in failing
    assert "ほかに 2 個のテストが失敗しています。" in failing
    # The watch's locale is not Japanese: its advice asks for Japanese.
    assert "`python -m grader check sgd --lang ja` ですべて見られます。" in failing

    (tree / "exercises" / "sgd.py").write_text(solution("sgd"))
    done = running.screen_with("完了 (done)")
    assert "すべてのテストが通りました。" in done
    assert "n を押すと次の演習に進みます。" in done
    running.press("n")
    assert "(train に移りました)" in running.screen()
    assert running.quit() == 1
    for screen in (first, hinted, failing, done):
        assert english_left(screen) == [], screen


def test_watch_says_in_japanese_that_the_input_ended(tree, watch):
    running = watch("--lang", "ja")
    running.screen(FIRST_SCREEN_TIMEOUT)
    running.press("?")
    running.process.stdin.close()
    ended = running.screen()
    # From a pipe, a stray key is one short line, not a screen of its own.
    assert ended.startswith("(割り当てのないキー: ?)\n----- ")
    assert "(入力の終了)" in ended
    assert "キーはもう読みません" in ended
    assert ended.endswith("キー: なし(入力の終了後) | Ctrl+C で終了")
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    saved = running.screen_with("9. sgd")
    assert saved.startswith("exercises/sgd.py を採点しています…")
    for screen in (ended, saved):
        assert english_left(screen) == [], screen


def test_reset_asks_and_answers_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=MINE)

    declined = kata(tree, "--lang", "ja", "reset", "sgd", answer="n\n")
    accepted = kata(tree, "--lang", "ja", "reset", "sgd", answer="はい\n")
    again = kata(tree, "--lang", "ja", "reset", "sgd", "--yes")

    assert declined.returncode == 1
    assert "exercises/sgd.py をスタブに戻しますか？" in declined.stdout
    # The prompt names the answers that mean yes, as README.ja does.
    assert "スタブに戻しますか？\u3000[y/はい/N]" in declined.stdout
    assert "何も変更していません。" in declined.stdout
    assert accepted.returncode == 0, accepted.stderr
    assert "exercises/sgd.py をスタブに戻しました。" in accepted.stdout
    assert "元のファイルは .kata/backups/sgd-" in accepted.stdout
    assert "exercises/sgd.py はすでにスタブの状態です。" in again.stdout
    for result in (declined, accepted, again):
        assert english_left(result.stdout + result.stderr) == []


def test_a_reset_that_cannot_keep_the_file_says_so_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=MINE)
    (tree / ".kata").write_text("a file where the backups folder should go")

    result = kata(tree, "--lang", "ja", "reset", "sgd", "--yes")

    assert result.returncode == 2
    assert "バックアップできませんでした" in result.stderr
    assert "何も変更していません" in result.stderr
    assert (tree / "exercises" / "sgd.py").read_text() == MINE


def test_solution_refuses_asks_and_shows_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    refused = kata(tree, "--lang", "ja", "solution", "sgd")
    declined = kata(tree, "--lang", "ja", "solution", "sgd", "--force", answer="n\n")
    shown = kata(tree, "--lang", "ja", "solution", "sgd", "--force", answer="y\n")

    assert refused.returncode == 1
    assert "演習 sgd はまだスタブのままです。" in refused.stdout
    assert "`python -m grader solution sgd --force --lang ja`" in refused.stdout
    # Asked in the words of the refusal.
    question = "演習 sgd はまだスタブのままです。それでも模範解答を表示しますか？"
    assert question in declined.stdout
    # The choices are spaced off from the question's ？ as a sentence is.
    assert f"{question}\u3000[y/はい/N]" in declined.stdout
    assert "表示しませんでした。" in declined.stdout
    assert shown.returncode == 0
    assert "模範解答: solutions/sgd.py" in shown.stdout
    # The docstring as `doc` shows it, in Japanese; the code as it is.
    (translated,) = docs.specification(tree, "sgd", "ja")
    summary = translated.text.splitlines()[0]
    assert f'    """{summary}' in shown.stdout
    assert "Move every parameter one step" not in shown.stdout
    assert "def sgd_update(params, grads, lr):" in shown.stdout
    for result in (refused, declined):
        assert english_left(result.stdout + result.stderr) == []


def test_a_copy_without_solutions_says_so_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata", with_solutions=False)

    result = kata(tree, "--lang", "ja", "solution", "sgd")

    assert result.returncode == 2
    assert "この kata のコピーには模範解答がありません" in result.stderr
    assert english_left(result.stderr) == []


def test_explore_is_labelled_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=WRONG_SGD)

    result = kata(tree, "--lang", "ja", "check", "sgd", "--explore")

    assert result.returncode == 1
    start = "探索中: ランダムな例をずっと多く、実行のたびに新しく試します。"
    end = "探索しました: 採点よりずっと多くのランダムな例を、"
    assert result.stdout.startswith(start)  # and, once it is over:
    assert result.stdout.rstrip().splitlines()[-1].startswith(end)
    assert result.stdout.count("これは採点ではありません。") == 2
    assert english_left(result.stdout + result.stderr) == []


def test_explore_refuses_a_report_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata")
    report = str(tmp_path / "grade.json")

    result = kata(tree, "--lang", "ja", "check", "sgd", "--explore", "--json", report)

    assert result.returncode == 2
    assert "--explore は採点ではないので" in result.stderr
    assert english_left(result.stderr) == []


@pytest.mark.parametrize(
    "code, expected",
    [
        (
            "import os\n\n\ndef softmax(x):\n    os._exit(3)\n",
            # Both workers reached it: the stop, then the two tests.
            "が終了コード 3 で Python のプロセスを終わらせました。"
            "os._exit が呼ばれています。実行中だった test_",
        ),
        (
            "import sys\n\n\ndef softmax(x):\n    sys.exit(1)\n",
            "が sys.exit(1) を呼びました。これはプログラム全体を終わらせてしまいます。",
        ),
    ],
    ids=["os_exit", "sys_exit"],
)
def test_why_a_run_stopped_is_said_in_japanese(tmp_path, code, expected):
    tree = learner_tree(tmp_path / "kata", softmax=code)

    result = kata(tree, "--lang", "ja", "check", "softmax")

    assert result.returncode == 1
    assert "エラー (error)" in result.stdout
    assert f"exercises/softmax.py {expected}" in result.stdout
    if "os._exit" in code:
        assert "の両方でこれが起きました。\n  5 行目: os._exit(3)\n" in result.stdout
    assert english_left(result.stdout) == []


def test_a_function_not_written_yet_is_named_in_japanese(tmp_path):
    # forward's first two functions written, loss still the stub's.
    written, stubbed = solution("forward"), stub("forward")
    partial = (
        written[: written.index("def loss")] + stubbed[stubbed.index("def loss") :]
    )
    tree = learner_tree(tmp_path / "kata", forward=partial)

    result = kata(tree, "--lang", "ja", "check", "forward")

    assert "演習 6(forward)の loss はまだ書かれていません。" in result.stdout
    assert english_left(result.stdout) == []


# A command the grader tells the learner to type, quoted in backticks.
SUGGESTED = re.compile(r"`(python -m grader [^`]*)`")


def suggested_commands(tree, *args: str, **environ: str) -> list[str]:
    """The commands the grader suggests in the output of each of the
    learner's commands, run with `args` added, in `environ`."""
    written = solution("forward")
    partial = (
        written[: written.index("def loss")]
        + stub("forward")[stub("forward").index("def loss") :]
    )
    (tree / "exercises" / "forward.py").write_text(partial)
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    outputs = [
        kata(tree, *args, **environ),  # the next exercise: doc and hint
        kata(tree, *args, "check", "sgd", **environ),
        kata(tree, *args, "check", "forward", **environ),  # a stub's own advice
        kata(tree, *args, "hint", "sgd", **environ),
        kata(tree, *args, "hint", "sgd", "--all", **environ),
        kata(tree, *args, "solution", "sgd", **environ),
        kata(tree, *args, "check", "sgd", "--explore", **environ),
    ]
    found = [SUGGESTED.findall(squeezed_lines(result.stdout)) for result in outputs]
    assert all(found), [result.stdout for result in outputs]
    return [command for commands in found for command in commands]


def squeezed_lines(text: str) -> str:
    """`text` with wrapped lines joined back (prose may wrap between a
    command and the words around it, never inside the command)."""
    return " ".join(line.strip() for line in text.splitlines())


def test_the_commands_suggested_ask_for_japanese_when_the_locale_would_not(tree):
    commands = suggested_commands(tree, "--lang", "ja", LANG="C.UTF-8")

    assert len(commands) >= 10
    for command in commands:
        # In the README's order: the language option last.
        assert command.startswith("python -m grader "), command
        assert command.endswith(" --lang ja"), command
        assert command.count("--lang") == 1, command


def test_the_commands_suggested_need_no_language_the_locale_chooses(tree):
    japanese = suggested_commands(tree, LANG="ja_JP.UTF-8")
    english = suggested_commands(tree, "--lang", "en", LANG="ja_JP.UTF-8")

    assert not [command for command in japanese if "--lang" in command]
    assert all(command.endswith(" --lang en") for command in english)


def test_the_notebook_suggests_the_language_it_was_asked_for(tree, monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    text = repr(check("dot", root=tree, lang="ja"))

    assert "`python -m grader hint dot --lang ja`" in text
    assert "`python -m grader hint dot`" in repr(check("dot", root=tree, lang="en"))


@pytest.mark.parametrize(
    "args, japanese",
    [(("--lang", "en", "--lang", "ja"), True), (("--lang=ja", "--lang", "en"), False)],
    ids=["ja_last", "en_last"],
)
def test_the_last_language_given_wins(tmp_path, args, japanese):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "doc", "dot", *args)

    assert result.returncode == 0
    assert ("行列の積" in result.stdout) is japanese


@pytest.mark.parametrize(
    "args, expected",
    [
        (("chek",), "エラー: コマンド 'chek' はありません(check のことですか？)"),
        (
            ("--target", "x"),
            "エラー: 引数 --target: 'x' は選べません。選べるのは 'exercises'、",
        ),
        (("--timeout", "0"), "エラー: 引数 --timeout: '0' は正の数ではありません"),
        (("list", "--bogus"), "エラー: 認識できない引数です: --bogus"),
        (("--lang", "ja", "--json"), "エラー: 引数 --json: 値を 1 つ指定してください"),
    ],
    ids=["command", "choice", "type", "unrecognized", "no_value"],
)
def test_usage_errors_are_in_japanese(tmp_path, args, expected):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "--lang", "ja", *args)

    assert result.returncode == 2
    assert expected in result.stderr
    # A misspelled command is told with the commands, not under the usage.
    assert ("使い方: " in result.stderr) == (args != ("chek",))
    assert english_left(result.stderr) == []


@pytest.mark.parametrize("locale", ["C.UTF-8", "ja_JP.UTF-8"])
@pytest.mark.parametrize(
    "args",
    [
        ("check", "sofmax"),
        ("chek", "softmax"),
        ("check", "dot", "--lnag", "en"),
        ("list", "--bogus"),
        ("release", "."),
        ("grade", "--bogus"),
    ],
    ids=["exercise", "command", "language", "option", "release", "grade"],
)
def test_every_error_starts_alike_in_either_language(tmp_path, args, locale):
    tree = learner_tree(tmp_path / "kata")

    result = teacher(*args, cwd=tree, env=clean_environment(LANG=locale))
    last = result.stderr.splitlines()[-1]

    japanese = locale.startswith("ja") and "--lnag" not in args
    assert result.returncode == 2
    assert last.startswith("エラー: " if japanese else "error: "), result.stderr
    assert "python -m grader:" not in result.stderr
    assert "python -m grader release:" not in result.stderr


def test_a_report_asked_of_the_watch_is_refused_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "--lang", "ja", "watch", "--json", "w.json")

    assert result.returncode == 2
    assert "watch はレポートを書き出しません。" in result.stderr
    assert "`python -m grader --json FILE --lang ja`" in result.stderr
    assert english_left(result.stderr) == []


@pytest.mark.parametrize(
    "before, typo",
    [
        (False, ["--lnag", "ja"]),
        (False, ["-lang=ja"]),
        (False, ["--langs", "ja"]),
        # Before the command, argparse would take "ja" for the command.
        (True, ["--lnag", "ja"]),
    ],
)
def test_a_mistyped_language_option_is_named_in_the_language_meant(
    tmp_path, before, typo
):
    tree = learner_tree(tmp_path / "kata")
    command = ["check", "dot"]

    args = typo + command if before else command + typo
    result = kata(tree, *args, LANG="C.UTF-8")

    option = typo[0].partition("=")[0]
    assert result.returncode == 2
    assert f"エラー: {option} というオプションはありません" in result.stderr
    assert "ありません(--lang のことですか？)。" in result.stderr
    assert "コマンド 'ja'" not in result.stderr
    assert english_left(result.stderr) == []


def test_an_exercise_may_be_named_by_its_number(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    by_number = kata(tree, "doc", "3", "--lang", "ja")
    hint = kata(tree, "hint", "3")
    unknown = kata(tree, "check", "11")
    unknown_ja = kata(tree, "hint", "99", "--lang", "ja")

    assert by_number.returncode == hint.returncode == 0
    assert by_number.stdout.startswith("3. softmax: ")
    assert "exercise 3, softmax" in hint.stdout
    assert unknown.returncode == 2
    assert "there is no exercise 11: they are numbered 1 to 10" in unknown.stderr
    assert unknown_ja.returncode == 2
    assert "演習の番号は 1 から 10 までです" in unknown_ja.stderr


def test_a_missing_argument_is_named_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = subprocess.run(
        [sys.executable, "-m", "grader", "--lang", "ja", "release"],
        cwd=tree,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )

    assert result.returncode == 2
    assert "エラー: 次の引数が必要です: OUT" in result.stderr
    assert "使い方: " in result.stderr


def test_a_missing_exercise_name_is_asked_for_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "--lang", "ja", "solution")

    assert result.returncode == 2
    assert "エラー: `solution` には演習の名前が必要です" in result.stderr
    assert english_left(result.stderr) == []


@pytest.mark.parametrize(
    "command, said",
    [
        ("check", "check dot: 演習 1(まだ完了していない最初の演習)を採点します。"),
        ("hint", "hint dot: 演習 1(まだ完了していない最初の演習)のヒントです。"),
    ],
)
def test_check_and_hint_say_in_japanese_which_exercise_they_chose(
    tmp_path, command, said
):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "--lang", "ja", command)

    # What is done with the exercise chosen, said of it as a sentence; its
    # name once, in the command it stands for.
    first = result.stdout.splitlines()[0]
    assert first == said
    assert first.count("dot") == 1


def test_the_learners_commands_have_japanese_help(tmp_path):
    tree = learner_tree(tmp_path / "kata")
    for command, flag_help in (
        ("watch", "0.05 秒ごとにファイルを読んで"),
        ("reset", "確認せずに実行する"),
        ("solution", "確認したうえで表示する"),
        ("check", "ランダムな例をずっと多く"),
    ):
        result = kata(tree, "--lang", "ja", command, "--help")
        assert result.returncode == 0
        # Wrapped at any character: compared without the line breaks.
        assert squeezed(flag_help) in squeezed(result.stdout)
        assert english_left(result.stdout) == [], command


def test_the_notebook_result_is_in_japanese_when_asked(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=WRONG_SGD)

    result = check("sgd", root=tree, lang="ja")

    text = repr(result)
    assert text.startswith("9. sgd(勾配降下の 1 ステップ): 失敗あり (failing)、")
    assert "考えられる間違い" in text and "ほかに失敗しているテスト: " in text
    assert "考えられる間違い" in result._repr_html_()
    assert english_left(text) == []
    assert "likely mistake" in repr(check("sgd", root=tree, lang="en"))


def test_the_notebook_refuses_in_japanese(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    with pytest.raises(ValueError, match="演習 'sdg' はありません"):
        check("sdg", root=tree, lang="ja")
    with pytest.raises(ValueError, match="lang must be one of"):
        check("sgd", root=tree, lang="fr")


# The teacher's commands.


def test_grading_mode_refuses_tampered_tests_in_japanese(tmp_path):
    student = make_release(tmp_path / "student")
    (student / "tests" / "test_dot.py").write_text("def test_dot():\n    pass\n")

    result = teacher("grade", str(student), "--lang", "ja", cwd=tmp_path)

    assert result.returncode == 2
    assert "テストか採点プログラムが、リリースと違います:" in result.stderr
    assert re.search(r"^  変更: +tests/test_dot.py$", result.stderr, re.MULTILINE)
    assert "--tests-from DIR で指定して採点してください。" in result.stderr
    assert english_left(result.stderr) == []


def test_the_teachers_commands_explain_themselves_in_japanese(tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "file").write_text("")

    release = teacher(
        "release", str(taken), "--root", str(ROOT), "--lang", "ja", cwd=tmp_path
    )
    batch = teacher("--lang", "ja", "batch", "nowhere", "--csv", "g.csv", cwd=tmp_path)
    usage = teacher("batch", "--lang", "ja", cwd=tmp_path)
    helped = teacher("grade", "--help", "--lang", "ja", cwd=tmp_path)

    assert "はすでにあり、空ではありません。" in release.stderr
    assert "nowhere は提出物のフォルダではありません" in batch.stderr
    assert "エラー: 次の引数が必要です: DIR, --csv" in usage.stderr
    assert "採点モード" in helped.stdout or "元のままのプロジェクト" in helped.stdout
    for result in (release, batch, usage):
        assert result.returncode == 2
        assert english_left(result.stderr) == []
    assert english_left(helped.stdout) == []


def test_batch_says_each_submissions_grade_in_japanese(tmp_path):
    release_tree = make_release(tmp_path / "release")
    inbox = tmp_path / "inbox"
    (inbox / "alice" / "exercises").mkdir(parents=True)
    (inbox / "alice" / "exercises" / "dot.py").write_text(stub("dot"))
    (inbox / "bob").mkdir()  # handed in nothing
    carol = submission(release_tree, inbox / "carol", {})
    with (carol / "tests" / "test_dot.py").open("a") as file:
        file.write("\n# made easier\n")

    result = teacher(
        "batch",
        str(inbox),
        "--csv",
        "g.csv",
        "--tests-from",
        str(release_tree),
        "--lang",
        "ja",
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "alice: 採点しました(0/100)。" in result.stdout
    assert "bob: 採点できませんでした。exercises/ フォルダが見つかりません(" in (
        result.stdout
    )
    assert "採点できなかったもの 1 件" in result.stdout
    assert (
        "carol: 採点しました(0/100)。注記: tests/test_dot.py が変更されていたので、"
        "元のままのコピーで採点しました。" in result.stdout
    )
    assert "各学習者のレポート: reports" in result.stdout
    assert english_left(result.stdout) == []
    assert "。。" not in result.stdout


def test_grading_a_tree_that_is_no_release_says_so_in_japanese(tmp_path):
    student = make_release(tmp_path / "student")
    (student / "grader" / "MANIFEST.json").unlink()

    result = teacher("grade", str(student), "--lang", "ja", cwd=tmp_path)

    assert result.returncode == 2
    assert "このツリーはリリースではありません" in result.stderr
    assert "。。" not in result.stderr
    assert english_left(result.stderr) == []

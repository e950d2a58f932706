"""``python -m grader solution NAME``: the model answer once the exercise is
done, or earlier when forced and confirmed; and ``check NAME --explore``."""

import json
import os
import pty
import re
import select
import time

import pytest

from grader import i18n
from grader.docs import commented, comments, summarized, summary
from grader.exercises import EXERCISES, NAMES
from selftests import forkserver
from selftests.grader_support import ROOT, clean_environment
from selftests.learner_support import kata, learner_tree, solution

# An update twice as large as asked: some tests pass, not all.
WRONG_SGD = solution("sgd").replace("param -= lr *", "param -= 2 * lr *")
# A line of the model answer that only the answer shows.
ANSWER_LINE = "Model answer: solutions/sgd.py"


def test_the_solution_is_refused_until_the_exercise_is_done(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "solution", "sgd")

    assert result.returncode == 1
    assert "Exercise sgd is still its stub." in result.stdout
    assert "not_started" not in result.stdout and "--force" in result.stdout
    assert ANSWER_LINE not in result.stdout


def test_a_refused_solution_counts_the_tests_already_passing(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=WRONG_SGD)

    english = kata(tree, "solution", "sgd").stdout
    japanese = kata(tree, "solution", "sgd", "--lang", "ja").stdout

    assert re.search(r"Exercise sgd passes \d+ of its \d+ tests\.", english)
    assert re.search(
        r"演習 sgd は、\d+ 個のテストのうち \d+ 個が通っています。", japanese
    )
    assert ANSWER_LINE not in english + japanese


def test_the_solution_is_shown_once_the_exercise_is_done(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=solution("sgd"))

    result = kata(tree, "solution", "sgd")

    assert result.returncode == 0, result.stdout + result.stderr
    assert ANSWER_LINE in result.stdout
    assert "def sgd_update(params, grads, lr):" in result.stdout


def test_a_kept_grade_edited_to_passing_does_not_show_the_solution(tmp_path):
    tree = learner_tree(tmp_path / "kata")
    kata(tree, "check", "sgd")
    # The kept grades are the learner's to edit: every test of the stub's
    # run marked passed, under the fingerprint of the code as it is.
    grades = tree / ".kata" / "grades.json"
    kept = json.loads(grades.read_text(encoding="utf-8"))
    for test in kept["runs"]["exercises/sgd"]["run"]["tests"]:
        test.update(passed=True, kind="", message="")
    grades.write_text(json.dumps(kept), encoding="utf-8")

    result = kata(tree, "solution", "sgd")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Exercise sgd is still its stub." in result.stdout
    assert ANSWER_LINE not in result.stdout


def test_the_solution_shows_the_code_and_only_the_summary_of_its_docstrings(
    tmp_path,
):
    tree = learner_tree(tmp_path / "kata", sgd=solution("sgd"))

    english = kata(tree, "solution", "sgd").stdout
    japanese = kata(tree, "solution", "sgd", "--lang", "ja").stdout

    summary = '    """Move every parameter one step against its gradient, in place."""'
    assert summary in english.splitlines()
    assert "param -= lr * grads[key]" in english
    for text in (english, japanese):
        assert "Args:" not in text and ">>>" not in text
        assert "引数:" not in text
    assert (
        '"""すべてのパラメータを、勾配と逆向きに 1 ステップ、その場で動かす。"""'
        in (japanese)
    )
    assert "param -= lr * grads[key]" in japanese


def test_the_japanese_solution_has_japanese_summaries_and_comments(tmp_path):
    tree = learner_tree(tmp_path / "kata", softmax=solution("softmax"))

    japanese = kata(tree, "solution", "softmax", "--lang", "ja").stdout

    assert '"""演習 3: スコアから確率へ。"""' in japanese
    assert "# スライスに定数を足しても softmax は変わらない。" in japanese
    assert "Softmax is unchanged" not in japanese


# Comments that speak to tools, not to the reader.
DIRECTIVES = re.compile(r"^(noqa|type:|pragma:|fmt:)")


def test_every_summary_and_comment_of_the_model_answers_is_translated():
    translations = i18n.answer_prose(i18n.JAPANESE)
    untranslated = [
        f"{name}: {text}"
        for name in NAMES
        for text in [summary(solution(name)), *comments(solution(name))]
        if text not in translations and not DIRECTIVES.match(text)
    ]
    assert untranslated == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_an_exercise_has_one_title_in_its_files_and_in_the_list(exercise):
    # The list's title, as a module summary: "Exercise 2: the sigmoid
    # and its slope.", "演習 2: シグモイドとその傾き。".
    title = exercise.title[0].lower() + exercise.title[1:]
    english = f"Exercise {exercise.number}: {title}."
    stub = (ROOT / exercise.module_file).read_text(encoding="utf-8")

    assert summary(solution(exercise.name)) == english
    assert summary(stub) == english
    assert i18n.answer_prose(i18n.JAPANESE).get(english) == (
        f"演習 {exercise.number}: {exercise.title_ja}。"
    )


def test_a_comment_block_is_replaced_whole_and_wrapped_at_its_indentation():
    source = (
        "def f(x):\n"
        "    # Two lines of one\n"
        "    # comment.\n"
        "    y = x  # after code\n"
        "    # Not translated.\n"
        "    return y\n"
    )
    long = "とても長い説明です。" * 12

    shown = commented(
        source, {"Two lines of one comment.": long, "after code": "コードの後"}
    )

    lines = shown.splitlines()
    assert lines[0] == "def f(x):"
    block = [line for line in lines if "とても" in line]
    assert len(block) > 1 and all(line.startswith("    # ") for line in block)
    assert "".join(line[6:] for line in block) == long
    assert "    y = x  # コードの後" in lines
    assert lines[-2:] == ["    # Not translated.", "    return y"]


def test_a_docstring_is_cut_to_its_summary_only_where_it_has_lines_of_its_own():
    source = (
        '"""A module."""\n'
        "\n"
        "def f(x):\n"
        '    """Do f.\n'
        "\n"
        "    Args:\n"
        "        x: a number.\n"
        '    """\n'
        "    return x\n"
        "\n"
        'def g(): """Do g.\n\n    More.\n    """; return 1\n'
    )

    cut = summarized(source, {"f": "f をする。\n\n詳しく。"})

    assert cut.startswith('"""A module."""\n\ndef f(x):\n    """f をする。"""\n')
    assert "    return x\n" in cut and "Args:" not in cut
    assert 'def g(): """Do g.\n\n    More.\n    """; return 1\n' in cut


def test_force_shows_the_solution_early_only_after_a_yes(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    declined = kata(tree, "solution", "sgd", "--force", answer="n\n")
    accepted = kata(tree, "solution", "sgd", "--force", answer="yes\n")

    assert declined.returncode == 1
    # Asked in the words of the refusal, which say how far the exercise is.
    question = "Exercise sgd is still its stub. Show its model answer anyway?"
    assert question in declined.stdout
    assert ANSWER_LINE not in declined.stdout
    assert accepted.returncode == 0
    assert ANSWER_LINE in accepted.stdout


# A wrong sgd_update whose first call in each test process takes two
# seconds: its grade shows the status line for a while.
SLOW_SGD = "import time\n\n_CALLS = []\n\n\n" + WRONG_SGD.replace(
    "def sgd_update(params, grads, lr):\n",
    "def sgd_update(params, grads, lr):\n"
    "    if not _CALLS:\n        time.sleep(2)\n    _CALLS.append(1)\n",
)
# How long the grader is given to ask, and how long an answer typed too
# early is given to be taken for one (it is at once, when it is).
ASK_SECONDS = 60
TAKEN_SECONDS = 2


def read_until(leader: int, said: bytearray, wanted: bytes, seconds: float) -> bool:
    """Read what the grader writes to its terminal into `said` until it
    holds `wanted` (True) or `seconds` have passed or it ended (False)."""
    end = time.monotonic() + seconds
    while wanted not in said:
        left = end - time.monotonic()
        if left <= 0 or not select.select([leader], [], [], left)[0]:
            return False
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the grader exits
            return False
        if not chunk:
            return False
        said += chunk
    return True


def test_an_answer_typed_before_the_question_is_not_taken_for_one(tmp_path):
    # Typed while the grade's status line is up, "y" and Enter must not
    # answer a question not yet on screen: the grader asks, and waits.
    tree = learner_tree(tmp_path / "kata", sgd=SLOW_SGD)
    leader, follower = pty.openpty()
    args = ["--root", str(tree), "solution", "sgd", "--force"]
    env = clean_environment(TERM="xterm-256color")
    process = forkserver.popen(
        args, tree, env, stdin=follower, stdout=follower, stderr=follower
    )
    os.close(follower)
    said = bytearray()
    try:
        assert read_until(leader, said, b"grading sgd", ASK_SECONDS), said
        os.write(leader, b"y\n")
        assert read_until(leader, said, b"[y/N]", ASK_SECONDS), said
        asked_at = len(said)
        read_until(leader, said, ANSWER_LINE.encode(), TAKEN_SECONDS)
        assert ANSWER_LINE.encode() not in said[asked_at:], said[asked_at:]
        # The status line was gone before the question, and stays gone.
        assert b"grading sgd" not in said[asked_at:]

        os.write(leader, b"n\n")
        assert read_until(leader, said, b"Not shown.", ASK_SECONDS), said
        assert process.wait(timeout=ASK_SECONDS) == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=ASK_SECONDS)
        os.close(leader)


def test_a_copy_without_solutions_says_it_has_none(tmp_path):
    tree = learner_tree(tmp_path / "kata", with_solutions=False)

    result = kata(tree, "solution", "sgd", "--force", answer="y\n")

    assert result.returncode == 2
    assert "no model answers" in result.stderr


def test_explore_is_labelled_as_not_the_grade_and_exits_as_check(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=solution("sgd"))

    done = kata(tree, "check", "sgd", "--explore")
    stub = kata(tree, "check", "dot", "--explore")

    assert done.returncode == 0, done.stdout + done.stderr
    assert stub.returncode == 1
    for result in (done, stub):
        assert result.stdout.startswith("Exploring: ")
        assert "This is not the grade" in result.stdout
        last = result.stdout.rstrip().splitlines()[-1]
        assert last.startswith("Explored: ") and "This was not the grade" in last


def test_explore_explains_a_failure_as_check_does_not_as_a_group_of_them(tmp_path):
    # The sums transposed: several of a test's pinned examples fail at once.
    softmax = solution("softmax").replace(
        "e / e.sum(axis=-1, keepdims=True)", "e / e.sum(axis=-1, keepdims=True).T"
    )
    tree = learner_tree(tmp_path / "kata", softmax=softmax)

    result = kata(tree, "check", "softmax", "--explore")

    assert "ExceptionGroup" not in result.stdout
    assert "Hypothesis found" not in result.stdout
    assert "likely mistake: the sums lost their axis" in result.stdout


def test_explore_writes_no_reports(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "check", "sgd", "--explore", "--json", str(tmp_path / "r"))

    assert result.returncode == 2
    assert "not a grade" in result.stderr
    assert not (tmp_path / "r").exists()


def test_a_finished_check_points_to_the_next_exercise_and_the_answer(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=solution("sgd"))
    bare = learner_tree(tmp_path / "bare", with_solutions=False, sgd=solution("sgd"))

    result = kata(tree, "check", "sgd")
    without = kata(bare, "check", "sgd")

    assert result.returncode == without.returncode == 0
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Next: exercise 10, train (Training on real data): ")
    assert "`python -m grader check train`." in last
    assert "`python -m grader solution sgd` now shows the model answer." in last
    assert "solution" not in without.stdout
    assert "Next: exercise 10, train" in without.stdout


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_next_exercise_not_started_is_to_be_read_first(tmp_path, language):
    fresh = learner_tree(tmp_path / "fresh", dot=solution("dot"))
    begun = learner_tree(
        tmp_path / "begun", dot=solution("dot"), sigmoid="def sigmoid(x):\n    pass\n"
    )

    first = kata(fresh, "check", "dot", "--lang", language)
    again = kata(begun, "check", "dot", "--lang", language)

    assert first.returncode == again.returncode == 0
    last = first.stdout.strip().splitlines()[-1]
    option = " --lang ja" if language == "ja" else ""
    assert f"`python -m grader doc sigmoid{option}`" in last
    assert f"`python -m grader check sigmoid{option}`" in last
    assert "doc sigmoid" not in again.stdout
    assert f"`python -m grader check sigmoid{option}`" in again.stdout


def test_a_finished_last_exercise_points_back_to_the_first_not_done(tmp_path):
    tree = learner_tree(tmp_path / "kata", train=solution("train"))

    result = kata(tree, "check", "train")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Next: exercise 1, dot (" in result.stdout


def test_a_finished_check_passes_over_exercises_known_to_be_done(tmp_path):
    # Every exercise but sgd written; one grade tells the grader so.
    done = {name: solution(name) for name in NAMES if name != "sgd"}
    tree = learner_tree(tmp_path / "kata", **done)
    kata(tree)

    result = kata(tree, "check", "softmax")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Next: exercise 9, sgd (" in result.stdout


def test_a_finished_check_says_when_every_exercise_is_done(tmp_path):
    tree = learner_tree(tmp_path / "kata", **{name: solution(name) for name in NAMES})
    kata(tree)
    # An edit of softmax changes what forward and later ones import, which
    # their tests replace with a trusted softmax: they are still done.
    with (tree / "exercises" / "softmax.py").open("a") as module:
        module.write("\n# checked again\n")

    result = kata(tree, "check", "softmax")
    japanese = kata(tree, "check", "softmax", "--lang", "ja")

    assert "Every exercise is done: `python -m grader` grades them all." in (
        result.stdout
    )
    assert "Next:" not in result.stdout
    assert "すべての演習が完了しています。" in japanese.stdout


def test_explore_counts_the_tests_and_gives_no_points(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "check", "sgd", "--explore")

    header = next(line for line in result.stdout.splitlines() if "9. sgd" in line)
    assert re.search(r" 0/\d+ tests$", header)
    assert "points" not in result.stdout


# A dot that adds up at most nine terms: right on every pinned input, whose
# longest sum has eight, so only exploring can catch it.
NINE_TERMS = """
import numpy as np


def dot(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply {a.shape} by {b.shape}")
    rows, columns = a.reshape(-1, a.shape[-1]), b.reshape(b.shape[0], -1)
    out = np.zeros((rows.shape[0], columns.shape[1]))
    for k in range(min(rows.shape[1], 9)):
        out += np.outer(rows[:, k], columns[k])
    return out.reshape(a.shape[:-1] + b.shape[1:])
"""


def test_explore_draws_sums_longer_than_the_pinned_ones(tmp_path):
    tree = learner_tree(tmp_path / "kata", dot=NINE_TERMS)

    graded = kata(tree, "check", "dot", CI="true")
    # Under CI, hypothesis loads a derandomized profile of its own: it must
    # not make exploring draw the grade's examples again.
    explored = kata(tree, "check", "dot", "--explore", CI="true")

    assert graded.returncode == 0, graded.stdout
    assert explored.returncode == 1, explored.stdout


def test_the_readmes_exit_codes_say_when_reset_and_solution_give_1():
    # A declined reset and a refused solution end with 1 (the tests above
    # and selftests/test_reset.py): the main table of exit codes says so.
    for readme, heading in (
        ("README.md", "### Exit codes"),
        ("README.ja.md", "### 終了コード"),
    ):
        text = (ROOT / readme).read_text(encoding="utf-8")
        table = text.split(heading, 1)[1].split("\n\n", 2)[1]
        row = next(line for line in table.splitlines() if line.startswith("| 1 |"))
        assert "`reset`" in row and "`solution`" in row, readme

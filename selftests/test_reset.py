"""``python -m grader reset NAME``: the stub back in place, and the learner's
file kept first, so that nothing they wrote is ever lost."""

import pytest

from grader.project import open_project
from grader.restore import RestoreError, reset
from selftests.grader_support import stub
from selftests.learner_support import kata, learner_tree

MINE = "def sgd_update(params, grads, lr):\n    return 'my own attempt'\n"


@pytest.fixture
def tree(tmp_path):
    return learner_tree(tmp_path / "kata", sgd=MINE)


def backups(tree):
    return sorted((tree / ".kata" / "backups").glob("*.py"))


def test_reset_keeps_the_learners_file_and_restores_the_stub(tree):
    result = kata(tree, "reset", "sgd", "--yes")

    assert result.returncode == 0, result.stderr
    assert (tree / "exercises" / "sgd.py").read_text() == stub("sgd")
    [kept] = backups(tree)
    assert kept.name.startswith("sgd-") and kept.read_text() == MINE
    assert str(kept.relative_to(tree)) in result.stdout


def test_reset_asks_first_and_changes_nothing_when_the_answer_is_no(tree):
    result = kata(tree, "reset", "sgd", answer="n\n")

    assert result.returncode == 1
    assert ".kata/backups/" in result.stdout  # the question says where
    assert "Nothing was changed" in result.stdout
    assert (tree / "exercises" / "sgd.py").read_text() == MINE
    assert backups(tree) == []


def test_reset_goes_ahead_when_the_answer_is_yes(tree):
    result = kata(tree, "reset", "sgd", answer="y\n")

    assert result.returncode == 0
    assert (tree / "exercises" / "sgd.py").read_text() == stub("sgd")
    assert len(backups(tree)) == 1
    # A piped answer is not echoed: the question's line ends all the same.
    question, said = result.stdout.splitlines()[:2]
    assert question.endswith("[y/N]") and said.endswith("is the stub again.")


@pytest.mark.parametrize(
    "language, asked, told",
    [
        (
            "en",
            "Put the stub back in exercises/sgd.py? There is no file there now, "
            "so there is none to keep.",
            "There was no file to keep: exercises/sgd.py was missing.",
        ),
        (
            "ja",
            "exercises/sgd.py をスタブに戻しますか？　今そこにファイルはない",
            "exercises/sgd.py がなかったので、バックアップは作っていません。",
        ),
    ],
    ids=["en", "ja"],
)
def test_reset_of_a_deleted_file_says_there_is_none_to_keep(
    tree, language, asked, told
):
    (tree / "exercises" / "sgd.py").unlink()

    result = kata(tree, "--lang", language, "reset", "sgd", answer="y\n")

    assert result.returncode == 0, result.stderr
    assert (tree / "exercises" / "sgd.py").read_text() == stub("sgd")
    assert backups(tree) == []
    assert asked in result.stdout and told in result.stdout
    assert ".kata/backups/" not in result.stdout


def test_reset_without_solutions_takes_the_pristine_stub(tmp_path):
    tree = learner_tree(tmp_path / "kata", with_solutions=False, sgd=MINE)

    result = kata(tree, "reset", "sgd", "--yes")

    assert result.returncode == 0, result.stderr
    assert (tree / "exercises" / "sgd.py").read_text() == stub("sgd")


def test_reset_of_a_file_that_is_the_stub_keeps_no_second_backup(tree):
    kata(tree, "reset", "sgd", "--yes")

    again = kata(tree, "reset", "sgd", "--yes")

    assert again.returncode == 0
    assert "already the stub" in again.stdout
    assert len(backups(tree)) == 1


def test_resets_within_one_second_keep_every_backup(tree):
    project = open_project(tree)
    exercise = project.find("sgd")
    target = tree / "exercises" / "sgd.py"

    reset(project, exercise, now=1_000_000.0)
    target.write_text(MINE + "# second attempt\n")
    reset(project, exercise, now=1_000_000.0)

    kept = {path.read_text() for path in backups(tree)}
    assert kept == {MINE, MINE + "# second attempt\n"}


def test_backups_made_within_one_second_sort_by_name_in_the_order_made(tree):
    project = open_project(tree)
    exercise = project.find("sgd")
    target = tree / "exercises" / "sgd.py"
    made = [MINE + f"# attempt {n}\n" for n in range(1, 12)]

    for text in made:
        target.write_text(text)
        reset(project, exercise, now=1_000_000.0)

    # ls sorts by bytes, or, in most locales, ignoring the punctuation.
    paths = backups(tree)
    plain = sorted(paths, key=lambda path: "".join(filter(str.isalnum, path.name)))
    assert [path.read_text() for path in paths] == made
    assert [path.read_text() for path in plain] == made


def test_a_backup_that_cannot_be_written_leaves_the_file_alone(tree):
    (tree / ".kata").write_text("a file where the backups folder should go")
    project = open_project(tree)

    with pytest.raises(RestoreError, match="nothing was changed"):
        reset(project, project.find("sgd"))
    assert (tree / "exercises" / "sgd.py").read_text() == MINE


def test_reset_of_an_unknown_exercise_is_a_usage_error(tree):
    result = kata(tree, "reset", "softmaks", "--yes")

    assert result.returncode == 2
    assert "softmax" in result.stderr


# What the READMEs say of the grader and exercises/: that it never writes
# there ("never writes into `exercises/`", "`exercises/` に書き込むことは
# なく"), which holds only with `reset` set apart.
NEVER_WRITES = ("never writes into `exercises/`", "`exercises/` に書き込むことはなく")


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_the_readme_says_the_grader_writes_into_exercises_only_for_reset(readme):
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / readme).read_text()
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    claims = [p for p in paragraphs if any(w in p for w in NEVER_WRITES)]

    assert claims
    for paragraph in claims:
        assert "`reset`" in paragraph, paragraph

"""``python -m grader solution NAME``: the model answer once the exercise is
done, or earlier when forced and confirmed; and ``check NAME --explore``."""

from selftests.learner_support import kata, learner_tree, solution

# A line of the model answer that only the answer shows.
ANSWER_LINE = "Model answer: solutions/sgd.py"


def test_the_solution_is_refused_until_the_exercise_is_done(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "solution", "sgd")

    assert result.returncode == 1
    assert "not_started" in result.stdout and "--force" in result.stdout
    assert ANSWER_LINE not in result.stdout


def test_the_solution_is_shown_once_the_exercise_is_done(tmp_path):
    tree = learner_tree(tmp_path / "kata", sgd=solution("sgd"))

    result = kata(tree, "solution", "sgd")

    assert result.returncode == 0, result.stdout + result.stderr
    assert ANSWER_LINE in result.stdout
    assert "def sgd_update(params, grads, lr):" in result.stdout


def test_force_shows_the_solution_early_only_after_a_yes(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    declined = kata(tree, "solution", "sgd", "--force", answer="n\n")
    accepted = kata(tree, "solution", "sgd", "--force", answer="yes\n")

    assert declined.returncode == 1
    assert "Show its model answer anyway?" in declined.stdout
    assert ANSWER_LINE not in declined.stdout
    assert accepted.returncode == 0
    assert ANSWER_LINE in accepted.stdout


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
        assert result.stdout.count("This is not the grade") == 2  # top and bottom


def test_explore_writes_no_reports(tmp_path):
    tree = learner_tree(tmp_path / "kata")

    result = kata(tree, "check", "sgd", "--explore", "--json", str(tmp_path / "r"))

    assert result.returncode == 2
    assert "not a grade" in result.stderr
    assert not (tmp_path / "r").exists()

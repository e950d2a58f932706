"""Batch grading of a class, end to end: a folder of submissions of every
kind, some of them broken, graded into one CSV and a JSON each."""

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from grader import batch, classroom, i18n, tools
from grader.exercises import NAMES
from selftests.classroom_support import make_release, read_json, submission, teacher
from selftests.grader_support import solution, stub

# Long enough for a few stubs' tests on a busy machine; the submission that
# hangs costs this much once.
TIMEOUT = "8"
GIT = ["git", "-c", "user.name=Student", "-c", "user.email=student@example.org"]


def git_repository(tree: Path, bare: Path) -> Path:
    """`tree` committed, and cloned into the bare repository `bare`."""
    subprocess.run([*GIT, "init", "-q", str(tree)], check=True)
    subprocess.run([*GIT, "-C", str(tree), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(tree), "commit", "-qm", "work"], check=True)
    subprocess.run([*GIT, "clone", "-q", "--bare", str(tree), str(bare)], check=True)
    return bare


@pytest.fixture
def language_kept():
    """Whatever a test sets the language to, the one before afterwards."""
    before = i18n.current.catalogue, i18n.current.option
    yield
    i18n.current.catalogue, i18n.current.option = before


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A class of six graded in one batch: the process, the CSV rows by
    student, and the folder of reports."""
    base = tmp_path_factory.mktemp("class")
    release_tree = make_release(base / "release")
    inbox = base / "inbox"
    inbox.mkdir()
    alice = submission(release_tree, inbox / "alice", {"one_hot": solution("one_hot")})
    with (alice / "tests" / "test_dot.py").open("a") as file:
        file.write("\n# made easier\n")
    bob = inbox / "bob" / "exercises"
    bob.mkdir(parents=True)
    (bob / "sigmoid.py").write_text(solution("sigmoid"))
    (bob / "dot.py").write_text("import numpy as np\n\ndef dot(a, b)\n    return 0\n")
    carol = submission(
        release_tree, base / "carol-work", {"one_hot": solution("one_hot")}
    )
    git_repository(carol, inbox / "carol.git")
    (inbox / "dave").mkdir()  # handed in nothing
    submission(release_tree, inbox / "eve", {"dot": "while True:\n    pass\n"})
    broken = inbox / "frank.git"  # looks like a repository, is not one
    broken.mkdir()
    (broken / "HEAD").write_text("ref: refs/heads/main\n")
    (broken / "objects").mkdir()
    (inbox / "notes.txt").write_text("not a submission")

    grades = base / "grades.csv"
    result = teacher(
        "batch",
        str(inbox),
        "--csv",
        str(grades),
        "--tests-from",
        str(release_tree),
        "--jobs",
        "2",
        "--timeout",
        TIMEOUT,
        cwd=base,
    )
    rows = {}
    if grades.is_file():
        with grades.open() as file:
            rows = {row["student"]: row for row in csv.DictReader(file)}
    return result, rows, base / "reports"


def test_every_submission_gets_a_row_in_order(graded):
    result, rows, _ = graded

    assert result.returncode == 0, result.stderr
    assert list(rows) == ["alice", "bob", "carol", "dave", "eve", "frank"]


def test_solved_exercises_score_in_folders_and_repositories(graded):
    _, rows, _ = graded

    assert float(rows["alice"]["score"]) == 10
    assert float(rows["alice"]["one_hot"]) == 10
    assert float(rows["bob"]["sigmoid"]) == 10
    assert float(rows["carol"]["score"]) == 10
    assert rows["alice"]["status"] == "graded"


def test_a_hanging_submission_is_graded_zero(graded):
    _, rows, reports = graded

    assert rows["eve"]["status"] == "graded"
    assert float(rows["eve"]["score"]) == 0
    eve = read_json(reports / "eve.json")
    dot = next(e for e in eve["exercises"] if e["name"] == "dot")
    assert dot["status"] == "error"
    # The module as the student knows it, not where the batch staged it.
    assert dot["error"].startswith("exercises/dot.py was still running")
    # The report names the loop and the line the grader stopped it at.
    assert "The loop on lines 1-2 did not end in time." in dot["error"]
    assert re.search(
        r"\n  stopped at line [12](?: in test_\w+)?: (while True:|pass)", dot["error"]
    )


def test_a_submission_that_cannot_be_read_is_an_error_row(graded):
    _, rows, reports = graded

    assert rows["frank"]["status"] == "error"
    assert "git" in rows["frank"]["note"]
    assert read_json(reports / "frank.json")["status"] == "error"


def test_an_error_row_scores_zero_out_of_the_same_total_as_the_others(graded):
    _, rows, _ = graded

    for student in ("dave", "frank"):
        assert rows[student]["score"] == "0"
        assert rows[student]["max_score"] == rows["alice"]["max_score"] == "100"


def test_a_submission_without_exercises_is_an_error_row_and_counted(graded):
    result, rows, reports = graded

    assert rows["dave"]["status"] == "error"
    assert rows["dave"]["note"] == classroom.NO_EXERCISES
    assert read_json(reports / "dave.json")["status"] == "error"
    assert "dave: could not be graded: no exercises/ folder found" in result.stdout
    assert "(2 could not be graded)" in result.stdout


def test_an_error_report_is_shaped_as_a_graded_one(graded):
    _, _, reports = graded
    alice = read_json(reports / "alice.json")

    for student, reason in (("dave", "no exercises/ folder found"), ("frank", "git")):
        report = read_json(reports / f"{student}.json")
        assert set(alice) - set(report) == {"integrity", "timing"}
        assert set(report) - set(alice) == {"error"}
        assert report["schema_version"] == alice["schema_version"]
        assert (report["score"], report["max_score"]) == (0, alice["max_score"])
        assert (report["done"], report["all_done"]) == (0, False)
        assert report["exercises_total"] == len(NAMES)
        assert report["status"] == "error" and alice["status"] == "graded"
        assert reason in report["error"]


def test_a_module_missing_from_a_submission_is_said_to_be_missing(graded):
    result, _, reports = graded

    softmax = next(
        e
        for e in read_json(reports / "bob.json")["exercises"]
        if e["name"] == "softmax"
    )
    assert softmax["message"].startswith(
        "exercises/softmax.py is missing: was it moved or deleted?"
    )
    assert "PermissionError" not in (reports / "bob.json").read_text()
    assert "alice: graded, 10/100" in result.stdout


def test_a_module_missing_from_a_submission_is_reported_without_reset(graded):
    _, _, reports = graded

    report = read_json(reports / "bob.json")
    softmax = next(e for e in report["exercises"] if e["name"] == "softmax")
    said = {softmax["message"], *(test["message"] for test in softmax["tests"])}
    # The teacher's report: `reset` would act on whoever runs it.
    assert said == {"exercises/softmax.py is missing: was it moved or deleted?"}
    assert "reset" not in (reports / "bob.json").read_text()


def test_a_changed_test_file_is_noted_in_the_row_and_the_progress(graded):
    result, rows, _ = graded

    note = "tests/test_dot.py changed: graded with the pristine copy"
    assert rows["alice"]["tests_changed"] == "1"
    assert rows["alice"]["note"] == note
    assert f"alice: graded, 10/100 ({note})" in result.stdout


def test_why_a_module_could_not_be_loaded_is_noted_in_the_row_and_the_progress(
    graded,
):
    result, rows, _ = graded

    note = (
        "exercises/dot.py has a syntax error on line 3: expected ':'; "
        "exercises/ lacks 8 of its 10 files"
    )
    assert rows["bob"]["note"] == note
    assert f"bob: graded, 10/100 ({note})" in result.stdout


def test_the_progress_notes_are_sentences_in_japanese(language_kept):
    row = batch.Row(
        "bob",
        batch.GRADED,
        score=10,
        max_score=100,
        note="exercises/dot.py has a syntax error on line 3: expected ':'; "
        "exercises/ lacks 8 of its 10 files",
    )
    i18n.set_language("ja", {"LANG": "C.UTF-8"})

    assert tools._progress_line(row) == (
        "bob: 採点しました(10/100)。注記: exercises/dot.py の 3 行目に構文エラーが"
        "あります: expected ':'。また、exercises/ に、10 個のうち 8 個のファイルが"
        "ありません。"
    )


def test_an_exercise_stopped_at_its_time_limit_is_noted(graded):
    result, rows, _ = graded

    assert rows["eve"]["note"] == "dot: stopped at the time limit"
    assert "eve: graded, 0/100 (dot: stopped at the time limit)" in result.stdout


def test_the_last_line_names_the_gradebook_and_the_reports(graded):
    result, _, reports = graded

    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Went through 6 submissions in ")
    assert last.endswith(
        f"gradebook: {reports.parent / 'grades.csv'}; reports: {reports}."
    )


def test_a_report_says_an_exercise_was_not_started_without_advice(graded):
    _, _, reports = graded

    sigmoid = read_json(reports / "alice.json")["exercises"][1]
    assert sigmoid["status"] == "not_started"
    assert {test["message"] for test in sigmoid["tests"]} == {
        f"Not started yet: exercise 2 (sigmoid): {function} is not written yet."
        for function in ("sigmoid", "sigmoid_grad")
    }


def test_each_student_has_a_json_report(graded):
    _, rows, reports = graded

    for student in rows:
        report = read_json(reports / f"{student}.json")
        assert report["student"] == student
    assert [e["name"] for e in read_json(reports / "alice.json")["exercises"]] == (
        NAMES
    )


def test_the_gradebook_has_a_column_per_exercise(graded):
    _, rows, _ = graded

    columns = list(next(iter(rows.values())))
    assert columns[:5] == ["student", "status", "score", "max_score", "done"]
    assert columns[5 : 5 + len(NAMES)] == NAMES


def test_batch_refuses_a_missing_folder(tmp_path):
    result = teacher("batch", str(tmp_path / "nowhere"), "--csv", "g.csv", cwd=tmp_path)

    assert result.returncode == 2
    assert "nowhere" in result.stderr
    assert shutil.which("git")


@pytest.mark.parametrize(
    "options",
    [
        ["--csv", "exercises/g.csv"],
        ["--csv", "g.csv", "--reports", "exercises/reports"],
        ["--csv", "inbox/g.csv"],
    ],
)
def test_batch_writes_nothing_into_exercises_or_the_submissions(options, tmp_path):
    tree = make_release(tmp_path / "kata")
    (tree / "inbox" / "alice" / "exercises").mkdir(parents=True)
    before = sorted(tree.rglob("*"))

    result = teacher("batch", "inbox", *options, "--tests-from", ".", cwd=tree)

    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {options[-1]} is inside "), result.stderr
    assert "Choose another path." in result.stderr
    assert sorted(tree.rglob("*")) == before


@pytest.mark.parametrize(
    "options, said",
    [
        (["--csv", "taken"], "the gradebook to taken: Is a directory"),
        (
            ["--csv", "new/g.csv", "--reports", "g.txt"],
            "the folder of reports to g.txt: g.txt is a file, not a folder",
        ),
        (
            ["--csv", "g.txt/g.csv"],
            "the gradebook to g.txt/g.csv: g.txt is a file, not a folder",
        ),
        (["--csv", "/proc/x/g.csv"], "the gradebook to /proc/x/g.csv: No such file"),
    ],
    ids=["csv-folder", "reports-file", "csv-under-file", "csv-unwritable"],
)
def test_batch_refuses_an_output_it_cannot_write_before_grading(
    options, said, tmp_path
):
    (tmp_path / "inbox" / "alice" / "exercises").mkdir(parents=True)
    (tmp_path / "taken").mkdir()
    (tmp_path / "g.txt").write_text("the teacher's notes")
    release_tree = make_release(tmp_path / "release")

    result = teacher(
        "batch", "inbox", *options, "--tests-from", str(release_tree), cwd=tmp_path
    )

    assert result.returncode == 2
    assert result.stderr.startswith(f"error: could not write {said}"), result.stderr
    assert result.stdout == ""  # refused before grading anyone
    assert not (tmp_path / "new").exists()  # nor made a folder for the gradebook
    assert (tmp_path / "g.txt").read_text() == "the teacher's notes"


def test_a_gradebook_that_cannot_be_written_at_the_end_goes_to_stdout(
    tmp_path, monkeypatch, capsys
):
    from grader import tools

    (tmp_path / "inbox").mkdir()
    release_tree = make_release(tmp_path / "release")
    row = batch.Row("alice", batch.GRADED, score=7, max_score=100)

    def graded_then_taken(*args, **kwargs):
        (tmp_path / "g.csv").mkdir()  # taken while the class was graded
        return [row]

    monkeypatch.setattr(batch, "grade_all", graded_then_taken)
    code = tools.main(
        [
            "batch",
            str(tmp_path / "inbox"),
            "--csv",
            str(tmp_path / "g.csv"),
            "--tests-from",
            str(release_tree),
        ]
    )

    out, err = capsys.readouterr()
    assert code == 2
    assert f"error: could not write the gradebook to {tmp_path / 'g.csv'}" in err
    assert f"the reports are in {tmp_path / 'reports'}" in err
    assert out == batch.gradebook_csv([row], release_tree)


KILL_THE_SESSION = """\
import os
import signal

os.kill(os.getppid(), signal.SIGKILL)
"""


def test_a_submission_that_kills_the_shared_session_spoils_no_other_grade(
    tmp_path,
):
    release_tree = make_release(tmp_path / "release")
    inbox = tmp_path / "inbox"
    # Graded in name order: abe's code runs first and kills the session
    # that was to run zoe's exercises too.
    submission(release_tree, inbox / "zoe", {"one_hot": solution("one_hot")})
    submission(release_tree, inbox / "abe", {"dot": KILL_THE_SESSION})

    result = teacher(
        "batch",
        str(inbox),
        "--csv",
        str(tmp_path / "grades.csv"),
        "--tests-from",
        str(release_tree),
        "--timeout",
        TIMEOUT,
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    with (tmp_path / "grades.csv").open() as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    assert float(rows["zoe"]["score"]) == 10
    assert float(rows["abe"]["score"]) == 0


def test_a_submission_graded_again_on_its_own_is_still_the_teachers(tmp_path):
    # As a submission whose shared session broke down is graded again.
    release_tree = make_release(tmp_path / "release")
    abe = submission(release_tree, tmp_path / "inbox" / "abe", {})
    (abe / "exercises" / "sgd.py").unlink()
    options = classroom.Options(timeout=float(TIMEOUT))

    batch.grade_submission(abe, release_tree, tmp_path / "reports", options)

    sgd = read_json(tmp_path / "reports" / "abe.json")["exercises"][8]
    assert sgd["message"] == "exercises/sgd.py is missing: was it moved or deleted?"


def test_a_repository_cannot_make_the_grader_run_its_commands(tmp_path):
    # A filter named in .gitattributes and defined in the repository's own
    # configuration runs when git writes files out (archive, checkout).
    release_tree = make_release(tmp_path / "release")
    work = submission(release_tree, tmp_path / "work", {"one_hot": solution("one_hot")})
    (work / ".gitattributes").write_text("*.py filter=sneak\n")
    inbox = tmp_path / "inbox"
    bare = git_repository(work, inbox / "mallory.git")
    marker = tmp_path / "ran"
    smudge = f"sh -c 'touch {marker}; cat'"
    subprocess.run(
        ["git", f"--git-dir={bare}", "config", "filter.sneak.smudge", smudge]
    )
    subprocess.run(["git", f"--git-dir={bare}", "config", "filter.sneak.clean", smudge])

    result = teacher(
        "batch", str(inbox), "--csv", str(tmp_path / "grades.csv"),
        "--tests-from", str(release_tree), "--timeout", TIMEOUT, cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    with (tmp_path / "grades.csv").open() as file:
        (row,) = csv.DictReader(file)
    assert (row["status"], float(row["one_hot"])) == ("graded", 10.0)


BORROW_DOT = """\
from pathlib import Path

_mine = Path(__file__).resolve()
for _other in _mine.parents[3].glob("*/staged/exercises/dot.py"):
    if _other.resolve() != _mine:
        exec(_other.read_text())
        break
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="only a grader run as root can")
def test_a_submission_cannot_borrow_a_classmates_code(tmp_path):
    # Every submission of a batch is staged before any is graded; under
    # root, a learner's process may not read the others.
    release_tree = make_release(tmp_path / "release")
    inbox = tmp_path / "inbox"
    submission(release_tree, inbox / "carol", {"dot": solution("dot")})
    submission(release_tree, inbox / "mallory", {"dot": stub("dot") + BORROW_DOT})

    result = teacher(
        "batch", str(inbox), "--csv", str(tmp_path / "grades.csv"),
        "--tests-from", str(release_tree), "--timeout", TIMEOUT, cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    with (tmp_path / "grades.csv").open() as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    assert float(rows["carol"]["dot"]) == 10.0
    assert float(rows["mallory"]["dot"]) < 10.0


def test_a_bare_repository_is_named_without_git_unless_a_folder_has_that_name(
    tmp_path,
):
    for name in ("erin.git", "bob.git"):
        (tmp_path / name / "objects").mkdir(parents=True)
        (tmp_path / name / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "bob").mkdir()
    (tmp_path / "plain.git").mkdir()  # a folder, not a repository

    names = [batch.student_name(path) for path in batch.submissions(tmp_path)]

    assert names == ["bob", "bob.git", "erin", "plain.git"]

"""The student release, its CI workflow and the Gradescope bundle, end to
end: each is made from this project and then used as a student's CI job
or Gradescope would use it, on this machine."""

import os
import re
import shutil
import stat
import subprocess
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from grader import manifest, stubs
from grader.exercises import NAMES
from grader.release import (
    WORKFLOW,
    ReleaseError,
    for_students,
    gradescope_bundle,
    release,
)
from selftests.classroom_support import (
    make_release,
    read_json,
    submission,
    teacher,
)
from selftests.grader_support import (
    GRADER_TIMEOUT,
    ROOT,
    check_gradescope_report,
    check_junit_report,
    clean_environment,
    solution,
    stub,
)

SOLVED = {"one_hot": solution("one_hot")}


@pytest.fixture(scope="module")
def release_tree(tmp_path_factory):
    return make_release(tmp_path_factory.mktemp("release") / "kata")


def test_a_release_has_no_model_answers_and_stubs_made_from_them(release_tree):
    assert not (release_tree / "solutions").exists()
    assert not (release_tree / "selftests").exists()
    assert not list(release_tree.rglob("__pycache__"))
    for path, text in stubs.expected_stubs(ROOT).items():
        assert (release_tree / path.relative_to(ROOT)).read_text() == text


# What a student's README must not send them to: files the release does
# not have, and commands that do not work there.
NOT_IN_A_RELEASE = (
    "solutions/",
    "selftests",
    "benchmarks",
    "--target",
    "solutions",
    "grader solution",
    "grader release",
    "grader gradescope",
    "grader batch",
    "grader.stubs",
)
# What a student's README must not say of itself: that it is written for
# teachers and maintainers too, or that its timings grade the answers.
NOT_FOR_STUDENTS = ("teacher", "maintainer", "教える人、メンテナ", "模範解答の採点")


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_a_releases_readme_sends_students_to_nothing_it_lacks(release_tree, readme):
    text = (release_tree / readme).read_text(encoding="utf-8")

    assert [words for words in NOT_IN_A_RELEASE if words in text] == []
    assert [words for words in NOT_FOR_STUDENTS if words in text] == []
    assert "<!--" not in text and "-->" not in text
    assert "python -m grader grade" in text
    assert "模範解答は含まれていません" in text or "not include the model" in text


# What only a teacher has, which a student's README must not speak of:
# the batch grade, its CSV gradebook and the statuses of its submissions,
# and the messages of the teacher's commands. (Grading mode and the
# Gradescope report stay: the copy's CI grades with them.)
TEACHERS_ONLY = (
    "`batch`",
    "batch DIR",
    "gradebook",
    "submission",
    "CSV",
    "`graded`",
    "一括",
    "提出物",
    "教える人",
)


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_a_releases_readme_speaks_of_nothing_only_teachers_have(release_tree, readme):
    text = (release_tree / readme).read_text(encoding="utf-8")

    lines = [
        line for line in text.splitlines() if any(w in line for w in TEACHERS_ONLY)
    ]
    assert lines == []


# The only things a student's README may say of model answers: that this
# copy has none.
NO_MODEL_ANSWERS = (
    "This copy of the kata does not include the model answers.",
    "no model answers in this copy",
    "this copy has no model answers",
    "この kata のコピーには模範解答は含まれていません。",
    "このコピーに模範解答がない",
    "このコピーに模範解答はない",
)


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_a_releases_readme_speaks_of_model_answers_only_to_say_there_are_none(
    release_tree, readme
):
    text = (release_tree / readme).read_text(encoding="utf-8")
    for sentence in NO_MODEL_ANSWERS:
        text = text.replace(sentence, "")

    lines = [
        line
        for line in text.splitlines()
        if re.search(r"model answer|solution NAME|模範解答", line)
    ]
    assert lines == []


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_a_releases_readme_names_the_solution_command_only_to_say_it_has_none(
    release_tree, readme
):
    text = (release_tree / readme).read_text(encoding="utf-8")

    lines = [line for line in text.splitlines() if "`solution" in line]
    assert lines
    assert [
        line
        for line in lines
        if not any(sentence in line for sentence in NO_MODEL_ANSWERS)
    ] == []


def test_a_releases_japanese_readme_has_speed_as_a_section_of_its_own(
    release_tree,
):
    text = (release_tree / "README.ja.md").read_text(encoding="utf-8")

    headings = re.findall(r"^(#+) (採点|速さ)$", text, re.MULTILINE)
    assert headings == [("##", "採点"), ("##", "速さ")]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_releases_help_lists_only_what_a_student_copy_can_do(release_tree, language):
    student = teacher("--help", "--lang", language, cwd=release_tree)
    maintainer = teacher("--help", "--lang", language, cwd=ROOT)

    assert student.returncode == maintainer.returncode == 0
    for command in ("solution NAME", "release OUT", "gradescope ZIP", "batch DIR"):
        assert command not in student.stdout
        assert command in maintainer.stdout
    assert "  grade  " in student.stdout and "  check NAME  " in student.stdout


@pytest.mark.parametrize(("typed", "meant"), [("chek", "check"), ("grde", "grade")])
def test_a_releases_unknown_command_lists_only_what_a_student_copy_can_do(
    release_tree, typed, meant
):
    student = teacher(typed, cwd=release_tree)
    maintainer = teacher(typed, cwd=ROOT)

    assert student.returncode == maintainer.returncode == 2
    assert f"(did you mean {meant}?)" in student.stderr
    assert student.stderr.rstrip().endswith(
        "the commands are: check, hint, doc, list, watch, reset, grade"
    ), student.stderr
    for command in ("solution", "release", "gradescope", "batch"):
        assert command in maintainer.stderr


@pytest.mark.parametrize("name", [[], ["dot"]])
def test_solution_in_a_release_says_it_has_no_model_answers(release_tree, name):
    result = teacher("solution", *name, cwd=release_tree)

    assert result.returncode == 2
    assert result.stderr.startswith(
        "error: this copy of the kata has no model answers"
    ), result.stderr
    assert "the exercises are" not in result.stderr


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_the_repositorys_readme_keeps_what_the_release_leaves_out(readme):
    text = (ROOT / readme).read_text(encoding="utf-8")

    assert "grader solution softmax" in text
    assert "selftests" in text or "For maintainers" in text or "メンテナ" in text
    # Every marker is closed, so that nothing is cut by mistake.
    assert text.count("<!-- maintainers -->") == text.count("<!-- /maintainers -->")


def test_the_markers_cut_the_maintainers_part_and_show_the_students_part():
    readme = (
        "# kata\n\nStart here.\n\n<!-- maintainers -->\nRun the selftests.\n"
        "<!-- /maintainers -->\n\n<!-- students\nNo model answers here.\n-->\n"
        "\nThe end.\n"
    )

    assert for_students(readme) == (
        "# kata\n\nStart here.\n\nNo model answers here.\n\nThe end.\n"
    )


def test_a_release_matches_its_own_manifest(release_tree):
    hashes = manifest.load(release_tree)

    assert not manifest.verify(release_tree)
    assert "tests/test_dot.py" in hashes
    assert "grader/cli.py" in hashes
    assert "conftest.py" in hashes


def test_a_release_is_not_written_over_an_existing_folder(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")

    with pytest.raises(ReleaseError, match="not empty"):
        release(ROOT, tmp_path / "out")
    assert (tmp_path / "out" / "keep.txt").read_text() == "mine"


def test_the_release_command_reports_where_it_wrote(tmp_path):
    result = teacher("release", str(tmp_path / "out"), "--root", str(ROOT), cwd=ROOT)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / WORKFLOW).is_file()
    assert result.stdout.splitlines() == [
        f"Wrote the student release to {tmp_path / 'out'}.",
        "Next: push it as a template repository for the students, and grade a "
        f"copy with `python -m grader grade DIR --tests-from {tmp_path / 'out'}`.",
    ]


def test_the_release_command_gives_the_grade_command_whole_in_japanese(tmp_path):
    out = tmp_path / "out"

    result = teacher("release", str(out), "--root", str(ROOT), "--lang", "ja", cwd=ROOT)

    assert result.returncode == 0, result.stderr
    commands = re.findall(r"`([^`]*)`", result.stdout.splitlines()[-1])
    assert commands, result.stdout
    assert commands[0].split() == [
        *"python -m grader grade DIR --tests-from".split(),
        str(out),
        *"--lang ja".split(),
    ]


def test_the_release_command_refuses_a_folder_with_files_as_a_usage_error(
    tmp_path,
):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")

    result = teacher("release", str(tmp_path / "out"), "--root", str(ROOT), cwd=ROOT)

    assert result.returncode == 2
    assert result.stderr == (
        f"error: {tmp_path / 'out'} already exists and is not empty: choose a new one\n"
    )


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    """A copy of this project, for commands that might write into it."""
    copy = tmp_path_factory.mktemp("project") / "kata"
    ignore = shutil.ignore_patterns(".git", ".kata", "__pycache__", ".venv")
    shutil.copytree(ROOT, copy, ignore=ignore)
    return copy


@pytest.mark.parametrize(
    "command", [["release", "exercises/rel"], ["gradescope", "exercises/x.zip"]]
)
def test_a_teacher_command_writes_nothing_into_exercises(command, project_copy):
    before = sorted((project_copy / "exercises").rglob("*"))

    result = teacher(*command, cwd=project_copy)

    assert result.returncode == 2
    assert result.stderr == (
        f"error: {command[1]} is inside exercises/, the learner's work, which the "
        "grader writes into only when the learner resets an exercise. Choose "
        "another path.\n"
    )
    assert sorted((project_copy / "exercises").rglob("*")) == before


def workflow_steps(tree: Path) -> dict[str, str]:
    """The workflow's shell steps, by name."""
    text = (tree / WORKFLOW).read_text()
    found = re.findall(r"- name: (.+)\n\s+run: (.+(?:\n\s{10,}\S.*)*)", text)
    return {name: " ".join(command.split()) for name, command in found}


def run_step(command: str, tree: Path, summary: Path):
    """Run one step's command as GitHub Actions runs a bash step."""
    env = clean_environment(GITHUB_STEP_SUMMARY=str(summary))
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )


def test_the_workflow_grade_step_writes_the_summary_and_the_reports(
    release_tree, tmp_path
):
    """The Install step is `pip install -e .`, as in this project's own CI;
    here the packages are installed already, and installing the copy would
    change this environment, so only the Grade step is run."""
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    steps = workflow_steps(tree)
    summary = tmp_path / "summary.md"

    result = run_step(steps["Grade"], tree, summary)

    assert result.returncode == 0, result.stderr
    assert set(steps) == {"Install", "Grade"}
    report = read_json(tree / "reports" / "grade.json")
    assert report["score"] == 10
    check_junit_report((tree / "reports" / "junit.xml").read_text())
    assert "one_hot" in summary.read_text()
    assert "path: reports/" in (tree / WORKFLOW).read_text()


def test_the_workflow_fails_when_the_tests_were_tampered_with(release_tree, tmp_path):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "tests" / "test_dot.py").write_text("def test_dot():\n    pass\n")

    result = run_step(workflow_steps(tree)["Grade"], tree, tmp_path / "summary.md")

    assert result.returncode != 0
    assert "tests/test_dot.py" in result.stderr


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    """Gradescope's folders, laid out as its image has them, with the
    bundle unpacked into source/."""
    base = tmp_path_factory.mktemp("autograder")
    bundle = gradescope_bundle(ROOT, base / "bundle.zip")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(base / "source")
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
    assert modes["run_autograder"] & stat.S_IXUSR
    shutil.copy(base / "source" / "run_autograder", base / "run_autograder")
    return base


def run_autograder(base: Path, sources: dict[str, str], folder="exercises"):
    """Submit `sources` (name -> text) as Gradescope would, in `folder` of
    the submission, and run the autograder; the completed process and the
    results, if any."""
    submitted = base / "submission"
    shutil.rmtree(submitted, ignore_errors=True)
    shutil.rmtree(base / "results", ignore_errors=True)
    (submitted / folder).mkdir(parents=True)
    for name, text in sources.items():
        (submitted / folder / f"{name}.py").write_text(text)
    env = clean_environment(KATA_AUTOGRADER_ROOT=str(base))
    env.pop("PYTHONPATH")  # the bundle's own grader, as on Gradescope
    result = subprocess.run(
        ["bash", str(base / "run_autograder")],
        env=env,
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )
    results = base / "results" / "results.json"
    return result, (read_json(results) if results.is_file() else None)


def test_the_bundle_has_the_setup_script_and_no_model_answers(autograder):
    source = autograder / "source"

    assert (source / "setup.sh").is_file()
    assert not (source / "solutions").exists()
    assert not manifest.verify(source)
    check = subprocess.run(["bash", "-n", str(source / "setup.sh")], check=False)
    assert check.returncode == 0


def test_the_autograder_writes_gradescope_results(autograder):
    stubs = {name: stub(name) for name in NAMES}

    result, results = run_autograder(autograder, {**stubs, **SOLVED})

    assert result.returncode == 0, result.stderr
    check_gradescope_report(results, 100)
    assert results["score"] == 10


def test_the_autograder_reports_a_submission_without_exercises(autograder):
    result, results = run_autograder(autograder, {})

    assert result.returncode == 0, result.stderr
    assert results["score"] == 0
    # Every test says its module is missing, not that it could not be read.
    said = [test["output"] for test in results["tests"]]
    assert said and all("PermissionError" not in output for output in said)
    assert any("exercises/dot.py is missing" in output for output in said)
    # The student reads these on Gradescope: no command of the grader there.
    assert not any("python -m grader" in output for output in said)


def test_an_empty_submission_is_told_it_may_be_just_the_exercise_files(autograder):
    result, results = run_autograder(autograder, {}, folder="")

    assert result.returncode == 0, result.stderr
    assert results["score"] == 0
    assert results["output"] == (
        "The submission could not be graded: no exercises/ folder found "
        "(a submission may be just the exercise files)"
    )


def test_a_submission_of_the_exercise_files_alone_is_graded(autograder):
    result, results = run_autograder(autograder, SOLVED, folder="")

    assert result.returncode == 0, result.stderr
    assert results["score"] == 10


@pytest.mark.parametrize(
    "where, why",
    [("folder", "Is a directory"), ("/proc/x.zip", "No such file or directory")],
)
def test_a_bundle_that_cannot_be_written_is_an_error_not_a_traceback(
    where, why, tmp_path
):
    (tmp_path / "folder").mkdir()

    result = teacher("gradescope", where, "--root", str(ROOT), cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr == (
        f"error: could not write the Gradescope autograder bundle to {where}: {why}\n"
    )


def test_a_bundle_that_fails_half_way_leaves_the_one_before(tmp_path, monkeypatch):
    from grader import release, tools

    out = tmp_path / "autograder.zip"
    out.write_bytes(b"the bundle uploaded last week")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(release, "_add", full_disk)
    code = tools.main(["gradescope", str(out), "--root", str(ROOT)])

    assert code == 2
    assert out.read_bytes() == b"the bundle uploaded last week"
    assert sorted(tmp_path.iterdir()) == [out]


def test_the_bundle_is_the_same_byte_for_byte_whenever_it_is_made(
    tmp_path, monkeypatch
):
    first = gradescope_bundle(ROOT, tmp_path / "first.zip")
    # A day later, by the clock zipfile dates what it writes with.
    later = time.time() + 24 * 60 * 60
    clock = SimpleNamespace(time=lambda: later, localtime=time.localtime)
    monkeypatch.setattr(zipfile, "time", clock)

    second = gradescope_bundle(ROOT, tmp_path / "second.zip")

    with zipfile.ZipFile(first) as archive:
        dates = {info.date_time for info in archive.infolist()}
    assert len(dates) == 1, dates
    assert first.read_bytes() == second.read_bytes()


def test_the_bundle_is_written_where_asked(tmp_path):
    out = tmp_path / "deep" / "autograder.zip"

    result = teacher("gradescope", str(out), "--root", str(ROOT), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
    assert {"setup.sh", "run_autograder", "tests/test_dot.py"} <= names
    assert not any(name.startswith("solutions/") for name in names)
    assert os.path.getsize(out) > 0
    assert "upload it as the assignment's autograder" in result.stdout

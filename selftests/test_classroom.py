"""Grading mode against a student who tries to raise the grade.

Each attack is made on a copy of a student release in which `one_hot` is
solved and everything else is a stub, and each is graded with
``python -m grader grade --tests-from RELEASE``. The grade must be what
the untouched copy gets: the same status, points and tests passed for
every exercise the attack does not break. An attack that breaks its own
exercise (exiting, forking, importing what is not there) may turn that
exercise into an error, never into points.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from grader import classroom, i18n, tools
from grader.exercises import NAMES
from grader.manifest import Drift
from selftests.classroom_support import (
    exercise_grades,
    make_release,
    read_json,
    submission,
    teacher,
)
from selftests.grader_support import clean_environment, solution, stub

SOLVED = {"one_hot": solution("one_hot")}
# Long enough for every stub's tests and the one solved exercise on a busy
# machine; short enough that an attack which hangs costs little.
TIMEOUT = "8"
# The attacks' fork loop stops here, so that it stays harmless where no
# process limit applies (Linux exempts root from RLIMIT_NPROC).
FORKS = 60


@pytest.fixture(scope="module")
def release_tree(tmp_path_factory):
    return make_release(tmp_path_factory.mktemp("release") / "kata")


@pytest.fixture(scope="module")
def baseline(release_tree, tmp_path_factory):
    """The grade of an untouched student copy."""
    folder = tmp_path_factory.mktemp("baseline")
    tree = submission(release_tree, folder / "student", SOLVED)
    return grade(tree, release_tree)


def grade(tree: Path, release_tree: Path | None, env: dict | None = None):
    """Grade `tree` in grading mode; (completed process, JSON report)."""
    report = tree.parent / "grade.json"
    report.unlink(missing_ok=True)
    args = ["grade", str(tree), "--timeout", TIMEOUT, "--json", str(report)]
    if release_tree is not None:
        args += ["--tests-from", str(release_tree)]
    result = teacher(*args, cwd=tree.parent, env=env)
    return result, (read_json(report) if report.is_file() else None)


def with_dot(code: str) -> str:
    """The dot stub with `code` added at the end."""
    return stub("dot") + "\n\n" + textwrap.dedent(code)


def assert_unchanged(report, baseline_report, broken=()):
    """Every exercise but those in `broken` is graded as in the baseline,
    and the score is the baseline's."""
    grades, before = exercise_grades(report), exercise_grades(baseline_report)
    for name in NAMES:
        if name in broken:
            assert grades[name][1] == 0, (name, grades[name])
            assert grades[name][0] in ("error", "failing", "not_started")
        else:
            assert grades[name] == before[name], name
    assert report["score"] == baseline_report["score"]


def test_an_untouched_copy_is_graded_with_its_solved_exercise(baseline):
    result, report = baseline

    assert result.returncode == 1, result.stderr
    assert report["score"] == 10
    assert exercise_grades(report)["one_hot"][0] == "done"
    assert report["integrity"]["drift"] == {"changed": [], "added": [], "deleted": []}


def test_grading_mode_names_the_report_it_wrote_not_its_private_copy(baseline):
    result, _report = baseline
    last = result.stdout.splitlines()[-1]
    said = Path(last.removeprefix("Report written: "))

    assert said.name == "grade.json" and said.is_file(), last
    # The grading process's own line, naming the private folder, is not
    # passed on: one line names the reports, the teacher's.
    assert result.stdout.count("written: ") == 1


def test_a_module_missing_from_the_submission_is_said_to_be_missing(
    release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "exercises" / "sgd.py").unlink()

    result, report = grade(tree, release_tree)

    assert result.returncode == 1, result.stderr
    sgd = next(e for e in report["exercises"] if e["name"] == "sgd")
    assert sgd["message"].startswith(
        "exercises/sgd.py is missing: was it moved or deleted?"
    ), sgd["message"]


def test_a_submission_graded_for_someone_else_is_named_without_learner_advice(
    release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "exercises" / "dot.py").unlink()
    ja = ["--lang", "ja"]

    for extra, heading, missing in (
        ([], f"nn-kata: grading {tree}", "dot.py is missing: was it moved or deleted?"),
        (ja, f"nn-kata: {tree} を採点", "移動したり削除したりしていませんか？"),
    ):
        result = teacher(
            "grade", str(tree), "--tests-from", str(release_tree), *extra, cwd=tmp_path
        )

        assert result.returncode == 1, result.stderr
        assert result.stdout.splitlines()[0] == heading
        assert missing in result.stdout
        # Run by the teacher, `reset` or `hint` would act on their project.
        assert "`python -m grader" not in result.stdout
        assert "Stuck?" not in result.stdout and "Next:" not in result.stdout


# What a grade says of a missing exercise file: to the learner at their own
# project, with the command that puts the stub back; in a report on someone
# else's submission, only that it is missing, in the language of the
# terminal (the machine reports keep to English).
MISSING_DOT = "exercises/dot.py is missing: was it moved or deleted?"
MISSING_DOT_JA = "exercises/dot.py がありません。移動したり削除したりしていませんか？"
RESET_DOT = f"{MISSING_DOT} `python -m grader reset dot` puts its stub back."
RESET_DOT_JA = "`python -m grader reset dot --lang ja` でスタブに戻せます。"
REPORT_OPTIONS = {"json": "grade.json", "gradescope": "results.json", "junit": "j.xml"}


def graded_with_reports(tree, release_tree, cwd, *args):
    """`grade *args --tests-from RELEASE` run in `cwd`, writing every
    machine report beside `tree`; (completed process, report texts by
    option)."""
    paths = {option: tree.parent / name for option, name in REPORT_OPTIONS.items()}
    options = [part for option, path in paths.items() for part in (f"--{option}", path)]
    result = teacher(
        "grade", *args, "--tests-from", str(release_tree), *map(str, options), cwd=cwd
    )
    return result, {option: path.read_text() for option, path in paths.items()}


def messages_of_dot(reports):
    """Every message the JSON and Gradescope reports give exercise dot."""
    dot = next(
        e for e in json.loads(reports["json"])["exercises"] if e["name"] == "dot"
    )
    gradescope = json.loads(reports["gradescope"])["tests"]
    return {
        dot["message"],
        *(test["message"] for test in dot["tests"]),
        *(test["output"] for test in gradescope if test["name"].startswith("1. dot:")),
    }


@pytest.mark.parametrize(
    ("language", "said"),
    [([], MISSING_DOT), (["--lang", "ja"], MISSING_DOT_JA)],
    ids=["en", "ja"],
)
def test_a_file_missing_from_someone_elses_submission_is_reported_without_reset(
    language, said, release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "exercises" / "dot.py").unlink()

    result, reports = graded_with_reports(
        tree, release_tree, tmp_path, str(tree), *language
    )

    assert result.returncode == 1, result.stderr
    # The sentence stands whole on its line, with nothing cut after it.
    assert said in result.stdout.splitlines(), result.stdout
    assert messages_of_dot(reports) == {MISSING_DOT}
    # Neither the teacher nor the student reading this can use `reset`.
    for text in [result.stdout, *reports.values()]:
        assert "reset" not in text and "スタブ" not in text


@pytest.mark.parametrize(
    ("language", "said"),
    [([], RESET_DOT), (["--lang", "ja"], RESET_DOT_JA)],
    ids=["en", "ja"],
)
@pytest.mark.parametrize("named", [[], ["."]])
def test_a_learner_grading_their_own_project_is_told_how_to_get_a_stub_back(
    named, language, said, release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "exercises" / "dot.py").unlink()

    result, reports = graded_with_reports(tree, release_tree, tree, *named, *language)

    assert result.returncode == 1, result.stderr
    assert said in result.stdout
    assert messages_of_dot(reports) == {RESET_DOT}


def test_a_learner_working_on_their_project_is_told_how_to_get_a_stub_back(
    release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "exercises" / "dot.py").unlink()
    report = tmp_path / "own.json"

    overview = teacher("--json", str(report), cwd=tree)
    check = teacher("check", "dot", cwd=tree)

    assert RESET_DOT in overview.stdout and RESET_DOT in check.stdout
    dot = next(e for e in read_json(report)["exercises"] if e["name"] == "dot")
    assert {dot["message"], *(test["message"] for test in dot["tests"])} == {RESET_DOT}


@pytest.mark.parametrize("named", [[], ["."]])
def test_a_learner_grading_their_own_project_is_told_what_to_do(
    named, release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "exercises" / "dot.py").unlink()

    result = teacher("grade", *named, "--tests-from", str(release_tree), cwd=tree)

    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == "nn-kata: grading exercises/"
    assert "`python -m grader reset dot` puts its stub back." in result.stdout
    # No hint for a file that is missing: reset is what to do.
    assert "python -m grader hint dot" not in result.stdout


# Attacks on the tests themselves: the submission carries its own tests,
# which grading mode must not use.


def edit_a_test(tree: Path, scratch: Path) -> dict:
    (tree / "tests" / "test_dot.py").write_text("def test_dot():\n    pass\n")
    return {}


def delete_a_test(tree: Path, scratch: Path) -> dict:
    (tree / "tests" / "test_dot.py").unlink()
    return {}


PASS_EVERYTHING = """\
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
    report.longrepr = None
"""


def add_conftest_hooks(tree: Path, scratch: Path) -> dict:
    for folder in (tree, tree / "tests", tree / "exercises"):
        (folder / "conftest.py").write_text(PASS_EVERYTHING)
    (tree / "sitecustomize.py").write_text("import os\nos._exit(0)\n")
    (tree / "exercises" / "kata.pth").write_text("import os; os._exit(0)\n")
    return {}


def install_an_autoloaded_plugin(tree: Path, scratch: Path) -> dict:
    """A pytest plugin that passes every test, installed where Python finds
    it and announced in every way pytest looks for plugins."""
    site = scratch / "site"
    (site / "evil_kata_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "evil_kata_plugin.py").write_text(PASS_EVERYTHING)
    info = site / "evil_kata_plugin-1.0.dist-info"
    (info / "METADATA").write_text("Name: evil-kata-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pytest11]\nevil = evil_kata_plugin\n")
    env = clean_environment()
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(site)])
    env["PYTEST_PLUGINS"] = "evil_kata_plugin"
    env["PYTEST_ADDOPTS"] = "-p evil_kata_plugin"
    return env


@pytest.mark.parametrize(
    "attack",
    [edit_a_test, delete_a_test, add_conftest_hooks, install_an_autoloaded_plugin],
    ids=lambda attack: attack.__name__,
)
def test_attacks_on_the_tests_leave_the_grade_unchanged(
    attack, release_tree, baseline, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    env = attack(tree, tmp_path)

    result, report = grade(tree, release_tree, env or None)

    assert report is not None, result.stderr
    assert_unchanged(report, baseline[1])
    assert result.returncode == baseline[0].returncode


def test_an_edited_test_is_named_as_changed(release_tree, tmp_path):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    edit_a_test(tree, tmp_path)
    (tree / "tests" / "test_extra.py").write_text("def test_free():\n    pass\n")

    result, report = grade(tree, release_tree)

    assert report["integrity"]["drift"] == {
        "changed": ["tests/test_dot.py"],
        "added": ["tests/test_extra.py"],
        "deleted": [],
    }
    assert "tests/test_dot.py: changed" in result.stderr


@pytest.mark.parametrize("attack", [edit_a_test, delete_a_test, add_conftest_hooks])
def test_without_a_pristine_copy_tampered_tests_give_no_grade(
    attack, release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    attack(tree, tmp_path)

    result, report = grade(tree, None)

    assert result.returncode == 2
    # No grade: the report says so, as batch's says of a submission it
    # cannot grade.
    assert report["status"] == "error" and report["score"] == 0
    assert report["exercises"] == [] and "differ from the release" in report["error"]
    assert "differ from the release" in result.stderr
    assert "--tests-from" in result.stderr


def test_a_student_who_changed_the_tests_is_told_to_restore_them(
    release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    edit_a_test(tree, tmp_path)

    result = teacher("grade", cwd=tree)

    assert result.returncode == 2
    # Said as every error is, after "error: " in lower case.
    assert result.stderr.startswith("error: The tests or the grader differ")
    assert "git checkout -- tests/test_dot.py" in result.stderr
    # A teacher's option, for the copy of the tests only a teacher has.
    assert "--tests-from" not in result.stderr


@pytest.mark.parametrize("changed", [False, True], ids=["added", "added-changed"])
def test_a_student_who_added_a_test_file_is_told_to_remove_it(
    changed, release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "tests" / "test_extra.py").write_text("")
    if changed:
        edit_a_test(tree, tmp_path)

    result = teacher("grade", cwd=tree)

    assert result.returncode == 2
    assert "added:   tests/test_extra.py" in result.stderr
    # git checkout leaves an added file where it is.
    assert "rm tests/test_extra.py" in result.stderr
    assert ("git checkout -- tests/test_dot.py" in result.stderr) == changed
    assert "git checkout -- tests grader" not in result.stderr
    assert result.stderr.rstrip().endswith("and grade again.")


@pytest.mark.parametrize(
    "language, said",
    [
        ("en", "error: No grade was produced.\nGrading took longer than 5 s."),
        ("ja", "エラー: 採点結果が得られませんでした。\n採点に 5 秒より"),
    ],
    ids=["en", "ja"],
)
def test_a_grading_process_that_gives_no_grade_is_told_as_an_error(
    language, said, release_tree, monkeypatch, capsys
):
    # The grading process stopped at its time limit, before any report.
    stopped = (124, "", "\nGrading took longer than 5 s.")
    monkeypatch.setattr(classroom, "_run", lambda *args, **kwargs: stopped)

    with i18n.speaking(language):
        code = tools.main(["grade", str(release_tree)])

    assert code == 2
    assert capsys.readouterr().err.startswith(said)


@pytest.mark.parametrize("own", [True, False])
def test_the_tests_that_differ_are_told_in_sentences_both_languages_know(own):
    text = classroom.differ(Drift(changed=("tests/test_dot.py",)), own=own)
    japanese = i18n.catalogue(i18n.JAPANESE).failure(text)

    sentences = [line for line in text.splitlines() if not line.startswith(" ")]
    assert [line for line in sentences if not line[0].isupper()] == []
    assert re.findall(r"Restore|grade again|differ|holding", japanese) == []


@pytest.mark.parametrize("kind", ["empty folder", "bare repository"])
def test_a_submission_with_nothing_to_grade_is_refused_without_a_table(
    kind, release_tree, tmp_path
):
    folder = tmp_path / "carol.git"
    folder.mkdir()
    if kind == "bare repository":
        subprocess.run(["git", "init", "-q", "--bare", str(folder)], check=True)
    results = tmp_path / "results.json"

    result = teacher(
        "grade",
        str(folder),
        "--tests-from",
        str(release_tree),
        "--gradescope",
        str(results),
        cwd=tmp_path,
    )

    assert result.returncode == 2
    assert result.stdout == f"Report written: {results}\n"
    reason = "no exercises/ folder found" if kind == "empty folder" else "no commit"
    assert result.stderr.startswith(f"error: {folder} cannot be graded: ")
    assert reason in result.stderr
    assert "is missing" not in result.stderr
    assert read_json(results)["score"] == 0
    assert reason in read_json(results)["output"]


@pytest.mark.parametrize("option", ["--tests-from", ""])
def test_a_folder_that_does_not_exist_is_said_not_to_exist(
    option, release_tree, tmp_path
):
    missing = tmp_path / "nowhere"
    given = [option, str(missing), str(release_tree)] if option else [str(missing)]

    result = teacher("grade", *given, cwd=release_tree)

    assert result.returncode == 2
    assert result.stderr == f"error: the folder {missing} does not exist\n"


@pytest.mark.parametrize("tests_from", [True, False], ids=["release", "own"])
def test_a_submission_with_nothing_to_grade_gets_error_reports_as_batch_writes(
    tests_from, release_tree, tmp_path
):
    folder = tmp_path / "carol"
    folder.mkdir()
    report, junit = tmp_path / "grade.json", tmp_path / "junit.xml"
    given = ["--tests-from", str(release_tree)] if tests_from else []

    result = teacher(
        "grade",
        str(folder),
        *given,
        "--json",
        str(report),
        "--junit",
        str(junit),
        cwd=release_tree,
    )

    assert result.returncode == 2
    written = read_json(report)
    assert written["status"] == "error" and written["score"] == 0
    assert "no exercises/ folder found" in written["error"]
    assert written["max_score"] == 100 and written["exercises"] == []
    assert "schema_version" in written
    assert '<error message="no exercises/ folder found' in junit.read_text()


@pytest.mark.parametrize("option", ["--json", "--gradescope"])
def test_a_report_grading_mode_cannot_write_is_an_error_as_for_the_learner(
    option, release_tree, tmp_path
):
    work = submission(release_tree, tmp_path / "bob", SOLVED)
    (tmp_path / "gs").mkdir()
    junit = tmp_path / "junit.xml"

    result = teacher(
        "grade",
        str(work),
        "--tests-from",
        str(release_tree),
        "--timeout",
        TIMEOUT,
        option,
        "gs",
        "--junit",
        str(junit),
        cwd=tmp_path,
    )

    assert result.returncode == 2
    label = "JSON report" if option == "--json" else "Gradescope report"
    assert f"error: could not write the {label} to gs: Is a directory\n" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    # The others are written all the same, and only they are said to be.
    assert result.stdout.splitlines()[-1] == f"Report written: {junit}"
    assert "one_hot" in junit.read_text()


def test_a_bare_repository_is_graded_from_its_last_commit(release_tree, tmp_path):
    work = submission(release_tree, tmp_path / "work", SOLVED)
    git = ["git", "-c", "user.name=S", "-c", "user.email=s@example.org"]
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    subprocess.run([*git, "-C", str(work), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-qm", "work"], check=True)
    bare = tmp_path / "carol.git"
    subprocess.run([*git, "clone", "-q", "--bare", str(work), str(bare)], check=True)

    result, report = grade(bare, release_tree)

    assert result.returncode == 1, result.stderr
    assert report["score"] == 10


def test_a_tree_without_a_manifest_is_told_in_a_sentence(tmp_path):
    (tmp_path / "exercises").mkdir()

    with pytest.raises(classroom.GradingError) as refused:
        classroom.grade(tmp_path)

    assert str(refused.value).startswith("Cannot check the tests: ")


def test_a_student_whose_copy_lost_its_manifest_is_told_to_restore_it(
    release_tree, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)
    (tree / "grader" / "MANIFEST.json").unlink()

    result = teacher("grade", cwd=tree)

    assert result.returncode == 2
    assert "git checkout -- grader/MANIFEST.json" in result.stderr
    assert "--tests-from" not in result.stderr
    assert "release OUT" not in result.stderr


def test_grading_mode_records_an_exercise_not_started_without_advice(baseline):
    _, report = baseline

    dot = next(e for e in report["exercises"] if e["name"] == "dot")
    assert dot["status"] == "not_started"
    assert {test["message"] for test in dot["tests"]} == {
        "Not started yet: exercise 1 (dot): dot is not written yet."
    }


def test_without_a_pristine_copy_an_untouched_copy_is_graded(
    release_tree, baseline, tmp_path
):
    tree = submission(release_tree, tmp_path / "student", SOLVED)

    result, report = grade(tree, None)

    assert report is not None, result.stderr
    assert_unchanged(report, baseline[1])


# Attacks from the learner's code: it runs, but cannot change the grade.

FAKE_REPORT = """\
import json, sys
from pathlib import Path

fake = {"score": 100, "max_score": 100, "all_done": True, "exercises": [],
        "tests": [{"name": "all", "score": 100, "max_score": 100}]}
for i, arg in enumerate(sys.argv[:-1]):
    if arg in ("--json", "--gradescope", "--junit"):
        Path(sys.argv[i + 1]).write_text(json.dumps(fake))
for name in ("grade.json", "results.json", "reports/grade.json"):
    for folder in (Path.cwd(), Path.cwd().parent):
        try:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(json.dumps(fake))
        except OSError:
            pass
print("score 100/100: all 10 exercises done")
"""

EXIT_AT_IMPORT = """\
import os
os._exit(0)
"""

EXIT_IN_FUNCTION = """\
import sys


def dot(a, b):
    sys.exit(0)
"""

PATCH_NUMPY_CHECKS = """\
import numpy as np


def _agree(*args, **kwargs):
    return True


np.allclose = np.array_equal = np.isclose = _agree
np.testing.assert_allclose = np.testing.assert_array_equal = lambda *a, **k: None


def dot(a, b):
    return np.zeros((np.shape(a)[0], np.shape(b)[-1]))
"""

PATCH_PYTEST = """\
import sys

for name, module in list(sys.modules.items()):
    if name.startswith(("pytest", "_pytest", "tests", "hypothesis")):
        for attribute in ("fail", "raises", "approx", "KataFailure", "expect_close"):
            try:
                setattr(module, attribute, lambda *a, **k: None)
            except Exception:
                pass


def dot(a, b):
    return None
"""

ALWAYS_EQUAL = """\
class Anything:
    shape = property(lambda self: (2, 2))
    dtype = property(lambda self: __import__("numpy").dtype("float64"))
    ndim = 2

    def __eq__(self, other):
        return True

    def __array__(self, *args, **kwargs):
        import numpy
        return numpy.zeros((2, 2))

    def __getattr__(self, name):
        return lambda *a, **k: self


def dot(a, b):
    return Anything()
"""

FLOAT_SUBCLASS = """\
import numpy as np


class Close(float):
    def __eq__(self, other):
        return True

    __le__ = __ge__ = __lt__ = __gt__ = __eq__

    def __sub__(self, other):
        return Close(0.0)

    __rsub__ = __sub__

    def __abs__(self):
        return Close(0.0)


class Agreeable(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(self), dtype=bool)

    def __sub__(self, other):
        return np.zeros(np.shape(self)).view(Agreeable)

    __rsub__ = __sub__


def dot(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim == 1 and b.ndim == 1:
        return Close(0.0)
    rows = a.shape[0] if a.ndim == 2 else 1
    return np.zeros((rows, b.shape[-1])).view(Agreeable)
"""

KILL_THE_GRADER = """\
import os
import signal

for pid in (os.getppid(), os.getpgrp(), 1):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
"""

FORGE_RESULTS = """\
import json
import os
import sys


def _names():
    \"\"\"The names of the tests being run, from the frames of whoever
    called this function.\"\"\"
    frame = sys._getframe()
    while frame is not None:
        items = frame.f_locals.get("items")
        if isinstance(items, list) and items and hasattr(items[0], "name"):
            return [item.name for item in items]
        frame = frame.f_back
    return ["test_dot_gives_the_docstring_example"]


def dot(a, b):
    lines = [{"test": {"name": name, "passed": True, "kind": "", "message": "",
                       "output": "", "duration": 0.001}} for name in _names()]
    lines.append({"test": {"name": "x", "passed": 1000}})
    lines.append({"test": "[" * 100000})
    data = "\\n" + "\\n".join(map(json.dumps, lines)) + "\\n"
    for fd in range(3, 1024):
        try:
            os.write(fd, data.encode())
        except OSError:
            pass
    raise NotImplementedError
"""

READ_SOLUTIONS = """\
from pathlib import Path

try:
    from solutions.dot import dot
except ImportError:
    exec((Path(__file__).parent.parent / "solutions" / "dot.py").read_text())
"""


@pytest.mark.parametrize(
    "code",
    [FAKE_REPORT, EXIT_AT_IMPORT, EXIT_IN_FUNCTION, READ_SOLUTIONS,
     PATCH_NUMPY_CHECKS, PATCH_PYTEST, ALWAYS_EQUAL, FLOAT_SUBCLASS,
     KILL_THE_GRADER, FORGE_RESULTS],
    ids=["writes_a_fake_report", "exits_at_import", "exits_in_a_function",
         "reads_the_solutions", "patches_numpys_checks", "patches_pytest",
         "returns_an_always_equal_object", "returns_a_float_subclass",
         "kills_the_grader", "forges_the_results_of_the_tests"],
)  # fmt: skip
def test_learner_code_that_cheats_earns_nothing(code, release_tree, baseline, tmp_path):
    sources = {**SOLVED, "dot": with_dot(code)}
    tree = submission(release_tree, tmp_path / "student", sources)
    # The student has the model answers beside their work: grading mode
    # must not let the exercises reach them.
    (tree / "solutions").mkdir()
    (tree / "solutions" / "__init__.py").write_text("")
    (tree / "solutions" / "dot.py").write_text(solution("dot"))

    result, report = grade(tree, release_tree)

    assert report is not None, result.stderr
    assert_unchanged(report, baseline[1], broken={"dot"})
    assert "100/100" not in result.stdout


def test_a_fork_bomb_is_stopped_and_leaves_nothing_running(
    release_tree, baseline, tmp_path, pid_folder
):
    pids = pid_folder
    bomb = f"""\
    import os, time


    def dot(a, b):
        open(os.path.join({str(pids)!r}, "tried"), "w").close()
        for _ in range({FORKS}):
            try:
                child = os.fork()
            except OSError:
                break  # the process limit
            if child == 0:
                open(os.path.join({str(pids)!r}, str(os.getpid())), "w").close()
                time.sleep(120)
                os._exit(0)
        while True:
            time.sleep(1)
    """
    report = _graded_with_dot(bomb, release_tree, baseline, tmp_path)

    assert exercise_grades(report)["dot"][0] == "error"
    assert (pids / "tried").exists(), "the attack did not run"
    forked = [int(path.name) for path in pids.iterdir() if path.name != "tried"]
    assert not forked, "the process limit let the learner's code fork"


def test_a_process_that_leaves_its_group_ends_with_the_grade(
    release_tree, baseline, tmp_path, pid_folder
):
    pids = pid_folder
    escape = f"""\
    import os, time

    os.setsid()  # out of the process group the grader kills
    open(os.path.join({str(pids)!r}, str(os.getpid())), "w").close()


    def dot(a, b):
        while True:
            time.sleep(1)
    """
    _graded_with_dot(escape, release_tree, baseline, tmp_path)

    escaped = [int(path.name) for path in pids.iterdir()]
    assert escaped, "the attack did not run"
    assert not [pid for pid in escaped if _alive(pid)]


@pytest.fixture
def pid_folder():
    """A folder the learner's code records its processes in. The learner's
    process may run as a user of its own: the folder is open to everyone,
    in a folder everyone may enter (a test's own tmp_path is not)."""
    pids = Path(tempfile.mkdtemp(prefix="kata-pids-"))
    pids.chmod(0o777)
    yield pids
    shutil.rmtree(pids, ignore_errors=True)


def _graded_with_dot(code, release_tree, baseline, tmp_path) -> dict:
    """The report of a submission whose dot is `code`, checked to be the
    baseline's for every other exercise."""
    sources = {**SOLVED, "dot": with_dot(code)}
    tree = submission(release_tree, tmp_path / "student", sources)
    result, report = grade(tree, release_tree)
    assert report is not None, result.stderr
    assert_unchanged(report, baseline[1], broken={"dot"})
    return report


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, killed and not yet reaped, does not)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.1)
    return True


def test_the_json_report_says_what_grading_mode_checked(baseline):
    _, report = baseline

    integrity = report["integrity"]
    assert integrity["mode"] == "grading"
    assert set(integrity) == {"mode", "tests_from", "drift", "left_out"}
    json.dumps(report)

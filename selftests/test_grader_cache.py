"""The kept grade: fingerprints of what a run depends on, the file that
keeps the runs, and `list` taking them, end to end."""

import json
import math
import os
import subprocess
import sys
import time

import pytest

from grader.cache import (
    STATE_FILE,
    durations,
    fingerprints,
    last_runs,
    recall,
    remember,
)
from grader.exercises import NAMES
from grader.prestart import needs_tests
from grader.results import ExerciseRun, TestResult
from selftests.grader_support import (
    GRADER_TIMEOUT,
    build_tree,
    clean_environment,
    kata,
    snapshot,
    solution,
)

LIMITS = (30.0, 2048)
WRONG_SGD = (
    "def sgd_update(params, grads, lr):\n"
    "    for key in params:\n"
    "        params[key] = params[key] - lr * grads[key]\n"
)
RUN = ExerciseRun(
    "dot",
    [TestResult("test_a", True), TestResult("test_b", False, "failure", "wrong")],
    "",
    0.5,
)


@pytest.fixture
def tree(tmp_path):
    return build_tree(tmp_path / "kata")


def prints(tree, target="exercises", limits=LIMITS):
    return fingerprints(tree, target, NAMES, limits)


def edit(path, line="# edited"):
    """Add a line to the file at `path`, making it if need be."""
    text = path.read_text() if path.exists() else ""
    path.write_text(text + f"\n{line}\n")


def test_the_same_files_give_the_same_fingerprints(tree):
    assert prints(tree) == prints(tree)
    assert len(set(prints(tree).values())) == len(NAMES)


def test_editing_an_exercise_changes_its_fingerprint_alone(tree):
    before = prints(tree)
    edit(tree / "exercises" / "softmax.py")
    after = prints(tree)

    # forward imports softmax, backprop names it, train imports forward:
    # their tests put trusted copies in place of each of those imports.
    changed = {name for name in NAMES if before[name] != after[name]}
    assert changed == {"softmax"}


def test_a_run_of_train_stopped_at_its_time_limit_outlives_an_edit_of_softmax(
    tree, tmp_path
):
    endless = ExerciseRun("train", duration=30.1, timed_out=True)
    remember(tmp_path, "exercises", {"train": (prints(tree)["train"], endless)}, LIMITS)
    (tree / "exercises" / "softmax.py").write_text(solution("softmax"))

    shown = recall(tmp_path, "exercises", prints(tree), timed_out=True)
    assert shown == {"train": endless}


def test_an_edit_that_keeps_the_size_and_the_time_still_counts(tree):
    path = tree / "exercises" / "dot.py"
    before = prints(tree)["dot"]
    stat = path.stat()
    text = path.read_text()
    path.write_text(text.replace("a", "b", 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    assert path.stat().st_size == stat.st_size
    assert prints(tree)["dot"] != before


@pytest.mark.parametrize(
    "where",
    [
        "tests/test_sgd.py",
        "tests/harness.py",
        "conftest.py",
        "pyproject.toml",
        "data/iris.csv",
        "exercises/__init__.py",
        "exercises/helpers.py",
    ],
)
def test_editing_what_every_exercise_shares_changes_every_fingerprint(tree, where):
    before = prints(tree)
    edit(tree / where)
    after = prints(tree)

    assert [name for name in NAMES if before[name] == after[name]] == []


def test_the_target_and_the_limits_are_part_of_the_fingerprint(tree):
    dot = prints(tree)["dot"]

    assert prints(tree, target="solutions")["dot"] != dot
    assert prints(tree, limits=(6.0, 2048))["dot"] != dot
    assert prints(tree, limits=(30.0, 600))["dot"] != dot


def test_compiled_bytecode_is_not_part_of_the_fingerprint(tree):
    before = prints(tree)
    (tree / "exercises" / "__pycache__").mkdir()
    (tree / "exercises" / "__pycache__" / "dot.cpython-311.pyc").write_bytes(b"\0")

    assert prints(tree) == before


def test_a_kept_run_comes_back_only_under_its_fingerprint_and_target(tmp_path):
    remember(tmp_path, "exercises", {"dot": ("key-1", RUN)}, LIMITS)

    assert recall(tmp_path, "exercises", {"dot": "key-1"}) == {"dot": RUN}
    assert recall(tmp_path, "exercises", {"dot": "key-2"}) == {}
    assert recall(tmp_path, "solutions", {"dot": "key-1"}) == {}


def test_keeping_one_exercise_keeps_the_others(tmp_path):
    sigmoid = ExerciseRun("sigmoid", [TestResult("test_s", True)])
    remember(tmp_path, "exercises", {"dot": ("key-1", RUN)}, LIMITS)
    remember(tmp_path, "exercises", {"sigmoid": ("key-2", sigmoid)}, LIMITS)

    kept = recall(tmp_path, "exercises", {"dot": "key-1", "sigmoid": "key-2"})
    assert kept == {"dot": RUN, "sigmoid": sigmoid}


def test_a_kept_run_stopped_at_its_time_limit_counts_as_endless(tmp_path):
    quick = ExerciseRun("sigmoid", [TestResult("test_s", True)], duration=0.2)
    endless = ExerciseRun("sgd", duration=30.1, timed_out=True, stopped_at_limit=True)
    runs = {"sigmoid": ("key-1", quick), "sgd": ("key-2", endless)}
    remember(tmp_path, "exercises", runs, LIMITS)

    assert durations(tmp_path, "exercises") == {"sigmoid": 0.2, "sgd": math.inf}


@pytest.mark.parametrize(
    ("tests", "error"),
    [
        ([TestResult("test_a", False, "timeout", "still running")], ""),
        ([TestResult("test_a", False, "crash", "segmentation fault")], ""),
        ([TestResult("test_a", True), TestResult("test_b", False, "not_run")], ""),
        ([], "the tests could not be loaded"),
    ],
    ids=["timeout", "crash", "not-run", "run-error"],
)
def test_a_run_cut_short_is_not_kept_and_forgets_the_one_before(tmp_path, tests, error):
    remember(tmp_path, "exercises", {"dot": ("key", RUN)}, LIMITS)
    remember(
        tmp_path,
        "exercises",
        {"dot": ("key", ExerciseRun("dot", tests, error))},
        LIMITS,
    )

    assert recall(tmp_path, "exercises", {"dot": "key"}) == {}


# Runs cut short at a limit: their time, and a flood of printed output (a
# print in a loop), which a slower machine may not reach in time.
TIMED_OUT = ExerciseRun(
    "dot",
    [TestResult("test_a", False, "timeout", "still running")],
    "dot.py was still running",
    3.0,
    timed_out=True,
)
FLOODED = ExerciseRun(
    "dot",
    [TestResult("test_a", False, "error", "printed more than 4 MB")],
    "dot.py printed more than 4 MB",
    2.0,
    stopped_at_limit=True,
)


@pytest.mark.parametrize("stopped", [TIMED_OUT, FLOODED], ids=["time", "output"])
def test_a_run_stopped_at_a_limit_is_kept_for_list_alone(tmp_path, stopped):
    remember(tmp_path, "exercises", {"dot": ("key", RUN)}, LIMITS)
    remember(tmp_path, "exercises", {"dot": ("key", stopped)}, LIMITS)

    assert recall(tmp_path, "exercises", {"dot": "key"}) == {}
    shown = recall(tmp_path, "exercises", {"dot": "key"}, timed_out=True)
    assert shown == {"dot": stopped}


def damaged(tmp_path, change):
    """A state file holding RUN, as `change` leaves its JSON data."""
    remember(tmp_path, "exercises", {"dot": ("key", RUN)}, LIMITS)
    path = tmp_path / STATE_FILE
    data = json.loads(path.read_text())
    path.write_text(change(data, data["runs"]["exercises/dot"]["run"]))


@pytest.mark.parametrize(
    "change",
    [
        lambda data, run: "",
        lambda data, run: "{not json",
        lambda data, run: "[]",
        lambda data, run: json.dumps({**data, "format": 0}),
        lambda data, run: json.dumps({**data, "runs": []}),
        lambda data, run: json.dumps({**data, "runs": {"exercises/dot": "run"}}),
        lambda data, run: json.dumps({**data, "runs": {"exercises/dot": {}}}),
        lambda data, run: json.dumps(data).replace('"passed": true', '"passed": 1'),
        lambda data, run: json.dumps(data).replace('"message": "wrong"', '"x": 1'),
        lambda data, run: json.dumps(data).replace('"name": "dot"', '"name": 7'),
        lambda data, run: json.dumps(data).replace('"name": "dot"', '"name": "sgd"'),
    ],
    ids=[
        "empty",
        "not-json",
        "a-list",
        "another-format",
        "runs-not-a-table",
        "entry-not-a-table",
        "entry-without-a-run",
        "passed-not-a-bool",
        "unknown-field",
        "name-not-text",
        "another-exercise",
    ],
)
def test_a_damaged_file_or_entry_is_ignored_and_replaced(tmp_path, change):
    damaged(tmp_path, change)

    assert recall(tmp_path, "exercises", {"dot": "key"}) == {}
    remember(tmp_path, "exercises", {"dot": ("key", RUN)}, LIMITS)
    assert recall(tmp_path, "exercises", {"dot": "key"}) == {"dot": RUN}


def pass_everything(tree, name):
    """Make the kept run of exercise `name` in `tree` a pass of every test,
    as no run of its stub could be."""
    path = tree / ".kata" / STATE_FILE
    data = json.loads(path.read_text())
    for test in data["runs"][f"exercises/{name}"]["run"]["tests"]:
        test.update(passed=True, kind="", message="")
    path.write_text(json.dumps(data))


def statuses(stdout):
    """The status of each exercise in the table `list` prints."""
    rows = [line.split() for line in stdout.splitlines()]
    return {row[1]: row[-1] for row in rows if len(row) > 2 and row[1] in NAMES}


def test_list_takes_the_kept_grade_until_the_exercise_changes(tree):
    before = snapshot(tree / "exercises")
    first = kata("--root", str(tree), cwd=tree)
    pass_everything(tree, "sigmoid")
    kept = kata("--root", str(tree), "list", cwd=tree)
    edit(tree / "exercises" / "sigmoid.py")
    after_edit = kata("--root", str(tree), "list", cwd=tree)

    assert first.returncode == 1
    assert statuses(kept.stdout)["sigmoid"] == "done"
    assert statuses(kept.stdout)["dot"] == "not_started"
    assert statuses(after_edit.stdout)["sigmoid"] == "not_started"
    assert snapshot(tree / "exercises") == {
        **before,
        "sigmoid.py": (tree / "exercises" / "sigmoid.py").read_bytes(),
    }


ENDLESS_SGD = "def sgd_update(params, grads, lr):\n    while True:\n        pass\n"
# Far less than the 30 s time limit, however busy the machine: `list`
# gives a changed exercise 3 s, and stops waiting altogether after 15 s.
LIST_QUICKLY = 20


def timed_list(tree):
    """`list` on `tree`, and the seconds it took."""
    started = time.monotonic()
    result = kata("--root", str(tree), "list", cwd=tree)
    return result, time.monotonic() - started


def test_list_shows_the_last_status_of_an_exercise_that_now_loops(tree):
    (tree / "exercises" / "sgd.py").write_text(WRONG_SGD)
    kata("--root", str(tree), "check", "sgd", cwd=tree)
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    first, seconds = timed_list(tree)
    again, _ = timed_list(tree)

    assert seconds < LIST_QUICKLY
    for result in (first, again):
        assert result.returncode == 0
        row = next(line for line in result.stdout.splitlines() if " sgd " in line)
        assert row.endswith("failing (changed since)")
        assert (
            "Changed since the status shown, and not graded again within 3 s: sgd."
            in result.stdout
        )
        assert "`python -m grader check sgd` grades one in full" in result.stdout
    assert statuses(first.stdout)["dot"] == "not_started"

    japanese = kata("--root", str(tree), "--lang", "ja", "list", cwd=tree)
    row = next(line for line in japanese.stdout.splitlines() if " sgd " in line)
    assert row.endswith("失敗あり (failing)(その後変更あり)")
    assert (
        "前回の採点の後に変更され、3 秒以内に採点し直せなかった演習: sgd"
        in japanese.stdout
    )


def test_list_says_an_exercise_that_loops_before_any_grade_is_not_graded(tree):
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    result, seconds = timed_list(tree)

    assert seconds < LIST_QUICKLY
    row = next(line for line in result.stdout.splitlines() if " sgd " in line)
    assert row.endswith("(not graded yet)")
    assert "Not graded within 3 s: sgd." in result.stdout
    assert statuses(result.stdout)["train"] == "not_started"


def test_list_keeps_its_whole_time_limit_for_a_limit_shorter_than_its_own(tree):
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    result = kata("--root", str(tree), "list", "--timeout", "2", cwd=tree)

    row = next(line for line in result.stdout.splitlines() if " sgd " in line)
    assert row.endswith("error (timed out)")
    assert "not graded" not in result.stdout.lower()


def test_list_shows_a_timeout_kept_from_the_last_grade_without_waiting_again(tree):
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    kata("--root", str(tree), "--timeout", "5", cwd=tree)
    started = time.monotonic()
    result = kata("--root", str(tree), "list", "--timeout", "5", cwd=tree)
    seconds = time.monotonic() - started
    japanese = kata(
        "--root", str(tree), "--lang", "ja", "list", "--timeout", "5", cwd=tree
    )

    assert seconds < 5
    row = next(line for line in result.stdout.splitlines() if " sgd " in line)
    assert row.endswith("error (timed out)")
    assert "not graded" not in result.stdout.lower()
    row = next(line for line in japanese.stdout.splitlines() if " sgd " in line)
    assert row.endswith("エラー (error)(時間切れ)")


def test_list_shows_a_check_of_the_same_code_made_with_other_limits(tree):
    (tree / "exercises" / "sgd.py").write_text(ENDLESS_SGD)
    kata("--root", str(tree), "check", "sgd", "--timeout", "4", cwd=tree)
    result, seconds = timed_list(tree)

    assert seconds < LIST_QUICKLY
    row = next(line for line in result.stdout.splitlines() if " sgd " in line)
    assert row.endswith("error (timed out)")
    assert "changed since" not in result.stdout.lower()


def test_the_last_run_is_found_whatever_its_fingerprint(tmp_path):
    remember(tmp_path, "exercises", {"dot": ("old key", RUN)}, LIMITS)

    assert last_runs(tmp_path, "exercises", ["dot", "sgd"]) == {"dot": RUN}
    assert last_runs(tmp_path, "solutions", ["dot"]) == {}


def test_a_grade_that_decides_anything_never_takes_the_kept_one(tree):
    kata("--root", str(tree), cwd=tree)
    pass_everything(tree, "dot")
    grade = kata("--root", str(tree), cwd=tree)
    pass_everything(tree, "dot")
    check = kata("--root", str(tree), "check", "dot", cwd=tree)
    pass_everything(tree, "dot")
    report = tree.parent / "list.json"
    listed = kata("--root", str(tree), "list", "--json", str(report), cwd=tree)

    assert "Next: exercise 1, dot" in grade.stdout
    assert check.returncode == 1 and "not_started" in check.stdout
    assert json.loads(report.read_text())["exercises"][0]["status"] == "not_started"
    assert statuses(listed.stdout)["dot"] == "not_started"


def test_list_ignores_a_damaged_file_and_writes_a_sound_one(tree):
    (tree / ".kata").mkdir()
    (tree / ".kata" / STATE_FILE).write_text("{damaged")
    result = kata("--root", str(tree), "list", cwd=tree)

    assert result.returncode == 0
    assert set(statuses(result.stdout).values()) == {"not_started"}
    assert result.stderr == ""
    assert json.loads((tree / ".kata" / STATE_FILE).read_text())["runs"]


def test_a_state_folder_that_cannot_be_written_costs_only_a_warning(tree):
    (tree / ".kata").write_text("a file where a folder should be")
    result = kata("--root", str(tree), "list", cwd=tree)

    assert result.returncode == 0
    assert set(statuses(result.stdout).values()) == {"not_started"}
    assert "warning: could not keep the grade" in result.stderr
    assert ".kata is a file, not a folder" in result.stderr


def test_an_exercises_fingerprint_does_not_depend_on_the_others_asked_for(tree):
    edit(tree / "exercises" / "softmax.py")
    every = prints(tree)

    for name in NAMES:
        assert fingerprints(tree, "exercises", [name], LIMITS) == {name: every[name]}
    assert fingerprints(tree, "exercises", ["dot", "train"], LIMITS) == {
        "dot": every["dot"],
        "train": every["train"],
    }


def test_list_takes_a_run_kept_by_check_and_runs_nothing(tree):
    (tree / "exercises" / "dot.py").write_text(solution("dot"))
    check = kata("--root", str(tree), "check", "dot", cwd=tree)
    kept = (tree / ".kata" / STATE_FILE).read_bytes()
    listed = [kata("--root", str(tree), "list", cwd=tree) for _ in range(2)]

    assert check.returncode == 0
    assert all(statuses(result.stdout)["dot"] == "done" for result in listed)
    # Running dot again would have kept its new run, with a new duration.
    after = json.loads((tree / ".kata" / STATE_FILE).read_text())["runs"]
    assert after["exercises/dot"] == json.loads(kept)["runs"]["exercises/dot"]


@pytest.mark.parametrize(
    ("argv", "needed"),
    [
        ([], True),
        (["check", "dot"], True),
        (["--lang", "ja", "list"], False),
        (["list", "--json", "out.json"], True),
        (["list", "--gradescope=results.json"], True),
        (["hint", "dot"], False),
        (["doc", "dot"], False),
        (["reset", "dot", "--yes"], False),
        (["watch"], True),
    ],
)
def test_only_commands_that_may_run_tests_start_a_session_first(argv, needed):
    assert needs_tests(argv) is needed


def test_list_after_a_grade_imports_none_of_the_test_libraries(tree):
    grade = kata("--root", str(tree), cwd=tree)
    listed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "grader", "--root", str(tree)]
        + ["list"],
        cwd=tree,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )
    imported = {line.rpartition("|")[2].strip() for line in listed.stderr.splitlines()}
    # Any module of theirs: a process that was importing them when it was
    # stopped has finished some of their submodules.
    theirs = {"numpy", "pytest", "_pytest", "hypothesis", "_hypothesis_globals"}

    assert grade.returncode == 1 and listed.returncode == 0
    assert "grader.cli" in imported
    assert not [name for name in imported if name.partition(".")[0] in theirs]


@pytest.mark.parametrize(("command", "started"), [("list", False), ("check", True)])
def test_list_forks_no_test_session_before_reading_its_arguments(command, started):
    code = (
        "from grader import prestart\n"
        f"prestart.begin([{command!r}, 'dot'])\n"
        "print(prestart.take() is not None)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )

    assert result.stdout.strip() == str(started), result.stderr


def test_an_exercise_reaches_the_modules_the_other_files_name_as_words():
    from grader.cache import _reached

    texts = {
        "train": "from .sgd import sgd_update\n",
        "sgd": "# see dot.py for the product\n",
        "dot": "",
        "softmax": "x_softmax2 = 1  # softmax_ is no name either",
        "forward": "from .softmax import softmax\n",
    }
    # An exercise's own imports get the trusted copies.
    assert _reached("train", texts, "") == {"train"}
    assert _reached("softmax", texts, "") == {"softmax"}
    # A file of the folder that is no exercise (__init__.py, run without the
    # trusted copies) counts for every exercise, with what it reaches.
    assert _reached("dot", texts, "import softmax") == {"dot", "softmax"}
    assert _reached("dot", texts, "from . import train, forward") == {
        "dot",
        "train",
        "sgd",
        "forward",
        "softmax",
    }
    assert _reached("dot", texts, "x_softmax2 = 1") == {"dot"}

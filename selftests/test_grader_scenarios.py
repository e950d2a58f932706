"""The grader end to end, on canned project trees.

Each scenario writes a project whose exercises are the stubs or the model
answers, with one exercise broken in one particular way, runs
``python -m grader`` on it, and checks the broken exercise's status and
reason. Every other exercise must be graded exactly as in a tree where
nothing is broken: the same JSON, test by test, apart from durations.
"""

import json
import re
from fractions import Fraction

import pytest

from grader.exercises import NAMES
from selftests.grader_support import (
    build_tree,
    check_gradescope_report,
    check_json_report,
    check_junit_report,
    clean_environment,
    ctrl_c_as_from_a_terminal,
    run_grader,
    snapshot,
    solution,
    stub,
    without_timing,
)

# Long enough for any stub's tests to finish on a busy machine (they take
# well under a second, stopping at the first call), short enough to keep
# the endless loop cheap.
SHORT_TIMEOUT = "6"
# Far below the default, so that a runaway allocation stops quickly, and
# far above what the grader and the tests need.
SMALL_MEMORY_MB = "600"


def with_function(name: str, code: str) -> str:
    """The stub of exercise `name` with `code` added at the end (a function
    defined there replaces the stub's)."""
    return stub(name) + "\n\n" + code


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The grade of a tree of untouched stubs, and the tree's exercises/
    before and after it."""
    tree = build_tree(tmp_path_factory.mktemp("pristine") / "kata")
    before = snapshot(tree / "exercises")
    # Python writes bytecode caches beside the modules it imports unless
    # told not to: the grader must tell it.
    env = clean_environment()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    outcome = run_grader(tree, env=env)
    return outcome, before, snapshot(tree / "exercises")


@pytest.fixture(scope="module")
def all_done(tmp_path_factory):
    """The grade of a tree whose exercises are the model answers."""
    sources = {name: solution(name) for name in NAMES}
    tree = build_tree(tmp_path_factory.mktemp("all_done") / "kata", sources)
    outcome = run_grader(tree, "--junit", str(tree.parent / "junit.xml"))
    return tree, outcome


def assert_others_unchanged(outcome, baseline, broken):
    """Every exercise but `broken` has exactly its baseline grade."""
    for name in NAMES:
        if name != broken:
            assert outcome.exercise(name) == baseline.exercise(name), name


def test_untouched_stubs_are_not_started_and_the_first_is_named(pristine):
    outcome, _, _ = pristine

    assert outcome.statuses() == dict.fromkeys(NAMES, "not_started")
    assert outcome.code == 1
    assert outcome.report["score"] == 0
    assert "0 of 10 done" in outcome.stdout
    assert "Next: exercise 1, dot" in outcome.stdout
    assert f"hint {NAMES[0]}" in outcome.stdout
    check_json_report(outcome.report)


def test_grading_leaves_the_learners_files_as_they_were(pristine):
    _, before, after = pristine

    assert after == before


def test_model_answers_are_all_done_with_full_marks(all_done):
    tree, outcome = all_done

    assert outcome.statuses() == dict.fromkeys(NAMES, "done")
    assert all(e["points"] == e["max_points"] for e in outcome.report["exercises"])
    assert outcome.code == 0
    assert "All 10 exercises done" in outcome.stdout
    check_json_report(outcome.report)
    check_junit_report((tree.parent / "junit.xml").read_text())


def test_a_partial_solution_fails_with_partial_credit_and_its_prints(tmp_path):
    partial = solution("sigmoid") + (
        "\n\ndef sigmoid_grad(x):\n"
        '    raise NotImplementedError("sigmoid_grad is not written yet")\n'
    )
    noisy = (
        "import numpy as np\n\n\n"
        "def dot(a, b):\n"
        '    print("NOISY-MARKER", np.shape(a))\n'
        "    return np.dot(np.asarray(a).T, b)\n"
    )
    tree = build_tree(tmp_path / "kata", {"sigmoid": partial, "dot": noisy})
    outcome = run_grader(tree)
    sigmoid = outcome.exercise("sigmoid")
    table, _, next_up = outcome.stdout.partition("Next:")

    assert sigmoid["status"] == "failing"
    assert 0 < sigmoid["passed"] < sigmoid["total"]
    exact = Fraction(10) * Fraction(sigmoid["passed"], sigmoid["total"])
    assert sigmoid["points"] == round(float(exact), 4)
    assert all(
        t["kind"] == "not_implemented" for t in sigmoid["tests"] if not t["passed"]
    )
    assert outcome.exercise("dot")["status"] == "failing"
    assert "NOISY-MARKER" not in table
    assert "NOISY-MARKER" in next_up
    assert "What your code printed" in next_up


def test_a_not_implemented_error_of_the_learners_own_shows_its_call(tmp_path):
    partial = (
        "import numpy as np\n\n\n"
        "def dot(a, b):\n"
        "    if np.ndim(a) < 2 or np.ndim(b) < 2:\n"
        '        raise NotImplementedError("1-D not yet")\n'
        "    return np.matmul(a, b)\n"
    )
    tree = build_tree(tmp_path / "kata", {"dot": partial})
    dot = run_grader(tree).exercise("dot")
    own = [t for t in dot["tests"] if "1-D not yet" in t["message"]]

    assert dot["status"] == "failing" and own
    assert all(t["kind"] == "exception" for t in own)
    assert all("raised NotImplementedError: 1-D not yet" in t["message"] for t in own)
    assert all("still raises NotImplementedError" in t["message"] for t in own)


BROKEN = {
    # scenario: (exercise, source, extra arguments, words in the reason)
    "syntax_error": (
        "softmax",
        with_function("softmax", "def softmax(x)\n    return x\n"),
        (),
        "syntax error",
    ),
    "exception_at_import": (
        "one_hot",
        stub("one_hot") + '\nraise RuntimeError("broken on purpose")\n',
        (),
        "RuntimeError",
    ),
    "endless_loop": (
        "dot",
        with_function("dot", "def dot(a, b):\n    while True:\n        pass\n"),
        ("--timeout", SHORT_TIMEOUT),
        f"still running after {SHORT_TIMEOUT} s",
    ),
    "os_exit_at_import": (
        "sigmoid",
        "import os\n\nos._exit(0)\n",
        (),
        "exit code 0",
    ),
    "sys_exit_in_a_function": (
        "cross_entropy",
        with_function(
            "cross_entropy",
            "import sys\n\n\ndef cross_entropy(y, t):\n    sys.exit(1)\n",
        ),
        (),
        "sys.exit(1)",
    ),
    "segfault": (
        "forward",
        with_function(
            "forward",
            "import ctypes\n\n\ndef init_params(*args, **kwargs):\n"
            "    return ctypes.string_at(0)\n\n\n"
            "def forward(*args, **kwargs):\n    return ctypes.string_at(0)\n",
        ),
        (),
        "segmentation fault",
    ),
    "runaway_memory": (
        "sgd",
        with_function(
            "sgd",
            "def sgd_update(params, grads, lr):\n"
            "    hoard = []\n"
            "    while True:\n"
            "        hoard.append(bytearray(1 << 20))\n",
        ),
        ("--memory", SMALL_MEMORY_MB),
        "memory",
    ),
    "print_flood": (
        "backprop",
        with_function(
            "backprop",
            "def backward(params, x, t):\n"
            "    while True:\n"
            '        print("debugging " * 20)\n',
        ),
        (),
        "printed more than",
    ),
}


@pytest.mark.parametrize("scenario", BROKEN)
def test_a_broken_exercise_is_an_error_and_the_others_are_untouched(
    tmp_path, pristine, scenario
):
    name, source, arguments, reason = BROKEN[scenario]
    tree = build_tree(tmp_path / "kata", {name: source})
    outcome = run_grader(tree, *arguments)
    broken = outcome.exercise(name)

    assert broken["status"] == "error"
    assert reason in broken["message"]
    # A sentence about the learner's module, which it names first.
    assert broken["message"].startswith(f"exercises/{name}.py ")
    assert "\n" not in broken["message"]
    assert outcome.code == 1
    assert_others_unchanged(outcome, pristine[0], name)
    check_json_report(outcome.report)


def test_one_broken_exercise_leaves_the_finished_ones_done(tmp_path, all_done):
    sources = {name: solution(name) for name in NAMES}
    sources["softmax"] = "import os\n\nos._exit(3)\n"
    tree = build_tree(tmp_path / "kata", sources)
    gradescope = tmp_path / "results.json"
    outcome = run_grader(tree, "--gradescope", str(gradescope))

    assert outcome.exercise("softmax")["status"] == "error"
    assert_others_unchanged(outcome, all_done[1], "softmax")
    assert outcome.code == 1
    check_gradescope_report(
        json.loads(gradescope.read_text()), outcome.report["max_score"]
    )


def test_every_report_is_written_even_when_every_exercise_crashes(tmp_path):
    crash = "import os\n\nos._exit(1)\n"
    tree = build_tree(tmp_path / "kata", {name: crash for name in NAMES})
    junit, gradescope = tmp_path / "junit.xml", tmp_path / "results.json"
    outcome = run_grader(tree, "--junit", str(junit), "--gradescope", str(gradescope))

    assert set(outcome.statuses().values()) == {"error"}
    assert outcome.report["score"] == 0
    check_json_report(outcome.report)
    check_junit_report(junit.read_text())
    results = json.loads(gradescope.read_text())
    check_gradescope_report(results, outcome.report["max_score"])
    assert results["score"] == 0


def test_two_runs_on_the_same_code_give_the_same_report(tmp_path):
    noisy = "def dot(a, b):\n    print('checking', a)\n    return 0.0\n"
    tree = build_tree(tmp_path / "kata", {"dot": noisy})
    first = run_grader(tree, "check", "dot")
    second = run_grader(tree, "check", "dot")

    assert without_timing(first.report) == without_timing(second.report)
    assert first.report["timing"].keys() == second.report["timing"].keys()


def test_an_exercise_that_kills_the_test_session_takes_no_other_down(
    tmp_path, all_done
):
    sources = {name: solution(name) for name in NAMES}
    sources["softmax"] = with_function(
        "softmax",
        "import os\nimport signal\n\n\ndef softmax(x):\n"
        "    os.kill(os.getppid(), signal.SIGKILL)\n",
    )
    tree = build_tree(tmp_path / "kata", sources)
    outcome = run_grader(tree, "--timeout", SHORT_TIMEOUT)

    softmax = outcome.exercise("softmax")
    assert softmax["status"] == "error"
    assert "test session ended unexpectedly" in softmax["message"]
    assert_others_unchanged(outcome, all_done[1], "softmax")
    check_json_report(outcome.report)


def test_an_interrupted_grade_still_writes_its_reports(tmp_path, monkeypatch):
    # The code below finds the grader by its command line: a new Python's.
    monkeypatch.setenv("KATA_FORK", "0")
    sources = {name: solution(name) for name in NAMES}
    # Ctrl+C, as the grader's own process receives it: sent to it by the
    # code under test, to the oldest of its ancestors that runs the grader
    # (how many processes lie between them is the runner's business).
    sources["sgd"] = with_function(
        "sgd",
        "import os\nimport signal\n\n\ndef sgd_update(params, grads, lr):\n"
        "    pid, grader = os.getpid(), None\n"
        "    while pid > 1:\n"
        "        with open(f'/proc/{pid}/cmdline', 'rb') as file:\n"
        "            if b'-m\\0grader\\0' in file.read():\n"
        "                grader = pid\n"
        "        with open(f'/proc/{pid}/stat') as file:\n"
        "            pid = int(file.read().rsplit(')', 1)[1].split()[1])\n"
        "    os.kill(grader, signal.SIGINT)\n",
    )
    tree = build_tree(tmp_path / "kata", sources)
    with ctrl_c_as_from_a_terminal():
        outcome = run_grader(tree)

    assert outcome.code == 130
    assert "Interrupted." in outcome.stderr
    check_json_report(outcome.report)
    sgd = outcome.exercise("sgd")
    assert sgd["status"] == "error"
    assert "interrupted before its tests ended" in sgd["message"]
    # On screen, what had ended is shown, and what had not is said to be cut.
    row = next(line for line in outcome.stdout.splitlines() if " sgd " in line)
    assert row.split()[-1] == "(interrupted)"
    # One exercise cut is named alone; several, in a list.
    cut = re.search(
        r"Interrupted before (?:these ended: )?(.+?)(?: ended)?\. Run", outcome.stdout
    )
    assert cut is not None and "sgd" in cut.group(1)
    assert "Next:" not in outcome.stdout

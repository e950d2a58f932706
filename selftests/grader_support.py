"""Helpers for the grader's tests: project trees to grade, a way to run the
grader on them, and checks that its reports follow their formats."""

import json
import os
import shutil
import signal
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from grader.exercises import NAMES
from grader.grading import STATUSES

ROOT = Path(__file__).resolve().parent.parent
# What a project tree needs besides exercises/: the tests that judge it,
# their configuration and data, the exercise catalogue, the model answers.
COPIED = (
    "conftest.py",
    "pyproject.toml",
    "tests",
    "data",
    "grader/exercises.toml",
    "solutions",
)
# Generous: the time a whole grade may take on a slow, busy machine.
GRADER_TIMEOUT = 600


def solution(name: str) -> str:
    return (ROOT / "solutions" / f"{name}.py").read_text()


def stub(name: str) -> str:
    return (ROOT / "exercises" / f"{name}.py").read_text()


def build_tree(folder: Path, sources: dict[str, str] | None = None) -> Path:
    """A kata project in `folder` whose exercises are the stubs, except for
    the modules given in `sources` (exercise name -> source text)."""
    sources = sources or {}
    folder.mkdir(parents=True, exist_ok=True)
    for item in COPIED:
        source, target = ROOT / item, folder / item
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(
                source, target, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(source, target)
    exercises = folder / "exercises"
    exercises.mkdir()
    shutil.copy(ROOT / "exercises" / "__init__.py", exercises / "__init__.py")
    for name in NAMES:
        (exercises / f"{name}.py").write_text(sources.get(name, stub(name)))
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its content."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# What would change the grader's behaviour: a CI summary file, colour
# settings, and the locale, which chooses the language.
UNSTEADY = ("GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR", "COLUMNS")
UNSTEADY += ("NN_KATA_SUBMISSION",)
LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without what would change the grader's
    behaviour, in a locale that is not Japanese (the grader speaks
    English unless a test asks otherwise), plus `extra`."""
    env = {
        key: value for key, value in os.environ.items() if key not in UNSTEADY + LOCALE
    }
    env["LANG"] = "C.UTF-8"
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


@contextmanager
def ctrl_c_as_from_a_terminal() -> Iterator[None]:
    """Within, a command started gets the default handling of Ctrl+C
    (SIGINT), as from a terminal, so that a test can send it one. A shell
    starts a background job with SIGINT ignored, and a process keeps that
    from the one that started it (a new Python, or a fork of the tests'
    server alike): tests run so would start their commands deaf to it.
    Only from the main thread, as `signal.signal`."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@dataclass
class Outcome:
    """What one run of the grader did."""

    code: int
    stdout: str
    stderr: str
    report: dict | None  # the --json report, if one was written

    def statuses(self) -> dict[str, str]:
        return {e["name"]: e["status"] for e in self.report["exercises"]}

    def exercise(self, name: str) -> dict:
        return next(e for e in self.report["exercises"] if e["name"] == name)


def kata(*args: str, cwd: Path, env: dict | None = None):
    """Run ``python -m grader ARGS`` in `cwd`; the completed process."""
    from selftests import forkserver

    environment = env or clean_environment()
    return forkserver.run(args, cwd, environment, timeout=GRADER_TIMEOUT)


def run_grader(tree: Path, *args: str, env: dict | None = None) -> Outcome:
    """Grade the project `tree` with ``ARGS`` and a JSON report."""
    report = tree.parent / f"{tree.name}-report.json"
    report.unlink(missing_ok=True)
    result = kata(
        "--root", str(tree), "--json", str(report), *args, cwd=tree.parent, env=env
    )
    data = json.loads(report.read_text()) if report.is_file() else None
    return Outcome(result.returncode, result.stdout, result.stderr, data)


def without_timing(report: dict) -> dict:
    """A JSON report without the fields that change from run to run."""
    return {key: value for key, value in report.items() if key != "timing"}


# Report checks. Each raises AssertionError, with a reason, on the first
# thing that does not follow the format.


def check_json_report(report: dict) -> None:
    """The grader's own JSON format."""
    for key in ("schema_version", "target", "score", "max_score", "exercises"):
        assert key in report, f"no {key!r} in the JSON report"
    assert [e["name"] for e in report["exercises"]] == NAMES, "not in learning order"
    for exercise in report["exercises"]:
        for key in ("name", "status", "passed", "failed", "total", "points"):
            assert key in exercise, f"no {key!r} for {exercise.get('name')}"
        assert exercise["status"] in STATUSES, exercise["status"]
        assert exercise["passed"] + exercise["failed"] == exercise["total"]
        assert exercise["total"] == len(exercise["tests"])
        assert 0 <= exercise["points"] <= exercise["max_points"]
        assert (exercise["status"] == "done") == (
            exercise["total"] > 0 and exercise["failed"] == 0
        )
    total = sum(e["points"] for e in report["exercises"])
    assert abs(total - report["score"]) < 1e-3, (total, report["score"])
    assert set(report["timing"]) == {"started", "duration", "exercises"}


def check_junit_report(text: str, names: list[str] = NAMES) -> None:
    """JUnit XML as the common schemas (Ant's, Jenkins') require it: the
    attributes each element must have, and counts that agree. `names` are
    the exercises it should hold, in order."""
    root = ET.fromstring(text)
    assert root.tag == "testsuites", root.tag
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == names
    for suite in suites:
        for attribute in (
            "name",
            "tests",
            "failures",
            "errors",
            "skipped",
            "time",
            "timestamp",
            "hostname",
        ):
            assert suite.get(attribute) is not None, f"testsuite lacks {attribute}"
        float(suite.get("time"))
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) > 0, suite.get("name")
        failures = sum(len(case.findall("failure")) for case in cases)
        errors = sum(len(case.findall("error")) for case in cases)
        assert int(suite.get("failures")) == failures
        assert int(suite.get("errors")) == errors
        for case in cases:
            for attribute in ("name", "classname", "time"):
                assert case.get(attribute), f"testcase lacks {attribute}"
            for problem in case.findall("failure") + case.findall("error"):
                assert problem.get("type"), "failure or error without a type"
                assert problem.get("message") is not None
    for key in ("tests", "failures", "errors"):
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites), key


def check_gradescope_report(results: dict, max_score: float) -> None:
    """Gradescope's results.json: a top-level score and, per test, a name,
    a score out of a max_score, a status and an output."""
    assert isinstance(results["score"], int | float)
    assert isinstance(results["tests"], list) and results["tests"]
    for test in results["tests"]:
        assert isinstance(test["name"], str) and test["name"]
        assert isinstance(test["score"], int | float)
        assert isinstance(test["max_score"], int | float)
        assert 0 <= test["score"] <= test["max_score"]
        assert test["status"] in ("passed", "failed")
        assert isinstance(test["output"], str)
        assert (test["status"] == "passed") == (test["score"] == test["max_score"])
    # Each test's share is rounded, yet together they make the whole to
    # the last decimal written: the numbers are added as the decimals they
    # were written as, not as binary floats.
    tests = results["tests"]
    assert _decimal_sum(t["max_score"] for t in tests) == Decimal(str(max_score))
    assert _decimal_sum(t["score"] for t in tests) == Decimal(str(results["score"]))


def _decimal_sum(numbers) -> Decimal:
    return sum((Decimal(str(number)) for number in numbers), Decimal(0))


def runner_project(folder: Path, modules: dict[str, str], conftest=True) -> Path:
    """A project whose tests/ holds `modules` (name -> test source) beside
    the kata's own test helpers (every tests/*.py that is not a test)."""
    tests = folder / "tests"
    tests.mkdir(parents=True)
    for helper in (ROOT / "tests").glob("*.py"):
        if not helper.name.startswith("test_"):
            shutil.copy(helper, tests)
    if conftest:
        shutil.copy(ROOT / "conftest.py", folder)
    shutil.copy(ROOT / "pyproject.toml", folder)
    shutil.copytree(ROOT / "exercises", folder / "exercises")
    for name, source in modules.items():
        (tests / f"test_{name}.py").write_text(textwrap.dedent(source))
    return folder


# The failure of init_params drawing w2 as a repeat of w1, as two generators
# of one seed do: its statement says so at its end, its value is of two
# entries.
TWO_GENERATORS = """\
The initial weights must be random, no two alike in w1 and w2 together; \
w2 repeats values of w1.
  call      init_params(4, 5, 3, seed=0)
  actual    w1 = [[0.0126, -0.0132, 0.064, 0.0105, -0.0536],
                  [0.0362, 0.1304, 0.0947, -0.0704, -0.1265],
                  [-0.0623, 0.0041, -0.2325, -0.0219, -0.1246],
                  [-0.0732, -0.0544, -0.0316, 0.0412, 0.1043]]
            w2 = [[0.0126, -0.0132, 0.064],
                  [0.0105, -0.0536, 0.0362],
                  [0.1304, 0.0947, -0.0704],
                  [-0.1265, -0.0623, 0.0041],
                  [-0.2325, -0.0219, -0.1246]]
  likely mistake: w1 and w2 came from two generators (two \
np.random.default_rng calls). From one generator, w2 goes on where w1's \
draws end; from two, w2 repeats w1's draws (the same seed) or another \
seed's w1 (seeds s and s + 1). Make one rng = np.random.default_rng(seed) \
and draw w1, then w2, from it."""

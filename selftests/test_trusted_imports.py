"""Each exercise is graded on its own: the earlier exercises it imports are
the trusted versions, however and wherever the learner imports them.

The exercises/ of this repository are the stubs, so the learner's own
softmax is not written there: a forward that reached it would fail.
"""

import sys
from pathlib import Path

import numpy as np
import pytest

from grader import i18n
from grader.exercises import NAMES
from grader.runner import Job, run_many
from selftests.grader_support import solution
from tests import harness

ROOT = Path(__file__).resolve().parent.parent

# Ways to import softmax, each written inside forward, as the forward
# pass's first line: each must give the trusted softmax, as the same
# import at the top of the module does.
IMPORTS = {
    "absolute": "from exercises.softmax import softmax",
    "relative": "from .softmax import softmax",
    "module": "from . import softmax as module\n    softmax = module.softmax",
    "importlib": (
        "import importlib\n"
        "    softmax = importlib.import_module('exercises.softmax').softmax"
    ),
}
FIRST_LINE = '    h = sigmoid(x @ params["w1"] + params["b1"])\n'


def forward_importing_inside(how: str) -> str:
    """The model forward, with softmax imported inside `forward` (`how`,
    one of IMPORTS) instead of at the top of the module."""
    source = solution("forward").replace("from .softmax import softmax\n", "")
    assert source.count(FIRST_LINE) == 1
    return source.replace(FIRST_LINE, f"    {IMPORTS[how]}\n\n{FIRST_LINE}")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The forward tests of each way of importing, in one process and with
    the learner's functions in a process of their own (grading mode)."""
    sources = {how: forward_importing_inside(how) for how in IMPORTS}
    return run_both_ways(tmp_path_factory.mktemp("forward"), "forward", sources)


def run_both_ways(folder, exercise, sources):
    """The tests of `exercise` for each of `sources` (a module's source by
    a name for it), in one process and in grading mode, keyed by the name
    and whether the learner's code ran separately."""
    jobs = {}
    for how, source in sources.items():
        path = folder / f"{exercise}_{how}.py"
        path.write_text(source)
        for separate in (False, True):
            jobs[how, separate] = Job(
                exercise,
                ROOT,
                overrides=((exercise, path),),
                timeout=120,
                separate=separate,
            )
    return dict(zip(jobs, run_many(list(jobs.values())), strict=True))


@pytest.mark.parametrize("separate", [False, True], ids=["one_process", "separate"])
@pytest.mark.parametrize("how", list(IMPORTS))
def test_an_import_inside_a_function_gets_the_trusted_exercise(runs, how, separate):
    run = runs[how, separate]
    failed = [
        f"{t.name}: {t.message.splitlines()[0]}" for t in run.tests if not t.passed
    ]

    assert not run.error and run.tests and not failed, run.error or failed


def test_the_stand_ins_are_in_place_only_while_the_learners_code_runs(tmp_path):
    path = tmp_path / "forward.py"
    path.write_text(forward_importing_inside("absolute"))
    # Put back as it was: later tests in this process grade that target.
    target = harness.config.target
    harness.configure(ROOT / "exercises", [("forward", str(path))])
    try:
        package = harness._package(ROOT / "exercises")
        before = exercise_modules(package)
        learner = harness.Exercise("forward")
        probs = learner.forward(learner.init_params(4, 5, 3), np.zeros((2, 4)))
        after = exercise_modules(package)
    finally:
        harness.configure(target)

    assert probs.shape == (2, 3)
    assert after == before


def exercise_modules(package) -> dict:
    """What names the exercise modules now: in `sys.modules` and as
    attributes of their `package`."""
    names = [f"{package.__name__}.{name}" for name in NAMES]
    return {
        "modules": {name: sys.modules.get(name) for name in names},
        "attributes": {name: vars(package).get(name) for name in NAMES},
    }


# Ways an answer might take the grader's own answer instead of computing
# its own: each must fail every test, whether the learner's code runs in
# the tests' process or in one of its own.
CHEATS = {
    "from_tests": "from tests.reference import cross_entropy",
    "from_solutions": "from solutions.cross_entropy import cross_entropy",
    "importlib": (
        "import importlib\n\n\n"
        "def cross_entropy(y, t):\n"
        "    return importlib.import_module('tests.reference').cross_entropy(y, t)"
    ),
    "sys_modules": (
        "import sys\n\n\n"
        "def cross_entropy(y, t):\n"
        "    return sys.modules['tests.reference'].cross_entropy(y, t)"
    ),
    # The trusted softmax the exercise imports is a function of the
    # tests: its globals were those of the module of every answer.
    "stand_in_globals": (
        "from .softmax import softmax\n\n\n"
        "def cross_entropy(y, t):\n"
        "    return softmax.__globals__['cross_entropy'](y, t)"
    ),
    # A later exercise's trusted function that calls cross_entropy.
    "later_stand_in": (
        "from .forward import loss\n\n\n"
        "def cross_entropy(y, t):\n"
        "    return loss.__globals__['cross_entropy'](y, t)"
    ),
    "stand_in_module": (
        "import inspect\n\n"
        "from .softmax import softmax\n\n\n"
        "def cross_entropy(y, t):\n"
        "    return inspect.getmodule(softmax).cross_entropy(y, t)"
    ),
}


@pytest.fixture(scope="module")
def cheats(tmp_path_factory):
    sources = {how: source + "\n" for how, source in CHEATS.items()}
    return run_both_ways(tmp_path_factory.mktemp("cheats"), "cross_entropy", sources)


@pytest.mark.parametrize("separate", [False, True], ids=["one_process", "separate"])
@pytest.mark.parametrize("how", list(CHEATS))
def test_an_exercise_cannot_import_the_graders_answers(cheats, how, separate):
    run = cheats[how, separate]
    passed = [test.name for test in run.tests if test.passed]

    assert run.error or run.tests, "the tests did not run"
    assert not passed, passed


@pytest.mark.parametrize("separate", [False, True], ids=["one_process", "separate"])
def test_a_look_into_a_trusted_function_says_what_an_exercise_may_not_do(
    cheats, separate
):
    message = cheats["stand_in_globals", separate].tests[0].message
    said = i18n.catalogue(i18n.JAPANESE).failure(message)

    assert "an exercise may not take answers from the kata's own code" in message
    assert "kata 自身のコードから答えを取り出すことはできません" in said

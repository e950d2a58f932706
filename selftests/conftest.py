"""Shared fixtures for the project's own tests."""

from pathlib import Path

import pytest
from hypothesis import settings

from grader import i18n
from tests import harness

ROOT = Path(__file__).resolve().parent.parent


def _shared_state():
    """What a test may change for the whole process, and must put back: the
    package the exercise tests grade, the language spoken, the examples
    hypothesis draws. The files of these tests run in any order, several
    to a process, so one test's leftovers must not reach another."""
    return (
        harness.config.target,
        dict(harness.config.overrides),
        harness.config.student,
        i18n.current.catalogue.language,
        i18n.current.option,
        settings.default,
    )


@pytest.fixture(autouse=True)
def state_put_back():
    before = _shared_state()
    yield
    assert _shared_state() == before, "the test left the process changed"


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture
def tree(tmp_path):
    """A learner's project of stubs, as a fresh copy of the kata has it."""
    from selftests.learner_support import learner_tree

    return learner_tree(tmp_path / "kata")


@pytest.fixture
def done_tree(tmp_path):
    """A learner's project whose every exercise is the model answer."""
    from grader.exercises import NAMES
    from selftests.learner_support import learner_tree, solution

    return learner_tree(tmp_path / "done", **{name: solution(name) for name in NAMES})


@pytest.fixture
def watch(tree):
    """Start watches on the test's `tree` (the one above, or its module's):
    `watch(*args, **environ)`; each is stopped at the end of the test."""
    from selftests.learner_support import WatchProcess

    processes = []

    def start(*args, **environ):
        process = WatchProcess(tree, *args, **environ)
        processes.append(process)
        return process

    yield start
    for process in processes:
        process.stop()

"""Shared fixtures for the project's own tests."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture
def watch(tree):
    """Start watches on the test's `tree` (a fixture of its module):
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

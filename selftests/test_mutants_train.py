"""Tests of the tests (see `selftests.mutant_checks`): the mutants of
train, the exercise whose tests take the longest."""

from selftests.mutant_checks import checks_for

globals().update(checks_for(["train"]))

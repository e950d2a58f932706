"""Tests of the tests (see `selftests.mutant_checks`): the mutants of the
functions a layer is made of, and the checks of the mutants as a whole."""

from selftests.mutant_checks import checks_for

globals().update(checks_for(["softmax", "sigmoid", "one_hot"], whole=True))

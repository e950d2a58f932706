"""Tests of the tests (see `selftests.mutant_checks`): the mutants of the
network's product, loss, forward and backward passes and step."""

from selftests.mutant_checks import checks_for

globals().update(
    checks_for(
        ["dot", "cross_entropy", "forward", "numerical_gradient", "backprop", "sgd"]
    )
)

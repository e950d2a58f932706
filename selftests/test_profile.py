"""The grade is reproducible: the hypothesis profile is the same everywhere."""

import os
import subprocess
import sys

PROBE = (
    "import conftest\n"
    "from hypothesis import settings\n"
    "s = settings.default\n"
    "print(s.derandomize, s.database, s.deadline, s.max_examples)\n"
)


def profile_under(root, **env):
    """The profile a fresh process loads, with `env` added and CI unset."""
    base = {key: value for key, value in os.environ.items() if key != "CI"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=root,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_grading_is_derandomized_without_database_or_deadline(root):
    derandomize, database, deadline, _ = profile_under(root)
    assert (derandomize, database, deadline) == ("True", "None", "None")


def test_a_ci_variable_does_not_change_the_profile(root):
    assert profile_under(root, CI="true") == profile_under(root)

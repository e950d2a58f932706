"""The code is formatted and linted as pyproject.toml configures ruff."""

import shutil
import subprocess

import pytest

ruff = shutil.which("ruff")
pytestmark = pytest.mark.skipif(ruff is None, reason="ruff is not installed")


@pytest.mark.parametrize("command", [["format", "--check"], ["check"]])
def test_ruff_is_clean(root, command):
    result = subprocess.run(
        [ruff, *command, "."], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr

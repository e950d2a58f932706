"""Generate the exercise stubs from the model answers.

A stub is its solution with each top-level function body replaced by one
``raise NotImplementedError(...)``: the imports, constants, signatures and
docstrings stay, so the docstring the learner reads is the one the model
answer was written against.

A second copy of every stub is kept in ``grader/pristine/``, which is
shipped to learners without ``solutions/``: ``python -m grader reset NAME``
restores an exercise from it.

    python -m grader.stubs          write exercises/ and grader/pristine/
    python -m grader.stubs --check  exit 1 if either is out of date
"""

import argparse
import ast
import sys
from pathlib import Path

from grader.exercises import EXERCISES, ExerciseInfo

# The pristine copy of the stubs, relative to the project root.
PRISTINE = Path("grader") / "pristine"
PACKAGE_DOC = (
    '"""Your exercises: fill in each function, then run python -m grader."""\n'
)


def stub_source(solution: str, exercise: ExerciseInfo) -> str:
    """Return the stub for one solution module's source text."""
    lines = solution.splitlines(keepends=True)
    functions = [
        node for node in ast.parse(solution).body if isinstance(node, ast.FunctionDef)
    ]
    # Replace from the bottom up so earlier line numbers stay valid.
    for node in reversed(functions):
        first = node.body[0]
        has_doc = isinstance(first, ast.Expr) and isinstance(
            getattr(first, "value", None), ast.Constant
        )
        start = first.end_lineno if has_doc else node.body[0].lineno - 1
        indent = " " * (node.col_offset + 4)
        lines[start : node.end_lineno] = [
            f"{indent}raise NotImplementedError(\n",
            f'{indent}    "exercise {exercise.number} ({exercise.name}): '
            f'{node.name} is not written yet. "\n',
            f'{indent}    "Run `python -m grader hint {exercise.name}` for a hint."\n',
            f"{indent})\n",
        ]
    return "".join(lines)


def expected_stubs(root: Path) -> dict[Path, str]:
    """Map each file of exercises/ and of the pristine copy to the text it
    should have."""
    files = {root / "exercises" / "__init__.py": PACKAGE_DOC}
    for exercise in EXERCISES:
        solution = (root / "solutions" / f"{exercise.name}.py").read_text()
        stub = stub_source(solution, exercise)
        files[root / exercise.module_file] = stub
        files[root / PRISTINE / f"{exercise.name}.py"] = stub
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.stubs")
    parser.add_argument(
        "--check", action="store_true", help="report stale stubs, write nothing"
    )
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)

    if not (args.root / "solutions").is_dir():
        print(f"no solutions/ in {args.root.resolve()}: nothing to generate from")
        return 2
    stale = [
        (path, text)
        for path, text in expected_stubs(args.root).items()
        if not path.is_file() or path.read_text() != text
    ]
    for path, text in stale:
        name = path.relative_to(args.root)
        if args.check:
            print(f"{name} differs from the stub generated from solutions/")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"wrote {name}")
    if args.check and stale:
        print("run `python -m grader.stubs` to regenerate the stubs")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The stubs in exercises/ are exactly what the generator makes of solutions/,
and every exercise test fails on them only because they are not written yet."""

import ast
import importlib
import inspect

import pytest

from grader.exercises import EXERCISES
from grader.runner import Job, run_many
from grader.stubs import expected_stubs


def test_exercises_are_the_stubs_generated_from_the_solutions(root):
    stale = [
        str(path.relative_to(root))
        for path, text in expected_stubs(root).items()
        if not path.is_file() or path.read_text() != text
    ]
    assert not stale, f"run `python -m grader.stubs`; stale: {stale}"


def signatures(path):
    tree = ast.parse(path.read_text())
    return {
        node.name: (ast.dump(node.args), ast.get_docstring(node))
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_stub_keeps_the_signatures_and_docstrings(root, exercise):
    stub = signatures(root / exercise.module_file)
    solution = signatures(root / "solutions" / f"{exercise.name}.py")
    assert stub == solution
    assert all(doc for _, doc in stub.values()), "every function needs a docstring"


def top_level_names(tree: ast.Module) -> set[str]:
    """The names a module binds at its top level: imports, functions,
    classes and constants."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).partition(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def modules_in_examples(tree: ast.Module) -> set[str]:
    """The modules the docstrings' examples use: those they import, and
    the names whose attributes they read (``np`` of ``np.array``) that
    the example does not bind itself."""
    used, bound = set(), set()
    for node in [tree, *ast.walk(tree)]:
        if not isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef):
            continue
        doc = ast.get_docstring(node) or ""
        code = "\n".join(
            line.strip()[4:]
            for line in doc.splitlines()
            if line.strip().startswith((">>> ", "... "))
        )
        for part in ast.walk(ast.parse(code)):
            if isinstance(part, ast.Import | ast.ImportFrom):
                used.update((a.asname or a.name).partition(".")[0] for a in part.names)
            elif isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name):
                used.add(part.value.id)
            elif isinstance(part, ast.Name) and isinstance(part.ctx, ast.Store):
                bound.add(part.id)
    return used - bound


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_every_stub_imports_what_its_docstring_examples_use(root, exercise):
    # The learner fills the stub in: a module the specification's example
    # works with must already be at hand, as in the model answer.
    for path in (
        root / exercise.module_file,
        root / "grader" / "pristine" / f"{exercise.name}.py",
    ):
        tree = ast.parse(path.read_text())
        missing = modules_in_examples(tree) - top_level_names(tree)
        assert not missing, f"{path.name} does not import {sorted(missing)}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_every_stub_function_raises_not_implemented_naming_its_exercise(exercise):
    module = importlib.import_module(f"exercises.{exercise.name}")
    functions = [
        value
        for value in vars(module).values()
        if inspect.isfunction(value) and value.__module__ == module.__name__
    ]
    assert functions
    for function in functions:
        required = [
            p
            for p in inspect.signature(function).parameters.values()
            if p.default is p.empty
        ]
        with pytest.raises(NotImplementedError, match=exercise.name):
            function(*[None] * len(required))


@pytest.fixture(scope="module")
def stub_runs(root):
    return run_many([Job(e.name, root, target="exercises") for e in EXERCISES])


@pytest.mark.parametrize(
    "index", range(len(EXERCISES)), ids=[e.name for e in EXERCISES]
)
def test_every_test_fails_on_the_stub_with_not_implemented_only(stub_runs, index):
    run = stub_runs[index]
    assert not run.error, run.error
    assert run.tests, "no tests ran"
    wrong = [t.name for t in run.tests if t.passed or t.kind != "not_implemented"]
    assert not wrong, f"these did not fail with NotImplementedError: {wrong}"


@pytest.fixture(scope="module")
def solution_runs(root):
    return run_many([Job(e.name, root, target="solutions") for e in EXERCISES])


@pytest.mark.parametrize(
    "index", range(len(EXERCISES)), ids=[e.name for e in EXERCISES]
)
def test_every_test_passes_on_the_solutions(solution_runs, index):
    run = solution_runs[index]
    assert not run.error, run.error
    failed = {t.name: t.message for t in run.tests if not t.passed}
    assert run.tests and not failed, failed

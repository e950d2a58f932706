"""``from grader import check`` in a notebook: grading the module or
functions passed in, and a result that renders readably."""

import importlib.util
import textwrap

import pytest

from grader import check
from selftests.grader_support import ROOT, stub
from selftests.learner_support import learner_tree, solution

WRONG_SGD = """\
def sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads[key]
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return learner_tree(tmp_path_factory.mktemp("notebook") / "kata")


def function_from(folder, source, name):
    """A function defined in a file of its own, as a notebook cell is."""
    path = folder / f"cell_{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def test_check_grades_the_exercise_module(tree):
    result = check("sgd", root=tree)

    assert result.status == "not_started" and not result
    assert "9. sgd" in repr(result) and "exercises/sgd.py" in repr(result)


def test_check_grades_a_function_passed_in(tree, tmp_path):
    right = function_from(tmp_path, solution("sgd"), "sgd_update")

    result = check("sgd", right, root=tree)

    assert result.done, repr(result)
    assert "from the notebook" in repr(result)
    assert (tree / "exercises" / "sgd.py").read_text() == stub("sgd")


def test_a_wrong_function_passed_in_shows_its_first_failure(tree, tmp_path):
    wrong = function_from(tmp_path, WRONG_SGD, "sgd_update")

    result = check("sgd", wrong, root=tree)

    assert result.status == "failing"
    assert "likely mistake" in repr(result)
    assert "likely mistake" in result._repr_markdown_()
    assert "<pre>" in result._repr_html_()


def test_a_function_the_exercise_does_not_define_is_refused(tree, tmp_path):
    other = function_from(tmp_path, "def step(x):\n    return x\n", "step")

    with pytest.raises(ValueError, match="defines sgd_update"):
        check("sgd", other, root=tree)


def test_an_unknown_exercise_is_refused(tree):
    with pytest.raises(ValueError, match="unknown exercise 'sdg'"):
        check("sdg", root=tree)


def test_a_function_from_a_notebook_cell_is_graded_and_displayed(tree):
    shell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell
    ipython = shell.instance()
    cell = textwrap.dedent(
        f"""
        from grader import check
        {WRONG_SGD.replace(chr(10), chr(10) + "        ")}
        result = check("sgd", sgd_update, root={str(tree)!r})
        """
    )
    outcome = ipython.run_cell(cell)
    outcome.raise_error()

    result = ipython.user_ns["result"]
    shown, _ = ipython.display_formatter.format(result)
    assert result.status == "failing"
    assert "failing" in shown["text/plain"]
    assert "likely mistake" in shown["text/html"]
    assert "likely mistake" in shown["text/markdown"]


def test_check_in_a_real_jupyter_kernel(tree):
    """A notebook run by a Jupyter kernel, as a learner runs it: the result
    of check() is displayed as HTML, Markdown and plain text."""
    nbformat = pytest.importorskip("nbformat")
    client = pytest.importorskip("nbclient").NotebookClient
    cells = [
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom grader import check",
        WRONG_SGD,
        f'check("sgd", sgd_update, root={str(tree)!r})',
    ]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in cells]
    )

    client(notebook, timeout=120, kernel_name="python3").execute()

    (output,) = notebook.cells[-1].outputs
    assert output.output_type == "execute_result"
    assert "failing" in output.data["text/plain"]
    assert "likely mistake" in output.data["text/html"]
    assert "likely mistake" in output.data["text/markdown"]

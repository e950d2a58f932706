"""``from grader import check`` in a notebook: grading the module or
functions passed in, and a result that renders readably."""

import html
import importlib.util
import io
import re
import textwrap
from html.parser import HTMLParser

import pytest

from grader import check, i18n, notebook, runner
from grader.exercises import EXERCISES
from grader.grading import grade
from grader.notebook import (
    NOTEBOOK_COLUMNS,
    PROMPT_ROOM,
    located,
    names_left_behind,
    placed_functions,
)
from grader.results import ExerciseRun, TestResult
from selftests.grader_support import ROOT, stub
from selftests.learner_support import learner_tree, solution

WRONG_SGD = """\
def sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads[key]
"""
# Raises on every batch that is not square: the sums lost their axis.
RAISING_SOFTMAX = """\
import numpy as np


def softmax(x):
    e = np.exp(np.asarray(x, dtype=float))
    return e / e.sum(axis=-1)
"""
# A softmax that reads its axis from a variable of the notebook's.
AXIS_SOFTMAX = """\
import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=AX, keepdims=True))
    return e / e.sum(axis=AX, keepdims=True)
"""
# A softmax that sums down the columns: a likely mistake longer than a line.
COLUMN_SOFTMAX = """\
import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
"""
# An sgd_update that reads a misspelt name: its call is laid out on rows.
# Misspelt only where a weight is a matrix: the docstring's example, of
# one vector, passes, and the calls that show the error are long.
MISSPELT_SGD = """\
def sgd_update(params, grads, lr):
    for key, param in params.items():
        if param.ndim == 2:
            param -= lr * grad[key]  # noqa: F821
        else:
            param -= lr * grads[key]
"""
# Colours and styles of a terminal, as IPython writes its tracebacks.
SGR = re.compile(r"\x1b\[[0-9;]*m")


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


def test_check_grades_a_function_passed_in(tree, tmp_path, monkeypatch):
    right = function_from(tmp_path, solution("sgd"), "sgd_update")
    # As from a notebook, whose cells IPython runs.
    monkeypatch.setattr(notebook, "_ipython", lambda: object())

    result = check("sgd", right, root=tree)

    assert result.done, repr(result)
    assert "from the notebook" in repr(result)
    assert (tree / "exercises" / "sgd.py").read_text() == stub("sgd")


def test_a_function_from_a_script_is_named_by_its_file(tree, tmp_path, monkeypatch):
    wrong = function_from(tmp_path, RAISING_SOFTMAX, "softmax")
    monkeypatch.setattr(notebook, "_ipython", lambda: None)

    english, japanese = (
        check("softmax", wrong, root=tree, lang=lang) for lang in ("en", "ja")
    )
    # Unbroken: the names are looked for whole.
    english = english._plain() + "".join(t.message for t in english.grade.failures)
    japanese = japanese._plain() + "".join(t.message for t in japanese.grade.failures)

    assert "tests pass [softmax from cell_softmax.py]" in english
    assert "softmax in cell_softmax.py, line 6" in english
    assert "notebook" not in english
    assert "が通っています [cell_softmax.py の softmax]" in japanese
    assert "cell_softmax.py の softmax、6 行目" in japanese
    assert "ノートブック" not in japanese


@pytest.mark.parametrize("lang, words", [("en", "with `def`"), ("ja", "`def` で")])
def test_a_lambda_is_refused_with_the_advice_to_use_def(tree, lang, words):
    with pytest.raises(ValueError, match=words) as refused:
        check("sgd", lambda params, grads, lr: None, root=tree, lang=lang)

    assert "sgd_update" in str(refused.value)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_function_without_source_is_refused_in_the_language_asked(tree, lang):
    space = {}
    exec("def sgd_update(params, grads, lr):\n    pass\n", space)  # no source

    with pytest.raises(ValueError) as refused:
        check("sgd", space["sgd_update"], root=tree, lang=lang)

    said = str(refused.value)
    assert "could not get source" not in said  # Python's English words
    assert ("`def` in a notebook cell" if lang == "en" else "`def` を使って") in said


def test_a_wrong_function_passed_in_shows_its_first_failure(tree, tmp_path):
    wrong = function_from(tmp_path, WRONG_SGD, "sgd_update")

    result = check("sgd", wrong, root=tree)

    assert result.status == "failing"
    assert "likely mistake" in repr(result)
    assert "likely mistake" in result._repr_markdown_()
    assert '<pre style="white-space: pre-wrap">' in result._repr_html_()


def test_a_function_the_exercise_does_not_define_is_refused(tree, tmp_path):
    other = function_from(tmp_path, "def step(x):\n    return x\n", "step")

    with pytest.raises(ValueError, match="defines sgd_update"):
        check("sgd", other, root=tree)


def test_an_unknown_exercise_is_refused(tree):
    with pytest.raises(ValueError) as refused:
        check("sdg", root=tree)

    # The name meant, and not the whole list.
    assert str(refused.value) == "unknown exercise 'sdg' (did you mean sgd?)"
    # Raised anew by check(), the function the learner called, not by the
    # grader's inner workings.
    assert refused.traceback[-1].name == "check"


def test_an_exercise_like_none_lists_them_all(tree):
    with pytest.raises(ValueError, match="unknown exercise 'xyz'; the exerc") as no:
        check("xyz", root=tree)

    assert "dot, sigmoid, softmax" in str(no.value)


def test_ipython_shows_a_refused_call_without_the_graders_lines(tree):
    shell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell
    ipython = shell.instance()
    ipython.run_cell("from grader import check").raise_error()

    outcome = ipython.run_cell(f"check('sofmax', root={str(tree)!r})")

    # What IPython (and a Jupyter kernel) shows for an exception with this
    # method: the cell's line, then the message.
    shown = SGR.sub("", "\n".join(outcome.error_in_exec._render_traceback_()))
    assert "----> 1 check('sofmax'" in shown
    assert shown.rstrip().endswith(
        "CheckError: unknown exercise 'sofmax' (did you mean softmax?)"
    )
    assert "notebook.py" not in shown and "__init__.py" not in shown


def test_outside_a_project_check_says_how_to_name_the_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    with pytest.raises(ValueError, match="no kata project found") as refused:
        check("softmax")

    assert 'pass root="path/to/kata"' in str(refused.value)
    assert "--root" not in str(refused.value)


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
        RAISING_SOFTMAX,
        f'result = check("softmax", softmax, root={str(tree)!r})\n'
        "for test in result.grade.failures:\n"
        "    print(test.message)",
    ]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in cells]
    )

    client(notebook, timeout=120, kernel_name="python3").execute()

    # A failure in a function of a cell names the cell, as In [4] shows it.
    (printed,) = notebook.cells[-1].outputs
    assert "softmax from the notebook, cell [4], line 6" in printed["text"]
    (output,) = notebook.cells[2].outputs
    assert output.output_type == "execute_result"
    assert "failing" in output.data["text/plain"]
    assert "likely mistake" in output.data["text/html"]
    assert "likely mistake" in output.data["text/markdown"]


def test_a_real_kernel_explains_a_notebook_variable_and_a_wrong_name(tree):
    """In a Jupyter kernel: a function that reads a variable of the
    notebook is told why the variable is missing, the report is wrapped
    to the notebook's width, and a wrong exercise name shows one error
    with none of the grader's lines."""
    nbformat = pytest.importorskip("nbformat")
    client = pytest.importorskip("nbclient").NotebookClient
    sources = [
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom grader import check",
        "AX = -1",
        AXIS_SOFTMAX,
        f'check("softmax", softmax, root={str(tree)!r})',
        f'check("sofmax", root={str(tree)!r})',
    ]
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    cells[-1].metadata["tags"] = ["raises-exception"]
    notebook = nbformat.v4.new_notebook(cells=cells)

    client(notebook, timeout=120, kernel_name="python3").execute()

    (result,) = notebook.cells[3].outputs
    plain, page = result.data["text/plain"], result.data["text/html"]
    assert "AX is defined in your notebook" in " ".join(plain.split())
    assert max(map(len, plain.splitlines())) <= NOTEBOOK_COLUMNS
    assert "AX is defined in your notebook" in page
    assert '<pre style="white-space: pre-wrap">' in page
    (error,) = notebook.cells[4].outputs
    shown = SGR.sub("", "\n".join(error.traceback))
    assert error.ename == "CheckError"
    assert error.evalue == "unknown exercise 'sofmax' (did you mean softmax?)"
    assert 'check("sofmax"' in shown
    assert "notebook.py" not in shown and "__init__.py" not in shown


def where_lines(result):
    return [
        line.strip()
        for test in result.grade.failures
        for line in test.message.splitlines()
        if line.strip().startswith("where")
    ]


def test_a_failure_names_the_line_of_the_function_passed_in_not_the_file(
    tree, tmp_path, monkeypatch
):
    wrong = function_from(tmp_path, RAISING_SOFTMAX, "softmax")
    # As from a notebook, whose cells IPython runs.
    monkeypatch.setattr(notebook, "_ipython", lambda: object())

    result = check("softmax", wrong, root=tree)

    lines = where_lines(result)
    assert lines, repr(result)
    # The sum that does not broadcast, and the exp that overflows.
    expected = (
        "softmax from the notebook, line 6: return e / e.sum(axis=-1)",
        "softmax from the notebook, line 5: e = np.exp(np.asarray(x, dtype=float))",
    )
    assert all(line.endswith(expected) for line in lines), lines
    assert any(line.endswith(expected[0]) for line in lines), lines
    messages = "\n".join(test.message for test in result.grade.failures)
    assert "kata-notebook" not in messages
    assert "exercises/softmax.py" not in messages


def test_a_failure_in_a_function_from_a_cell_names_the_cell(tree):
    shell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell
    ipython = shell.instance()
    ipython.run_cell(RAISING_SOFTMAX, store_history=True).raise_error()
    cell = ipython.execution_count - 1
    ipython.run_cell(
        f"from grader import check\nresult = check('softmax', softmax, "
        f"root={str(tree)!r})",
        store_history=True,
    ).raise_error()

    lines = where_lines(ipython.user_ns["result"])

    assert lines
    # The sum that does not broadcast, and the exp that overflows.
    where = f"softmax from the notebook, cell [{cell}], line "
    assert all(f"{where}6" in line or f"{where}5" in line for line in lines)
    assert any(f"{where}6" in line for line in lines)


def test_a_line_of_the_module_outside_the_functions_passed_in_is_its_own(
    tmp_path, monkeypatch
):
    # As from a notebook, whose cells IPython runs.
    monkeypatch.setattr(notebook, "_ipython", lambda: object())
    module = "import numpy as np\n\n\ndef f(x):\n    return x\n\n\nLIMIT = 1 / 0\n"
    replacement = function_from(
        tmp_path, "def f(x):\n    y = x + 1\n    y = y * 2\n    return y\n", "f"
    )
    text, placed = placed_functions(module, (replacement,), "f")
    path = tmp_path / "graded.py"
    assert text.splitlines()[9] == "LIMIT = 1 / 0"
    run = ExerciseRun(
        "f",
        [
            TestResult("test_a", False, "exception", f"  where     {path}, line 6"),
            TestResult("test_b", False, "exception", f"  where     {path}, line 10"),
        ],
        error=f"{path} could not be imported",
    )

    run = located(run, path, placed, "exercises/f.py")

    assert run.tests[0].message.endswith("f from the notebook, line 3")
    assert run.tests[1].message.endswith("exercises/f.py, line 8")
    assert run.error == (
        "exercises/f.py (with functions from the notebook) could not be imported"
    )


def test_each_function_passed_in_is_placed_where_its_text_is(tmp_path):
    module = "def f(x):\n    return x\n\n\ndef g(x):\n    return x\n"
    f = function_from(tmp_path, "def f(x):\n    x = x + 1\n    return x\n", "f")
    g = function_from(tmp_path, "def g(x):\n    return 2 * x\n", "g")

    text, placed = placed_functions(module, (g, f), "f")

    lines = text.splitlines()
    assert [(p.function.__name__, p.first, p.last) for p in placed] == [
        ("f", 1, 3),
        ("g", 6, 7),
    ]
    assert lines[5] == "def g(x):" and lines[6] == "    return 2 * x"


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "AX is defined in your notebook, but the function is graded apart"),
        ("ja", "AX はノートブックで定義されていますが、関数はノートブックとは"),
    ],
)
def test_a_variable_of_the_notebook_is_said_to_be_left_out(tree, lang, said):
    shell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell
    ipython = shell.instance()
    ipython.run_cell("AX = -1", store_history=True).raise_error()
    ipython.run_cell(AXIS_SOFTMAX, store_history=True).raise_error()
    ipython.run_cell(
        f"from grader import check\nresult = check('softmax', softmax, "
        f"root={str(tree)!r}, lang={lang!r})",
        store_history=True,
    ).raise_error()

    result = ipython.user_ns["result"]

    shown = result._plain()
    assert "NameError: name 'AX' is not defined" in shown
    assert said in shown
    assert "exercises/softmax.py" in shown
    assert "typo" not in shown and "打ち間違い" not in shown


def test_a_name_a_script_defines_is_said_to_be_its_own(tree, tmp_path, monkeypatch):
    # Used when the module is imported: a default value.
    source = "SCALE = 2.0\n\n\ndef sigmoid(x, k=SCALE):\n    return x\n"
    wrong = function_from(tmp_path, source, "sigmoid")
    monkeypatch.setattr(notebook, "_ipython", lambda: None)

    result = check("sigmoid", wrong, root=tree)

    (error,) = {test.message for test in result.grade.failures}
    assert "NameError: name 'SCALE' is not defined" in error
    assert error.endswith(
        "  likely mistake: SCALE is defined in cell_sigmoid.py, but the function "
        "is graded apart from it: its code is put in a copy of "
        "exercises/sigmoid.py, which has only its own imports and constants. "
        "Give SCALE its value inside the function, or write the value in place "
        "of the name."
    )


def test_a_numpy_function_called_without_np_is_told_to_write_np(
    tree, tmp_path, monkeypatch
):
    source = "def sigmoid(x):\n    return 1 / (1 + exp(-x))\n"
    wrong = function_from(tmp_path, source, "sigmoid")
    monkeypatch.setattr(notebook, "_ipython", lambda: None)

    result = check("sigmoid", wrong, root=tree)

    # sigmoid_grad, still the stub's, fails too: not written yet.
    failures = {test.message for test in result.grade.failures}
    messages = [message for message in failures if "NameError" in message]
    assert messages, failures
    for message in messages:
        assert "NameError: name 'exp' is not defined" in message
        assert message.endswith(
            "  likely mistake: exp is a NumPy function, not one of Python's "
            "own: write np.exp."
        )


def name_error(name, where, mistake):
    """The failure of a function passed in that used `name`, as the tests
    write it."""
    return (
        f"f(1) raised NameError: name '{name}' is not defined\n"
        f"  where     {where}\n"
        f"  likely mistake: {mistake}"
    )


def test_a_module_or_function_of_the_notebook_is_given_its_own_fix(tmp_path):
    source = (
        "import math\n\n\ndef helper(x):\n    return x\n\n\ndef f(x):\n    return x\n"
    )
    f = function_from(tmp_path, source, "f")
    where = "f in cell_f.py, line 9: return math.e * helper(x)"
    run = ExerciseRun(
        "f",
        [
            TestResult("test_a", False, "exception", name_error("math", where, "?")),
            TestResult("test_b", False, "exception", name_error("helper", where, "?")),
        ],
    )

    run = names_left_behind(run, (f,), "exercises/f.py")

    first, second = (test.message.splitlines()[-1] for test in run.tests)
    assert first.endswith(
        "Import math inside the function, or at the top of exercises/f.py."
    )
    assert second.endswith("Define helper inside the function, or in exercises/f.py.")


# An sgd_update that reads a constant of its cell, which the module graded
# lacks: a NameError on every call that steps a matrix, a long call.
CELL_RATE_SGD = """\
RATE = 1.0


def sgd_update(params, grads, lr):
    for key, param in params.items():
        if param.ndim == 2:
            param -= RATE * lr * grads[key]
        else:
            param -= lr * grads[key]
"""


def test_a_name_of_the_notebook_keeps_the_call_that_raised(tree, tmp_path, monkeypatch):
    wrong = function_from(tmp_path, CELL_RATE_SGD, "sgd_update")
    monkeypatch.setattr(notebook, "_ipython", lambda: None)

    result = check("sgd", wrong, root=tree)

    failure = next(t for t in result.grade.failures if "RATE" in t.message)
    lines = failure.message.splitlines()
    labels = [
        line[2:].split(":")[0].split("  ")[0]
        for line in lines
        if line.startswith("  ") and line[2:3] > " "
    ]
    # Laid out as every exception is, the notebook's advice in place of the
    # tests' own: the call, the line, the likely mistake.
    assert lines[1].startswith("  call      sgd_update({'w1': [[")
    assert labels == ["call", "where", "likely mistake"]
    assert "RATE is defined in cell_sgd_update.py" in lines[-1]


def test_a_name_the_notebook_does_not_explain_keeps_its_mistake(tmp_path):
    source = "AX = 1\nsoftmax = None\n\n\ndef f(x):\n    return x\n"
    f = function_from(tmp_path, source, "f")
    messages = [
        # Not a name of the notebook's: a typo, as the tests say.
        name_error("Ax", "f in cell_f.py, line 6: return Ax", "a typo?"),
        # Another exercise's function: the tests say which import it needs.
        name_error(
            "softmax",
            "f in cell_f.py, line 6: return softmax(x)",
            "softmax is not imported here: from .softmax import softmax.",
        ),
        # Used by a line of the module's own, which the notebook never had.
        name_error("AX", "exercises/f.py, line 3: LIMIT = AX", "a typo?"),
    ]
    run = ExerciseRun(
        "f",
        [
            TestResult(f"test_{i}", False, "exception", m)
            for i, m in enumerate(messages)
        ],
    )

    run = names_left_behind(run, (f,), "exercises/f.py")

    assert [test.message for test in run.tests] == messages


def wide_result(tree, tmp_path):
    """A failing result with lines wider than a narrow terminal."""
    wrong = function_from(tmp_path, RAISING_SOFTMAX, "softmax")
    result = check("softmax", wrong, root=tree)
    assert max(map(len, result._plain().splitlines())) > NOTEBOOK_COLUMNS
    return result


class Terminal(io.StringIO):
    """Standard output as a terminal is: IPython's, run in one."""

    def isatty(self):
        return True


def test_in_a_terminal_the_text_is_wrapped_at_words_to_its_width(
    tree, tmp_path, monkeypatch
):
    result = wide_result(tree, tmp_path)
    monkeypatch.setattr("sys.stdout", Terminal())
    monkeypatch.setenv("COLUMNS", "60")

    shown = repr(result)

    # A test's name wider than the terminal is broken after an underscore.
    assert all(len(line) <= 60 for line in shown.split("\n"))
    # Broken between words, or inside a name after an underscore only: the
    # same text, in the same order.
    assert "".join(shown.split()) == "".join(result._plain().split())


def test_in_a_terminal_one_line_leaves_room_for_ipythons_prompt(
    tree, tmp_path, monkeypatch
):
    right = function_from(tmp_path, solution("sgd"), "sgd_update")
    result = check("sgd", right, root=tree)
    (line,) = result._plain().splitlines()
    monkeypatch.setattr("sys.stdout", Terminal())

    monkeypatch.setenv("COLUMNS", str(len(line) + PROMPT_ROOM))
    beside = repr(result)
    monkeypatch.setenv("COLUMNS", str(len(line) + 1))
    below = repr(result)

    # "Out[7]: " and the line fit: on one line. Only the line fits: on
    # two, which IPython writes below its prompt, from the first column.
    assert beside == line
    assert len(below.splitlines()) == 2 and below.split() == line.split()


def test_in_jupyter_the_text_is_wrapped_to_a_notebooks_width(
    tree, tmp_path, monkeypatch
):
    result = wide_result(tree, tmp_path)
    # A kernel's output, which is no terminal.
    monkeypatch.setattr("sys.stdout", io.StringIO())

    html = result._repr_html_()
    markdown = result._repr_markdown_()

    pre = '<pre style="white-space: pre-wrap">'
    shown = text_of(html.split(pre, 1)[1].split("</pre>", 1)[0])
    # HTML breaks no sentence itself: pre-wrap breaks it at the output
    # area's width, however wide the cell is. The plain text and the
    # Markdown block, which nothing wraps, are broken at the notebook's.
    mistake = [line for line in shown.splitlines() if "likely mistake" in line]
    assert len(mistake) == 1 and mistake[0].rstrip().endswith(".")
    assert len(mistake[0]) > NOTEBOOK_COLUMNS
    block = markdown.split("```text\n", 1)[1].split("```", 1)[0]
    assert shown.split() == block.split()  # the same words, laid out alike
    assert max(map(len, block.splitlines())) <= NOTEBOOK_COLUMNS
    assert max(map(len, repr(result).splitlines())) <= NOTEBOOK_COLUMNS


def text_of(markup):
    """The text that HTML `markup` holds, its tags taken out."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


class HungLines(HTMLParser):
    """The lines of a report's <pre> as (label, value) pairs, read from
    the flex boxes that hang each value beside its label."""

    def __init__(self):
        super().__init__()
        self.lines, self.depth, self.part = [], 0, None

    def handle_starttag(self, tag, attrs):
        style = dict(attrs).get("style", "")
        if tag != "span":
            return
        self.depth += 1
        if style == "display: flex":
            self.lines.append(["", ""])
        elif "flex: none" in style and "white-space: pre" in style:
            self.part = 0
        elif "min-width: 0" in style:
            self.part = 1

    def handle_endtag(self, tag):
        if tag == "span":
            self.depth -= 1
            self.part = None

    def handle_data(self, data):
        if self.part is not None:
            self.lines[-1][self.part] += data


def hung_lines(page):
    """The (label, value) pairs of the report in HTML `page`."""
    parser = HungLines()
    parser.feed(page.split("<pre", 1)[1].split("</pre>", 1)[0])
    return [tuple(line) for line in parser.lines]


def displayed_html(tree, source, exercise, name, lang):
    """The HTML IPython shows for check(exercise) of the function `name`
    defined by `source` in a cell, the report in `lang`."""
    shell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell
    ipython = shell.instance()
    ipython.run_cell(source).raise_error()
    ipython.run_cell(
        f"from grader import check\nresult = check({exercise!r}, {name}, "
        f"root={str(tree)!r}, lang={lang!r})"
    ).raise_error()
    shown, _ = ipython.display_formatter.format(ipython.user_ns["result"])
    return shown["text/html"]


@pytest.mark.parametrize(
    "lang, label",
    [("en", "  likely mistake: "), ("ja", "  考えられる間違い: ")],
)
def test_in_jupyter_a_long_likely_mistake_continues_under_its_text(tree, lang, label):
    page = displayed_html(tree, COLUMN_SOFTMAX, "softmax", "softmax", lang)
    lines = hung_lines(page)

    # The label in a box of its own, the sentence in the box beside it:
    # wrapped by the output area, the sentence continues under itself.
    (mistake,) = [value for hung, value in lines if hung == label]
    assert "axis" in mistake and i18n.width(label + mistake) > NOTEBOOK_COLUMNS
    assert "\n" not in mistake
    # Every line is in a box, so none starts a continuation at the edge.
    pre = page.split("<pre", 1)[1].split("</pre>", 1)[0]
    assert text_of(pre).count("\n") == len(lines)


@pytest.mark.parametrize(
    "lang, label", [("en", "  call      "), ("ja", "  呼び出し  ")]
)
def test_in_jupyter_a_call_laid_out_on_rows_stands_beside_its_label(tree, lang, label):
    page = displayed_html(tree, MISSPELT_SGD, "sgd", "sgd_update", lang)

    (call,) = [value for hung, value in hung_lines(page) if hung == label]
    rows = call.split("\n")
    # The rows keep their places under the first, counted from the value,
    # not from the edge, whatever width the label's glyphs take.
    assert rows[0].startswith("sgd_update({'w1': [[")
    assert rows[1].startswith(" " * len("sgd_update({") + "'b1': ")
    assert rows[-1] == " " * len("sgd_update(") + "0.5)"


@pytest.mark.parametrize(
    "lang, label, place",
    [
        ("en", "  where     ", r"sgd_update from the notebook, cell \[\d+\], line 4:"),
        ("ja", "  場所      ", r"ノートブックの sgd_update、セル \[\d+\] の 4 行目:"),
    ],
)
def test_in_jupyter_the_place_of_a_where_line_is_whole_on_its_row(
    tree, lang, label, place
):
    page = displayed_html(tree, MISSPELT_SGD, "sgd", "sgd_update", lang)

    (where,) = [value for hung, value in hung_lines(page) if hung == label]
    # The code on a row of its own, as the command line puts it when the
    # line is too wide: where the output area wraps the line, it would
    # break the place in two, not before the code.
    first, code = where.split("\n")
    assert re.fullmatch(place, first), first
    assert code.startswith("param -= lr * grad[key]")


def test_on_a_terminal_the_headline_breaks_before_its_bracket_not_inside():
    headline = (
        "5. cross_entropy (Cross-entropy loss): failing, 9/12 tests pass "
        "[cross_entropy from the notebook]"
    )

    rows = notebook._headline_filled(headline, 80).split("\n")

    assert rows == [
        "5. cross_entropy (Cross-entropy loss): failing, 9/12 tests pass",
        "[cross_entropy from the notebook]",
    ]
    assert notebook._headline_filled(headline, 0) == headline


@pytest.mark.parametrize(
    "headline",
    [
        "3. softmax (Scores into probabilities): done, 20/20 tests pass "
        "[exercises/softmax.py]",
        "3. softmax(スコアから確率へ): 失敗あり (failing)、テスト 4/20 が通っています "
        "[exercises/softmax.py]",
    ],
)
def test_on_a_narrow_terminal_the_headline_breaks_before_its_status(headline):
    rows = notebook._headline_filled(headline, 60).split("\n")

    # The status stays whole, with the count of tests that pass.
    assert rows[0].startswith("3. softmax") and rows[0].endswith("):")
    assert "/20" in rows[1] and "[exercises/softmax.py]" in rows[-1]
    assert all(notebook.i18n.width(row) <= 60 for row in rows)


def test_the_names_left_out_of_the_report_are_said_where_to_find(tree, tmp_path):
    one_hot = function_from(
        tmp_path, "def one_hot(labels, C):\n    return 0\n", "one_hot"
    )

    result = check("one_hot", one_hot, root=tree, lang="en")
    text = " ".join(result._plain().split())

    assert " more (the result's .failing lists them all)." in text
    assert len(result.failing) == result.grade.failed > notebook.NAMES_LISTED + 1
    named = re.findall(r"test_\w+", text)
    assert all(any(f.startswith(name) for f in result.failing) for name in named)
    japanese = " ".join(
        check("one_hot", one_hot, root=tree, lang="ja")._plain().split()
    )
    assert "すべての名前は結果の .failing にあります" in japanese


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_on_a_narrow_terminal_a_where_lines_code_too_long_is_cut_short(lang):
    line = (
        "  where     exercises/dot.py, line 42: raise ValueError("
        'f"cannot multiply shapes {a.shape} and {b.shape} because the inner '
        'dimensions differ")'
    )
    with i18n.speaking(lang):
        rows = notebook._wrapped("    " + i18n.failure(line), 60).split("\n")

    # The place stays whole on its row, the code is cut at the width.
    assert rows[0].rstrip().endswith(("line 42:", "42 行目:")), rows
    assert all(i18n.width(row) <= 60 for row in rows), rows
    assert rows[-1].endswith("…"), rows


# A time limit that stopped a while loop whose condition is too long for a
# row of the terminal.
STOPPED_CONDITION = runner._Stop(
    "exercises/dot.py was still running after 30 s",
    runner.LOOP_GUESS,
    ("test_dot_gives_the_docstring_example",),
    lines=((52, "while epoch < epochs and loss > tolerance or not stopped(history):"),),
    stopped=(52,),
    loops=((52, 53),),
)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_in_a_terminal_a_stopped_lines_code_breaks_before_or_as_check_does(lang):
    test = TestResult(
        "test_dot_gives_the_docstring_example",
        False,
        "timeout",
        STOPPED_CONDITION.blame(),
    )
    error = STOPPED_CONDITION.error()
    run = ExerciseRun("dot", [test], error, timed_out=True, stopped_at_limit=True)
    result = notebook.CheckResult(grade(EXERCISES[0], run), "exercises/dot.py", lang)

    rows = [row.strip() for row in result._plain(60).split("\n")]

    start = rows.index("while epoch < epochs and loss > tolerance")
    assert rows[start + 1] == "or not stopped(history):", rows


# A softmax that reads a name nothing defines, on a line of code longer
# than a row of an 80-column terminal leaves beside the where line's label.
UNDEFINED_SOFTMAX = """\
import numpy as np


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True) + np.zeros_like(e) * undefined_eps
"""
# A sigmoid defined on one line: its def and its body are one line of code.
ONE_LINE_SIGMOID = """\
import numpy as np


def sigmoid(x): return 1 / (1 + np.exp(-x)) + undefined_eps
"""


def where_rows(shown, label):
    """The rows of the where line in the report `shown`, from its label's
    row to the last row under its value."""
    lines = shown.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(label))
    hang = " " * len(label)
    end = start + 1
    while end < len(lines) and lines[end].startswith(hang):
        end += 1
    return lines[start:end]


@pytest.mark.parametrize(
    "lang, label, place",
    [
        ("en", "      where     ", "softmax in cell_softmax.py, line 6:"),
        ("ja", "      場所      ", "cell_softmax.py の softmax、6 行目:"),
    ],
)
def test_in_a_terminal_a_where_line_keeps_its_place_whole_as_check_does(
    tree, tmp_path, monkeypatch, lang, label, place
):
    wrong = function_from(tmp_path, UNDEFINED_SOFTMAX, "softmax")
    monkeypatch.setattr(notebook, "_ipython", lambda: None)
    # Whatever the locale's language, the report speaks the one asked for.
    monkeypatch.setenv("LANG", "C.UTF-8")
    result = check("softmax", wrong, root=tree, lang=lang)
    monkeypatch.setattr("sys.stdout", Terminal())
    monkeypatch.setenv("COLUMNS", "80")

    rows = where_rows(repr(result), label)

    # The place whole on the label's row, the code on rows of its own
    # under it, its later rows four columns further in, as a line of code
    # goes on.
    assert rows[0] == label + place
    code = " " * i18n.width(label)
    assert rows[1].startswith(code + "return e / e.sum(")
    assert all(row.startswith(code + "    ") for row in rows[2:])
    assert len(rows) > 2 and all(i18n.width(row) <= 80 for row in rows)


@pytest.mark.parametrize(
    "lang, label", [("en", "      where     "), ("ja", "      場所      ")]
)
def test_a_one_line_def_is_shown_as_one_line_of_code(
    tree, tmp_path, monkeypatch, lang, label
):
    wrong = function_from(tmp_path, ONE_LINE_SIGMOID, "sigmoid")
    monkeypatch.setattr(notebook, "_ipython", lambda: None)
    monkeypatch.setenv("LANG", "C.UTF-8")
    result = check("sigmoid", wrong, root=tree, lang=lang)
    monkeypatch.setattr("sys.stdout", Terminal())
    monkeypatch.setenv("COLUMNS", "80")

    rows = where_rows(repr(result), label)

    # The def and its body on the same row: broken after the def's colon,
    # the body would read as a line of its own.
    code = " " * i18n.width(label)
    assert rows[1:] == [
        code + "def sigmoid(x): return 1 / (1 + np.exp(-x)) + undefined_eps"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Also failing: test_sigmoid_grad_gives_the_docstring_example, "
        "test_sigmoid_matches_the_logistic_function_for_any_shape and 20 more "
        "(the result's .failing lists them all).",
        "ほかに失敗しているテスト: test_sigmoid_grad_gives_the_docstring_example、"
        "test_sigmoid_matches_the_logistic_function_for_any_shape、ほか 20 個"
        "(すべての名前は結果の .failing にあります)。",
    ],
)
def test_the_label_of_the_other_failures_is_never_broken(line):
    label = line.split(": ")[0] + ":"

    for columns in range(notebook.MIN_COLUMNS, NOTEBOOK_COLUMNS + 1):
        rows = notebook._names_wrapped(line, columns).split("\n")

        # The label whole on the first row, the names after it where the
        # first fits there, else from the next row on.
        assert rows[0].startswith(label), (columns, rows)
        assert all(i18n.width(row) <= columns for row in rows), (columns, rows)
        assert "".join("".join(rows).split()) == "".join(line.split())

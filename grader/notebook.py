"""Grade an exercise from a notebook: ``check("softmax")``.

    from grader import check
    check("softmax")            # grades exercises/softmax.py
    check("softmax", softmax)   # grades the function defined in the notebook
    check("softmax", lang="ja") # the result in Japanese

With functions passed in, the module graded is the learner's
``exercises/NAME.py`` with those functions' definitions put in place of
its own, written to a temporary file; the learner's file is not touched.
The result renders as a short report in Jupyter (HTML and Markdown) and as
plain text anywhere else, in the language asked for with ``lang`` (default:
the locale's, as on the command line).

Limitations: a function passed in must be defined with ``def`` in a file
or a notebook cell (its source is read back with `inspect.getsource`), it
must have the name of one of the exercise's functions, and it runs with the
module's imports and constants, not the notebook's variables.
"""

import ast
import difflib
import html
import inspect
import re
import sys
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from grader import i18n
from grader.grading import DONE, Grade, grade, most_telling
from grader.i18n import _
from grader.project import ProjectError, open_project
from grader.render import (
    FAILED_MARK,
    aligned,
    failed_mark,
    printed_note,
    printed_output,
)
from grader.results import NOT_RUN, ExerciseRun

# Failures listed under the first one, by name only: the first is the one
# to work on, the others say how much is left.
NAMES_LISTED = 5


@dataclass(frozen=True)
class CheckResult:
    """One exercise's grade, shown readably in a notebook."""

    grade: Grade
    source: str  # what was graded: a file, or the functions passed in
    language: str = i18n.ENGLISH  # of the report

    @property
    def done(self) -> bool:
        return self.grade.status == DONE

    @property
    def status(self) -> str:
        return self.grade.status

    def __bool__(self) -> bool:
        return self.done

    def _parts(self) -> tuple[str, str, str, str]:
        """The headline, the first failure's test name and message, and
        the line that names the other failures, in the report's language."""
        with i18n.speaking(self.language):
            return self._texts()

    def _texts(self) -> tuple[str, str, str, str]:
        g = self.grade
        headline = _(
            "{number}. {name} ({title}): {status}, {passed}/{total} tests pass "
            "[{source}]",
            number=g.exercise.number,
            name=g.name,
            title=i18n.title(g.exercise),
            status=i18n.status(g.status),
            passed=g.passed,
            total=g.total,
            source=self.source,
        )
        error = i18n.failure(g.run.error) if g.run.error else ""
        failures = [t for t in g.failures if t.kind != NOT_RUN]
        first = most_telling(failures)
        if first is None:
            if g.status == DONE and printed_output(g):
                return headline, "", printed_note(g), ""
            return headline, "", error, ""
        others = [t.name for t in failures if t is not first]
        explained = i18n.failure(aligned(first.message.rstrip()))
        message = "\n".join(filter(None, [error, explained]))
        return headline, first.name, message, _others(others)

    def __repr__(self) -> str:
        headline, test, message, others = self._parts()
        lines = [headline]
        if test:
            mark = failed_mark(getattr(sys.stdout, "encoding", None))
            lines.append(f"{mark} {test}")
        if message:
            lines.append(textwrap.indent(message, "    "))
        if others:
            lines.append(others)
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        headline, test, message, others = self._parts()
        parts = [f"**{headline}**"]
        if test:
            parts.append(f"{FAILED_MARK} `{test}`")
        if message:
            parts.append(f"```text\n{message}\n```")
        if others:
            parts.append(others)
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        headline, test, message, others = self._parts()
        colour = "#1a7f37" if self.done else "#9a6700"
        parts = [f'<p style="color:{colour}"><b>{html.escape(headline)}</b></p>']
        if test:
            parts.append(f"<p>{FAILED_MARK} <code>{html.escape(test)}</code></p>")
        if message:
            parts.append(f"<pre>{html.escape(message)}</pre>")
        if others:
            parts.append(f"<p>{html.escape(others)}</p>")
        return "\n".join(parts)


def _others(others: list[str]) -> str:
    """'Also failing: test_a, test_b.' ('' when there are none)."""
    if not others:
        return ""
    listed = i18n.listed(others[:NAMES_LISTED])
    if len(others) > NAMES_LISTED:
        listed += _(" and {count} more", count=len(others) - NAMES_LISTED)
    return _("Also failing: {names}.", names=listed)


def check(
    name: str,
    *functions: Callable,
    root: str | Path | None = None,
    lang: str | None = None,
) -> CheckResult:
    """Grade exercise `name` and return its result.

    Without `functions`, grades ``exercises/NAME.py`` as ``python -m grader
    check NAME`` does. With them, grades that file with these functions in
    place of its own definitions of the same names. `root` is the project
    folder (default: the nearest one from the current folder upward);
    `lang` the language of the result and of the errors, "en" or "ja"
    (default: Japanese when the locale's language is, else English).

    Raises ValueError for an unknown exercise, a function the exercise
    does not define, or one whose source cannot be read.
    """
    if lang is not None and lang not in i18n.LANGUAGES:
        choices = i18n.listed(map(repr, i18n.LANGUAGES))
        raise ValueError(f"lang must be one of {choices}, not {lang!r}")
    with i18n.speaking(lang):
        try:
            return _check(name, functions, root)
        except Refused as refused:
            # A mistake in the call, not in the grader: the traceback ends
            # at the learner's line, not deep inside the grader.
            raise ValueError(str(refused)) from None


class Refused(ValueError):
    """A call of `check` that cannot be graded; the message says why."""


def _check(
    name: str, functions: tuple[Callable, ...], root: str | Path | None
) -> CheckResult:
    try:
        project = open_project(
            Path(root) if root is not None else None, naming='root="path/to/kata"'
        )
    except ProjectError as error:
        raise Refused(str(error)) from None
    exercise = project.find(name)
    if exercise is None:
        close = difflib.get_close_matches(str(name), project.names, n=1)
        raise Refused(
            _(
                "unknown exercise {name}{guess}; the exercises are: {names}",
                name=repr(name),
                guess=_(" (did you mean {name}?)", name=close[0]) if close else "",
                names=i18n.listed(project.names),
            )
        )
    from grader.runner import Job, preload, run_exercise

    # numpy, pytest and hypothesis are loaded into the notebook once, so
    # that every check forks its tests' process with them already loaded.
    preload()
    language = i18n.language()
    if not functions:
        run = run_exercise(Job(name, project.root))
        return CheckResult(grade(exercise, run), exercise.module_file, language)

    module = project.root / exercise.module_file
    text, placed = placed_functions(module.read_text(encoding="utf-8"), functions, name)
    with tempfile.TemporaryDirectory(prefix="kata-notebook-") as folder:
        path = Path(folder) / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        run = run_exercise(Job(name, project.root, overrides=((name, path),)))
    run = located(run, path, placed, exercise.module_file)
    passed_in = i18n.listed(f.__name__ for f in functions)
    file = _file(functions[0])
    if file is None:
        source = _("{functions} from the notebook", functions=passed_in)
    else:
        source = _("{functions} from {file}", functions=passed_in, file=file)
    return CheckResult(grade(exercise, run), source, language)


def _file(function: Callable) -> str | None:
    """The name of the file that defined `function`, or None when it came
    from a notebook (or any IPython shell): a cell has no file of its own
    that the learner knows."""
    if _ipython() is not None or _cell(function) is not None:
        return None
    filename = getattr(getattr(function, "__code__", None), "co_filename", "")
    return Path(filename).name or None


@dataclass(frozen=True)
class Placed:
    """A function passed in, as placed in the module graded."""

    function: Callable
    first: int  # its first line in the module graded, from 1
    last: int
    lines_before: int  # how many lines the module had there before


def placed_functions(
    module: str, functions: tuple[Callable, ...], name: str
) -> tuple[str, list[Placed]]:
    """`module`'s source with each top-level definition of a function in
    `functions` replaced by that function's own source, and where each one
    was put, in the order of the module."""
    defined = {
        node.name: node
        for node in ast.parse(module).body
        if isinstance(node, ast.FunctionDef)
    }
    replacements = []
    for function in functions:
        node = defined.get(getattr(function, "__name__", ""))
        if getattr(function, "__name__", "") == "<lambda>":
            raise Refused(
                _(
                    "exercise {name} defines {functions}; a lambda has no such "
                    "name: write the function with `def` and pass that",
                    name=name,
                    functions=i18n.listed(defined),
                )
            )
        if node is None:
            raise Refused(
                _(
                    "exercise {name} defines {functions}; pass functions with "
                    "those names (got {function})",
                    name=name,
                    functions=i18n.listed(defined),
                    function=repr(function),
                )
            )
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        replacements.append((start, node.end_lineno, function))
    lines = module.splitlines(keepends=True)
    text, placed = [], []
    done = 0  # the module's lines copied so far
    for start, end, function in sorted(replacements, key=lambda r: r[0]):
        text += lines[done : start - 1]
        source = _source(function).splitlines(keepends=True)
        first = len(text) + 1
        text += source
        placed.append(Placed(function, first, len(text), end - start + 1))
        done = end
    text += lines[done:]
    return "".join(text), placed


def located(
    run: ExerciseRun, path: Path, placed: list[Placed], module_file: str
) -> ExerciseRun:
    """`run` with every place in the module graded (`path`, a temporary
    file) named as the learner knows it: a line of a function passed in
    as that function's line in the notebook (its cell's, when known), any
    other line as the line of `module_file` it came from."""
    # The longer name first: one may be the start of the other.
    names = sorted({str(path), str(path.resolve())}, key=len, reverse=True)
    where = re.compile("|".join(map(re.escape, names)) + r"(?:, line (\d+))?")

    def name(match: re.Match) -> str:
        if match.group(1) is None and _file(placed[0].function) is not None:
            return _("{file} (with the functions passed in)", file=module_file)
        if match.group(1) is None:
            return _("{file} (with functions from the notebook)", file=module_file)
        return _place(int(match.group(1)), placed, module_file)

    def fix(text: str) -> str:
        return where.sub(name, text)

    tests = [replace(test, message=fix(test.message)) for test in run.tests]
    return replace(run, tests=tests, error=fix(run.error))


def _place(line: int, placed: list[Placed], module_file: str) -> str:
    """Line `line` of the module graded, named where it came from."""
    shift = 0  # lines added to the module above `line`
    for each in placed:
        if each.first <= line <= each.last:
            return _in_notebook(each.function, line - each.first)
        if each.last < line:
            shift += (each.last - each.first + 1) - each.lines_before
    return _("{file}, line {line}", file=module_file, line=line - shift)


def _in_notebook(function: Callable, offset: int) -> str:
    """The line `offset` lines into `function`'s definition, named as its
    line in the notebook: in its cell when the cell is known."""
    try:
        first = inspect.getsourcelines(function)[1]
    except (OSError, TypeError):
        first = 1
    line = max(first, 1) + offset
    cell = _cell(function)
    file = _file(function)
    if file is not None:
        return _(
            "{function} in {file}, line {line}",
            function=function.__name__,
            file=file,
            line=line,
        )
    if cell is None:
        return _(
            "{function} from the notebook, line {line}",
            function=function.__name__,
            line=line,
        )
    return _(
        "{function} from the notebook, cell [{cell}], line {line}",
        function=function.__name__,
        cell=cell,
        line=line,
    )


# How IPython names the code of a cell it was not told to keep elsewhere.
IPYTHON_CELL = re.compile(r"<ipython-input-(\d+)-")


def _cell(function: Callable) -> int | None:
    """The number of the notebook cell that defined `function` (its
    execution count, as In [3] shows it), or None when unknown."""
    filename = getattr(getattr(function, "__code__", None), "co_filename", "")
    shell = _ipython()
    numbers = getattr(getattr(shell, "compile", None), "_filename_map", {})
    if filename in numbers:
        return numbers[filename]
    found = IPYTHON_CELL.match(filename)
    return int(found.group(1)) if found else None


def _ipython():
    """The running IPython shell, or None outside one (never imported here:
    only a notebook that has it loaded can have cells)."""
    module = sys.modules.get("IPython")
    get = getattr(module, "get_ipython", None)
    return get() if get is not None else None


def _source(function: Callable) -> str:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError) as error:
        raise Refused(
            _(
                "cannot read the source of {function} ({error}): define it with "
                "`def` in a notebook cell or a file",
                function=repr(function),
                error=error,
            )
        ) from None  # the message says what the cause does
    source = textwrap.dedent(source)
    return source if source.endswith("\n") else source + "\n"

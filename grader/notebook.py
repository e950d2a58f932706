"""Grade an exercise from a notebook: ``check("softmax")``.

    from grader import check
    check("softmax")            # grades exercises/softmax.py
    check("softmax", softmax)   # grades the function defined in the notebook

With functions passed in, the module graded is the learner's
``exercises/NAME.py`` with those functions' definitions put in place of
its own, written to a temporary file; the learner's file is not touched.
The result renders as a short report in Jupyter (HTML and Markdown) and as
plain text anywhere else.

Limitations: a function passed in must be defined with ``def`` in a file
or a notebook cell (its source is read back with `inspect.getsource`), it
must have the name of one of the exercise's functions, and it runs with the
module's imports and constants, not the notebook's variables.
"""

import ast
import html
import inspect
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader.grading import DONE, Grade, grade, most_telling
from grader.project import ProjectError, open_project
from grader.results import NOT_RUN

# Failures listed under the first one, by name only: the first is the one
# to work on, the others say how much is left.
NAMES_LISTED = 5


@dataclass(frozen=True)
class CheckResult:
    """One exercise's grade, shown readably in a notebook."""

    grade: Grade
    source: str  # what was graded: a file, or the functions passed in

    @property
    def done(self) -> bool:
        return self.grade.status == DONE

    @property
    def status(self) -> str:
        return self.grade.status

    def __bool__(self) -> bool:
        return self.done

    def _parts(self) -> tuple[str, str, str, list[str]]:
        """The headline, the first failure's test name and message, and
        the names of the other failures."""
        g = self.grade
        headline = (
            f"{g.exercise.number}. {g.name} ({g.exercise.title}): {g.status}, "
            f"{g.passed}/{g.total} tests pass [{self.source}]"
        )
        failures = [t for t in g.failures if t.kind != NOT_RUN]
        first = most_telling(failures)
        if first is None:
            return headline, "", g.run.error, []
        others = [t.name for t in failures if t is not first]
        message = "\n".join(filter(None, [g.run.error, first.message.rstrip()]))
        return headline, first.name, message, others

    def _others(self, others: list[str]) -> str:
        listed = ", ".join(others[:NAMES_LISTED])
        if len(others) > NAMES_LISTED:
            listed += f" and {len(others) - NAMES_LISTED} more"
        return f"Also failing: {listed}." if others else ""

    def __repr__(self) -> str:
        headline, test, message, others = self._parts()
        lines = [headline]
        if test:
            lines.append(f"x {test}")
        if message:
            lines.append(textwrap.indent(message, "    "))
        if others:
            lines.append(self._others(others))
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        headline, test, message, others = self._parts()
        parts = [f"**{headline}**"]
        if test:
            parts.append(f"✗ `{test}`")
        if message:
            parts.append(f"```text\n{message}\n```")
        if others:
            parts.append(self._others(others))
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        headline, test, message, others = self._parts()
        colour = "#1a7f37" if self.done else "#9a6700"
        parts = [f'<p style="color:{colour}"><b>{html.escape(headline)}</b></p>']
        if test:
            parts.append(f"<p>✗ <code>{html.escape(test)}</code></p>")
        if message:
            parts.append(f"<pre>{html.escape(message)}</pre>")
        if others:
            parts.append(f"<p>{html.escape(self._others(others))}</p>")
        return "\n".join(parts)


def check(
    name: str, *functions: Callable, root: str | Path | None = None
) -> CheckResult:
    """Grade exercise `name` and return its result.

    Without `functions`, grades ``exercises/NAME.py`` as ``python -m grader
    check NAME`` does. With them, grades that file with these functions in
    place of its own definitions of the same names. `root` is the project
    folder (default: the nearest one from the current folder upward).

    Raises ValueError for an unknown exercise, a function the exercise
    does not define, or one whose source cannot be read.
    """
    try:
        project = open_project(Path(root) if root is not None else None)
    except ProjectError as error:
        raise ValueError(str(error)) from None
    exercise = project.find(name)
    if exercise is None:
        raise ValueError(
            f"unknown exercise {name!r}; the exercises are: {', '.join(project.names)}"
        )
    from grader.runner import Job, preload, run_exercise

    # numpy, pytest and hypothesis are loaded into the notebook once, so
    # that every check forks its tests' process with them already loaded.
    preload()
    if not functions:
        run = run_exercise(Job(name, project.root))
        return CheckResult(grade(exercise, run), exercise.module_file)

    module = project.root / exercise.module_file
    text = with_functions(module.read_text(encoding="utf-8"), functions, name)
    with tempfile.TemporaryDirectory(prefix="kata-notebook-") as folder:
        path = Path(folder) / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        run = run_exercise(Job(name, project.root, overrides=((name, path),)))
    passed_in = ", ".join(f.__name__ for f in functions)
    return CheckResult(grade(exercise, run), f"{passed_in} from the notebook")


def with_functions(module: str, functions: tuple[Callable, ...], name: str) -> str:
    """`module`'s source with each top-level definition of a function in
    `functions` replaced by that function's own source."""
    defined = {
        node.name: node
        for node in ast.parse(module).body
        if isinstance(node, ast.FunctionDef)
    }
    replacements = []
    for function in functions:
        node = defined.get(getattr(function, "__name__", ""))
        if node is None or function.__name__ == "<lambda>":
            raise ValueError(
                f"exercise {name} defines {', '.join(defined)}; pass functions "
                f"with those names (got {function!r})"
            )
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        replacements.append((start, node.end_lineno, _source(function)))
    lines = module.splitlines(keepends=True)
    # From the bottom up, so that earlier line numbers stay valid.
    for start, end, source in sorted(replacements, reverse=True):
        lines[start - 1 : end] = [source]
    return "".join(lines)


def _source(function: Callable) -> str:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError) as error:
        raise ValueError(
            f"cannot read the source of {function!r} ({error}): define it with "
            "`def` in a notebook cell or a file"
        ) from error
    source = textwrap.dedent(source)
    return source if source.endswith("\n") else source + "\n"

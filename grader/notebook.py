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
the locale's, as on the command line), its long lines broken between words
to the terminal's width, or to a notebook's; in HTML, only the values are
laid out, and the output area wraps the sentences at its own width, a
labelled one under the text after its label. A call that cannot be
graded (an unknown exercise, say) raises `CheckError`, which IPython
shows without the grader's own lines.

Limitations: a function passed in must be defined with ``def`` in a file
or a notebook cell (its source is read back with `inspect.getsource`), it
must have the name of one of the exercise's functions, and it runs with the
module's imports and constants, not the notebook's variables (a failure
that uses one of them says so).
"""

import ast
import difflib
import html
import inspect
import re
import shutil
import sys
import tempfile
import textwrap
import types
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.text import Text

from grader import i18n
from grader.grading import DONE, MISTAKE_LABEL, Grade, grade, most_telling
from grader.i18n import _
from grader.project import ProjectError, open_project
from grader.render import (
    FAILED_MARK,
    LABEL,
    aligned,
    failed_line,
    failed_mark,
    long_label,
    names_broken,
    phrase_rows,
    printed_note,
    printed_output,
    where_parts,
    wrapped_lines,
)
from grader.results import NOT_RUN, ExerciseRun

# Failures listed under the first one, by name only: the first is the one
# to work on, the others say how much is left.
NAMES_LISTED = 5
# How wide a report is laid out where there is no terminal to measure: a
# Jupyter output area at its usual size holds about this many columns of
# its monospaced font, and a longer line would scroll sideways.
NOTEBOOK_COLUMNS = 100
# Narrower terminals still get lines this wide, broken by the terminal: a
# label and a word or two per line would be harder to read.
MIN_COLUMNS = 40
# The room IPython's prompt takes before a result of one line: "Out[123]: ".
PROMPT_ROOM = 10


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

    @property
    def failing(self) -> list[str]:
        """The names of every failing test, those the report leaves out
        for room included."""
        return [test.name for test in self.grade.failures if test.kind != NOT_RUN]

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
        columns = _terminal_columns()
        if columns is None:
            return self._plain(NOTEBOOK_COLUMNS)
        # IPython writes a result of one line after its "Out[7]: " prompt,
        # and one of several lines below it: a line that fits the terminal
        # only without the prompt is broken, to stand below it.
        text = self._plain(columns)
        if "\n" not in text and i18n.width(text) > columns - PROMPT_ROOM:
            text = self._plain(columns - PROMPT_ROOM)
        return text

    def _plain(self, columns: int = 0) -> str:
        """The report as plain text, each line wider than `columns` broken
        between words (no line is broken when `columns` is 0)."""
        # Laid out in the report's language, which says what its labels
        # are: a `where` line is broken as one (see `where_parts`) only
        # where its label is known for one.
        with i18n.speaking(self.language):
            return self._laid_out(columns)

    def _laid_out(self, columns: int) -> str:
        headline, test, message, others = self._parts()
        shown = [_headline_filled(headline, columns)]
        if test:
            mark = failed_mark(getattr(sys.stdout, "encoding", None))
            # A name too long is broken after an underscore, as check does.
            shown.append(failed_line(mark, test, columns or None).plain)
        if message:
            shown.append(_wrapped(textwrap.indent(message, "    "), columns))
        if others:
            shown.append(_names_wrapped(others, columns))
        return "\n".join(shown)

    def _repr_markdown_(self) -> str:
        with i18n.speaking(self.language):
            return self._markdown()

    def _markdown(self) -> str:
        headline, test, message, others = self._parts()
        parts = [f"**{headline}**"]
        if test:
            parts.append(f"{FAILED_MARK} `{test}`")
        if message:
            parts.append(f"```text\n{_wrapped(message, NOTEBOOK_COLUMNS)}\n```")
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
            # Values are laid out (a call an argument to a line, an array a
            # row to a line), but sentences are left whole: pre-wrap breaks
            # them at the output area's own width, however wide it is, and
            # each line's value stands beside its label (see `_html_line`).
            with i18n.speaking(self.language):
                apart = _code_apart(message)
            laid_out = wrapped_lines(Text(apart), NOTEBOOK_COLUMNS, prose=False)
            shown = "".join(_html_line(*line) for line in _hung(laid_out.plain))
            parts.append(f'<pre style="white-space: pre-wrap">{shown}</pre>')
        if others:
            parts.append(f"<p>{html.escape(others)}</p>")
        return "\n".join(parts)


def _code_apart(message: str) -> str:
    """A failure's `message` with the code of its `where` line on a row of
    its own under the value, as the command line puts it when the line is
    too wide: the output area's width is not known, and where it wraps
    the line, it would break the place in two ("... セル [7] の" and "3
    行目: return ...") rather than keep it whole."""
    lines = []
    for line in message.split("\n"):
        parts = where_parts(line)
        if parts is None:
            lines.append(line)
            continue
        label, place, code = parts
        lines += [label + place, " " * i18n.width(label) + code]
    return "\n".join(lines)


def _hung(text: str) -> list[tuple[str, str]]:
    """The lines of a failure message as (label, value) pairs: a label
    ("  likely mistake: ", or else a line's indent) and what follows it.
    The later lines of a labelled value (a call's arguments, an array's
    rows), which stand under it, are joined to it without the spaces that
    put them there. A label too long to hang a value under (see
    `long_label`) counts as none, as on the command line."""
    pairs: list[tuple[str, str]] = []
    margin = 0  # where the value of the last labelled line starts
    for line in text.split("\n"):
        if margin and line[:margin].isspace():
            label, value = pairs[-1]
            pairs[-1] = (label, f"{value}\n{line[margin:]}")
            continue
        found = LABEL.match(line)
        label = found.group() if found else ""
        if not label.strip() or long_label(label, NOTEBOOK_COLUMNS):
            label, margin = line[: len(line) - len(line.lstrip(" "))], 0
        else:
            margin = i18n.width(label)
        pairs.append((label, line[len(label) :]))
    return pairs


def _html_line(label: str, value: str) -> str:
    """One line of a failure message as HTML inside a pre-wrap <pre>, its
    value beside its label in a flex box: where the output area wraps a
    long value, the continuation starts under the value, not at the left
    edge. The label takes its own rendered width, which counting characters
    would not give for Japanese in a font without its glyphs. The newline
    at the end is not rendered in the flex box, but breaks the line where
    styles are not applied."""
    # A preserved space keeps a blank line one line high.
    shown = html.escape(value) or " "
    head = (
        f'<span style="white-space: pre; flex: none">{html.escape(label)}</span>'
        if label
        else ""
    )
    return (
        f'<span style="display: flex">{head}'
        f'<span style="min-width: 0">{shown}</span>\n</span>'
    )


def _wrapped(text: str, columns: int) -> str:
    """`text` with each line wider than `columns` broken between words (as
    the command line's report breaks them), or as it is when `columns` is
    0."""
    if columns <= 0:
        return text
    return wrapped_lines(Text(text), columns).plain


def _names_wrapped(line: str, columns: int) -> str:
    """The line that names the other failures, broken to `columns`: under
    its label while every name fits there, else from the start of the line,
    so that a long test name has the whole width to itself. The label is
    never broken: where its row has no room for it, it has a row to
    itself."""
    hung = _wrapped(line, columns)
    fits = all(i18n.width(row) <= columns for row in hung.split("\n"))
    if fits and _label_whole(line, hung):
        return hung
    rows = _label_kept(line, columns)
    if columns <= 0:
        return "\n".join(rows)
    # A name still too long is broken after an underscore, not by the
    # terminal inside a word.
    return "\n".join(r for row in rows for r in names_broken(row, columns, ""))


def _label_whole(line: str, shown: str) -> bool:
    """Whether `shown`, `line` laid out, has the whole of `line`'s label
    ("ほかに失敗しているテスト: ", if it has one) on its first row."""
    label = LABEL.match(line)
    return label is None or shown.startswith(label.group().rstrip())


def _label_kept(line: str, columns: int) -> list[str]:
    """`line` in rows as `_filled` breaks it, but its label on a row of its
    own where the first row would hold only a part of it: a Japanese label
    may break between any two characters."""
    rows = _filled(line, columns).split("\n")
    label = LABEL.match(line)
    if _label_whole(line, rows[0]):
        return rows
    return [label.group().rstrip(), *_filled(line[label.end() :], columns).split("\n")]


def _filled(line: str, columns: int) -> str:
    """`line` broken between words to `columns`, each part from the start
    of a line (as it is when `columns` is 0)."""
    return i18n.fill(line, columns) if columns > 0 else line


def _headline_filled(headline: str, columns: int) -> str:
    """The `headline` broken to `columns` as `_filled` breaks it, but the
    bracketed part that ends it ("[cross_entropy from the notebook]") kept
    whole: it breaks before its "[", and inside only when it is longer
    than a line."""
    head, bracket, source = headline.rpartition(" [")
    if not bracket or columns <= 0 or i18n.width(headline) <= columns:
        return _filled(headline, columns)
    source = "[" + source
    if i18n.width(head) <= columns:
        # The status whole on its row, where it is read, and the source
        # on the next, rather than a word of the status carried over to it.
        return "\n".join([head, *_filled(source, columns).split("\n")])
    # Broken after the exercise's name and title, before its status, where
    # the status fits on a row of its own.
    rows = phrase_rows(head, columns).split("\n")
    if i18n.width(f"{rows[-1]} {source}") <= columns:
        rows[-1] += f" {source}"
    else:
        rows += _filled(source, columns).split("\n")
    return "\n".join(rows)


def _terminal_columns() -> int | None:
    """The width of the terminal the output goes to (IPython's, run in
    one), or None when it goes to none. A Jupyter kernel's output is not a
    terminal, even when the kernel's own process was started from one."""
    try:
        on_terminal = sys.stdout.isatty()
    except (AttributeError, ValueError):
        on_terminal = False
    if not on_terminal:
        return None
    columns = shutil.get_terminal_size((NOTEBOOK_COLUMNS, 24)).columns
    return max(columns, MIN_COLUMNS)


def _others(others: list[str]) -> str:
    """'Also failing: test_a, test_b.' ('' when there are none), saying
    where to find the names too many to list."""
    if not others:
        return ""
    listed = i18n.listed(others[:NAMES_LISTED])
    if len(others) <= NAMES_LISTED:
        return _("Also failing: {names}.", names=listed)
    listed += _(" and {count} more", count=len(others) - NAMES_LISTED)
    # The names left out are one attribute away, where the notebook is.
    return _(
        "Also failing: {names} (the result's .failing lists them all).", names=listed
    )


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

    Raises CheckError (a ValueError) for an unknown exercise or language,
    a function the exercise does not define, or one whose source cannot be
    read. IPython shows it without the grader's own lines: the mistake is
    in the call.
    """
    if lang is not None and lang not in i18n.LANGUAGES:
        choices = i18n.listed(map(repr, i18n.LANGUAGES))
        raise CheckError(f"lang must be one of {choices}, not {lang!r}")
    with i18n.speaking(lang):
        try:
            return _check(name, functions, root)
        except CheckError as refused:
            # Raised anew here, so that its traceback starts in this
            # function rather than in the one that found the mistake.
            raise CheckError(str(refused)) from None


class CheckError(ValueError):
    """A call of `check` that cannot be graded; the message says why."""

    def _render_traceback_(self) -> list[str]:
        """How IPython shows this error (it asks any exception that has
        this method): as it shows any other, but with the lines of the
        learner's cells only, since the grader's lines only lead to the
        message."""
        shell = _ipython()
        if shell is None:
            return [f"{type(self).__name__}: {self}"]
        cut = _before_the_grader(self.__traceback__)
        return shell.InteractiveTB.structured_traceback(type(self), self, cut)


def _before_the_grader(tb: types.TracebackType | None) -> types.TracebackType | None:
    """The part of traceback `tb` before its first line of the grader's
    package: the shell's frames and the learner's."""
    kept = []
    while tb is not None and not _in_grader(tb.tb_frame):
        kept.append(tb)
        tb = tb.tb_next
    cut = None
    for each in reversed(kept):
        cut = types.TracebackType(cut, each.tb_frame, each.tb_lasti, each.tb_lineno)
    return cut


# The grader's package, whose lines a refused call's traceback leaves out.
PACKAGE = Path(__file__).resolve().parent


def _in_grader(frame: types.FrameType) -> bool:
    return Path(frame.f_code.co_filename).resolve().is_relative_to(PACKAGE)


def _check(
    name: str, functions: tuple[Callable, ...], root: str | Path | None
) -> CheckResult:
    try:
        project = open_project(
            Path(root) if root is not None else None, naming='root="path/to/kata"'
        )
    except ProjectError as error:
        raise CheckError(str(error)) from None
    exercise = project.find(name)
    if exercise is None:
        raise CheckError(_unknown(name, project.names))
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
    run = names_left_behind(run, functions, exercise.module_file)
    passed_in = i18n.listed(f.__name__ for f in functions)
    file = _file(functions[0])
    if file is None:
        source = _("{functions} from the notebook", functions=passed_in)
    else:
        source = _("{functions} from {file}", functions=passed_in, file=file)
    return CheckResult(grade(exercise, run), source, language)


def _unknown(name: str, names: list[str]) -> str:
    """Why exercise `name` cannot be graded: the name it was most likely
    meant to be, or else every exercise's."""
    close = difflib.get_close_matches(str(name), names, n=1)
    if close:
        guess = _(" (did you mean {name}?)", name=close[0])
        return _("unknown exercise {name}{guess}", name=repr(name), guess=guess)
    return _(
        "unknown exercise {name}{guess}; the exercises are: {names}",
        name=repr(name),
        guess="",
        names=i18n.listed(names),
    )


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
            raise CheckError(
                _(
                    "exercise {name} defines {functions}; a lambda has no such "
                    "name: write the function with `def` and pass that",
                    name=name,
                    functions=i18n.listed(defined),
                )
            )
        if node is None:
            raise CheckError(
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


# How Python says a name has no value where it is used.
UNDEFINED = re.compile(r"\bNameError: name '(\w+)' is not defined")


def names_left_behind(
    run: ExerciseRun, functions: tuple[Callable, ...], module_file: str
) -> ExerciseRun:
    """`run` with a new likely mistake for each NameError whose name the
    notebook (or the file) that defined `functions` has: the module graded
    never had it. The learner sees the name defined, in a cell, so that a
    typo or a name used too early is not what they need to hear, but where
    the function runs."""

    def fix(message: str) -> str:
        found = UNDEFINED.search(message)
        name = found.group(1) if found else ""
        advice = _left_behind(name, functions, module_file) if name else None
        if advice is None or not _told_wrongly(message, name, module_file):
            return message
        return _with_mistake(message, advice)

    tests = [replace(test, message=fix(test.message)) for test in run.tests]
    return replace(run, tests=tests, error=fix(run.error))


def _told_wrongly(message: str, name: str, module_file: str) -> bool:
    """Whether the failure `message` about `name`, a name of the notebook's,
    needs the notebook's advice instead of the one it has."""
    # Another exercise's function is best imported: the tests' advice then
    # gives the import to write.
    if re.search(rf"from \.\w+ import {re.escape(name)}\b", message):
        return False
    # A line of the module's own (not of a function passed in) that uses
    # the name is no code the notebook ever gave the name to.
    lines = message.split("\n")
    return not any(line.startswith("  where") and module_file in line for line in lines)


def _with_mistake(message: str, advice: str) -> str:
    """Failure `message` with `advice` as its likely mistake, in place of
    the one it had, if any: that line ends a failure's message."""
    lines = message.split("\n")
    label = f"  {MISTAKE_LABEL}"
    ends = [i for i, line in enumerate(lines) if line.startswith(label)]
    kept = lines[: ends[0]] if ends else lines
    return "\n".join([*kept, f"{label} {advice}"])


def _left_behind(
    name: str, functions: tuple[Callable, ...], module_file: str
) -> str | None:
    """What to do about `name`, which the module graded does not define,
    when the namespace of one of `functions` (a notebook's, a file's) does;
    else None."""
    function = next(
        (f for f in functions if name in getattr(f, "__globals__", {})), None
    )
    if function is None:
        return None
    fix = _fix(name, function, module_file)
    script = _file(function)
    if script is None:
        return _(
            "{name} is defined in your notebook, but the function is graded "
            "apart from it: its code is put in a copy of {file}, which has only "
            "its own imports and constants. {fix}",
            name=name,
            file=module_file,
            fix=fix,
        )
    return _(
        "{name} is defined in {script}, but the function is graded apart from "
        "it: its code is put in a copy of {file}, which has only its own "
        "imports and constants. {fix}",
        name=name,
        script=script,
        file=module_file,
        fix=fix,
    )


def _fix(name: str, function: Callable, module_file: str) -> str:
    """How to give `function` the `name` its namespace has, by what the
    name holds: a module, a function (or class), or a value."""
    value = function.__globals__[name]
    if inspect.ismodule(value):
        return _(
            "Import {name} inside the function, or at the top of {file}.",
            name=name,
            file=module_file,
        )
    if callable(value):
        return _(
            "Define {name} inside the function, or in {file}.",
            name=name,
            file=module_file,
        )
    return _(
        "Give {name} its value inside the function, or write the value in "
        "place of the name.",
        name=name,
    )


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
    except (OSError, TypeError):
        # Python's own words ("could not get source code") say less than
        # this, and would stay English in a Japanese message.
        raise CheckError(
            _(
                "cannot read the source of {function}: define it with `def` in "
                "a notebook cell or a file (one typed at a plain Python prompt, "
                "or made with lambda, has no source to read)",
                function=repr(function),
            )
        ) from None
    source = textwrap.dedent(source)
    return source if source.endswith("\n") else source + "\n"

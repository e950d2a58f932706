"""Run the learner's functions: load a module under test and call into it.

This is the only place the tests touch learner code. Every call goes through
a `LearnerFunction`, which records what was asked (for failure messages) and
checks that the call left its inputs as they were. Judging the results is
the business of `tests.judge`.
"""

import ast
import contextlib
import copy
import difflib
import importlib.abc
import importlib.util
import inspect
import io
import linecache
import os
import re
import sys
import time
import traceback
import types
import unicodedata
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import numpy as np

from tests import blame, confine, reference, sandbox, stand_ins

ROOT = Path(__file__).resolve().parent.parent


# What a read of standard input raises while the learner's code runs: a
# test has no one at a keyboard, and pytest's own message for it suggests
# an option the grader does not take.
NO_KEYBOARD = "input() was called, and a test has no keyboard to answer it"


class _NoKeyboard(io.TextIOBase):
    """Standard input while the learner's code runs: input() and every
    read raise EOFError(NO_KEYBOARD), in this process or the learner's."""

    def readable(self):
        return True

    def read(self, size=-1):
        raise EOFError(NO_KEYBOARD)

    def readline(self, size=-1):
        raise EOFError(NO_KEYBOARD)


@contextmanager
def _no_keyboard():
    """While inside, sys.stdin is a `_NoKeyboard`."""
    saved, sys.stdin = sys.stdin, _NoKeyboard()
    try:
        yield
    finally:
        sys.stdin = saved


def reads_the_keyboard(error):
    """Whether `error` is a read of standard input by the learner's code
    (see NO_KEYBOARD): it keeps its message across from the learner's
    process, where its class would not."""
    return isinstance(error, EOFError) and str(error) == NO_KEYBOARD


class ExerciseImportError(Exception):
    """The module under test could not be loaded (syntax error, bad import...)."""


class _Config:
    """What the tests run against, set once by conftest from the command line."""

    target = ROOT / "exercises"
    overrides: dict[str, Path] = {}
    # The learner's process, in grading mode; None: calls run here.
    student = None
    # Source of the modules under test, read before the learner's process
    # gives up the right to read them.
    sources: dict[Path, bytes] = {}
    # Why a module's source could not be read then: a file missing must
    # be reported as missing, not as the refusal to look for it later.
    unread: dict[Path, OSError] = {}
    # Whether a failure may tell the learner a command of the grader to
    # run: not in a grade of someone else's submission, where the command
    # would act on the project of whoever reads the report.
    advice = True


config = _Config()


def configure(target, overrides=(), separate=False, prepare=None, advice=True):
    """Point the tests at a package directory, with files standing in for some
    of its modules (``overrides``: pairs of exercise name and file path).

    With `separate`, the learner's code runs in a process of its own (see
    `tests.sandbox`), forked now, after `prepare()` has run in it (to set
    its limits); this process never imports it. Without `advice`, the
    failures name no command of the grader for the learner to run: they
    are recorded for someone else (see `_Config.advice`).
    """
    path = Path(target)
    if not path.is_absolute():
        path = ROOT / path
    config.target = path
    config.overrides = {name: Path(file).resolve() for name, file in overrides}
    config.advice = advice
    if config.student is not None:
        config.student.close()
        config.student = None
    if separate:
        config.student = sandbox.Student(load, prepare=_confined(prepare))


def _confined(prepare):
    """What the learner's process does before it serves any call: load the
    package and read every module's source (the files may be closed to it
    afterwards), run `prepare`, then give up root, and from then on end
    with the tests' process (this one), even if that is killed outright."""
    tests = os.getpid()

    def set_up():
        _package(config.target)
        for name in reference.MODULES:
            path = config.overrides.get(name, config.target / f"{name}.py")
            try:
                source = Path(path).read_bytes()
            except OSError as error:
                config.unread[Path(path)] = error  # reported when it is loaded
                continue
            config.sources[Path(path)] = source
            # Tracebacks quote the lines of the file, which the learner's
            # process may no longer read.
            lines = source.decode(errors="replace").splitlines(keepends=True)
            linecache.cache[str(path)] = (len(source), None, lines, str(path))
        if prepare is not None:
            prepare()
        confine.drop_privileges()
        # Asked last: giving up root cancels the request.
        confine.end_with_parent(tests)

    return set_up


def _package(path):
    """Import the package at directory `path` under its directory name."""
    name = path.name
    loaded = sys.modules.get(name)
    if loaded is not None and Path(loaded.__path__[0]).resolve() == path.resolve():
        return loaded
    spec = importlib.util.spec_from_file_location(
        name, path / "__init__.py", submodule_search_locations=[str(path)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return package


class _StandIns(NamedTuple):
    """What stands in while one learner's module is graded."""

    # The trusted module of each other exercise, by exercise.
    modules: dict
    # The trusted functions of the module's own exercise that the tests
    # have bound in it (see `_swapped`), by name, made as first asked.
    own: dict


def _stand_ins_of(module):
    """The `_StandIns` of the learner's `module`: made when it is loaded,
    and used again at each call."""
    made = _stand_ins.get(module.__name__)
    if made is None:
        package, _, exercise = module.__name__.rpartition(".")
        others = [e for e in reference.MODULES if e != exercise]
        names = [name for other in others for name in reference.MODULES[other]]
        functions = stand_ins.functions(package, exercise, names)
        modules = {
            other: _trusted_module(package, other, functions) for other in others
        }
        made = _stand_ins[module.__name__] = _StandIns(modules, {})
    return made


def _trusted_module(package, name, functions):
    """The module of exercise `name` in `package`, holding the trusted
    `functions` of that exercise."""
    module = types.ModuleType(f"{package}.{name}")
    module.__dict__.update({f: functions[f] for f in reference.MODULES[name]})
    return module


# The `_StandIns` of each learner's module, by its full name.
_stand_ins = {}
# An attribute the package did not have, to put back as missing.
_MISSING = object()


# The kata's own packages, which hold the answers (the tests' reference
# functions, the model solutions): the learner's code may import none of
# them, whichever package is graded.
KATA_PACKAGES = frozenset({"tests", "solutions", "selftests", "grader", "conftest"})
KATA_IMPORT = (
    "{name} belongs to the kata itself (its tests, model answers and grader), "
    "which an exercise may not import: write the exercise's code yourself "
    "(NumPy and your earlier exercises are there for that)."
)


class _KataImports(importlib.abc.MetaPathFinder):
    """Refuses to find the modules of `hidden`, the kata's own packages."""

    def __init__(self, hidden):
        self.hidden = hidden

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in self.hidden:
            raise ImportError(KATA_IMPORT.format(name=name), name=name)
        return None


# The names in sys.modules of the kata's own modules, and how many modules
# sys.modules held when they were listed: a learner's call runs inside
# `_kata_hidden`, thousands of times a grade, and the list changes only
# when a module is imported.
_kata_listed = {"count": -1, "names": ()}


def _kata_modules():
    """The names of the kata's modules now in sys.modules (and, between two
    imports, perhaps a few that have left it since)."""
    if len(sys.modules) != _kata_listed["count"]:
        names = [
            name for name in sys.modules if name.partition(".")[0] in KATA_PACKAGES
        ]
        _kata_listed.update(count=len(sys.modules), names=tuple(names))
    return _kata_listed["names"]


@contextmanager
def _kata_hidden(graded):
    """While inside, the kata's packages (but `graded`, the package of the
    exercises under test) cannot be imported, however the import is
    written: they leave `sys.modules`, and a finder put first refuses to
    load them again. The tests' own code keeps the modules it holds."""
    hidden = KATA_PACKAGES - {graded}
    taken = {
        name: sys.modules.pop(name)
        for name in _kata_modules()
        if name.partition(".")[0] in hidden and name in sys.modules
    }
    finder = _KataImports(hidden)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        sys.modules.update(taken)


@contextmanager
def _standing_in(module):
    """While inside, every exercise module but `module`'s own is its trusted
    stand-in, both in `sys.modules` and as an attribute of the package, and
    `module` is its own exercise's module.

    An import of another exercise then gets the trusted version wherever it
    is written: at the top of the module (run while it loads) or inside one
    of its functions (run at the call), absolute (``from exercises.softmax
    import softmax``) or relative (``from .softmax import softmax``). So an
    exercise's tests judge its own code alone, however it imports."""
    prefix, _, exercise = module.__name__.rpartition(".")
    package = sys.modules.get(prefix)
    if package is None:  # not an exercise of a package: nothing to stand in
        yield
        return
    wanted = {**_stand_ins_of(module).modules, exercise: module}
    saved = {name: sys.modules.get(f"{prefix}.{name}") for name in wanted}
    attributes = {name: vars(package).get(name, _MISSING) for name in wanted}
    for name, stand_in in wanted.items():
        sys.modules[f"{prefix}.{name}"] = stand_in
        setattr(package, name, stand_in)
    try:
        with _kata_hidden(prefix):
            yield
    finally:
        for name, value in saved.items():
            if value is None:
                sys.modules.pop(f"{prefix}.{name}", None)
            else:
                sys.modules[f"{prefix}.{name}"] = value
        for name, value in attributes.items():
            if value is _MISSING:
                vars(package).pop(name, None)
            else:
                setattr(package, name, value)


def load(name):
    """Load the module under test for exercise `name`, afresh.

    Every other exercise module it might import is replaced by the trusted
    reference while it loads, and again while each of its functions runs
    (see `_standing_in`), so that its tests judge its own logic only.
    """
    package = _package(config.target)
    path = config.overrides.get(name, config.target / f"{name}.py")
    full_name = f"{package.__name__}.{name}"
    _stand_ins.pop(full_name, None)  # fresh ones for a fresh module
    try:
        spec = importlib.util.spec_from_file_location(full_name, path)
        module = importlib.util.module_from_spec(spec)
        # Compiled from the source every time, never from cached bytecode:
        # an edit saved within the same second as the last grade, at the
        # same size, would otherwise go unseen.
        source = _source(path)
        with _standing_in(module), _no_keyboard():
            exec(compile(source, str(path), "exec"), module.__dict__)
    except Exception as error:
        raise ExerciseImportError(_import_message(path, error, name)) from error
    return module


def _source(path):
    """The bytes of the module at `path`: as read before the learner's
    process gave up root, if it did, else from the file. Raises the
    OSError met when it was read."""
    path = Path(path)
    if path in config.sources:
        return config.sources[path]
    if path in config.unread:
        raise config.unread[path]
    return path.read_bytes()


def _import_message(path, error, exercise=None):
    where = _relative(path)
    if isinstance(error, SyntaxError) and not error.lineno:
        return _unplaced_syntax_error(where, path, error)
    if isinstance(error, SyntaxError):
        message = f"{where} has a syntax error on line {error.lineno}: {error.msg}"
        tabs = _tabs_shown(path, error)
        if tabs:
            return message + tabs
        message += _source_with_caret(error)
        if FULL_WIDTH.search(error.msg or ""):
            message += f"\n  likely mistake: {FULL_WIDTH_MISTAKE}"
        return message
    if reads_the_keyboard(error):
        return (
            f"{where} could not be imported: it calls input() as it loads, "
            "and input() waits for a keyboard, which a test does not have: "
            "remove the input() call."
        )
    if isinstance(error, FileNotFoundError) and error.filename == str(path):
        return _missing_message(where, Path(path).stem)
    text = _missing_import(error, exercise) or _plain_import(error) or str(error)
    message = f"{where} could not be imported: {type(error).__name__}: {text}"
    line = learner_line(error)
    if line is not None:
        message += f"\n  where     {line}"
    module = module_mistake(error)
    if module is not None:
        message += f"\n  likely mistake: {module}"
    typo = import_typo(error, exercise)
    if typo is not None:
        message += f"\n  likely mistake: {typo}"
    return message


def _missing_message(where, name):
    """What the tests say of exercise `name`'s module, at `where`, when its
    file is gone: with the way back, the stub that `reset` puts in its
    place, unless advice is off (see `configure`)."""
    if not config.advice:
        return f"{where} is missing: was it moved or deleted?"
    return (
        f"{where} is missing: was it moved or deleted? "
        f"`python -m grader reset {name}` puts its stub back."
    )


# How Python says that a module has no such name to import: "cannot import
# name 'x' from 'pkg.mod' (where)", where is the module's file, or "unknown
# location" for a module with none, as the trusted stand-ins have.
MISSING_NAME = re.compile(r"^cannot import name '(\w+)' from '([\w.]+)'")


def _stand_in_of(error, exercise):
    """The exercise whose trusted stand-in `error`, an ImportError raised
    while exercise `exercise` loaded, found without the name imported;
    None when it is about another module."""
    found = MISSING_NAME.match(str(error)) if isinstance(error, ImportError) else None
    if found is None:
        return None
    prefix, _, other = found.group(2).rpartition(".")
    stands_in = prefix == config.target.name and other != exercise
    return other if stands_in and other in reference.MODULES else None


def _missing_import(error, exercise):
    """Python's words for a name missing from the trusted stand-in of
    another exercise, with the truth in place of its "(unknown location)",
    which reads as a file gone missing: the module is the trusted version
    of that exercise (see `_standing_in`), and has no file. None for any
    other error."""
    other = _stand_in_of(error, exercise)
    if other is None:
        return None
    name, module = MISSING_NAME.match(str(error)).groups()
    if len(reference.MODULES[other]) == 1:
        (function,) = reference.MODULES[other]
        return (
            f"cannot import name '{name}' from '{module}': while "
            f"these tests run, {module} is the trusted version of exercise "
            f"{other}, whose function is {function}."
        )
    functions = ", ".join(reference.MODULES[other])
    return (
        f"cannot import name '{name}' from '{module}': while "
        f"these tests run, {module} is the trusted version of exercise "
        f"{other}, whose functions are {functions}."
    )


def _plain_import(error):
    """Python's words for an import that failed, said plainly: the name a
    module has not, without the module's place that Python adds in
    brackets (a path into site-packages, or "(unknown location)", which
    reads as a file gone missing); or the module that does not exist.
    None for any other error."""
    text = str(error) if isinstance(error, ImportError) else ""
    found = MISSING_NAME.match(text)
    if found is not None:
        name, module = found.groups()
        return f"the name {name} could not be imported from {module}: it has no {name}"
    found = NO_MODULE.match(text)
    if found is not None:
        return f"there is no module named {found.group(1)} to import"
    return None


def import_typo(error, exercise=None):
    """The typo behind `error` where it says a module has no such name to
    import and one of its names is close (see `meant_name`): a function of
    a stand-in, or a name of a module already loaded (numpy). Else None.
    `exercise`, when known, is the one whose code raised it."""
    found = MISSING_NAME.match(str(error)) if isinstance(error, ImportError) else None
    if found is None:
        return None
    name, module = found.groups()
    other = _stand_in_of(error, exercise)
    if other is not None:
        known = list(reference.MODULES[other])
    else:
        try:
            known = dir(sys.modules[module])
        except Exception:
            return None
    meant = closest_name(name, known)
    if meant is None:
        return None
    if other is not None:
        fix = _function_import(learner_code(error), other, name, meant)
        return (
            f"a typo? There is no {name} in {module}; did you mean {meant}? "
            f"Write `{fix}`."
        )
    return f"a typo? There is no {name} in {module}; did you mean {meant}?"


def _function_import(code, exercise, name, meant):
    """The import from `exercise` that line of code `code` meant to write,
    with `meant` in place of the misspelled `name`: relative, as the
    exercises import each other, and of the other names `code` imported."""
    imported = FROM_IMPORT.match(code)
    word = re.compile(rf"\b{re.escape(name)}\b")
    names = name
    if imported is not None and word.search(imported.group(1)):
        names = " ".join(imported.group(1).split())
    names = word.sub(meant, names)
    return f"from .{exercise} import {names}"


# How Python says a module could not be found. Read from the message, which
# crosses from the learner's process where the exception's .name does not.
NO_MODULE = re.compile(r"^No module named '([\w.]+)'")
# An import of one module on a line of code: `from softmax import softmax`
# or `import softmax`, `as` included; a bracketed list is not matched.
FROM_IMPORT = re.compile(r"^from\s+[\w.]+\s+import\s+([\w\s,]+)$")
PLAIN_IMPORT = re.compile(r"^import\s+[\w.]+(\s+as\s+\w+)?$")


def module_mistake(error):
    """The mistake behind `error` where it says a module could not be
    found: another exercise imported without the leading dot of a relative
    import (`from softmax import softmax`), an exercise's name misspelled,
    or else a package nn-kata does not install. None for any other error,
    and for a module missing from a package other than the exercises'."""
    found = NO_MODULE.match(str(error)) if isinstance(error, ImportError) else None
    if found is None:
        return None
    package, _, name = found.group(1).rpartition(".")
    if package and package != config.target.name:
        return None
    exercises = list(reference.MODULES)
    meant = name if name in exercises else closest_name(name, exercises)
    if meant is None:
        return None if package else NUMPY_ONLY
    if package and meant == name:
        return None  # the exercise's module itself, with its dot, went missing
    fix = _exercise_import(learner_code(error), meant)
    if meant != name:
        return (
            f"a typo? There is no exercise named {name}; did you mean {meant}? "
            f"Write `{fix}`."
        )
    return (
        f"{name} is one of the exercises, and an import of another exercise "
        f"needs a leading dot: `{fix}`."
    )


def _exercise_import(code, exercise):
    """The import of `exercise` that line of code `code` meant to write:
    relative, as the exercises import each other, and of the names `code`
    imported; of the exercise's functions where `code` is no plain import."""
    plain = PLAIN_IMPORT.match(code)
    if plain is not None:
        alias = " ".join((plain.group(1) or "").split())
        return f"from . import {exercise} {alias}".rstrip()
    imported = FROM_IMPORT.match(code)
    if imported is not None:
        names = " ".join(imported.group(1).split())
        return f"from .{exercise} import {names}"
    functions = ", ".join(reference.MODULES[exercise])
    return f"from .{exercise} import {functions}"


# How Python names a full-width character it cannot read, as an input method
# types them: the ideographic space U+3000, full-width brackets, digits and
# signs U+FF01 to U+FF5E.
FULL_WIDTH = re.compile(r"U\+(?:3000|FF[0-5][0-9A-F])\b")
NUMPY_ONLY = (
    "a package nn-kata does not install: the exercises need only NumPy and the "
    "functions of your earlier exercises."
)
FULL_WIDTH_MISTAKE = (
    "a full-width character, typed with a Japanese input method on: type it "
    "again with the input method off."
)


# A coding comment, as Python looks for it on the first two lines.
CODING_COMMENT = re.compile(rb"^[ \t\f]*#.*?coding[:=]")


def _unplaced_syntax_error(where, path, error):
    """The message of a SyntaxError that Python gives no line (None, or 0):
    a NUL byte in the source, or a coding comment naming an encoding Python
    does not know. The line is found in the source where it can be; a
    message never shows "line None" or "line 0"."""
    try:
        lines = _source(path).split(b"\n")
    except OSError:
        lines = []
    nul = next((n for n, line in enumerate(lines, 1) if b"\0" in line), None)
    if nul is not None:
        return (
            f"{where} holds a NUL byte (\\x00) on line {nul}, which Python "
            "source cannot contain: delete it (an editor may show it as ^@ "
            "or not at all), or save the file again as plain UTF-8 text."
        )
    coding = next(
        (n for n, line in enumerate(lines[:2], 1) if CODING_COMMENT.match(line)),
        None,
    )
    if coding is not None:
        return (
            f"{where} has a syntax error on line {coding}, its coding comment: "
            f"{error.msg}. Delete that comment: Python reads a file without "
            "one as UTF-8."
        )
    return f"{where} could not be read as Python: {error.msg}"


def _source_with_caret(error):
    """The line of a SyntaxError `error`, and a caret under the place
    Python points at, as Python itself shows them: on lines of their own,
    each indented four spaces, so that no translation of the sentence
    above can move the caret off its place. Empty when the line is
    unknown."""
    text = (error.text or "").rstrip("\r\n")
    # Only ASCII indentation is taken off: a full-width space may be the
    # very character Python points at.
    code = text.lstrip(" \t\f")
    if not code.strip():
        return ""
    lines = f"\n    {code.rstrip()}"
    column = (error.offset or 0) - 1 - (len(text) - len(code))
    if 0 <= column <= len(code):
        # A tab before the caret stays a tab, to line up as the code does.
        pad = "".join(_blank(char) for char in code[:column])
        lines += f"\n    {pad}^"
    return lines


# How a tab and a space of indentation are drawn where tabs are to blame:
# a tab reaches the next multiple of TAB_COLUMNS, as most editors show it.
TAB_MARK = "→"
SPACE_MARK = "·"
TAB_COLUMNS = 4


def _tabs_shown(path, error):
    """For an indentation error whose line, or the indented line of code
    above it, is indented with a tab: those two lines with their
    indentation drawn (a tab as →, a space as ·) and the likely mistake,
    each line on one of its own. Empty for any other error: a tab looks
    like spaces, so the lines as Python shows them look right."""
    if not isinstance(error, IndentationError) or not error.lineno:
        return ""
    try:
        lines = _source(path).decode("utf-8", "replace").splitlines()
    except OSError:
        return ""
    number = error.lineno
    if not 0 < number <= len(lines):
        return ""
    above = next((n for n in range(number - 1, 0, -1) if _indent(lines[n - 1])), None)
    shown = [number] if above is None else [above, number]
    if not any("\t" in _indent(lines[n - 1]) for n in shown):
        return ""
    # Numbered as compilers number the lines they quote, in no language.
    width = len(str(number))
    drawn = "".join(f"\n    {n:>{width}} | {_drawn(lines[n - 1])}" for n in shown)
    this = _indented_with(_indent(lines[number - 1]))
    if above is None:
        told = f"line {number} is indented {this}"
    else:
        that = _indented_with(_indent(lines[above - 1]))
        told = f"line {number} is indented {this}, line {above} {that}"
    return (
        f"{drawn}\n  likely mistake: {told}, and Python cannot tell how many "
        "spaces a tab stands for. Indent with spaces only, 4 to a level (most "
        "editors can be set to type spaces for the Tab key, and to turn the "
        "tabs already there into spaces)."
    )


def _indent(line):
    """The indentation of `line` ('' for a blank line or a comment, which
    Python does not hold to any)."""
    code = line.lstrip(" \t\f")
    if not code or code.startswith("#"):
        return ""
    return line[: len(line) - len(code)]


def _indented_with(indent):
    """How `indent` is made, in words that name its marks (see `_drawn`)."""
    if "\t" in indent and " " in indent:
        return "with tabs and spaces (→ and ·)"
    if indent.count("\t") == 1:
        return "with a tab (→)"
    return "with tabs (→)" if "\t" in indent else "with spaces (·)"


def _drawn(line):
    """`line` with its indentation made visible: a space as ·, a tab as →
    and the blanks up to the next tab stop."""
    code = line.lstrip(" \t\f")
    drawn = ""
    for char in line[: len(line) - len(code)]:
        if char == "\t":
            drawn += TAB_MARK.ljust(TAB_COLUMNS - len(drawn) % TAB_COLUMNS)
        else:
            drawn += SPACE_MARK
    return drawn + code.rstrip()


def _blank(char):
    """The blank that takes `char`'s place on a terminal: a tab stays a tab,
    a full-width character takes two columns."""
    if char == "\t":
        return "\t"
    return "  " if unicodedata.east_asian_width(char) in "WF" else " "


def _relative(path):
    """`path` as the learner knows it: from the project's root, or, for a
    package graded away from it (each submission of a batch is staged
    apart), from the package's folder: ``exercises/sgd.py``."""
    resolved = Path(path).resolve()
    target = Path(config.target).resolve()
    for base, name in ((ROOT, ""), (target, target.name)):
        try:
            return str(Path(name, resolved.relative_to(base)))
        except ValueError:
            continue
    return str(path)


def module_file(name):
    """The file of exercise `name`'s module, as the learner knows it:
    ``exercises/sgd.py``."""
    return _relative(config.overrides.get(name, config.target / f"{name}.py"))


def no_function(module, name):
    """Why the learner's `module` has no function `name` to call, naming
    the function of the module whose name comes closest, if one does: a
    function written under another name (soft_max for softmax) is found
    by the name its docstring gives only."""
    where = _relative(getattr(module, "__file__", name))
    defined = [
        key
        for key, value in vars(module).items()
        if callable(value) and getattr(value, "__module__", None) == module.__name__
    ]
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.6)
    if close:
        (found,) = close
        return (
            f"{where} has no function named {name}, but one named {found}: "
            f"the tests call it by the name the stub gave it, {name}."
        )
    return f"{where} has no function named {name}"


def modified_by(error):
    """The failure (InputModified) of the call that raised `error`, an
    exception a test expects, where the call changed an argument it must
    leave alone on the way; else None."""
    return getattr(error, "kata_modified", None)


class Exercise:
    """The learner's module for one exercise, loaded on first use.

    ``Exercise("softmax").softmax(x)`` calls the learner's softmax. A module
    that fails to load raises `ExerciseImportError` from every call, so each
    test reports the same one-line reason. `explain(function, error)`, if
    given, names the likely mistake behind an exception a call raised (or
    returns None), where the exercise's tests can tell it by trying more.
    """

    def __init__(self, name, may_modify=None, explain=None, modified=None):
        self.name = name
        self._may_modify = may_modify or {}
        self._explain = explain
        # The failure a call raises when it changed an argument in place:
        # InputModified, or a subclass that tells the exercise's own causes.
        self._modified = modified or InputModified
        self._module = None
        self._error = None
        self._fresh = False

    def module(self):
        if self._module is None and self._error is None:
            try:
                self._module = load(self.name)
            except ExerciseImportError as error:
                self._error = error
        if self._error is not None:
            raise ExerciseImportError(str(self._error))
        return self._module

    def __getattr__(self, function):
        if function.startswith("_"):
            raise AttributeError(function)
        return LearnerFunction(self, function, self._may_modify.get(function, ()))

    def afresh(self):
        """This exercise with its module loaded again at the next call: a
        call then runs as the first one does, with no state kept by earlier
        ones (globals, caches, default arguments)."""
        self._module = None
        self._error = None
        self._fresh = True
        return self

    def trusting(self, *names):
        """This exercise with its own functions `names` replaced by trusted
        ones while a call runs, so that a test of `accuracy`, say, judges
        accuracy and not the learner's `predict` it calls."""
        return _Trusting(self, names)


class _Trusting:
    def __init__(self, exercise, names):
        self.exercise = exercise
        self.names = names

    def __getattr__(self, function):
        if function.startswith("_"):
            raise AttributeError(function)
        may_modify = self.exercise._may_modify.get(function, ())
        return LearnerFunction(self.exercise, function, may_modify, self.names)


# A line of code that raises: a KeyboardInterrupt raised there comes from
# the learner's code, not from Ctrl+C.
RAISE_STATEMENT = re.compile(r"raise\b")
_SHOWN_KINDS = {}


def showable(error):
    """`error` itself where it can be shown as any exception is (str() and
    repr() work, it is an Exception); else an exception of the same class
    name, under the nearest of Python's own classes it derives from, with
    its message and its traceback, which the grader can show. Where str()
    of it raises, the new one has no message, and `kata_unshowable` names
    what str() raised (as an exception from the learner's process has)."""
    try:
        text, unshowable = str(error), None
        repr(error)
    except Exception as failure:
        text, unshowable = "", type(failure).__name__
    if isinstance(error, Exception) and unshowable is None:
        return error
    base = next(
        (
            kind
            for kind in type(error).__mro__
            if kind.__module__ == "builtins" and issubclass(kind, Exception)
        ),
        Exception,
    )
    # One class per name: hypothesis tells failures apart by their class,
    # and a new one at each call would read as a different failure.
    key = (type(error).__name__, base)
    if key not in _SHOWN_KINDS:
        _SHOWN_KINDS[key] = type(key[0], (base,), {"__module__": "exercise"})
    try:
        shown = _SHOWN_KINDS[key](*([text] if text else []))
    except Exception:
        shown = Exception(text)
    if unshowable is not None:
        shown.kata_unshowable = unshowable
    shown.__traceback__ = error.__traceback__
    if hasattr(error, "kata_traceback"):
        shown.kata_traceback = error.kata_traceback
    return shown


# The bits of the largest int a float can hold (about 1.8e308).
FLOAT_BITS = 1024


def unreadable(value):
    """What `value` is, where no test can read it as a result and the
    grader's own code would fail on it: an int too large for any float
    (its text alone is refused past 4300 digits), or lists nested deeper
    than the learner's process sends them (sandbox.MAX_DEPTH), which one
    that holds itself is. None for any other value."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, int) and not isinstance(item, bool):
            bits = int.bit_length(item)
            if bits > FLOAT_BITS:
                digits = int(bits * 0.30103) + 1
                return f"an int too large for any float (about {digits} digits)"
        elif isinstance(item, (list, tuple, dict)):
            if depth >= sandbox.MAX_DEPTH:
                return (
                    f"lists nested more than {sandbox.MAX_DEPTH} deep (a list "
                    "that holds itself, say)"
                )
            items = item.values() if isinstance(item, dict) else item
            stack += [(inner, depth + 1) for inner in items]
    return None


class LearnerFunction:
    """One function of the learner's, called as the tests ask."""

    def __init__(self, exercise, name, may_modify=(), trusted=()):
        self.exercise = exercise
        self.name = name
        self.may_modify = may_modify
        self.trusted = trusted

    def __call__(self, *args, **kwargs):
        run = self._remote if config.student is not None else self._local
        before = [copy.deepcopy(arg) for arg in args]
        started = time.monotonic()
        try:
            result, parameters = run(args, kwargs)
        except ExerciseImportError:
            raise
        except KeyboardInterrupt as interrupt:
            if not RAISE_STATEMENT.match(learner_code(interrupt)):
                raise  # Ctrl+C, not the learner's code
            error = showable(interrupt)
            error.kata_call = describe_call(self.name, before, kwargs)
            self._put_back(before, args)
            raise error from None
        except Exception as raised:
            error = showable(raised)
            # Remember which call raised, for the failure message; a test
            # that expects the exception simply ignores this.
            error.kata_call = describe_call(self.name, before, kwargs)
            changed = self._put_back(before, args)
            if changed:
                # A test that expects the exception may fail the call for
                # the argument it changed on the way (see `modified_by`).
                names = self._parameters_of(raised)
                error.kata_modified = self._modification(changed, names, before)
            self._explain(error)
            if error is raised:
                raise
            raise error from None
        changed = self._put_back(before, args)
        if changed:
            error = self._modification(changed, parameters, before)
            index = changed[0][0]
            quick = time.monotonic() - started <= BLAMED_CALL_SECONDS
            if quick and blame.small(before[index]):
                # Looked for only if the failure is reported (see locate).
                error.find_line = lambda: self._written_at(args, kwargs, before, index)
            raise error
        odd = unreadable(result)
        if odd is not None:
            from tests.judge import fail

            fail(
                f"{self.name} returned {odd}, not a number or an array.",
                call=describe_call(self.name, before, kwargs),
            )
        return result

    def _modification(self, changed, parameters, before):
        """The failure of a call that changed the arguments `changed` (as
        `_put_back` gives them), the first one told."""
        index, new = changed[0]
        parameter = parameters[index] if index < len(parameters) else None
        through = kept_by_asarray(self.exercise.name, self.name, self.trusted)
        return self.exercise._modified(
            self.name, index, before[index], new, parameter, through
        )

    def _parameters_of(self, raised):
        """The names of the parameters of the function whose call raised
        `raised`: as the learner's process sent them, or as read here."""
        names = getattr(raised, "kata_parameters", None)
        if names is not None:
            return names
        function = getattr(self.exercise._module, self.name, None)
        return _parameters(function) if callable(function) else []

    def rebound_at(self, *args, index=0):
        """The learner's line that puts a new object under a key of the
        dict argument `index` in place of the one it held (params[k] =
        params[k] - ...), found by calling again on copies of `args` (see
        `tests.blame`), as `learner_line` shows a place; None when it is
        not found, or the time for such runs is spent."""
        if _blame_left[0] <= 0 or not blame.small(args[index]):
            return None
        args = copy.deepcopy(list(args))
        return self._written_at(args, {}, copy.deepcopy(args), index, rebound=True)

    def _written_at(self, args, kwargs, before, index, rebound=False):
        """The learner's line that changes argument `index` (with
        `rebound`, that rebinds one of its entries), found by calling again
        with the arguments as they were before (see `tests.blame`), as
        `learner_line` shows a place; None when it is not found. Every
        argument is as it was before, afterwards."""
        spent = time.monotonic()
        try:
            _restore_all(args, before)
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if config.student is not None:
                    place = config.student.written_at(
                        self.exercise.name,
                        self.name,
                        args,
                        kwargs,
                        self.trusted,
                        index,
                        rebound,
                    )
                else:
                    place = self._local_written_at(args, kwargs, index, rebound)
            return written_line(place)
        finally:
            _restore_all(args, before)
            _blame_left[0] -= time.monotonic() - spent

    def _local_written_at(self, args, kwargs, index, rebound=False):
        """`_written_at`'s place in this process: (file name, line) or None."""
        with _silenced(True):
            module = load(self.exercise.name)  # its own, with nothing kept
        function = getattr(module, self.name, None)
        if not callable(function):
            return None
        watched = args[index]
        kept = blame.entries_kept(watched) if rebound else same
        with _running(module, self.trusted), _silenced(True):
            _, place = blame.traced(
                lambda: function(*args, **kwargs), watched, learners_file, kept
            )
        return place

    def _explain(self, error):
        """Give `error` the likely mistake the exercise's tests tell behind
        it, unless it has one already."""
        explain = self.exercise._explain
        if explain is None or getattr(error, "kata_mistake", None) is not None:
            return
        mistake = explain(self.name, error)
        if mistake is not None:
            error.kata_mistake = mistake

    def _local(self, args, kwargs):
        """Call the function in this process: (result, parameter names)."""
        self.exercise._fresh = False  # module() loads it again if asked
        module = self.exercise.module()
        function = getattr(module, self.name, None)
        if not callable(function):
            raise ExerciseImportError(no_function(module, self.name))
        with _running(module, self.trusted), _silenced(_quiet[-1]):
            return function(*args, **kwargs), _parameters(function)

    def _remote(self, args, kwargs):
        """Call the function in the learner's process: (result, parameter
        names); the arguments are changed as the call changed them there."""
        fresh, self.exercise._fresh = self.exercise._fresh, False
        return config.student.call(
            self.exercise.name,
            self.name,
            args,
            kwargs,
            self.trusted,
            _quiet[-1],
            fresh=fresh,
        )

    def _put_back(self, before, args):
        """Restore every argument the call was not allowed to change, so that
        a pinned input shared by several tests reaches the next one intact.
        Return (index, value as the call left it) for each one changed."""
        changed = []
        for index, (old, new) in enumerate(zip(before, args, strict=True)):
            if index not in self.may_modify and not same(old, new):
                changed.append((index, copy.deepcopy(new)))
                restore(new, old)
        return changed


# A call that took longer is not run again to find the line that changed
# its argument, nor any once the seconds left to all such runs are spent:
# they are for the message, and must leave the tests their time.
BLAMED_CALL_SECONDS = 0.25
_blame_left = [3.0]


def _restore_all(args, before):
    """Put every argument back as it was before a call."""
    for old, new in zip(before, args, strict=True):
        if not same(old, new):
            restore(new, old)


def learners_file(name):
    """Whether the code of file `name` (a code object's co_filename) is the
    learner's, in one of the exercises under test."""
    try:
        return _learners(Path(name).resolve())
    except (OSError, ValueError, RuntimeError):
        return False


def written_line(place):
    """A place the learner's process named, (file name, line number), as
    `learner_line` shows one: "exercises/sgd.py, line 9: grads[key] *= lr";
    None when it is no line of the learner's files."""
    if not isinstance(place, (list, tuple)) or len(place) != 2:
        return None
    name, line = place
    if not isinstance(name, str) or type(line) is not int or not learners_file(name):
        return None
    path = Path(name).resolve()
    try:
        lines = _source(path).decode(errors="replace").splitlines()
    except OSError:
        lines = []
    code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if code:
        return f"{_relative(path)}, line {line}: {code}"
    return f"{_relative(path)}, line {line}"


# Whether the learner's calls made now print nothing: the last entry rules.
_quiet = [False]


@contextmanager
def quietly():
    """Make the learner's calls inside print nothing: a call a test makes
    only to tell two mistakes apart must not put its output under the test,
    as if the call the message shows had printed it."""
    _quiet.append(True)
    try:
        yield
    finally:
        _quiet.pop()


@contextmanager
def _silenced(quiet):
    """Throw away what is printed inside, when `quiet`."""
    if not quiet:
        yield
        return
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        yield


def _parameters(function):
    """The names of `function`'s parameters, as far as they can be told."""
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


@contextmanager
def _swapped(module, names):
    """Bind `names` in `module` to the trusted functions of its exercise."""
    trusted = _stand_ins_of(module).own
    missing = [name for name in names if name not in trusted]
    if missing:
        package, _, exercise = module.__name__.rpartition(".")
        trusted.update(stand_ins.functions(package, exercise, missing))
    saved = {name: module.__dict__.get(name) for name in names}
    module.__dict__.update({name: trusted[name] for name in names})
    try:
        yield
    finally:
        module.__dict__.update(saved)


@contextmanager
def _running(module, trusted=()):
    """While a function of the learner's `module` runs: its own functions
    `trusted` bound to trusted ones, and every other exercise's module the
    trusted stand-in, however the function imports it."""
    with _standing_in(module), _swapped(module, trusted), _no_keyboard():
        yield


def meant_name(error):
    """The name the learner most likely meant where `error`, a NameError
    or an AttributeError, names one that does not exist, as Python 3.10 and
    later suggest it ("Did you mean: 'x'?"); None when no name in reach is
    close.

    The names in reach are those of the frame that raised (its locals,
    globals and builtins) for a NameError, the object's attributes for an
    AttributeError. Raised in the learner's process, the exception brings
    its answer along (`kata_meant`): the frame stayed there.
    """
    brought = getattr(error, "kata_meant", None)
    if brought is not None:
        return brought or None
    name = getattr(error, "name", None)
    if not isinstance(name, str) or not name:
        return None
    if isinstance(error, NameError) and error.__traceback__ is not None:
        frames = error.__traceback__
        while frames.tb_next is not None:
            frames = frames.tb_next
        frame = frames.tb_frame
        known = [*frame.f_locals, *frame.f_globals, *frame.f_builtins]
    elif isinstance(error, AttributeError) and getattr(error, "obj", None) is not None:
        try:
            known = dir(error.obj)
        except Exception:
            return None
    else:
        return None
    return closest_name(name, known)


# Python's own measure of how alike two names are: an insertion, a
# deletion or a substitution costs 2, a change of case only 1, and a name
# is a candidate when it costs at most a third of the two names' length
# (and a little more, so that one slip in a short name still counts).
EDIT_COST = 2
CASE_COST = 1


def closest_name(name, known):
    """The name of `known` closest to `name` by `EDIT_COST`, the first of
    the closest; None when none is close enough or `name` is among them."""
    best, best_cost = None, None
    for candidate in dict.fromkeys(known):
        if not isinstance(candidate, str) or candidate == name:
            continue
        limit = (len(name) + len(candidate) + 3) * EDIT_COST // 6
        if abs(len(name) - len(candidate)) * EDIT_COST > limit:
            continue
        cost = _edit_cost(name, candidate)
        if cost <= limit and (best_cost is None or cost < best_cost):
            best, best_cost = candidate, cost
    return best


def _edit_cost(first, second):
    """The cheapest way to turn `first` into `second`, by `EDIT_COST`."""
    row = list(range(0, (len(second) + 1) * EDIT_COST, EDIT_COST))
    for i, a in enumerate(first, start=1):
        previous, row[0] = row[0], i * EDIT_COST
        for j, b in enumerate(second, start=1):
            change = 0 if a == b else CASE_COST if a.lower() == b.lower() else EDIT_COST
            previous, row[j] = (
                row[j],
                min(row[j] + EDIT_COST, row[j - 1] + EDIT_COST, previous + change),
            )
    return row[-1]


# A frame of a formatted traceback: its file, line, function and code. The
# code is missing where the file could not be read (the learner's process
# may read only the learner's files): the next frame is not taken for it.
FRAME = re.compile(r'File "([^"]+)", line (\d+), in ([^\n]*)\n(?:    ([^\n]+))?')


def _frames(error):
    """(path, line, function, code) of each frame `error` passed through,
    the outermost first."""
    text = getattr(error, "kata_traceback", None)
    if text is None:
        frames = traceback.extract_tb(error.__traceback__)
        found = [(f.filename, f.lineno, f.name, f.line or "") for f in frames]
    else:  # raised in the learner's process: its traceback as text
        found = [
            (f, int(line), name, code) for f, line, name, code in FRAME.findall(text)
        ]
    return [
        (Path(f).resolve(), line, name, code.strip()) for f, line, name, code in found
    ]


def _learners(path):
    """Whether the file at `path` is one of the learner's exercises."""
    target = config.target.resolve()
    mine = path.parent == target and path.stem in reference.MODULES
    return mine or path in config.overrides.values()


def learner_line(error):
    """Where in the learner's files `error` was raised, as
    "exercises/softmax.py, line 12: e = np.exp(x)"; None when it was not
    raised there (or the place is unknown). A recursion's limit reached as
    a call enters a function of the learner's is put down to the line that
    called it, not the def line."""
    entering = isinstance(error, RecursionError)
    for path, line, _, code in reversed(_frames(error)):
        if entering and code.startswith("def "):
            continue
        if _learners(path):
            if code:
                return f"{_relative(path)}, line {line}: {code}"
            return f"{_relative(path)}, line {line}"
    return None


def learner_code(error):
    """The code of the line in the learner's files where `error` was
    raised (see learner_line), or ''."""
    for path, _, _, code in reversed(_frames(error)):
        if _learners(path):
            return code
    return ""


# How Python says a module was called as a function (3.13 and later add
# "Did you mean: 'softmax.softmax(...)'?").
MODULE_CALLED = re.compile(r"^'module' object is not callable")
# A name called on a line of code, not an attribute: softmax( but not
# np.exp( nor softmax.softmax(.
CALLED_NAME = re.compile(r"(?<![\w.])(\w+)\s*\(")


def called_module(error):
    """(name, exercise) when `error` says a module was called, the
    learner's line calls `name`, and the learner's file binds `name` to the
    module of `exercise` by an import (``from . import softmax``); None
    otherwise, and when the line calls more than one such name."""
    if not isinstance(error, TypeError) or not MODULE_CALLED.match(str(error)):
        return None
    for path, _, _, code in reversed(_frames(error)):
        if _learners(path):
            modules = _imported_modules(path)
            called = {n for n in CALLED_NAME.findall(code) if n in modules}
            if len(called) != 1:
                return None
            name = called.pop()
            return name, modules[name]
    return None


def calls_itself(error):
    """The name of the learner's function that calls itself with nothing
    to stop it, when `error` is the RecursionError that ends it: the
    innermost line of the learner's that calls the function it is in.
    Else None."""
    if not isinstance(error, RecursionError):
        return None
    for path, _, function, code in reversed(_frames(error)):
        # The limit may be reached as a call enters the function: its
        # frame's line is then the def line, which calls nothing.
        if code.startswith("def ") or not _learners(path):
            continue
        if function in CALLED_NAME.findall(code):
            return function
    return None


def _imported_modules(path):
    """The names the module at `path` binds to an exercise's module by an
    import (``from . import softmax as s``, ``import exercises.softmax as
    s``), each with its exercise; {} when its source cannot be read."""
    try:
        tree = ast.parse(_source(path))
    except (OSError, SyntaxError, ValueError):
        return {}
    package = config.target.name
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            ours = (node.level == 1 and not node.module) or (
                node.level == 0 and node.module == package
            )
            for alias in node.names if ours else ():
                if alias.name in reference.MODULES:
                    found[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top, _, exercise = alias.name.partition(".")
                if alias.asname and top == package and exercise in reference.MODULES:
                    found[alias.asname] = exercise
    return found


# Each trusted function of another exercise, by name: its exercise.
TRUSTED = {
    function: exercise
    for exercise, functions in reference.MODULES.items()
    for function in functions
}


def trusted_callee(error):
    """(function, exercise) when `error` was raised inside the trusted
    stand-in of another exercise's function, called by the learner's own
    line: the arguments that line passed are then to blame. Else None."""
    frames = _frames(error)
    reference_file = Path(reference.__file__).resolve()
    for index in range(len(frames) - 1, 0, -1):
        if _learners(frames[index - 1][0]):
            path, _, name, _ = frames[index]
            if path == reference_file and name in TRUSTED:
                return name, TRUSTED[name]
            return None
    return None


def signature_of(function):
    """How a trusted function is called, its required arguments in order:
    "cross_entropy(y, t)"."""
    parameters = inspect.signature(getattr(reference, function)).parameters
    names = [p.name for p in parameters.values() if p.default is p.empty]
    return f"{function}({', '.join(names)})"


def passes_by_name(error, function):
    """Whether the learner's line where `error` was raised calls the
    trusted `function` with a name of the same spelling for each of its
    required parameters, ``backward(params, x, t)``: the order of the
    arguments is then not in doubt, whatever they hold."""
    try:
        tree = ast.parse(learner_code(error))
    except SyntaxError:  # a line of a statement that goes on below
        return False
    signature = inspect.signature(getattr(reference, function))
    required = [p.name for p in signature.parameters.values() if p.default is p.empty]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _called_name(node) != function:
            continue
        names = [a.id if isinstance(a, ast.Name) else None for a in node.args]
        given = {k.arg: getattr(k.value, "id", None) for k in node.keywords}
        try:
            bound = signature.bind(*names, **given).arguments
        except TypeError:
            return False
        return all(bound.get(name) == name for name in required)
    return False


def _called_name(call):
    """The name a call calls: softmax of softmax(x) and of sm.softmax(x)."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def raised_by_learner(error):
    """Whether the learner's own `raise` statement raised `error`, rather
    than NumPy or Python on an operation of the learner's."""
    frames = _frames(error)
    if not frames:
        return False
    path, _, _, code = frames[-1]
    return _learners(path) and code.startswith("raise")


# NumPy's conversions that make no copy of an array that has the dtype
# asked for already: the name they bind holds the caller's array itself.
NO_COPY = frozenset({"asarray", "asanyarray"})


class KeptByAsarray(NamedTuple):
    """How a learner's function wrote into its argument through a name
    np.asarray gave it.

    `line` is the assignment that kept the caller's array ("x =
    np.asarray(x, dtype=np.float64)"), `copy` the same with a copy ("x =
    np.array(x, dtype=np.float64)"), `name` the name it bound ("x").
    `target` is the subscript written ("x[pos]") and `index` its index
    ("pos"), both '' when the write was another (an in-place operator,
    out=).
    """

    line: str
    copy: str
    name: str
    target: str = ""
    index: str = ""


def kept_by_asarray(exercise, function, trusted=()):
    """The `KeptByAsarray` of the learner's `function` of `exercise`, or
    of a function of its module that it calls (but the `trusted` ones),
    when one binds an argument through np.asarray and then writes into
    it; None when none does, or the source cannot be read.

    Read from the source, not the run: a guess that the learner's own
    lines confirm, and that is all the message claims.
    """
    text = learner_source(exercise)
    if text is None:
        return None
    return kept_in_source(text, function, trusted)


def learner_source(exercise):
    """The text of the learner's module of `exercise`, or None when it
    cannot be read."""
    path = config.overrides.get(exercise, config.target / f"{exercise}.py")
    try:
        raw = _source(path)
    except OSError:
        return None
    return raw.decode(errors="replace")


def learner_defs(exercise, name):
    """The learner's module of `exercise` and its top-level definitions
    of function `name`: (source text, [ast.FunctionDef, ...]) in the order
    written, so that the last is the one that runs; (None, []) where the
    source cannot be read or parsed."""
    text = learner_source(exercise)
    try:
        tree = ast.parse(text) if text is not None else None
    except (SyntaxError, ValueError):
        return None, []
    if tree is None:
        return None, []
    defined = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == name
    ]
    return text, defined


def kept_in_source(text, function, trusted=()):
    """`kept_by_asarray` of the module whose source is `text`."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    functions = {
        node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)
    }
    for name in _called_from(functions, function, set(trusted)):
        found = _written_through(functions[name], text)
        if found is not None:
            return found
    return None


def _called_from(functions, first, trusted):
    """`first` and the functions of `functions` it calls by name, directly
    or not, but the `trusted` ones: in the order they are reached."""
    order, queue = [], [first]
    while queue:
        name = queue.pop(0)
        if name in order or name in trusted or name not in functions:
            continue
        order.append(name)
        queue += [
            node.func.id
            for node in ast.walk(functions[name])
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        ]
    return order


def _written_through(function, text):
    """The first write, in the order of the lines of `function` (an
    ast.FunctionDef of source `text`), into a name that np.asarray bound
    to an argument, as a `KeptByAsarray`; None when there is none.

    Names are followed as the lines bind them, one after the other: a
    branch or a loop is read as if it ran once, in order; but a name bound
    again under an `if` may still hold the caller's array after it (`t =
    np.eye(C)[t]` for labels only), so it stays kept.
    """
    arguments = function.args
    given = {a.arg for a in [*arguments.posonlyargs, *arguments.args]}
    kept = {}  # name: (line, copy) of the assignment that kept it
    branches = [node for node in ast.walk(function) if isinstance(node, ast.If)]
    maybe = {
        id(node)
        for branch in branches
        for statement in [*branch.body, *branch.orelse]
        for node in ast.walk(statement)
    }
    steps = [
        node
        for node in ast.walk(function)
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Call))
    ]
    for step in sorted(steps, key=lambda node: (node.lineno, node.col_offset)):
        if isinstance(step, ast.Assign):
            found = _subscript_write(step, kept, text)
            if found is not None:
                return found
            _bind(step, given, kept, text, id(step) in maybe)
        elif isinstance(step, ast.AugAssign):
            target = step.target
            base = target.value if isinstance(target, ast.Subscript) else target
            if isinstance(base, ast.Name) and base.id in kept:
                return KeptByAsarray(*kept[base.id], base.id)
        elif _out_name(step) in kept:
            return KeptByAsarray(*kept[_out_name(step)], _out_name(step))
    return None


def _subscript_write(step, kept, text):
    """The `KeptByAsarray` of assignment `step` when it writes through a
    subscript of a name in `kept`, else None."""
    for target in step.targets:
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id in kept
        ):
            name = target.value.id
            written = _segment(text, target)
            index = _segment(text, target.slice)
            return KeptByAsarray(*kept[name], name, written, index)
    return None


def _bind(step, given, kept, text, maybe=False):
    """Follow the names assignment `step` binds: through np.asarray of an
    argument, or of a name already kept, into `kept`; any other value
    takes the name out of `kept` and `given`, unless the assignment `maybe`
    does not run (it is under an `if`)."""
    names = [target.id for target in step.targets if isinstance(target, ast.Name)]
    value = step.value
    if _is_no_copy(value) and value.args:
        first = value.args[0]
        if isinstance(first, ast.Name) and (first.id in given or first.id in kept):
            head = " = ".join(names)
            call = _segment(text, value)
            after = call[len(_segment(text, value.func)) :]
            module = (
                _segment(text, value.func.value)
                if isinstance(value.func, ast.Attribute)
                else "np"
            )
            copied = module + ".array" + after
            for name in names:
                kept[name] = (f"{head} = {call}", f"{head} = {copied}")
            return
    if isinstance(value, ast.Name) and value.id in kept:
        for name in names:
            kept[name] = kept[value.id]
        return
    if maybe:
        return
    for name in names:
        kept.pop(name, None)
        given.discard(name)


def _is_no_copy(node):
    """Whether `node` is a call of one of `NO_COPY`: np.asarray(...), or
    asarray(...) imported by name."""
    if not isinstance(node, ast.Call):
        return False
    function = node.func
    if isinstance(function, ast.Attribute):
        return function.attr in NO_COPY
    return isinstance(function, ast.Name) and function.id in NO_COPY


def _out_name(call):
    """The name a call writes its result into, out=x, or None."""
    for keyword in call.keywords:
        if keyword.arg == "out" and isinstance(keyword.value, ast.Name):
            return keyword.value.id
    return None


def _segment(text, node):
    """The source of `node` in `text`, on one line."""
    return " ".join((ast.get_source_segment(text, node) or "").split())


class InputModified(AssertionError):
    """The learner's function changed an argument it was meant to leave alone."""

    def __init__(self, function, index, old, new, parameter=None, through=None):
        self.function = function
        self.index = index
        self.old = old
        self.new = new
        self.parameter = parameter
        # How the code came to write into it, when np.asarray kept the
        # caller's array (see kept_by_asarray); None when it did not.
        self.through = through if isinstance(old, np.ndarray) else None
        # The learner's line that made the change, once `locate` found it;
        # `find_line`, set by the call, finds it.
        self.where = None
        self.find_line = None
        super().__init__(self.render())

    def render(self):
        """The message: the argument before and after the call, what
        changed, the learner's line that changed it once found, and the
        likely mistake."""
        function, index = self.function, self.index
        which = self.parameter or f"number {index + 1}"
        before, after, differs = contrast(self.old, self.new)
        differs = self.keys_changed() or differs
        if before == short(self.old) and after == short(self.new):
            # Four digits tell them apart: a long value may take some lines.
            before, after = laid_out(self.old), laid_out(self.new)
        lines = [
            f"{function} changed its argument {which} in place.",
            f"  before  {before}".replace("\n", "\n" + " " * 10),
            f"  after   {after}".replace("\n", "\n" + " " * 10),
        ]
        if differs:
            lines.append(f"  change  {differs}")
        if self.where:
            lines.append(f"  where   {self.where}")
        lines.append(f"  likely mistake: {self.mistake()}")
        return "\n".join(lines)

    def locate(self):
        """Name in the message the learner's line that made the change,
        when `find_line` finds it; the message is left as it is otherwise.
        Only for a failure reported: it runs the learner's code again."""
        find, self.find_line = self.find_line, None
        if find is None or _blame_left[0] <= 0:
            return
        try:
            where = find()
        except KeyboardInterrupt:
            raise
        except BaseException:
            # Whatever goes wrong (the learner's code may even exit on a
            # second call), the failure reads as it did.
            return
        if where:
            self.where = where
            self.args = (self.render(),)

    def mistake(self):
        moved = self.keys_moved()
        if moved is not None:
            added, removed = moved
            if added or removed:
                return self.keys_mistake(bool(added), bool(removed))
            changed = [
                key for key in self.old if not same(self.old[key], self.new[key])
            ]
            if changed:
                return self.entry_mistake(changed[0])
        name = self.parameter or "the argument"
        if reshaped(self.old, self.new):
            return (
                f"{name}'s shape was changed: setting {name}.shape = ... (or "
                f"calling {name}.resize) reshapes the caller's array too. Use "
                f"{name} = {name}.reshape(...), which leaves the caller's "
                "array as it was."
            )
        if self.through is not None and self.through.target:
            return self.kept_mistake()
        advice = (
            f"{name} itself was changed: an in-place operator ({name} -= ..., "
            f"{name} /= ...), a slice assignment ({name}[...] = ...) or out={name} "
            f"in a NumPy call. Work on a new array instead: {name} = {name} - ..., "
            "or np.clip and the like without out=."
        )
        if self.through is None:
            return advice
        line, dtype = self.through.line, self.old.dtype
        # Begun with words, not the line: the translation takes the note
        # for a sentence of its own after the advice.
        note = (
            f"np.asarray made no copy in {line}: given a {dtype} array, it "
            "returns that very array."
        )
        return f"{advice} {note}"

    def keys_changed(self):
        """Which keys a dict argument gained and lost, for the message's
        "change" line ("keys removed: b1, w1"); None if none. Kept out of
        the likely mistake, which reads alike whatever the keys were."""
        moved = self.keys_moved()
        if moved is None:
            return None
        added, removed = moved
        parts = [f"keys added: {', '.join(added)}"] if added else []
        parts += [f"keys removed: {', '.join(removed)}"] if removed else []
        return "; ".join(parts) or None

    def keys_moved(self):
        """The keys a dict argument gained and those it lost, each sorted as
        text (empty where none); None unless it is a dict before and after."""
        if not (isinstance(self.old, dict) and isinstance(self.new, dict)):
            return None
        added = sorted(map(str, self.new.keys() - self.old.keys()))
        removed = sorted(map(str, self.old.keys() - self.new.keys()))
        return added, removed

    def keys_mistake(self, added, removed):
        """The mistake of keys `added` to a dict argument, or `removed`
        from it (either may be True, or both)."""
        name = self.parameter or "the argument"
        if not added:
            return (
                f"keys were removed from {name} (del, pop or clear on it): "
                "the caller's dict loses them too. Leave it as it was given, "
                "and keep anything else in a dict of your own."
            )
        if removed:
            return (
                f"keys were added to {name} and removed from it: the caller's "
                "dict changes with it. Keep intermediate values in local "
                "variables, not in the argument."
            )
        return (
            f"keys were added to {name}: the caller's dict gets them too. Keep "
            "intermediate values in local variables, not in the argument."
        )

    def kept_mistake(self):
        """The argument was written into through a subscript of a name that
        np.asarray bound to it (see KeptByAsarray): reassigning the name
        did not make it a copy, which the learner thinks it did."""
        name = self.parameter or "the argument"
        line, copy, kept = self.through.line, self.through.copy, self.through.name
        target, index, dtype = self.through.target, self.through.index, self.old.dtype
        return (
            f"{name} itself was changed: np.asarray copies only when it must "
            f"(a list, another dtype); given a {dtype} array, it returns that "
            f"very array. So {line} left {kept} holding the caller's array, "
            f"and {target} = ... writes into it. Copy instead with {copy}, or "
            f"fill a new array: out = np.empty_like({kept}), then "
            f"out[{index}] = ... (np.where returns a new array too)."
        )

    def entry_mistake(self, key):
        """A dict argument kept its keys, but the value under `key` changed."""
        entry = f"{self.parameter or 'the argument'}[{key!r}]"
        return (
            f"{entry} was changed: an in-place operator on it ({entry} *= ..., "
            f"or w = {entry}, then w -= ...) or a new array stored under its "
            f"key ({entry} = ...). Leave the dict and its arrays as they are: "
            f"compute new arrays from them (step = lr * {entry}, not "
            f"{entry} *= lr)."
        )


def reshaped(old, new):
    """Whether `new` is the array `old` with its numbers as they were, in
    another shape."""
    return (
        isinstance(old, np.ndarray)
        and isinstance(new, np.ndarray)
        and old.shape != new.shape
        and old.dtype == new.dtype
        and old.tobytes() == new.tobytes()
    )


def restore(target, saved):
    """Put the contents of `saved` back into `target` in place, as far as
    they go back: arrays keep their identity, dicts and lists their own."""
    if isinstance(target, np.ndarray) and isinstance(saved, np.ndarray):
        try:
            if target.shape != saved.shape:
                target.shape = saved.shape
            np.copyto(target, saved, casting="unsafe")
        except (AttributeError, TypeError, ValueError):
            pass  # a view of another shape, or read-only: nothing to put back
    elif isinstance(target, dict) and isinstance(saved, dict):
        for key in target.keys() - saved.keys():
            del target[key]
        for key, value in saved.items():
            if key in target and _restorable(target[key], value):
                restore(target[key], value)
            else:
                target[key] = copy.deepcopy(value)
    elif isinstance(target, list) and isinstance(saved, list):
        target[:] = copy.deepcopy(saved)


def _restorable(target, saved):
    """Whether `target` can take `saved`'s contents in place."""
    if isinstance(target, np.ndarray) and isinstance(saved, np.ndarray):
        return target.size == saved.size and target.dtype == saved.dtype
    return isinstance(target, (dict, list)) and type(target) is type(saved)


def same(old, new):
    """Whether two values are identical, bit for bit where they are arrays."""
    if isinstance(old, np.ndarray) or isinstance(new, np.ndarray):
        return (
            isinstance(new, np.ndarray)
            and isinstance(old, np.ndarray)
            and old.shape == new.shape
            and old.dtype == new.dtype
            and old.tobytes() == new.tobytes()
        )
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return len(old) == len(new) and all(map(same, old, new))
    if callable(old):
        return True
    try:
        return bool(old == new) or (old != old and new != new)
    except Exception:
        return False


class Call:
    """A call of a learner's function, as a message shows it.

    The text is built only when a message needs it: rendering arrays costs
    more than most of the calls it describes. The arguments are copied, so
    the text shows them as they were passed.
    """

    def __init__(self, function, args, kwargs):
        self.function = function
        self.args = [numpy_number(arg) for arg in copy.deepcopy(list(args))]
        self.kwargs = {key: numpy_number(value) for key, value in kwargs.items()}

    def __str__(self):
        """The call on one line when it fits in `CALL_WIDTH`; else each
        argument on lines of its own, under the first, with a dict one key
        to a line and an array's rows under its first bracket. Later lines
        are indented from the start of the call: a message puts them under
        it, wherever it starts."""
        parts = [_argument(arg, short) for arg in self.args]
        parts += [
            f"{key}={_argument(value, short)}" for key, value in self.kwargs.items()
        ]
        text = f"{self.function}({', '.join(parts)})"
        if "\n" not in text and len(text) <= CALL_WIDTH:
            return text
        # An argument's room on its line: what the call's name leaves. One
        # array too wide for it puts every array of the call in rows, so
        # that arrays passed side by side (params and grads) read alike.
        room = CALL_WIDTH - len(self.function) - 2
        rows = any(_too_wide(arg, room) for arg in self.args) or any(
            _too_wide(value, room - len(key) - 1) for key, value in self.kwargs.items()
        )
        parts = [_argument(arg, _laid_out, rows) for arg in self.args]
        parts += [
            f"{key}={_argument(value, _laid_out, rows)}".replace(
                "\n", "\n" + " " * (len(key) + 1)
            )
            for key, value in self.kwargs.items()
        ]
        margin = "\n" + " " * (len(self.function) + 1)
        laid = f",{margin}".join(part.replace("\n", margin) for part in parts)
        return f"{self.function}({laid})"


def _argument(value, render, *options):
    """An argument of a call as `render` shows it (given `options`), a
    Python list or tuple marked as such, as an array not of float64 is by
    its dtype: a list of floats would otherwise read as the float64 array
    of the same numbers, and code may take one and not the other."""
    text = render(value, *options)
    if isinstance(value, (list, tuple)):
        text = f"{text} ({type(value).__name__})"
    return text


def marked(value):
    """`value` as `short` shows it, a Python list or tuple marked as such,
    as an argument of a call is (see `_argument`): a list returned where an
    array is due must not read as the array of the same numbers."""
    return _argument(value, short)


# A call longer than this is laid out an argument to a line: with the
# label before it, a line of a message stays within 88 columns.
CALL_WIDTH = 76


def _laid_out(value, rows=False):
    """`value` as an argument of a call laid out on several lines: a dict
    one key to a line, and, with `rows`, each row of an array of two or
    more axes on a line of its own, under the first bracket (an array too
    long for one line is in rows anyway); anything else as `short`
    renders it."""
    if not isinstance(value, dict) or not value:
        return short(value, by_rows=rows)
    items = (_item_lines(key, item, rows) for key, item in value.items())
    return "{" + ",\n ".join(items) + "}"


def _item_lines(key, value, rows):
    """One item of a dict laid out one key to a line: its value's later
    lines (the rows of an array) moved under its first, past the "{"."""
    head = f"{key!r}: "
    return head + short(value, by_rows=rows).replace("\n", "\n " + " " * len(head))


def _too_wide(value, room):
    """Whether `value`, or an item of it if it is a dict, is an array of
    two or more axes that does not fit on a line of `room` columns."""
    if isinstance(value, dict):
        # Each item has its key before it, a "{" or a space, and "," (the
        # last one "},") after it.
        return any(
            _too_wide(item, room - len(f"{key!r}: ") - 3) for key, item in value.items()
        )
    return isinstance(value, np.ndarray) and value.ndim > 1 and len(short(value)) > room


def laid_out(value):
    """`value` as a labelled line of a message shows it: on one line when
    it fits in `CALL_WIDTH`, else as `_laid_out` lays it on several. The
    later lines are indented from the start of the value."""
    text = short(value)
    if "\n" not in text and len(text) <= CALL_WIDTH:
        return text
    return _laid_out(value, _too_wide(value, CALL_WIDTH))


def named(name, value):
    """ "name = value" as a labelled line of a message shows it, the later
    lines of the value (an array's rows) under its first."""
    head = f"{name} = "
    return head + short(value).replace("\n", "\n" + " " * len(head))


def named_lines(texts):
    """Values each on lines of their own under a call that ends in "with",
    two columns in: "  x  = [[1.0, 2.0],", with the later lines of a value
    (an array's rows) under its first. `texts` maps each name to its
    value's text, as `short` renders it, say."""
    width = max(map(len, texts), default=0)
    lines = []
    for name, text in texts.items():
        head = f"  {name:{width}} = "
        lines.append(head + text.replace("\n", "\n" + " " * len(head)))
    return lines


def _items(mapping, precision=4):
    """Each item of a dict as a message shows it, its value on one line,
    shortened at element boundaries: "'w1': [[0.1, ..., 0.3]] shape (4, 5)"."""
    return [
        f"{key!r}: {' '.join(short(value, 80, precision).split())}"
        for key, value in mapping.items()
    ]


def describe_call(function, args, kwargs):
    """Return the `Call` of `function` with `args` and `kwargs`."""
    return Call(function, args, kwargs)


class NumPyNumber:
    """A NumPy scalar or 0-d array as an argument of a call shows it: the
    number, then what holds it, as an array not of float64 is marked by its
    dtype: "2.0 (np.float64)", "2.0 (0-d array)", "3 (0-d int64 array)".
    Bare, it would read as a Python number, which has no .shape or .ndim:
    code that works for one may fail for the other."""

    def __init__(self, value):
        number_text = number(value) if value.dtype.kind == "f" else repr(value.item())
        if isinstance(value, np.generic):
            holder = f"np.{value.dtype}"
        elif value.dtype == np.float64:
            holder = "0-d array"
        else:
            holder = f"0-d {value.dtype} array"
        self.text = f"{number_text} ({holder})"

    def __repr__(self):
        return self.text


def numpy_number(value):
    """`value` marked as a NumPy number (see NumPyNumber) when it is a
    NumPy scalar or a 0-d array of numbers; else `value` itself."""
    numeric = isinstance(value, (np.generic, np.ndarray)) and value.dtype.kind in "biuf"
    if numeric and np.ndim(value) == 0:
        return NumPyNumber(value)
    return value


# How long a rendered value may grow before it is shortened.
SHORT_LIMIT = 300
# Floats this small or this large read better in scientific notation.
SMALLEST_PLAIN = 1e-4
LARGEST_PLAIN = 1e6


def number(value, precision=4):
    """One float as Python writes it, rounded to `precision` decimals: no
    trailing zeros but the one that marks a float, no padding ("0.09",
    "75.0", "1.0e-07")."""
    value = float(value)
    if value == 0:
        # -0.0 (from -np.sum of zeros, say) is zero: its sign would read as
        # a fault of the report.
        return "0.0"
    if not np.isfinite(value):
        return repr(value)
    if SMALLEST_PLAIN <= abs(value) < LARGEST_PLAIN:
        return np.format_float_positional(
            value, precision=precision, unique=False, trim="0"
        )
    return np.format_float_scientific(
        value, precision=precision, unique=False, trim="0"
    )


def array_text(value, precision=4, limit=SHORT_LIMIT, by_rows=False):
    """An array on as few lines as reads well, its numbers compact, and,
    where it is too long, summarized at element boundaries ("...") with its
    shape named; never cut in the middle of a number. `by_rows` puts each
    row of an array of two or more axes on a line of its own, however
    short: to sit beside another array laid out so, or on a line that has
    no room for it whole."""
    rows = by_rows and value.ndim > 1
    formatter = {
        "float_kind": lambda v: number(v, precision),
        "int_kind": str,
        "bool": str,
    }
    # The whole array if it fits, else fewer and fewer elements of each
    # axis's two ends.
    for threshold, edgeitems in ((40, 3), (0, 3), (0, 2), (0, 1)):
        text = np.array2string(
            value,
            separator=", ",
            formatter=formatter,
            threshold=threshold,
            edgeitems=edgeitems,
        )
        text = " ".join(text.split()) if len(text) < 80 and not rows else text
        summarized = "..." in text
        if summarized:
            text = f"{text} shape {value.shape}"
        if len(text) <= limit:
            return text
    # Too long even so: the first elements, as many as fit, and the shape.
    shown = []
    for element in value.flat:
        item = (
            formatter["float_kind"](element)
            if value.dtype.kind == "f"
            else str(element)
        )
        if len(", ".join([*shown, item])) > limit - 40:
            break
        shown.append(item)
    return f"[{', '.join(shown)}, ...] shape {value.shape}"


def short(value, limit=SHORT_LIMIT, precision=4, by_rows=False):
    """A compact, readable rendering of a value for a message, with floats
    to `precision` digits; an array by rows if `by_rows` (see
    `array_text`)."""
    if isinstance(value, np.ndarray):
        text = array_text(value, precision, limit, by_rows)
        # float64 and bool read as such; any other type is named.
        if value.dtype.kind != "b" and value.dtype != np.float64:
            text = f"{text} ({value.dtype})"
        return text
    if isinstance(value, (list, tuple)) and _holds_numpy(value):
        return _sequence_text(value, limit, precision)
    if isinstance(value, dict):
        items = _items(value, precision)
        text = "{" + ", ".join(items) + "}"
        # Too long: whole items only, never a value cut in the middle.
        while len(text) > limit and items:
            items.pop()
            text = "{" + ", ".join([*items, "..."]) + "}"
    elif isinstance(value, np.generic) and value.dtype.kind == "f":
        text = number(value, precision)
    elif isinstance(value, np.generic):
        # A NumPy scalar reads as the number it holds, without np.int64(...).
        text = repr(value.item())
    elif isinstance(value, float):
        text = number(value, precision)
    elif callable(value):
        text = getattr(value, "__name__", "a function")
    else:
        text = repr(value)
    text = " ".join(text.split()) if "\n" in text and len(text) < 80 else text
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _holds_numpy(value):
    """Whether a list or tuple holds, at any depth, what its repr would
    show in NumPy's own words (array(...), np.float64(...)) or with a dict's
    arrays in them: an array, a NumPy scalar or a dict."""
    return any(
        isinstance(item, (np.ndarray, np.generic, dict))
        or (isinstance(item, (list, tuple)) and _holds_numpy(item))
        for item in value
    )


# The least room an item of a list or tuple gets, however many there are:
# enough for a gradient of a few rows of five numbers, shown whole.
ITEM_LIMIT = 150


def _sequence_text(value, limit, precision):
    """A list or tuple of arrays (and the like), each item as `short`
    renders it, with its share of `limit`: on one line when that reads
    well, else each item on lines of its own under the first bracket, its
    rows (if an array) under its own first one. A tuple of one item keeps
    its comma, as Python writes it."""
    room = max(limit // max(len(value), 1), ITEM_LIMIT)
    items = [short(item, room, precision) for item in value]
    opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
    if isinstance(value, tuple) and len(items) == 1:
        closing = ",)"
    text = opening + ", ".join(items) + closing
    if "\n" not in text and len(text) < 80:
        return text
    lines = [item.replace("\n", "\n ") for item in items]
    return opening + ",\n ".join(lines) + closing


def listed(names):
    """Names as a sentence lists them: "w1", "w1 and w2", "w1, b1 and w2"."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# Digits to try, in turn, when two different values print alike: enough to
# show a difference in the fourth decimal, then in the last bit of a float64.
MORE_DIGITS = (8, 17)


def contrast(first, second):
    """Render two values that differ so that they read differently.

    Return (first's text, second's text, where they differ most, or None).
    When four digits print both alike, more digits are shown, and the
    largest difference is named: it may lie in a part the texts leave out.
    """
    texts = alike(first, second)
    if texts[0] != texts[1]:
        return *texts, None
    for precision in MORE_DIGITS:
        more = alike(first, second, precision)
        # Worth it only if the difference shows in texts that are not cut.
        if more[0] != more[1] and all(len(text) < SHORT_LIMIT for text in more):
            texts = more
            break
    return *texts, largest_difference(first, second)


def alike(first, second, precision=4):
    """Two values as `short` renders them, laid out alike: where one is an
    array broken into rows and the other an array of rows that fits on one
    line, that one is broken into its rows too, so that the two read row
    against row, one above the other."""
    texts = short(first, precision=precision), short(second, precision=precision)
    if ("\n" in texts[0]) == ("\n" in texts[1]):
        return texts
    return tuple(
        short(value, precision=precision, by_rows=True)
        if isinstance(value, np.ndarray)
        else text
        for value, text in zip((first, second), texts, strict=True)
    )


def largest_difference(first, second):
    """Where two numeric values of one shape differ most, in words; None
    when they cannot be compared element by element."""
    try:
        a = np.asarray(first, dtype=np.float64)
        b = np.asarray(second, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if a.shape != b.shape or a.size == 0:
        return None
    with np.errstate(invalid="ignore"):
        gap = np.array(np.abs(a - b))
    # A nan against a number is the largest difference there is; two nans
    # are alike.
    gap[np.isnan(gap)] = np.inf
    gap[np.isnan(a) & np.isnan(b)] = 0.0
    where = np.unravel_index(np.argmax(gap), gap.shape)
    if gap[where] == 0:
        return None
    place = f" at [{', '.join(map(str, where))}]" if a.ndim else ""
    return (
        f"most{place}: {float(a[where])!r} against {float(b[where])!r}, "
        f"{gap[where]:.2g} apart"
    )

"""List the English sentences the tests can show a learner, and the
grader's own texts, and report those the Japanese catalogue does not
translate.

The failure explanations are written in English in tests/*.py,
conftest.py, tests/judge.py and tests/harness.py; the grader translates
them when it shows them (see `grader.i18n`). This script reads those files
with `ast` (never importing them) and collects every string literal that
reads as prose: f-strings become templates whose placeholders keep the
expression's source, ``{function_name(call)}``, so that a catalogue entry
can be traced back to the line that makes the sentence. The grader's own
texts are those its code passes to `grader.i18n._` or marks with
`grader.i18n.N_`.

    python -m grader.locale.extract            # sentences with no translation
    python -m grader.locale.extract --all      # every sentence found
    python -m grader.locale.extract --unused   # catalogue entries no longer used

Exit code 1 when something is reported, so that CI notices a new sentence.
"""

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("conftest.py", "tests/*.py")
# Keyword arguments whose strings are never shown by the grader: pytest's
# own option help and test ids, regular expressions, dtype names.
IGNORED_KEYWORDS = frozenset({"help", "ids", "match", "dtype", "reason"})
# A literal reads as prose when it holds at least this many words and a
# space: fewer make names, dtypes, ids and separators. A template with
# fields needs only one: "sums {short(sums)}" is shown as it is built.
MIN_WORDS = 2
MIN_TEMPLATE_WORDS = 1
# A word of two characters or more: "x" and "h" are names, not words.
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]+")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A labelled line of a failure message, as tests/judge.py writes them:
# "  expected  [1, 2]", "  likely mistake: ...". Group 1 is the label,
# group 2 the value.
LABELLED = re.compile(r"^  ([a-z][a-z ]*?)(?::|(?=  ))\s+(.*)$")


def ui_texts(root: Path = ROOT) -> dict[str, str]:
    """Every text the grader's own code marks for translation, the first
    argument of ``_("...")`` or ``N_("...")``, with where it first appears."""
    found: dict[str, str] = {}
    for path in sorted((root / "grader").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(root)}:{node.lineno}"
                found.setdefault(node.args[0].value, where)
    return found


def source_files(root: Path = ROOT) -> list[Path]:
    """The files whose strings become failure explanations."""
    return sorted({path for pattern in SOURCES for path in root.glob(pattern)})


def sentences(root: Path = ROOT) -> dict[str, str]:
    """Every prose template in the test sources, with where it first
    appears ("tests/test_dot.py:42")."""
    found: dict[str, str] = {}
    for path in source_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(root)
        for line, text in _literals(tree):
            for piece in _pieces(text):
                found.setdefault(piece, f"{where}:{line}")
    return found


def _literals(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, template) for each string literal outside docstrings and
    ignored keyword arguments."""
    skipped = {id(node) for node in _docstrings(tree)}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in IGNORED_KEYWORDS:
            skipped.update(id(inner) for inner in ast.walk(node.value))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.BinOp) and _is_text(node):
            # "... c = " + short(c) + ", so ...": one sentence, one field.
            operands = _operands(node)
            skipped.update(id(part) for part in _chain(node))
            skipped.update(id(part) for part in operands if _is_text(part))
            yield node.lineno, "".join(map(_field_or_text, operands))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in ast.walk(node))
            yield node.lineno, _template(node)


def _docstrings(tree: ast.AST) -> Iterator[ast.AST]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    for node in ast.walk(tree):
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                yield first.value


def _is_text(node: ast.AST) -> bool:
    """Whether `node` is a string literal, an f-string, or a sum of them."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    return isinstance(node, ast.JoinedStr)


def _operands(node: ast.AST) -> list[ast.AST]:
    """The terms of a sum, left to right."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _operands(node.left) + _operands(node.right)
    return [node]


def _chain(node: ast.AST) -> list[ast.AST]:
    """The additions that make up a sum, `node` included."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [node, *_chain(node.left), *_chain(node.right)]
    return []


def _field_or_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return _template(node)
    return _field(ast.unparse(node))


def _field(source: str) -> str:
    """A replacement field for an expression's source. One whose source
    holds braces (a dict, a nested f-string) could not be told apart from
    the text around it: it stands as a bare field."""
    return "{}" if "{" in source or "}" in source else "{" + source + "}"


def _template(node: ast.JoinedStr) -> str:
    """An f-string as a template: its text, with each replacement field
    written as the source of its expression."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value))
            continue
        field = ast.unparse(value.value)
        if value.conversion != -1:
            field += "!" + chr(value.conversion)
        if isinstance(value.format_spec, ast.JoinedStr):
            field += ":" + _template(value.format_spec)
        parts.append(_field(field))
    return "".join(parts)


def _pieces(text: str) -> Iterator[str]:
    """The prose in a literal, line by line: a labelled line's label and
    value count as pieces of their own, as the grader translates them."""
    for line in text.splitlines():
        labelled = LABELLED.match(line)
        if labelled:
            label, value = labelled.groups()
            yield label
            if _is_prose(value):
                yield value.strip()
        elif _is_prose(line):
            yield line.strip()


def _is_prose(text: str, minimum: int | None = None) -> bool:
    if minimum is None:
        minimum = MIN_TEMPLATE_WORDS if PLACEHOLDER.search(text) else MIN_WORDS
    words = WORD.findall(PLACEHOLDER.sub(" ", text))
    return len(words) >= minimum and " " in text.strip()


def report(found: dict[str, str], keys: set[str], show_all: bool) -> list[str]:
    """The lines to print: every sentence, or those missing from `keys`."""
    return [
        f"{where}: {text}"
        for text, where in found.items()
        if show_all or text not in keys
    ]


def main(argv: list[str] | None = None) -> int:
    from grader import i18n

    parser = argparse.ArgumentParser(prog="python -m grader.locale.extract")
    parser.add_argument("--lang", default="ja", choices=i18n.TRANSLATED)
    parser.add_argument("--all", action="store_true", help="every sentence")
    parser.add_argument(
        "--unused", action="store_true", help="catalogue entries no source uses"
    )
    args = parser.parse_args(argv)
    found = sentences()
    catalogue = i18n.catalogue(args.lang)
    known = set(catalogue.failures) | catalogue.as_is
    texts = ui_texts()
    if args.unused:
        lines = sorted(known - set(found)) + sorted(set(catalogue.ui) - set(texts))
    else:
        lines = report(found, known, args.all)
        lines += report(texts, set(catalogue.ui), args.all)
    for line in lines:
        print(line)
    return 1 if lines and not args.all else 0


if __name__ == "__main__":
    sys.exit(main())

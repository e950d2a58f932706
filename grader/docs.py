"""An exercise's specification: the docstrings of its functions, in the
learner's language (``python -m grader doc NAME``).

The English docstrings are read from the exercise's module without
importing it, so a module that does not run yet still shows its
specification. A translation is kept with a fingerprint of the English it
was made from: when the English changes, the translation is out of date,
and the English is shown instead, with a note, rather than a
specification that no longer holds.
"""

import ast
import copy
import hashlib
import io
import re
import tokenize
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from grader import i18n
from grader.i18n import _
from grader.stubs import PRISTINE

# Enough hex digits of a SHA-256 that two versions of a docstring never
# share them by chance.
FINGERPRINT_DIGITS = 12


@dataclass(frozen=True)
class FunctionDoc:
    """One function of an exercise, as its specification shows it."""

    name: str
    signature: str  # "softmax(x)"
    text: str  # the docstring, in the language asked for if possible
    translated: bool  # whether `text` is the translation
    stale: bool = False  # a translation exists, but of an older English


def fingerprint(text: str) -> str:
    """A short digest of a docstring, to tell when it has changed."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_DIGITS]


def english(source: str) -> list[tuple[str, str, str]]:
    """(name, signature, docstring) of each public function defined at the
    top of a module's `source`, in order.

    Raises SyntaxError when `source` is not Python.
    """
    functions = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            signature = f"{node.name}({_arguments(node.args, source)})"
            functions.append((node.name, signature, ast.get_docstring(node) or ""))
    return functions


def _arguments(arguments: ast.arguments, source: str) -> str:
    """`arguments`, of a function of `source`, as Python writes them, but
    each default as `source` writes it: "h=1e-4", not "h=0.0001", which
    the learner would look for in their file in vain."""
    shown = copy.deepcopy(arguments)
    shown.defaults = [_as_written(value, source) for value in shown.defaults]
    shown.kw_defaults = [_as_written(value, source) for value in shown.kw_defaults]
    return ast.unparse(shown)


def _as_written(value: ast.expr | None, source: str) -> ast.expr | None:
    """A stand-in for `value` that unparses to its text in `source`;
    `value` itself where that spans lines (Python's one line reads as
    well), or where it has none (a keyword without a default: None)."""
    text = ast.get_source_segment(source, value) if value is not None else None
    return ast.Name(text) if text and "\n" not in text else value


def module_source(root: Path, name: str) -> str:
    """The source of exercise `name` as shipped: its pristine stub, whose
    docstrings the learner may since have edited in exercises/; else the
    model answer's, whose docstrings are the same; else, in a copy with
    neither, the learner's module.

    Raises OSError when none can be read.
    """
    candidates = [
        root / PRISTINE / f"{name}.py",
        root / "solutions" / f"{name}.py",
        root / "exercises" / f"{name}.py",
    ]
    for path in candidates:
        try:
            source = path.read_text(encoding="utf-8")
            ast.parse(source)
        except (OSError, SyntaxError, ValueError):
            continue
        return source
    raise OSError(
        _("no readable {file} under {root}", file=f"exercises/{name}.py", root=root)
    )


def specification(root: Path, name: str, language: str) -> list[FunctionDoc]:
    """The documented functions of exercise `name`, in `language` where a
    current translation exists.

    Raises OSError when the module cannot be read.
    """
    return documented(module_source(root, name), name, language)


def documented(source: str, name: str, language: str) -> list[FunctionDoc]:
    """The documented functions of `source`, the module of exercise `name`,
    in `language` where a current translation exists.

    Raises SyntaxError when `source` is not Python.
    """
    translations = i18n.docstrings(language).get(name, {})
    docs = []
    for function, signature, text in english(source):
        entry = translations.get(function, {})
        current = entry.get("source") == fingerprint(text)
        if entry.get("text") and current:
            docs.append(FunctionDoc(function, signature, entry["text"], True))
        else:
            stale = bool(entry.get("text"))
            docs.append(FunctionDoc(function, signature, text, False, stale))
    return docs


def summarized(source: str, summaries: dict[str, str]) -> str:
    """`source` with each docstring cut to its summary, its first line: the
    one in `summaries` for a function named there (a translation, say).

    The rest of a docstring is the specification, which whoever reads the
    code already has. A docstring that shares a line with other code is
    left whole.

    Raises SyntaxError when `source` is not Python.
    """
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    owners = [tree, *(node for node in ast.walk(tree) if _documentable(node))]
    found = []
    for owner in owners:
        text = ast.get_docstring(owner)
        if text and text.strip():
            summary = summaries.get(getattr(owner, "name", ""), text)
            found.append((owner.body[0], summary.strip().splitlines()[0]))
    # From the end, so that the lines of the docstrings above stay put.
    for node, summary in sorted(found, key=lambda pair: -pair[0].lineno):
        first, last = node.lineno - 1, node.end_lineno - 1
        # The columns ast gives count bytes of UTF-8.
        before = lines[first].encode()[: node.col_offset].decode()
        after = lines[last].encode()[node.end_col_offset :].decode()
        if before.strip() or after.strip() or '"' in summary or "\\" in summary:
            continue  # kept whole rather than quoted anew
        lines[first : last + 1] = [f'{before}"""{summary}"""\n']
    return "".join(lines)


def summary(source: str) -> str:
    """The first line of the docstring of the module `source`, or "".

    Raises SyntaxError when `source` is not Python.
    """
    text = ast.get_docstring(ast.parse(source)) or ""
    return text.strip().splitlines()[0] if text.strip() else ""


# A line of a docstring's section that names what it describes ("x: ...",
# '"w1": ...', "(params, losses): ...", "ValueError: ..."): it begins an
# item of its own, however full the line before it.
ITEM_LABEL = re.compile(r'(?:"[^"]*"|\([^)]*\)|[\w.-]+): ')
# What begins a line of a doctest example.
DOCTEST_PROMPTS = (">>>", "...")
# How much deeper an item's later lines stand than its first.
ITEM_HANGING = "    "


def reflowed(text: str, columns: int) -> str:
    """The docstring `text` with its prose wrapped anew to `columns`
    terminal columns (see `i18n.fill`), its layout kept.

    A paragraph is the lines that run on from one another: a line that
    ends with ":" ends one, an item of a section ("x: ...") begins one,
    and a line back at a paragraph's first indentation after lines
    indented deeper (an item's later lines) begins one. Lines indented
    under a lead-in that ends with ":" inside a section are a list, a line
    each. Doctest examples (">>>" and the output under them) and a block
    indented under a lead-in after a blank line are code: kept line for
    line; but a block of formulas too wide for `columns` is broken as
    `_formula_block` breaks it, rather than by the terminal inside a word.
    """
    out: list[str] = []
    paragraph: list[str] = []  # its lines, their indentation included
    code_at: int | None = None  # the indentation of the code under way
    formulas = False  # whether that code is a block, not doctest
    list_at: int | None = None  # of the list under way, a line an item
    lead_in = False  # whether the last line of prose ended with ":"
    lead_at = 0  # the indentation of its paragraph's first line
    item = False  # whether the paragraph is an item of a list or section
    block: list[str] = []  # the lines of formulas under way, laid out whole
    for line in text.splitlines():
        at = _indentation(line)
        if line.strip() and code_at is not None and at >= code_at:
            (block if formulas else out).append(line)
            continue
        out += _formula_block(block, columns)
        block = []
        if not line.strip():
            out += _filled(paragraph, columns, item) + [""]
            paragraph, code_at, list_at = [], None, None
            continue
        code_at = None
        literal = not paragraph and out[-1:] == [""] and lead_in and at > lead_at
        if literal or line.lstrip().startswith(DOCTEST_PROMPTS):
            formulas = literal and not line.lstrip().startswith(DOCTEST_PROMPTS)
            out += _filled(paragraph, columns, item)
            (block if formulas else out).append(line)
            paragraph, code_at, lead_in = [], at, False
            continue
        if list_at is not None and at < list_at:
            list_at = None
        if paragraph and lead_in and lead_at < at and lead_at > 0:
            list_at = at  # under a lead-in, not under a section's heading
        if paragraph and not _runs_on(paragraph, line, list_at, item):
            out += _filled(paragraph, columns, item)
            paragraph = []
        if not paragraph:
            lead_at = at
            item = at == list_at or (at > 0 and bool(ITEM_LABEL.match(line.lstrip())))
        paragraph.append(line)
        lead_in = _leads_in(paragraph)
    out += _formula_block(block, columns) + _filled(paragraph, columns, item)
    return "\n".join(out)


# What sets apart the formulas laid out side by side on one line of a
# block: two spaces or more.
FORMULA_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


# A remark in brackets beside or under the formulas, prose rather than
# code: "(softmax and cross-entropy together; ...)".
ASIDE = re.compile(
    r"[(（](?=[^()（）]*\b[A-Za-z]+ [a-z]+ [a-z]+\b|.*[^\x00-\x7f]).*[)）]$"
)


def _formula_block(lines: list[str], columns: int) -> list[str]:
    """The `lines` of a block of formulas, those that lay formulas out
    side by side all kept so where every one of them fits `columns`, else
    all broken, a formula to a row (see `_formula_rows`): the pairs read
    alike, down the block, and never some beside and some under each
    other. A line of one formula, or a remark, is broken only where it
    is too wide itself."""
    pairs = [line for line in lines if FORMULA_GAP.search(line.strip())]
    apart = any(i18n.width(line) > columns for line in pairs)
    return [
        row
        for line in lines
        for row in _formula_rows(line, columns, apart and line in pairs)
    ]


def _formula_rows(line: str, columns: int, apart: bool = False) -> list[str]:
    """`line`, of a block of formulas, as it is when it fits `columns` and
    is not to be set `apart`; else each formula laid out beside another on
    it on a row of its own,
    and one still too wide broken at its spaces (see `i18n.fill`; one of
    code alone, at its outermost spaces, see `_outer_space`), its later
    rows `ITEM_HANGING` deeper, as Python's continuation lines are: they
    read as the rest of the formula, not as one of their own."""
    if i18n.width(line) <= columns and not apart:
        return [line]
    at = _indentation(line)
    rows = []
    for formula in FORMULA_GAP.split(line.strip()):
        width = max(columns - at, 1)
        if ASIDE.match(formula):
            # Words about the formula above: its later rows stand under
            # its first word, as prose in brackets does.
            filled = i18n.fill(formula, width, 1).splitlines()
        elif any(map(i18n._wide, formula)):
            filled = i18n.fill(formula, width, len(ITEM_HANGING)).splitlines()
        else:
            filled = _code_filled(formula, width)
        rows += [" " * at + row for row in filled]
    return rows


def _code_filled(code: str, width: int) -> list[str]:
    """`code`, a formula of ASCII, in rows of `width` columns, broken at
    spaces (see `_outer_space`), its later rows `ITEM_HANGING` deeper. A
    part with no space that fits runs on."""
    rows, room = [], width
    while len(code) > room:
        cut = _outer_space(code, room)
        if cut < 0:
            break
        rows.append(code[:cut])
        code = code[cut + 1 :]
        room = width - len(ITEM_HANGING)
    rows.append(code)
    return [rows[0], *(ITEM_HANGING + row for row in rows[1:])]


def _outer_space(code: str, width: int) -> int:
    """The index of the space to break `code` at, for a row of `width`
    columns: of those that fit, the outermost in brackets, the last of
    those as far out ("... / (2 * h)" before its "/", not inside "(2 *
    h)"); one that leaves the row less than half full only when no other
    fits; -1 when none fits."""
    places, depth = [], 0
    for index, character in enumerate(code):
        depth += (character in "([{") - (character in ")]}")
        if character == " " and 0 < index <= width:
            places.append((index * 2 >= width, -depth, index))
    return max(places)[-1] if places else -1


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _runs_on(paragraph: list[str], line: str, list_at: int | None, item: bool) -> bool:
    """Whether `line` goes on with `paragraph`, an `item` or not; an item
    of a list at `list_at` is a line of its own."""
    first, at = _indentation(paragraph[0]), _indentation(line)
    if _leads_in(paragraph) or at < first or at == list_at:
        return False
    if at == first and any(_indentation(r) > first for r in paragraph):
        return False  # an item's later lines stand deeper
    return not (at == first and at > 0 and ITEM_LABEL.match(line.lstrip()))


def _leads_in(paragraph: list[str]) -> bool:
    """Whether `paragraph` ends with ":" outside brackets: a heading, or
    what leads in to the lines under it ("(-1 included:" goes on)."""
    text = "".join(paragraph)
    depth = sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
    return text.rstrip().endswith(":") and depth <= 0


def _filled(paragraph: list[str], columns: int, item: bool = False) -> list[str]:
    """The lines of `paragraph` joined and wrapped to `columns`, at its
    first line's indentation, its later lines at theirs: those of an `item`
    of a list or a section, written on one line, under its first line's
    text, as its author would have put them."""
    if not paragraph:
        return []
    first = _indentation(paragraph[0])
    later = first + len(ITEM_HANGING) if item else first
    if len(paragraph) > 1:
        later = _indentation(paragraph[1])
    text = paragraph[0].strip()
    for line in paragraph[1:]:
        text = _run_on(text, line.strip())
    wrapped = i18n.fill(text, max(columns - first, 1), max(later - first, 0))
    return [" " * first + row for row in wrapped.splitlines()]


def _run_on(left: str, right: str) -> str:
    """Two lines of one paragraph as one: a space between them as English
    and code have, none where Japanese meets Japanese or its punctuation,
    nor before a bracket that holds a word or Japanese ("もの(array-like)",
    "1 程度(標準正規分布...")."""
    last, next_ = left[-1], right[0]
    if i18n._wide(last) and (
        i18n._wide(next_) or unicodedata.category(last).startswith("P")
    ):
        return left + right
    if i18n._wide(last) and re.match(r"\((?:`|[A-Za-z-]+\)|[^\x00-\x7f])", right):
        return left + right
    return f"{left} {right}"


# How wide a translated comment block may be, its indentation included.
COMMENT_COLUMNS = 79


@dataclass
class _Comment:
    """A block of comment lines in a source: consecutive lines that hold a
    comment only, at one indentation, or a comment after code."""

    first: int  # the index of its first line
    last: int  # and of its last
    column: int  # where its "#" stands
    text: str  # its lines' text, without "#", joined by single spaces


def comments(source: str) -> list[str]:
    """The text of each block of comments in `source`, as `commented`
    looks it up.

    Raises SyntaxError (tokenize.TokenError) when `source` is not Python.
    """
    return [block.text for block in _comment_blocks(source)]


def commented(source: str, translations: dict[str, str]) -> str:
    """`source` with each block of comments found in `translations` (by
    its English text) replaced by its translation, wrapped to
    `COMMENT_COLUMNS` at the block's indentation. A comment after code
    keeps one line. The rest of `source` is left as it is."""
    lines = source.splitlines(keepends=True)
    for block in reversed(_comment_blocks(source)):
        text = translations.get(block.text)
        if text is None:
            continue
        before = lines[block.first][: block.column]
        if before.strip():  # after code: the comment stays on its line
            lines[block.first] = f"{before}# {text}\n"
            continue
        wrapped = i18n.fill(text, COMMENT_COLUMNS - block.column - 2).splitlines()
        lines[block.first : block.last + 1] = [
            f"{before}# {line}\n" for line in wrapped
        ]
    return "".join(lines)


def _comment_blocks(source: str) -> list[_Comment]:
    blocks: list[_Comment] = []
    readline = io.StringIO(source).readline
    lines = source.splitlines()
    for token in tokenize.generate_tokens(readline):
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start[0] - 1, token.start[1]
        text = token.string.lstrip("#").strip()
        alone = not lines[row][:column].strip()
        last = blocks[-1] if blocks else None
        if alone and last and last.last == row - 1 and last.column == column:
            if not lines[last.first][:column].strip():
                last.last, last.text = row, f"{last.text} {text}"
                continue
        blocks.append(_Comment(row, row, column, text))
    return blocks


def _documentable(node: ast.AST) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))


def untranslated(root: Path, language: str) -> list[str]:
    """ "exercise.function" for each function of every exercise whose
    docstring has no current translation in `language`."""
    from grader.exercises import NAMES

    return [
        f"{name}.{doc.name}" + (" (out of date)" if doc.stale else "")
        for name in NAMES
        for doc in specification(root, name, language)
        if not doc.translated
    ]


def main() -> int:
    """List the docstrings that need translating; exit 1 if there are any."""
    root = Path(__file__).resolve().parent.parent
    missing = [
        f"{language}: {item}"
        for language in i18n.TRANSLATED
        for item in untranslated(root, language)
    ]
    for line in missing:
        print(line)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The grader's languages: English, the default, and Japanese.

Every text the grader shows is written in English in the code, and looked
up at display time in the catalogue of the chosen language,
``grader/locale/<lang>.toml``, the way gettext looks up a message id. A
text the catalogue lacks is shown in English, never broken: a missing or
faulty translation costs the learner a sentence in English, nothing more.

The catalogue has five tables:

- ``[statuses]``: the status words; the terminal shows the translation
  with the English word beside it, as machine formats keep it.
- ``[ui]``: the grader's own texts, keyed by their English source with
  ``str.format`` fields, as in ``_("{done} of {total} done", ...)``.
- ``[failures]``: the sentences the tests explain a failure with (see
  tests/judge.py). They are built in English with the failing values in
  them, so an entry may be a template: its English side is the f-string's
  text from the test source, each ``{...}`` standing for any value, and
  the value found there is put in the same ``{...}`` of the translation.
- ``[reasons]``: the grader's own sentences that travel as data, in
  English, and are translated only where they are shown: why a run or a
  test stopped (a time limit, a crash, see grader/runner.py), what a
  stub's NotImplementedError says, why grading mode could not grade.
  Templates as in ``[failures]``, their fields named for what they stand
  for; the reports keep the English.
- ``[as_is]``: sentences from the tests that are shown as they are (NumPy's
  own words, matched but never shown): listed so that they are known.

What the learner's code or Python wrote is shown as it is, whatever
English words it holds: the line of code after a `where` line's place,
an exception's message, a string, code in backticks, a field the tests
fill with code (`CODE_FIELDS`). No template reads into it, so "{a} and
{b}" never makes "if t.ndim == 1 and y.ndim == 2:" read "... と ...".
An exception's message that is wholly one of the grader's own sentences
(the tests' plain words for an import that failed, "ImportError: the name
exx could not be imported from numpy: it has no exx", or a trusted copy's
guard) is translated all the same: the catalogue has it, in full.

`grader.locale.extract` lists the sentences of the tests and the
grader's texts that the catalogue does not translate yet;
selftests/test_i18n.py has the runner and grading mode give every
reason they can, and checks that each is translated.
"""

import os
import re
import sys
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache, reduce
from pathlib import Path
from typing import NamedTuple

from grader.results import lines_cut

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ENGLISH = "en"
JAPANESE = "ja"
LANGUAGES = (ENGLISH, JAPANESE)
TRANSLATED = (JAPANESE,)
LOCALE_DIR = Path(__file__).with_name("locale")
# Where POSIX looks for the language of messages, the first set one wins.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# A field of a template: "{key}", "{key!r}", "{losses[-2]:.6f}", "{}".
FIELD = re.compile(r"\{[^{}]*\}")
# The field of a list written as a sentence, "{listed(names)}".
LISTED = "{listed("
# A labelled line of a failure message, as tests/judge.py writes it:
# "  expected  [1, 2]", "  likely mistake: ...". The label is group 1; the
# value starts where the match ends.
LABELLED = re.compile(r"  ([a-z][a-z ]*?)(?::|(?=  ))\s+")
# A word of a template, as grader.locale.extract counts them.
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]+")
# Where prose goes on after a stop: ". Use", "; work".
PROSE = re.compile(r"[.;?] [A-Za-z]")
# An item of a numbered list in a sentence: "(1) " at the start or after a
# space (not the "(0) " of "exp(0) = 1").
ITEM = re.compile(r"(?:^|(?<= ))\((\d+)\) ")
# Two English words in a row: prose, not a value such as a name, a shape
# or a call.
TWO_WORDS = re.compile(r"\b[A-Za-z]{2,} [A-Za-z]{2,}\b")
# A template whose last field holds a whole message: "raised {error}",
# "{call} raised {lines[0]}", "line {line}: {code}".
MESSAGE_LAST = re.compile(r"(?:\braised|:) \{[^{}]*\}$")
# An exception named before its message: "TypeError: ".
RAISED = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning): ")
# What the learner's code or Python wrote, shown as it is (see `_kept`):
# code in backticks, a string literal or repr ('w1', f"{x} and {y}",
# 'x\'s', """...""": an opening quote not glued to a word, so "learner's"
# is none); and what follows a head (`KEPT_HEADS`) to the end of its line.
QUOTED = re.compile(
    r"`[^`\n]*`"
    r"|(?<![\w'\"])[rbfuRBFU]{0,2}"
    r"(?:'''[^\n]*?'''|\"\"\"[^\n]*?\"\"\""
    r"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")(?!\w)"
)
# The name of an exception before its message: "ValueError: ".
EXCEPTION_HEAD = r"[A-Z]\w*(?:Error|Exception|Warning|Exit|Interrupt|Iteration): "
# An exception's name at the start of a text, its message after it.
RAISED_FIRST = re.compile(EXCEPTION_HEAD)
# A row under a time limit's sentence, before the learner's line of code:
# "  stopped at line 52 in test_a: ", "  line 50: ".
ROW = r"^ *(?:stopped at )?line \d+(?: in [^:\n]+)?: "
# Heads of what is shown as it is: an exception's message (the first), to
# the end of its last line (see `_message_end`), and the learner's line of
# code after its place, to the end of its line.
KEPT_HEADS = (
    # An exception's name before its message: at the start of a line,
    # after "raised " or after a colon ("raised ValueError: ...").
    re.compile(
        rf"(?:^|(?<=raised )|(?<=: )){EXCEPTION_HEAD}|(?<=raised )[A-Z][\w.]*: ",
        re.MULTILINE,
    ),
    # A place before the learner's line of code: "exercises/sgd.py, line
    # 9: ", and the rows under a time limit's sentence (`ROW`).
    re.compile(rf"\.py, line \d+: |{ROW}", re.MULTILINE),
)
# Where an exception's message of several lines has ended: at a line of
# the grader's below it, a labelled line of the failure ("  where     ...")
# or a row under a sentence.
AFTER_MESSAGE = re.compile(rf"{LABELLED.pattern}|{ROW}", re.MULTILINE)
# Fields of the tests' sentences that hold a piece of the learner's code,
# as the tests name them: "line {line}: {code}", "{written} pairs key
# strings". Their values are shown as they are, never read as sentences.
CODE_FIELDS = frozenset(
    {
        "{code}",
        "{compared}",
        "{lookup}",
        "{printed}",
        "{product}",
        "{reduced}",
        "{shuffle}",
        "{subscript}",
        "{written}",
    }
)


class Kept(NamedTuple):
    """A part of a text shown as it is: where it starts, where the words
    that must stay as they are start and end inside it, where it ends,
    whether it is quoted (a template's own words may then hold its
    quotes), and whether its words are an exception's message (the
    grader's own sentence, then, when the catalogue has it in full)."""

    start: int
    inner: int
    inner_end: int
    end: int
    quoted: bool
    message: bool = False


# The label of a failure's line that shows the learner's line of code
# that raised, after its place: "  where     exercises/sigmoid.py, line
# 30: return ...". Only the place is translated.
WHERE_LABEL = "where"
# The grader's command quoted in a sentence of the tests, as in "Run
# `python -m grader hint dot` for a hint.", when it names no language: the
# option goes at its end, where the README writes it.
QUOTED_COMMAND = re.compile(r"(?<=`)python -m grader (?![^`]*--lang )[^`]+(?=`)")
# A quoted command of the grader's own sentences with the language option
# right after the program, as `command` gives it ("`kata --lang ja hint
# dot`"): groups 1-3 are the program, the option and the rest.
OPTION_FIRST = re.compile(r"(?<=`)([^`]*?) (--lang [a-z]+) ([^`]+)(?=`)")
# Where one sentence of prose ends and the next begins: ". The", "? Use".
# Code ("x.ravel()", "e.g. x") may hold such a stop too: text is cut there
# only where every piece is a sentence the catalogue knows.
SENTENCE_END = re.compile(r"(?<=[.?!]) +(?=\S)")
# Past this many stops, a text is not tried piece by piece: the ways to cut
# it grow as their square, and no message runs that long.
MOST_STOPS = 12
# A value found in a sentence may be a sentence itself ("number 2" in
# "f changed its argument number 2 in place."): it is translated too, this
# many levels deep.
NESTING = 2


# The word after an array too long to show in full, before its shape, as
# tests/harness.py writes it: "[[0.1, ..., 0.3]] shape (4, 5)". It stands
# in values the catalogue has no sentence for (a call's arguments), so it
# is translated as a word, wherever it follows an array.
SHAPE_NOTE = re.compile(r"(?<=\]) shape (?=\(\d+(?:, \d+)*,?\))")

# Names of a language --lang takes besides its code: the country code a
# learner in Japan may well type for Japanese.
ALIASES = {"jp": JAPANESE}
# Where the language part of a locale's name ends: "ja_JP.UTF-8", "ja-JP".
LOCALE_SEPARATOR = re.compile(r"[-_.@]")


def language_code(text: str) -> str:
    """The code of the language `text` names: "ja" for ja, jp, ja_JP,
    ja-JP or ja_JP.UTF-8 in any case, and so on; `text` itself when it
    names none the grader speaks (its caller then says so)."""
    head = LOCALE_SEPARATOR.split(text.strip().lower(), maxsplit=1)[0]
    head = ALIASES.get(head, head)
    return head if head in LANGUAGES else text


def choose(requested: str | None = None, environ: Mapping[str, str] = os.environ):
    """The language to speak: `requested` (from ``--lang``) if given, else
    Japanese when the locale's language is Japanese, else English."""
    if requested:
        return requested
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return JAPANESE if value.lower().startswith("ja") else ENGLISH
    return ENGLISH


# Of the sentences a catalogue has looked up, at most this many kept.
LOOKED_UP_KEPT = 8192


# How many failure messages a catalogue keeps translated (see
# `Catalogue.failure`): more than a screen's failures, few enough to stay small.
MESSAGES_KEPT = 256


@dataclass
class Catalogue:
    """One language's translations, and how to apply them."""

    language: str = ENGLISH
    statuses: dict[str, str] = field(default_factory=dict)
    ui: dict[str, str] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    as_is: frozenset[str] = frozenset()

    def __post_init__(self):
        # The tests' sentences and the grader's are looked up alike; a
        # sentence of the tests wins if both have it.
        self._sentences = {**self.reasons, **self.failures}
        # Templates with more literal text first: the most specific wins.
        templates = [key for key in self._sentences if FIELD.search(key)]
        templates.sort(key=lambda key: -len(FIELD.sub("", key)))
        self._patterns = [(_pattern(key), key) for key in templates]
        # Templates of few words ("{a} and {b}") would match almost any
        # sentence: inside another sentence's value, they apply only where
        # their own values are not prose.
        self._weak = {key for key in templates if _few_words(key)}
        # Each sentence looked up once: the watch translates the same
        # failure many times over as it fits a screen.
        self._looked_up: dict[tuple[str, int], str | None] = {}
        # Whether an exception's message is the grader's own, each once.
        self._own: dict[str, bool] = {}
        # Each message translated once: the watch translates a failure's
        # message whole for every layout it tries (see `failure`).
        self._messages: dict[str, str] = {}

    def text(self, english: str, **fields) -> str:
        """`english`, translated, with `fields` filled in."""
        translated = self.ui.get(english)
        if translated is not None:
            try:
                return _one_stop(translated, translated.format(**fields))
            except (KeyError, IndexError, ValueError, AttributeError):
                pass  # a faulty translation: the English still reads
        return english.format(**fields) if fields else english

    def status(self, status: str, short: bool = False) -> str:
        """A status as the terminal shows it: 'done', or '完了 (done)'; when
        `short`, without the status key beside its translation ('完了')."""
        translated = self.statuses.get(status)
        if translated and short:
            return translated
        return f"{translated} ({status})" if translated else status

    def sentence(self, english: str, depth: int = 0) -> str | None:
        """The translation of one sentence of a failure, with the spaces
        around it kept; None if unknown."""
        body = english.strip()
        translated = self._lookup(body, depth) if body else None
        if translated is None:
            return None
        before = english[: len(english) - len(english.lstrip())]
        return before + translated + english[len(english.rstrip()) :]

    def _lookup(self, english: str, depth: int) -> str | None:
        key = (english, depth)
        if key not in self._looked_up:
            if len(self._looked_up) >= LOOKED_UP_KEPT:
                self._looked_up.clear()
            self._looked_up[key] = self._looked_up_anew(english, depth)
        return self._looked_up[key]

    def _looked_up_anew(self, english: str, depth: int) -> str | None:
        exact = self._sentences.get(english)
        if exact is not None:
            return exact
        raised = self._raised_own(english, depth)
        if raised is not None:
            return raised
        numbered = self._numbered(english, depth)
        if numbered is not None:
            return numbered
        templated = self._templated(english, depth)
        if templated is not None:
            return templated
        return self._sentence_by_sentence(english, depth)

    def _templated(self, english: str, depth: int) -> str | None:
        """`english` translated by the most specific template it fits, one
        whose own words stand outside what is shown as it is (`_kept`)."""
        kept = self._kept(english)
        for pattern, key in self._patterns:
            match = pattern.fullmatch(english)
            if match is None or _reads_into(match, kept):
                continue
            weak = key in self._weak
            if weak and depth > 0 and _holds_prose(match.groups()):
                continue
            if weak and _splits_prose(key, match.groups()):
                continue
            return self._filled(key, match, depth)
        return None

    def _raised_own(self, english: str, depth: int) -> str | None:
        """An exception named before a message that is the grader's own
        sentence ("ImportError: the name exx could not be imported from
        numpy: it has no exx"): the name as it is, the message translated.
        None for any other text."""
        head = RAISED_FIRST.match(english)
        if head is None:
            return None
        message = english[head.end() :]
        if "\n" in message or not self._own_words(message):
            return None
        translated = self._lookup(message, depth)
        return head[0] + translated if translated is not None else None

    def _kept(self, text: str) -> list[Kept]:
        """The parts of `text` shown as they are (the module's `_kept`), but for an
        exception's message that is the grader's own sentence."""
        return [part for part in _kept(text) if not self._own_part(text, part)]

    def _own_part(self, text: str, part: Kept) -> bool:
        """Whether `part` of `text` is an exception's message in the grader's
        own words. Those are sentences of one line each: a message of
        several lines is the learner's, or Python's."""
        message = text[part.inner : part.end]
        return part.message and "\n" not in message and self._own_words(message)

    def _own_words(self, message: str) -> bool:
        """Whether an exception's `message` is wholly a sentence of the
        grader's own, as the catalogue has it: a sentence of it word for
        word, or a template of more than a few words (the tests' words for
        an import that failed, a trusted copy's guard), whose own words
        read nothing shown as it is. Anything else, what the learner's
        code or Python said, is not: it stays as written."""
        if message not in self._own:
            if len(self._own) >= LOOKED_UP_KEPT:
                self._own.clear()
            self._own[message] = self._own_words_anew(message)
        return self._own[message]

    def _own_words_anew(self, message: str) -> bool:
        if message in self._sentences:
            return not _few_words(message)
        kept = self._kept(message)
        for pattern, key in self._patterns:
            if key in self._weak:
                continue
            match = pattern.fullmatch(message)
            if match is not None and not _reads_into(match, kept):
                return True
        return False

    def _sentence_by_sentence(self, text: str, depth: int) -> str | None:
        """Several sentences the catalogue knows one by one, written one
        after the other (a mistake with a note added for this input):
        each translated on its own, in the fewest pieces; None unless every
        piece is known."""
        pieces = _sentences_of(text, self._kept(text))
        if len(pieces) < 2 or len(pieces) > MOST_STOPS + 1 or depth >= NESTING:
            return None
        # best[end]: the translations of pieces[:end], in the fewest parts.
        best: dict[int, list[str]] = {0: []}
        for end in range(1, len(pieces) + 1):
            for start in range(end):
                if start not in best or (start, end) == (0, len(pieces)):
                    continue
                english = " ".join(pieces[start:end])
                exact = self._sentences.get(english)
                known = exact or self._templated(english, depth + 1)
                parts = best[start] + [known] if known else None
                if parts and (end not in best or len(parts) < len(best[end])):
                    best[end] = parts
        parts = best.get(len(pieces))
        if parts is None:
            return None
        return reduce(_after, parts)

    def _numbered(self, text: str, depth: int) -> str | None:
        """A numbered list of sentences, "(1) ... (2) ...", item by item
        (several mistakes that fit the same failure are listed so)."""
        parts = ITEM.split(text)
        numbers, items = parts[1::2], parts[2::2]
        if parts[0] or len(items) < 2 or depth >= NESTING:
            return None
        kept = self._kept(text)
        if any(_inside(item.start(), kept) for item in ITEM.finditer(text)):
            return None  # a "(2) " in a string of the learner's
        if numbers != [str(n) for n in range(1, len(items) + 1)]:
            return None
        # An item stands where the list stood, at the same depth: it may be
        # a mistake with a note added for this input, several sentences
        # translated one by one, as it would be if named alone.
        translated = [self.sentence(item, depth) or item for item in items]
        listed = [f"({n}) {t.strip()}" for n, t in enumerate(translated, start=1)]
        return reduce(_after, listed)

    def _filled(self, key: str, match: re.Match, depth: int) -> str | None:
        """The translation of template `key` with the values `match` found
        for its fields, each translated in turn when it is a sentence too.

        A value that spans lines (a printed array) keeps its later lines
        where they were relative to its first: they move right or left as
        far as its first line moved in the translation.
        """
        found: dict[str, list[tuple[str, int]]] = {}
        kept = self._kept(match.string)
        for index, name in enumerate(FIELD.findall(key), start=1):
            value = match.group(index)
            if name.startswith(LISTED):
                value = _relisted(value, self.ui.get(", ", ", "))
            verbatim = name in CODE_FIELDS or _within(match.span(index), kept)
            if depth < NESTING and not verbatim:
                value = self.sentence(value, depth + 1) or value
            column = _column(match.string[: match.start(index)])
            found.setdefault(name, []).append((value, column))
        translation = self._sentences[key]
        pieces = FIELD.split(translation)
        filled = pieces[0]
        used: dict[str, int] = {}
        for name, after in zip(FIELD.findall(translation), pieces[1:], strict=True):
            if name not in found:
                return None  # the translation names a field the English lacks
            index = used.get(name, 0)
            used[name] = index + 1
            value, column = found[name][min(index, len(found[name]) - 1)]
            value = _moved(value, _column(filled) - column)
            filled = _joined(_joined(filled, value), after)
        return filled

    def failure(self, message: str) -> str:
        """A failure explanation from the tests, translated where the
        catalogue knows its sentences; the rest is kept as it is.

        The statement (the lines before the first labelled line) is
        translated as a whole, else line by line; then each labelled line,
        its label and its value separately. A value goes on over the
        indented lines below it (the rows of a printed array): it is
        translated with them, and keeps its column, so that its later
        rows stay under its first. The later lines of an exception's
        message of several lines are kept as they are, wherever it starts
        (see `_message_rows`).
        """
        if not self._sentences:
            return message
        translated = self._messages.get(message)
        if translated is None:
            if len(self._messages) >= MESSAGES_KEPT:
                self._messages.clear()  # a long watch sees many: keep few
            translated = self._messages[message] = self._failure(message)
        return translated

    def _failure(self, message: str) -> str:
        """`failure`, translated anew."""
        lines = message.splitlines()
        as_is = _message_rows(lines)
        first = next((i for i, line in enumerate(lines) if LABELLED.match(line)), None)
        statement = lines[:first] if first is not None else lines
        whole = self.sentence("\n".join(statement))
        translated = [self._shapes(whole)] if whole else self._lines(statement, as_is)
        blocks = _blocks(lines[len(statement) :])
        columns = self._label_columns(blocks)
        start = len(statement)
        for block, column in zip(blocks, columns, strict=True):
            # The rows of `block` that go on with a message, counted in it.
            kept = {row - start for row in as_is if start <= row < start + len(block)}
            labelled = LABELLED.match(block[0])
            if labelled:
                translated += self._labelled(block, labelled, column, kept)
            else:
                translated += self._lines(block, kept)
            start += len(block)
        return "\n".join(translated)

    def _lines(self, lines: list[str], as_is: Collection[int]) -> list[str]:
        """`lines` translated one by one, but for those at the indices
        `as_is`, which go on with an exception's message."""
        return [
            line if index in as_is else self._shapes(self._line(line))
            for index, line in enumerate(lines)
        ]

    def _label_columns(self, blocks: list[list[str]]) -> list[int]:
        """For each block, the column its value starts at once its label is
        translated: labels that line their values up in English ("before",
        "after", "change"), one block after another, line them up in the
        translation too, however wide each translated label is. A label
        with a colon keeps its value right after it."""
        columns, ends = [], []  # the translated column, the English one
        for block in blocks:
            labelled = LABELLED.match(block[0])
            if labelled is None or _with_colon(block[0], labelled):
                columns.append(0)
                ends.append(None)
                continue
            label = self._sentences.get(labelled.group(1), labelled.group(1))
            columns.append(max(labelled.end(), width(f"  {label}  ")))
            ends.append(labelled.end())
        # Each run of lined-up labels (the same English column) takes the
        # widest of its columns.
        start = 0
        for end in range(1, len(blocks) + 1):
            if (
                end < len(blocks)
                and ends[end] is not None
                and ends[end] == ends[end - 1]
            ):
                continue
            widest = max(columns[start:end], default=0)
            for index in range(start, end):
                columns[index] = widest if columns[index] else 0
            start = end
        return columns

    def _shapes(self, text: str) -> str:
        """`text` with the word before each shortened array's shape
        translated: "[...] shape (4, 3)" reads "[...] 形状 (4, 3)"."""
        word = self.ui.get(N_("shape"))
        if not word:
            return text
        kept = self._kept(text)

        def named(note: re.Match) -> str:
            return note[0] if _inside(note.start(), kept) else f" {word} "

        return SHAPE_NOTE.sub(named, text)

    def _labelled(
        self,
        block: list[str],
        labelled: re.Match,
        column: int = 0,
        as_is: Collection[int] = (),
    ) -> list[str]:
        """A labelled line and the rest of its value below it, translated,
        the value starting at `column` at least; the lines of `block` at
        the indices `as_is` go on with an exception's message, and are
        kept as they are."""
        label = labelled.group(1)
        head = f"  {self._sentences.get(label, label)}"
        head += ": " if _with_colon(block[0], labelled) else "  "
        head += " " * max(0, max(labelled.end(), column) - width(head))
        column = labelled.end()
        value = "\n".join(
            [block[0][column:], *(_dedented(line, column) for line in block[1:])]
        )
        if label == WHERE_LABEL:
            translated = self._place(value)
        else:
            translated = self.sentence(value)
        if translated is not None:
            translated = self._shapes(translated)
        else:
            # No sentence spans the lines: each may be one on its own.
            first, *later = value.split("\n")
            later = self._lines(later, {index - 1 for index in as_is})
            first = self._shapes(self.sentence(first) or first)
            translated = "\n".join([first, *later])
        first, *later = _moved(translated, width(head)).split("\n")
        return [head + first, *later]

    def _place(self, value: str) -> str:
        """The value of a `where` line, "exercises/sigmoid.py, line 30:
        return ...": its place translated, the learner's line of code after
        it kept as it is, whatever words it holds. A place the notebook
        has named in the language spoken already is kept too."""
        place, colon, code = value.partition(": ")
        if not colon:
            return self.sentence(value) or value
        return (self.sentence(place) or place) + colon + code

    def _line(self, line: str) -> str:
        body = line.lstrip(" ")
        return line[: len(line) - len(body)] + (self.sentence(body) or body)


def _with_colon(line: str, labelled: re.Match) -> bool:
    """Whether the label of a labelled `line` ends in a colon."""
    return line[: labelled.end()].rstrip().endswith(":")


def _blocks(lines: list[str]) -> list[list[str]]:
    """`lines` in blocks: a labelled line with the rest of its value below
    it, or any other line on its own."""
    blocks: list[list[str]] = []
    in_value = False
    for index, line in enumerate(lines):
        if in_value and _goes_on(lines, index):
            blocks[-1].append(line)
        else:
            blocks.append([line])
            in_value = bool(LABELLED.match(line))
    return blocks


def _goes_on(lines: list[str], index: int) -> bool:
    """Whether `lines[index]` goes on with the value above it: an indented
    line that is not labelled, or a blank one before such a line (between
    the blocks of rows of a printed 3-D array)."""
    for line in lines[index:]:
        if line.strip():
            return line.startswith(" ") and not LABELLED.match(line)
    return False


# The full-width marks a Japanese sentence may end with that take a space
# after them when more text follows: unlike "。", the mark sits in the
# middle of its cell and runs into the next character. Japanese typesetting
# puts a full-width space there ("ですか？\u3000損失"), as wide as a
# character (two columns on a terminal).
SPACED_MARKS = frozenset("？！")
IDEOGRAPHIC_SPACE = "\u3000"
# The marks that end a Japanese sentence.
SENTENCE_MARKS = frozenset("。？！")
# A full stop after a mark that already ended the sentence.
DOUBLED_STOP = re.compile(r"([。？！])。(?=(\S?))")


def _relisted(value: str, comma: str) -> str:
    """A list the tests wrote as an English sentence does ("w1 (4, 5),
    b1 (5,) and w2 (5, 3)", see tests.harness.listed), the commas between
    its items as `comma` ("、" in Japanese); the "and" before its last item
    is left for the catalogue's template of such lists. Commas inside
    brackets belong to an item."""
    items, depth, start = [], 0, 0
    for index, character in enumerate(value):
        depth += (character in "([{") - (character in ")]}")
        if depth == 0 and value.startswith(", ", index):
            items.append(value[start:index])
            start = index + 2
    return comma.join([*items, value[start:]])


def _joined(left: str, right: str) -> str:
    """`left` and `right` joined, without the space between them where a
    wide (Japanese) character meets another: a template spaces its fields
    off for values in ASCII, and Japanese puts no space between words.
    After ？ and ！ the space is a full-width one (see `SPACED_MARKS`).
    A value that ends its own sentence takes the place of the template's
    full stop after it: never "。。"."""
    if left[-1:] in SENTENCE_MARKS and right.startswith("。"):
        right = right[1:]
        if left[-1:] in SPACED_MARKS and right[:1].strip():
            return left + IDEOGRAPHIC_SPACE + right
        return left + right
    if left.endswith(" ") and _unspaced(left[-2:-1]) and _wide(right[:1]):
        return left[:-1] + right
    if right.startswith(" ") and _unspaced(left[-1:]) and _wide(right[1:2]):
        return left + right[1:]
    if left.endswith(" ") and left[-2:-1] in SPACED_MARKS and right[:1].strip():
        return left[:-1] + IDEOGRAPHIC_SPACE + right
    if right.startswith(" ") and left[-1:] in SPACED_MARKS and right[1:2].strip():
        return left + IDEOGRAPHIC_SPACE + right[1:]
    return left + right


def _one_stop(template: str, text: str) -> str:
    """`text`, the translation `template` filled in, without the "。" the
    template writes after a field whose value ended its own sentence."""
    if "。" not in template or not DOUBLED_STOP.search(text):
        return text
    return DOUBLED_STOP.sub(_stop_kept, text)


def _stop_kept(found: re.Match) -> str:
    """The mark of a doubled stop, and the full-width space that ？ and ！
    take before more text."""
    mark, more = found.groups()
    return mark + (IDEOGRAPHIC_SPACE if mark in SPACED_MARKS and more else "")


def _after(first: str, second: str) -> str:
    """Two sentences one after the other: with a space between them, as
    English writes them, but none after a Japanese one whose full stop
    takes the room of a character ("。"), and a full-width one after ？
    and ！."""
    if first[-1:] in SPACED_MARKS:
        return first + IDEOGRAPHIC_SPACE + second
    return first + second if _unspaced(first[-1:]) else f"{first} {second}"


def _unspaced(character: str) -> bool:
    """Whether Japanese puts no space after `character`."""
    return _wide(character) and character not in SPACED_MARKS


def _wide(character: str) -> bool:
    return bool(character) and unicodedata.east_asian_width(character) in "WF"


def _column(text: str) -> int:
    """The column where `text` ends: the width of its last line."""
    return width(text.rpartition("\n")[2])


def _dedented(line: str, columns: int) -> str:
    """`line` without up to `columns` of the spaces it starts with."""
    return line[min(columns, len(line) - len(line.lstrip(" "))) :]


def _moved(text: str, columns: int) -> str:
    """`text` with every line but the first moved right by `columns`, or
    left when it is negative (as far as their spaces allow)."""
    first, *later = text.split("\n")
    if columns >= 0:
        later = [" " * columns + line if line.strip() else line for line in later]
    else:
        later = [_dedented(line, -columns) for line in later]
    return "\n".join([first, *later])


def _few_words(key: str) -> bool:
    """Whether sentence or template `key` has fewer than three words of
    its own ("{a} and {b}", "expected"): it fits almost any text."""
    return len(WORD.findall(FIELD.sub(" ", key))) < 3


def _holds_prose(values: tuple[str, ...]) -> bool:
    """Whether any of `values` reads as prose: a sentence goes on after a
    full stop, where code and numbers do not."""
    return any(PROSE.search(value) for value in values)


def _splits_prose(key: str, values: tuple[str, ...]) -> bool:
    """Whether a template of few words matched by cutting prose apart: a
    field followed by the template's own words ("{a} of {b}") holds values
    such as names and shapes, never English words in a row. (The last
    field may hold a whole message where one starts, after "raised " or a
    colon: "raised {error}", "line {line}: {code}"; elsewhere it holds a
    value too, and "{a} of {b}" is no reading of Python's "len() of
    unsized object".)"""
    bounded = values[:-1] if MESSAGE_LAST.search(key) else values
    # Nor does such a field hold an exception's words ("TypeError: object"
    # of "... of type 'float' has no len()").
    return any(TWO_WORDS.search(value) or RAISED.search(value) for value in bounded)


# The marks that open a string of three quotes.
TRIPLE_QUOTES = ("'''", '"""')


def _kept(text: str) -> list[Kept]:
    """The parts of `text` that the learner's code or Python wrote, which
    no template reads into (`QUOTED`, `KEPT_HEADS`): code in backticks,
    a string, the message of an exception and a line of code after its
    place, each to the end of its line."""
    kept = []
    for quoted in QUOTED.finditer(text):
        start, end = quoted.span()
        opening = start + len(quoted[0]) - len(quoted[0].lstrip("rbfuRBFU"))
        mark = 3 if text.startswith(TRIPLE_QUOTES, opening) else 1
        kept.append(Kept(start, opening + mark, end - mark, end, True))
    for heads in KEPT_HEADS:
        message = heads is KEPT_HEADS[0]
        for head in heads.finditer(text):
            end = (_message_end if message else _end_of_line)(text, head.end())
            kept.append(Kept(head.start(), head.end(), end, end, False, message))
    return kept


def _end_of_line(text: str, start: int) -> int:
    """Where the line of `text` that holds `start` ends."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _message_end(text: str, start: int) -> int:
    """Where an exception's message that starts at `start` of `text` ends:
    the lines below its first go on with it (a message may span lines, all
    the learner's or Python's), up to one of the grader's
    (`AFTER_MESSAGE`)."""
    end = _end_of_line(text, start)
    while end < len(text) and not AFTER_MESSAGE.match(text, end + 1):
        end = _end_of_line(text, end + 1)
    return end


def _message_rows(lines: list[str]) -> set[int]:
    """The indices of `lines` that go on with an exception's message begun
    on a line above them (see `_message_end`), where the message may start
    in a labelled line's value ("  actual    ValueError: ..."). The note
    of the lines the runner cut out of a long message is the grader's
    own, and is not among them."""
    rows, going_on = set(), False
    for index, line in enumerate(lines):
        labelled = LABELLED.match(line)
        if going_on and not AFTER_MESSAGE.match(line):
            if lines_cut(line) is None:
                rows.add(index)
            continue
        value = line[labelled.end() :] if labelled else line
        going_on = any(part.message for part in _kept(value))
    return rows


def _inside(position: int, kept: list[Kept]) -> bool:
    """Whether `position` falls inside a part of the text kept as it is."""
    return any(part.inner <= position < part.inner_end for part in kept)


def _within(span: tuple[int, int], kept: list[Kept]) -> bool:
    """Whether the text at `span`, not empty, lies wholly inside a part
    kept as it is, its quotes or head included: a field's value that is a
    string, an exception and its message, a line of code."""
    start, end = span
    return start < end and any(part.start <= start and end <= part.end for part in kept)


def _reads_into(match: re.Match, kept: list[Kept]) -> bool:
    """Whether a template's own words, where `match` found them, stand
    inside a part of the text kept as it is ("{a} and {b}" in the string
    'w and b', or in an exception's message). Code or a string whose
    quotes are the template's own words too is the template's own
    ("`from .{exercise} import {functions}`")."""
    text = match.string
    spans = [match.span(group) for group in range(1, match.re.groups + 1)]
    starts = [0, *(end for _, end in spans)]
    ends = [*(start for start, _ in spans), len(text)]
    words = [
        (start, end) for start, end in zip(starts, ends, strict=True) if start < end
    ]

    def own(position: int) -> bool:
        return any(start <= position < end for start, end in words)

    for part in kept:
        if part.quoted and own(part.inner - 1) and own(part.inner_end):
            continue  # the template quotes it
        if any(start < part.inner_end and end > part.inner for start, end in words):
            return True
    return False


def _sentences_of(text: str, kept: list[Kept]) -> list[str]:
    """`text` cut where one sentence ends and the next begins
    (`SENTENCE_END`), but never inside a part kept as it is (`kept`)."""
    pieces, start = [], 0
    for stop in SENTENCE_END.finditer(text):
        if not _inside(stop.start(), kept):
            pieces.append(text[start : stop.start()])
            start = stop.end()
    return [*pieces, text[start:]]


def _pattern(template: str) -> re.Pattern:
    """A regular expression matching what `template` becomes once its
    fields are filled in, one group per field."""
    parts = FIELD.split(template)
    return re.compile("(.*?)".join(map(re.escape, parts)), re.DOTALL)


# Pieces a line of prose is made of: code in backticks with what sticks
# to it ("(`x -= 1`)."), a run of spaces, a word of printable ASCII (the
# middle dot of "(N, K)·(K,)" included), or any other single character.
# Code is never broken: a command cut in two cannot be copied, and an
# expression cut in two misreads.
_PIECE = re.compile(r"[!-_a-~·]*`[^`\n]*`[!-~·]*| +|[!-~·]+|.")
# Punctuation, closing brackets, the long-vowel mark, the iteration marks
# and small kana must not begin a line (kinsoku, the Japanese rules of line
# breaking): each stays with what precedes it.
_NO_LINE_START = frozenset(
    "、。，．・：；？！）」』】〉》〕］｝ー々ゝゞヽヾ…‥"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
# Opening brackets must not end a line: a line never breaks after them.
_NO_LINE_END = frozenset("(（[［{｛「『【〈《〔")
# ASCII that closes or ends something, which a line must not begin with
# where it follows Japanese ("…です)。", "…(N 個)").
_CLOSING_ASCII = frozenset(")]},.:;?!")
# Where a line may break, from the best place to none. Between words
# (a space, a punctuation mark, a particle before the next word: see
# `_japanese_break`) is good; inside a run of kana after a particle is
# loose; inside a run of kanji, which is most
# often one word ("勾配", "学習率"), only when no better place leaves the
# line within `SLACK` columns of full. A place inside code written without
# backticks, inside a word of katakana, or between a count and the word it
# counts, is taken only when a line has no other at all, however short the
# line it leaves (see `_code_spaces`, `_WORD_RUNS`, `_count_and_word`).
# Inside a run of hiragana, but not after a particle, is most often inside
# a word or an inflection ("なりま|せん"): taken only when no place above
# fits. Between a word of kanji or katakana and the kana that go on from
# it, its okurigana ("取り出|す", "組み合|わされて") or its particle
# ("配列|を"), and before a short suffix ("勾配|だけ", "もの|まで": see
# `_SUFFIX`), is worse still: a line that starts with them reads as cut
# from its word. Inside a known word of kana ("なければなりません",
# "ください": see `_KANA_WORDS`) is worse than inside code, which may
# break at a space after a comma ("(params," and "x), t) でなければ").
# Before a particle, the copula or a suffix right after ASCII ("b2)|を",
# "seed) |と", "(N, C) |です": see `_AFTER_CODE`) is worse than inside
# code: the line breaks before the code, or inside it at a space; only
# code with no space too wide for a line with them leaves them to the
# next, rather than cut the copula ("で|す").
_GOOD, _LOOSE, _IN_KANJI, _IN_KANA, _IN_VERB = 8, 7, 6, 5, 4
_INSIDE, _DETACHED, _IN_WORD, _NEVER = 3, 2, 1, 0
# How many columns short of full a line may end to break at a better
# place: three Japanese characters, as much as a word of kanji leaves
# behind when the line breaks before it rather than inside it.
SLACK = 6
# How many columns short of full a line may end rather than cut a run of
# kanji: more, since a word of kanji cut in two ("勾|配") misreads where a
# shorter line only looks ragged.
KANJI_SLACK = 2 * SLACK
# Runs of characters that make one word, which Japanese does not break
# between lines: katakana ("オペランド", "ベクトル"; the long vowel mark and
# small kana included, the middle dot "・" between two words left out) and
# full-width Latin letters and digits.
_WORD_RUNS = (
    re.compile(r"[\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f]"),
    re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"),
)
# Katakana, which writes words taken from other languages ("プログラム").
_KATAKANA = _WORD_RUNS[0]
# Hiragana (the iteration marks included), which writes particles and
# inflections: a word of kanji or katakana that follows a run of them
# most often starts a new word ("軸に|沿った", "勾配を|引く").
_HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e]")
# Particles after which a run of hiragana breaks well: most often the next
# word begins ("値を|すべて", "形状が|あり", "足して|しまう"). Those
# that also begin words ("で" of "できる", "も" of "もの") are kept from
# breaking there by `_KANA_WORDS`.
_PARTICLES = frozenset("をはがにでとものへやばて")
# Short suffixes that belong to the word before them, noun or verb
# ("勾配だけ", "返すものまで", "1 つずつ", "ステップごと").
_SUFFIX = re.compile(r"だけ|まで|より|ほど|など|ずつ|ごと")
# What a line does not start with after code or a word of ASCII while it
# has another place to break: a particle, the copula ("です",
# "ではありません") or a suffix, which belong to the code before them
# ("b2)|を返さ", "seed)|と呼んで", "(N, C)|です"); not a word that
# begins with the same kana ("できる", "もう", "もの", "とき").
_AFTER_CODE = re.compile(
    r"(?!でき|もう|もの|もし|とき|ところ|とおり)[をがはにでとのへもやか]"
    f"|{_SUFFIX.pattern}"
)
# Hiragana that seldom begin a word: particles that follow others ("で|は",
# "ごと|に"), and sounds no native word starts with ("下が|らない").
_NO_WORD_START = frozenset("はにのをがへもらりるれろん")
# Kanji, and the marks that stand for one ("々", "〇").
_KANJI_CLASS = r"[\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_KANJI = re.compile(_KANJI_CLASS)
# A name of one letter, as prose uses it after a noun ("列 j", "行 i").
_LETTER = re.compile(r"[A-Za-z]")
# The start of what names the noun before it: a letter ("列 j"), a name
# or a call ("関数 np.exp"), an array ("行 [0, 1]"), code in backticks.
_NAMED = re.compile(r"[A-Za-z_\[`]")
# A counter written in kana and kanji, cut by no line: "か所", "ヶ所".
_COUNTER = re.compile(r"[かカヵヶケ]所")
# A shape after the name it is the shape of: "b2 (3,)", "shapes (3,2)".
_SHAPE = re.compile(r"\(\d")
_NAME_END = re.compile(r"(?:^|[^\w.])[A-Za-z_]\w*$")
# The endings of verbs, their inflections and auxiliaries, that a line never
# cuts in two, with the verb's stem that comes before them: the stem's
# kanji and a kana that is not a particle, maybe after another kana
# ("返さ|なければなりません", "下が|らなければ" and "なければ|なりません"
# misread; "配列を|返さなければなりません" does not). The copula's
# endings are among them ("もので|なければ", "では|なく" read as choppily),
# and so is "たり" ("切り捨て|たり"). Longer alternatives come first, so
# that the longest one matches.
_VERB_ENDINGS = (
    r"(?:で?な(?:けれ|くて)ば?|ね)(?:なりません|ならない|ならず)",
    r"で[はも]?な(?:く|い|かった)",
    r"(?:で|じゃ)?は?(?:あり|なり|でき|おり|[いしきえけせみりれち])"
    r"(?:ません(?:でし(?:た|ょう))?|まし(?:た|ょう)|ます)",
    r"[てで](?:い|お|しま|くれ|み)(?:ます|ません|ました|る|ない|た)",
    r"[てで]しま(?:います|いません|いました|う|った)",
    r"[てで]いて",
    r"[てで]?(?:くださ|下さ)い",
    r"でき(?:る|ない|た|ず)",
    r"[てで]?[ただ]り",
    r"でし(?:た|ょう)",
    r"な(?:けれ|く)ば?",
    r"です",
)
# Kana that end a verb's stem ("返さ", "使っ"): any hiragana but a particle.
_OKURIGANA = f"[{''.join(sorted(set(map(chr, range(0x3041, 0x3097))) - _PARTICLES))}]"
# Adverbs written in kana ("もう", "まだ"), "もう一度" with its kanji: a
# line cuts none of them ("ヒントはも|う", "もう|一度"), but may break
# before one after a particle ("ヒントは|もう"), where a new word begins
# though the kana it starts with ("も", "ま") most often ends one. The
# longer come first, and before the other words, so that the longest one
# matches ("そのまま", "その").
_ADVERBS = re.compile(r"もう一度|もう|まだ|すでに|さらに|もっと|そのまま")
# Words of kana a line never cuts in two either ("こ|と", "ど|うか").
_FUNCTION_WORDS = (
    _ADVERBS.pattern,
    r"(?:か)?どうか",
    r"という|といった",
    r"ながら",
    r"(?:に)?(?:つい|よっ|とっ)て",
    r"ため|こと|もの|とき|ところ|とおり|ように|ような|すべて|それぞれ|ずつ|だけ",
    r"など|まで|から|より|ので(?![はも]?な)|のに|けれど(?:も)?|ただし|つまり|まず",
    r"その場|そのもの|その|この|どの|あの|それ|これ|どれ|ほか|ほど|ごと|たび|たとえば",
    r"おめでとう(?:ございます)?",
)
# Those of them that may stand apart from the kana before them: what
# "なければ", "です", "ありません" follow is a word of its own ("等しく",
# "同じ"); "ています", "ます" stay with the verb before them ("ずらし").
_VERB_ENDING = re.compile(f"(?=[なであ])(?:{'|'.join(_VERB_ENDINGS)})")
# The stem an ending follows: kanji, or katakana before the copula's
# ("ゼロ|でなければ"), and the kana that end it ("返さ", "下がら").
_STEM_START = f"(?:{_KANJI_CLASS}|{_KATAKANA.pattern})"
_STEM = f"{_STEM_START}+(?:{_HIRAGANA.pattern}?{_OKURIGANA})?"
_KANA_WORDS = re.compile(
    f"(?P<stem>{_STEM})?(?:{'|'.join(_VERB_ENDINGS)})|{'|'.join(_FUNCTION_WORDS)}"
)
# Marks that end a phrase, after which a line breaks well.
_PHRASE_END = frozenset("、。，．：；？！）」』】〉》〕］｝…‥")
# A last line of this many characters or fewer ("ん。") reads as left over;
# so does a verb's ending cut from its verb ("ます。", "えています。"):
# kana alone up to the end of the sentence, of `SHORT_ENDING` or fewer.
SHORT_TAIL = 2
SHORT_ENDING = 6
_ENDING = re.compile(r"[\u3041-\u3096]+[。？！]")
# What a line neither begins nor ends with: spaces, full-width ones too.
SPACES = " " + IDEOGRAPHIC_SPACE


# Cached: the watch tries many layouts of a small screen, and each fills the
# same paragraphs to the same widths again (a screen at 50 columns filled one
# paragraph a dozen times per draw).
@lru_cache(maxsize=4096)
def fill(
    text: str,
    columns: int,
    indent: int = 0,
    commands: bool = False,
    tail: bool = True,
) -> str:
    """`text` wrapped to `columns` terminal columns, its later lines
    indented by `indent` spaces. With `commands`, code in backticks too
    wide for a line (a command to type) breaks at its spaces, where no
    other place fits, rather than run past the line's end, where a
    terminal would cut it inside a word.

    A line breaks at a space (a full-width one too, which neither ends nor
    begins a line), and in Japanese between any two characters where one
    is Japanese, as Japanese typesetting does, the rules of kinsoku kept
    (see `_NO_LINE_START`, `_NO_LINE_END`): a line is filled as far as it
    goes, but it ends up to `SLACK` columns short of that to break between
    words rather than inside one (see `_japanese_break`). A word of ASCII,
    a number and its unit ("30 秒") and code in backticks are never split;
    a space inside code (see `_code_spaces`), a place inside a word of
    katakana (see `_WORD_RUNS`) and one between a count and its word ("4/20
    tests", "テスト 4/20") are places to break only when the line has no
    other. Nor does a line break inside a verb's ending or a word of kana
    ("なければなりません", "ください", "こと": see `_KANA_WORDS`) while it
    has another place, nor inside an adverb of kana ("もう", "もう一度":
    see `_ADVERBS`), and inside a run of hiragana only after a particle
    (see `_PARTICLES`). A word of kanji keeps the kana that go on from it,
    its okurigana, its particle and a short suffix ("取り出す", "配列を",
    "勾配だけ": see `_in_stems`, `_SUFFIX`), and code keeps the particle
    or the copula after it ("b2) を", "(N, C) です": see `_AFTER_CODE`):
    the line breaks before them, or inside code at a space, while it can.
    A short aside in brackets that holds Japanese
    ("(演習の一覧)") stays whole on a line (see `_in_short_asides`), and
    so does a short label of Japanese with its value ("入力済みのキー: c":
    see `_in_labels`). The number of an item of a list ("(2)") never ends
    a line.
    Japanese whose last line would read as left over
    (two characters, or a verb's ending: see `SHORT_TAIL`) gives it a few
    more from the line before; but not without `tail`, for a line that
    more words go on from on its last row (an exercise's title, then its
    status): taking them from the line before would only cut into it.

    Limitations: without a dictionary, a word is guessed from its script
    alone: a verb written in kana alone ("ずらさなければ") may still be
    broken inside, two words of kanji in a row ("損失関数") are taken
    for one, and a word of kana after kanji ("値すべて") is kept with it
    as if it were its okurigana.
    """
    pieces: list[str] = []
    for piece in _PIECE.findall(text):
        if pieces and piece[0] in _NO_LINE_START:
            pieces[-1] += piece
        else:
            pieces.append(piece)
    japanese = any(_wide(character) for character in text)
    code = _code_spaces(pieces)
    if commands:
        pieces, code = _commands_opened(pieces, code, columns - indent)
    quality = [_break_quality(pieces, i, japanese) for i in range(len(pieces))]
    # After a space inside code, a line breaks only where nothing else fits;
    # beside an operator outside brackets, where Python allows no break,
    # only where nothing but inside a word does.
    bare = _bare_operator_spaces(pieces, code)
    for index in code & set(range(len(pieces) - 1)):
        quality[index + 1] = _IN_WORD if index in bare else _INSIDE
    # The number of an item of a list never ends a line, code after it
    # or not: "(2)" alone at a line's end reads as cut from its item.
    for index in range(2, len(pieces)):
        if pieces[index - 1].isspace() and _marks_item(pieces, index - 2):
            quality[index] = _NEVER
    if japanese:
        inside, endings = _kana_words(pieces)
        for index in endings:
            quality[index] = max(quality[index], _IN_KANJI)
        for index in _adverb_starts(pieces):
            quality[index] = max(quality[index], _LOOSE)
        for index in _in_stems(pieces):
            quality[index] = min(quality[index], _IN_VERB)
        for index in _in_short_asides(pieces) | _in_labels(pieces):
            quality[index] = min(quality[index], _INSIDE)
        for index in inside:
            quality[index] = min(quality[index], _IN_WORD)
    # Code between double backticks that fits on a row of its own goes
    # there whole, though a particle after it starts the next ("…``" and
    # "から、…"), as a word of English would.
    for index in _in_fitting_literals(pieces, columns - indent):
        quality[index] = _NEVER
    starts = _line_starts(pieces, quality, columns, indent)
    if japanese and tail:
        starts = _tail_lengthened(pieces, quality, starts, columns - indent)
    ends = [*starts[1:], len(pieces)] if starts else []
    lines = [
        "".join(pieces[a:b]).strip(SPACES) for a, b in zip(starts, ends, strict=True)
    ]
    return "\n".join(lines[:1] + [" " * indent + line for line in lines[1:]])


def _in_fitting_literals(pieces: list[str], columns: int) -> set[int]:
    """The indices of the pieces inside code between double backticks
    ("``f(x, t)``", a piece to each of its words) that is no wider than
    `columns`: a line never breaks before them."""
    inside: set[int] = set()
    start = None  # the piece that opened the code under way
    for index, piece in enumerate(pieces):
        if piece.count("``") % 2 == 0:
            continue
        if start is None:
            start = index
            continue
        if width("".join(pieces[start : index + 1])) <= columns:
            inside.update(range(start + 1, index + 1))
        start = None
    return inside


def _commands_opened(
    pieces: list[str], code: set[int], columns: int
) -> tuple[list[str], set[int]]:
    """`pieces` with each that holds code in backticks wider than `columns`
    split at its spaces, and `code` (the indices of the spaces inside
    code) renumbered to match, with those spaces added."""
    opened: list[str] = []
    spaces: set[int] = set()
    for index, piece in enumerate(pieces):
        if index in code:
            spaces.add(len(opened))
        if "`" not in piece or width(piece) <= columns:
            opened.append(piece)
            continue
        for part in _command_words(piece):
            if part.isspace():
                spaces.add(len(opened))
            opened.append(part)
    return opened, spaces


def _command_words(command: str) -> list[str]:
    """`command`, code in backticks, split at its spaces (kept as parts of
    their own), except between an option and its value: "--lang ja" split
    in two rows reads as two commands."""
    words: list[str] = []
    for part in re.split("( +)", command):
        option = words[-2] if len(words) >= 2 else ""
        valued = option.lstrip("`").startswith("-") and " " not in option
        if part and valued and words[-1].isspace() and not part.startswith("-"):
            words[-2:] = [words[-2] + words[-1] + part]
        elif part:
            words.append(part)
    return words


def _line_starts(
    pieces: list[str], quality: list[int], columns: int, indent: int
) -> list[int]:
    """The index of the piece each line begins with, every line filled as
    far as it goes (the later ones are `indent` columns narrower)."""
    starts, start = [], 0
    while start < len(pieces):
        starts.append(start)
        room = columns - (indent if len(starts) > 1 else 0)
        start = _line_end(pieces, quality, start, room)
        while start < len(pieces) and pieces[start].isspace():
            start += 1
    return starts


def _tail_lengthened(
    pieces: list[str], quality: list[int], starts: list[int], columns: int
) -> list[int]:
    """`starts` with the last line, if it reads as left over (`SHORT_TAIL`),
    given the end of the line before it: the fewest pieces that make
    it longer, taken where a line may break, as long as the last line fits
    in `columns` ("…ありませ" and "ん。" become "…ありま" and "せん。"); or
    up to `SLACK` columns more, to take a better place to break. A place
    inside a word is taken only when the line before has no other."""
    if len(starts) < 2 or not _left_over(pieces[starts[-1] :]):
        return starts
    tails = []  # (start, quality, width) of each place the last line may start
    for start in range(starts[-1] - 1, starts[-2], -1):
        tail = width("".join(pieces[start:]).strip(SPACES))
        if tail > columns:
            break
        if quality[start] != _NEVER and not _left_over(pieces[start:]):
            tails.append((start, quality[start], tail))
    # A place inside a word only when there is no other: "…なりま" and
    # "せん。" still read better than "…なりませ" and "ん。".
    for worst in (_IN_VERB, _INSIDE, _DETACHED, _IN_WORD):
        tails = [place for place in tails if place[1] > worst] or tails
    if not tails:
        return starts
    near = [place for place in tails if place[2] <= tails[0][2] + SLACK]
    if max(place[1] for place in near) <= _IN_KANJI:
        # Only places inside a word that near: a word's start a little
        # further back reads better ("…確率は" and "変わってはいけません。").
        near = [place for place in tails if place[2] <= tails[0][2] + KANJI_SLACK]
    # The best place, the nearest of those as good: `max` keeps the first.
    best = max(near, key=lambda place: place[1])
    return [*starts[:-1], best[0]]


def _left_over(pieces: list[str]) -> bool:
    """Whether `pieces`, as a last line, would read as left over from the
    line before (see `SHORT_TAIL`)."""
    text = "".join(pieces).strip(SPACES)
    return len(text) <= SHORT_TAIL or bool(
        len(text) <= SHORT_ENDING and _ENDING.fullmatch(text)
    )


def _code_spaces(pieces: list[str]) -> set[int]:
    """The indices of the spaces among `pieces` that lie inside code written
    without backticks, where a break would cut an expression in two: those
    beside an operator ("x @ w1 + b1", "params[k] -= lr * g"), those
    inside brackets that hold no prose ("(N, K)", "np.clip(y, 1e-7, 1)"),
    not those in brackets around words ("(the last row)"); and those inside
    code between double backticks, as a docstring writes it
    ("``out[i, j] = sum over k of a[i, k] * b[k, j]``")."""
    code = set()
    opened: list[int] = []
    literal = False  # inside ``code`` written with double backticks
    for index, piece in enumerate(pieces):
        if piece.isspace():
            if literal:
                code.add(index)
                continue
            near = pieces[index - 1 : index] + pieces[index + 1 : index + 2]
            if any(_OPERATOR.fullmatch(other) for other in near):
                code.add(index)
            continue
        if piece.count("``") % 2:
            literal = not literal
        if "`" in piece:
            continue  # kept whole: its brackets are its own
        for column, character in enumerate(piece):
            if character in "([{":
                opened.append(index)
            elif character in ")]}" and opened:
                start = opened.pop()
                # Up to the bracket: not the "。" that sticks to it.
                inside = "".join(pieces[start:index]) + piece[: column + 1]
                prose = TWO_WORDS.search(inside) or _holds_statement(
                    pieces[start:index]
                )
                if not prose and not any(map(_wide, inside)):
                    code.update(
                        i for i in range(start + 1, index) if pieces[i].isspace()
                    )
    return code


# An assignment standing alone between spaces: no expression in brackets
# holds one, so brackets around it hold statements named in prose
# ("(x -= ..., or w = x, then w -= ...)"), not code to keep whole.
_ASSIGNMENT = re.compile(r"(?:[-+*/%@&|^]|\*\*|//|<<|>>)?=")


def _holds_statement(pieces: list[str]) -> bool:
    """Whether `pieces`, inside brackets, hold an assignment standing
    alone ("w = x", "x *= lr"): brackets that do hold prose, which breaks
    at its spaces, the spaces beside the operator aside (see
    `_code_spaces`)."""
    return any(_ASSIGNMENT.fullmatch(piece) for piece in pieces)


def _bare_operator_spaces(pieces: list[str], code: set[int]) -> set[int]:
    """Of the spaces inside code (`code`, see `_code_spaces`), those beside
    an operator outside any bracket ("params['w'] = params['w'] - ..."):
    Python breaks no line there, so a line of prose breaks there only where
    no other place fits, a particle cut from the code included; inside
    brackets ("(x - m)"), Python may go on to the next line. (A docstring's
    ``...`` is a formula more than Python: it breaks as it did.)"""
    bare, depth = set(), 0
    literal = False
    for index, piece in enumerate(pieces):
        if piece.count("``") % 2:
            literal = not literal
        if index in code and depth == 0 and not literal:
            near = pieces[index - 1 : index] + pieces[index + 1 : index + 2]
            if any(_OPERATOR.fullmatch(other) for other in near):
                bare.add(index)
        if "`" not in piece:
            depth += sum(piece.count(c) for c in "([{")
            depth = max(0, depth - sum(piece.count(c) for c in ")]}"))
    return bare


# An operator of Python or NumPy on its own between spaces.
_OPERATOR = re.compile(r"[-+*/%@<>=!&|^~]{1,3}")


def _break_quality(pieces: list[str], index: int, japanese: bool) -> int:
    """How good a place to break a line just before `pieces[index]` is:
    `_GOOD` down to `_NEVER`."""
    if index == 0:
        return _NEVER
    before, piece = pieces[index - 1], pieces[index]
    if piece.isspace():
        return _NEVER  # a line breaks after its spaces, never before them
    if before.isspace():
        if index < 2:
            return _GOOD
        last = pieces[index - 2]
        if _number_and_unit(last, piece):
            return _NEVER
        if before == " " and _count_and_word(last, piece):
            # One space only: two set columns apart ("failing  4/20 tests").
            return _INSIDE
        if japanese and piece.startswith("—"):
            # A dash parts the clauses it stands between: a line that starts
            # with it reads as a list's item; it ends the line before.
            return _INSIDE
        if japanese and _labels(pieces, index - 2):
            # A label and its value ("入力済みのキー: c", "例: x"): a line
            # breaks before the label, where it can, rather than between.
            return _INSIDE
        if japanese and _KANJI.match(last[-1]) and _NAMED.match(piece):
            # A noun and the letter or the code that names it: "列 j",
            # "行 [0, 1]", "関数 np.exp".
            return _IN_KANJI
        if before == " " and _SHAPE.match(piece) and _NAME_END.search(last):
            return _INSIDE  # a name and its shape: "b2 (3,)", "w1 (4, 5)"
        if piece.startswith(".") and len(piece) > 1:
            return _INSIDE  # a relative import's ".one_hot" would read as a full stop
        # In Japanese, a space between two pieces of ASCII is most often
        # inside code written without backticks ("return e / x.sum()").
        if japanese and not _wide(last[-1]) and last[-1] not in ":;,":
            if not _wide(piece[0]):
                return _INSIDE
            # A word of ASCII and its particle ("exp(x) を") read as one.
            return _after_ascii(pieces, index)
        return _GOOD
    if before[-1] in _NO_LINE_END or piece[0] in _CLOSING_ASCII:
        return _NEVER
    if _number_and_unit(before, piece):
        return _NEVER  # "30秒" as "30 秒"
    if _count_and_word(before, piece):
        return _INSIDE  # "得点12/100" as "得点 12/100"
    if any(run.match(before[-1]) and run.match(piece[0]) for run in _WORD_RUNS):
        return _INSIDE  # "オペラン" and "ド": a word cut in two
    if _wide(before[-1]) and _wide(piece[0]):
        if _COUNTER.fullmatch(before[-1] + piece[0]):
            return _NEVER  # "1 か所": a counter of kana and kanji
        if index > 1 and _okurigana_between(pieces[index - 2], before, piece):
            return _IN_VERB  # "呼び|出し", "置き|換える": one verb
        quality = _japanese_break(before[-1], piece[0])
        if quality > _IN_VERB and _suffix_at(pieces, index):
            return _IN_VERB  # "勾配|だけ", "もの|まで"
        if quality == _LOOSE and _second_kana(pieces, index - 1):
            return _IN_KANA  # "を|まと|めて": "と" of "まとめて"
        return quality
    if _wide(before[-1]):
        return _GOOD
    if _wide(piece[0]):
        return _after_ascii(pieces, index)  # "float64の", "b2)を"
    return _NEVER


def _second_kana(pieces: list[str], index: int) -> bool:
    """Whether `pieces[index]`, a kana that may be a particle, is rather
    the second kana of a word of kana: one that follows a single kana
    right after a particle ("を|まと|めて", "の|その|せい"), where a word
    begins, and words of one kana that take a particle are few
    (`_ONE_KANA_STEMS`)."""
    if index < 2:
        return False
    before, first = pieces[index - 2], pieces[index - 1]
    return (
        before[-1:] in _PARTICLES
        and len(first) == 1
        and first not in _PARTICLES | _ONE_KANA_STEMS
        and bool(_HIRAGANA.fullmatch(first))
    )


# Kana that a particle may well follow after a single one of them in a
# run of hiragana: the stems of one kana of verbs ("に|して", "て|いて",
# "を|みて") and the ending of the volitional ("込も|うと|して").
_ONE_KANA_STEMS = frozenset("しいみきえう")


def _labels(pieces: list[str], index: int) -> bool:
    """Whether `pieces[index]` ends a label of Japanese with its colon
    ("入力済みのキー:", "場所："), which the value after it belongs to."""
    label = "".join(pieces[max(0, index - 1) : index + 1])
    return label.endswith("：") or (
        label.endswith(":") and len(label) > 1 and _wide(label[-2])
    )


def _marks_item(pieces: list[str], index: int) -> bool:
    """Whether `pieces[index]` is the number of an item of a list, "(2)",
    at the start of the text or of a sentence ("…ください。(2) 確率は"):
    what follows it is the item, which it must not end a line without."""
    if not _ITEM_MARK.fullmatch(pieces[index]):
        return False
    before = "".join(pieces[:index]).rstrip(SPACES)
    return not before or before[-1] in _SENTENCE_END


# The number of an item of a list, and the marks that end the sentence
# one follows.
_ITEM_MARK = re.compile(r"\(\d+\)")
_SENTENCE_END = frozenset(".?!:。？！：")


def _ahead(pieces: list[str], index: int) -> str:
    """The text from `pieces[index]` on, as much as a word of kana takes."""
    return "".join(pieces[index : index + 3])


def _suffix_at(pieces: list[str], index: int) -> bool:
    """Whether a short suffix (`_SUFFIX`) begins at `pieces[index]`."""
    return bool(_SUFFIX.match(_ahead(pieces, index)))


def _after_ascii(pieces: list[str], index: int) -> int:
    """How good a place to break between ASCII and `pieces[index]`,
    Japanese, is (a space between them or none): worst before a particle,
    the copula or a suffix (`_AFTER_CODE`), which read as cut from the code
    they follow, only where no other place but inside a word is; loosely
    before other hiragana; well before a new word."""
    if _AFTER_CODE.match(_ahead(pieces, index)):
        return _DETACHED
    return _IN_KANJI if _HIRAGANA.match(pieces[index][0]) else _GOOD


def _okurigana_between(first: str, kana: str, then: str) -> bool:
    """Whether `kana`, one hiragana between two kanji (`first`'s last and
    `then`'s first), is the okurigana inside a compound verb ("呼び出す",
    "引き直す") rather than a particle between two words ("値を足す")."""
    return (
        len(kana) == 1
        and kana not in _PARTICLES
        and bool(_HIRAGANA.match(kana))
        and bool(_KANJI.match(first[-1]))
        and bool(_KANJI.match(then[0]))
    )


def _japanese_break(left: str, right: str) -> int:
    """How good a place to break between two Japanese characters, `left`
    and `right`, is, as a reader would break, with no dictionary: after a
    mark that ends a phrase ("、", "。", "」"), before an opening bracket,
    and where a run of hiragana (a particle, an inflection) meets kanji or
    katakana (the next word: "勾配を|学習率で") are good; inside a run of
    kanji ("勾|配"), or where kanji and katakana meet in a compound
    ("採点|プログラム"), is bad; before the okurigana or the particle of a
    word of kanji or katakana ("取り出|す", "配列|を") is worse; anywhere
    else (inside a run of kana) is loose."""
    if left in _PHRASE_END or right in _NO_LINE_END:
        return _GOOD
    if _HIRAGANA.match(left) and not _HIRAGANA.match(right):
        return _GOOD
    if _KANJI.match(left) and _KANJI.match(right):
        return _IN_KANJI
    if _KANJI.match(left) and _KATAKANA.match(right):
        return _IN_KANJI  # a compound noun: "採点|プログラム", "クラス|番号"
    if _KATAKANA.match(left) and _KANJI.match(right):
        return _IN_KANJI
    if _HIRAGANA.match(left) and _HIRAGANA.match(right):
        starts_word = right not in _NO_WORD_START
        return _LOOSE if left in _PARTICLES and starts_word else _IN_KANA
    if _HIRAGANA.match(right):
        # Kana after a word of kanji or katakana is its okurigana ("変|わる",
        # "取り出|す") or its particle ("配列|を"): worse than a cut inside
        # a word of kanji, or inside a run of kana.
        return _IN_VERB
    return _LOOSE


def _offsets(pieces: list[str]) -> dict[int, int]:
    """The index of each of `pieces`, by where it begins in their text."""
    starts, offset = {}, 0
    for index, piece in enumerate(pieces):
        starts[offset] = index
        offset += len(piece)
    return starts


def _kana_words(pieces: list[str]) -> tuple[set[int], set[int]]:
    """Where the words of kana among `pieces` lie (see `_KANA_WORDS`): the
    indices of the pieces that begin inside one, before which a line must
    not break, and of those that begin a verb's ending after kana, where
    it breaks as well as after a particle ("等しく|なければならない")."""
    starts = _offsets(pieces)
    text = "".join(pieces)
    inside, endings = set(), set()
    # Words may overlap ("とって" and "ています" in "とっています"): each
    # is looked for from every character.
    for column in range(len(text)):
        word = _KANA_WORDS.match(text, column)
        if word:
            # Where its stem ends, an ending that may stand apart does.
            stem_end = word.end("stem") if word["stem"] else None
            inside.update(
                starts.get(i)
                for i in range(column + 1, word.end())
                if i != stem_end or not _apart(text, i)
            )
        if _apart(text, column):
            endings.add(starts.get(column))
    return inside - {None}, endings - inside - {None}


def _adverb_starts(pieces: list[str]) -> set[int]:
    """The indices of the pieces that begin an adverb of kana (`_ADVERBS`)
    right after a particle (`_PARTICLES`): a new word, where a line breaks
    as well as inside a run of kana after a particle ("ヒントは|もう")."""
    starts = _offsets(pieces)
    text = "".join(pieces)
    return {
        starts[adverb.start()]
        for adverb in _ADVERBS.finditer(text)
        if adverb.start() in starts
        and text[adverb.start() - 1 : adverb.start()] in _PARTICLES
    }


def _apart(text: str, column: int) -> bool:
    """Whether a verb's ending that may stand apart from the kana before it
    begins at `text[column]` (see `_VERB_ENDING`). "なければ" after a
    verb's stem ("され", "下がら") is that verb's inflection: it stands
    apart only after an adjective ("等しく|なければ"), or as a copula's
    ("もの|でなければ")."""
    if not (column and _HIRAGANA.match(text[column - 1])):
        return False
    if not _VERB_ENDING.match(text, column):
        return False
    return text[column] != "な" or text[column - 1] == "く"


def _in_stems(pieces: list[str]) -> set[int]:
    """The indices of the pieces that begin inside a run of kanji that kana
    go on from ("勾配だけ", "平均した", "2 回実行した"): a word and its
    okurigana, particle or suffix, which a line cuts no more readily
    between its kanji ("勾|配だけ") than before its kana ("勾配|だけ")."""
    starts = _offsets(pieces)
    text = "".join(pieces)
    return {
        starts[i]
        for stem in _STEM_RUN.finditer(text)
        for i in range(stem.start() + 1, stem.end())
        if i in starts
    }


# A run of two kanji or more that hiragana follow.
_STEM_RUN = re.compile(f"{_KANJI_CLASS}{{2,}}(?={_HIRAGANA.pattern})")


def _in_short_asides(pieces: list[str]) -> set[int]:
    """The indices of the pieces that begin inside a short aside in
    brackets that holds Japanese ("(演習の一覧)", "(上限は 2048 MB)"):
    one at most `SHORT_ASIDE` columns wide, which reads as one phrase, and
    which a line keeps whole, breaking before its opening bracket, rather
    than leave a word or two alone inside it ("(演習の" and "一覧)")."""
    starts = _offsets(pieces)
    text = "".join(pieces)
    inside = set()
    for aside in _ASIDE.finditer(text):
        if width(aside[0]) <= SHORT_ASIDE and any(map(_wide, aside[0][1:-1])):
            inside.update(starts.get(i) for i in range(aside.start() + 1, aside.end()))
    return inside - {None}


def _in_labels(pieces: list[str]) -> set[int]:
    """The indices of the pieces that begin inside a short label of
    Japanese before its value ("入力済みのキー: c"): one phrase, at most
    `SHORT_ASIDE` columns wide, which a line keeps whole with its value,
    breaking before it, rather than leave part of it behind ("入力済みの"
    and "キー: c")."""
    starts = _offsets(pieces)
    text = "".join(pieces)
    inside = set()
    for label in _LABEL.finditer(text):
        if width(label[0]) <= SHORT_ASIDE and _wide(label[0][-2]):
            inside.update(starts.get(i) for i in range(label.start() + 1, label.end()))
    return inside - {None}


# A label and its colon before a value: the words after the last mark
# that ends a phrase, or the last space.
_LABEL = re.compile(
    r"(?<![^、。，；？！）)\s])[^、。，；？！：:()（）\s]+(?:[:：](?= )|：)"
)


# An aside in brackets, round ones half or full width, with no brackets
# inside it; and how wide one may be to be kept on one line: half of the
# narrowest terminal the grader lays out for (40 columns).
_ASIDE = re.compile(r"[(（][^()（）\n]*[)）]")
SHORT_ASIDE = 20


# A number, maybe after an opening bracket ("(30", "0.05", "1,000"), and
# a unit of measure that may follow it ("s)", "MB,", "seconds.").
_NUMBER = re.compile(r"[(\[]?[-+]?\d+(?:[.,]\d+)*")
# A number's name in prose: one letter ("N", "C").
_VARIABLE = re.compile(r"[A-Za-z]")
_UNIT = re.compile(r"(?:s|ms|min|[KMG]i?B|%|seconds?|minutes?)(?![A-Za-z])")


# A count, maybe out of a total ("3", "4/20", "2.5/10"), and what may
# close it ("3,", "4/20、"). One after a bracket is most often code, a
# shape or an interval ("(3, 2)", "[0, 1)"), not a count.
_COUNT = re.compile(
    r"\d+(?:\.\d+)?(?P<total>/\d+(?:\.\d+)?)?(?P<close>[)\],.:;!?、。，：；）」]*)"
)


def _count_and_word(left: str, right: str) -> bool:
    """Whether `left` and `right`, two pieces of a line, are a count and
    the word it counts ("4/20 tests", "12 more", "2/10 点"), or a word and
    the count that stands for it: a score ("テスト 4/20", "score 12/100"),
    a number that ends a phrase ("exercise 3,", "演習 4、"). Read apart, on
    two lines, the number means nothing. A count followed by its own word
    ("時間 30 秒") stays with that one only."""
    count = _COUNT.fullmatch(left)
    if count and not count["close"]:
        return _letter(right[0])
    count = _COUNT.fullmatch(right)
    if count is None or not _letter(left[-1]):
        return False
    return bool(count["total"] or count["close"])


def _letter(character: str) -> bool:
    """Whether `character` is a letter of any script: kanji and kana too."""
    return unicodedata.category(character).startswith("L")


def _number_and_unit(number: str, word: str) -> bool:
    """Whether `number` and the `word` after it read as one quantity: a
    unit ("0.05 s"), or in Japanese a counter or a unit ("30 秒", "10 問",
    "2 次元"), which a line must not leave at the start of the next. A
    letter that stands for a number takes a counter too ("N 個", "N 倍")."""
    if _VARIABLE.fullmatch(number) and _KANJI.match(word[0]):
        return True
    if not _NUMBER.fullmatch(number):
        return False
    return bool(_UNIT.match(word)) or _wide(word[0])


def _line_end(pieces: list[str], quality: list[int], start: int, columns: int):
    """Where the line that begins at `pieces[start]` ends: at the last good
    place to break (else the last loose one) that fits in `columns`, if the
    line it leaves is within `SLACK` columns of full, or else within
    `KANJI_SLACK`; else at the last place that fits, one inside a run of
    hiragana only when no better fits, one between a word and its kana
    ("取り出|す", "配列|を") only when no place inside a run of hiragana
    does, and one inside code, before a particle after code or inside a
    word only when no other fits, in that order; else at the first place
    there is (a word longer than the line stands out beyond it)."""
    last: dict[int, tuple[int, int]] = {}  # by quality: the place, the width
    for end in range(start + 1, len(pieces) + 1):
        used = width("".join(pieces[start:end]).rstrip(SPACES))
        if used > columns:
            break
        if end == len(pieces):
            return end
        if quality[end] != _NEVER:
            last[quality[end]] = (end, used)
    for rank in (_GOOD, _LOOSE):
        if rank in last and last[rank][1] >= columns - SLACK:
            return last[rank][0]
    for rank in (_GOOD, _LOOSE):
        if rank in last and last[rank][1] >= columns - KANJI_SLACK:
            return last[rank][0]
    # A line half full reads better than a word cut in two ("変|わる").
    for rank in (_GOOD, _LOOSE):
        if rank in last and last[rank][1] * 2 >= columns:
            return last[rank][0]
    worse = (_IN_KANA,), (_IN_VERB,), (_INSIDE,), (_DETACHED,), (_IN_WORD,)
    for ranks in ((_GOOD, _LOOSE, _IN_KANJI), *worse):
        fitting = [last[rank][0] for rank in ranks if rank in last]
        if fitting:
            return max(fitting)
    later = (i for i in range(start + 1, len(pieces)) if quality[i] != _NEVER)
    return next(later, len(pieces))


# A run of white space other than the full-width space, which `str.split`
# would take for one too.
_ASCII_SPACE_RUN = re.compile(r"[ \t\n\r\f\v]+")


def collapsed(text: str) -> str:
    """`text` on one line, each run of white space made one space: but a
    full-width space, which Japanese puts after ？ and ！, is kept."""
    return _ASCII_SPACE_RUN.sub(" ", text).strip(" ")


def width(text: str) -> int:
    """How many terminal columns `text` takes: wide characters take two."""
    if text.isascii():
        return len(text)  # no ASCII character is wide
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@cache
def catalogue(language: str) -> Catalogue:
    """The catalogue of `language`; English's is empty (nothing to change).

    Raises OSError or ValueError when the catalogue file cannot be read.
    """
    if language == ENGLISH:
        return Catalogue()
    with open(LOCALE_DIR / f"{language}.toml", "rb") as file:
        data = tomllib.load(file)
    return Catalogue(
        language=language,
        statuses=dict(data.get("statuses", {})),
        ui=dict(data.get("ui", {})),
        failures=dict(data.get("failures", {})),
        reasons=dict(data.get("reasons", {})),
        as_is=frozenset(data.get("as_is", {}).get("sentences", ())),
    )


@cache
def docstrings(language: str) -> dict[str, dict[str, str]]:
    """The translated docstrings of each exercise's functions, by exercise
    and function name; empty for English, whose docstrings are the code's.
    """
    if language == ENGLISH:
        return {}
    path = LOCALE_DIR / language / "docstrings.toml"
    with open(path, "rb") as file:
        return tomllib.load(file)


@cache
def answer_prose(language: str) -> dict[str, str]:
    """The translated prose of the model answers besides their docstrings
    (each module's summary, and the comments, a block of comment lines
    joined into one line), by its English; empty for English."""
    if language == ENGLISH:
        return {}
    with open(LOCALE_DIR / language / "answers.toml", "rb") as file:
        entries = tomllib.load(file)["prose"]
    return {entry["english"]: entry["text"] for entry in entries}


class _Current:
    """The language of this process's output, set once by the command line."""

    catalogue = Catalogue()
    # What a command the grader suggests must add to speak this language
    # too: "--lang ja" when the locale would choose another, else "".
    option = ""


current = _Current()


def set_language(language: str, environ: Mapping[str, str] = os.environ) -> None:
    """Speak `language` from now on; when the locale (in `environ`) would
    choose another, the commands the grader suggests name it with --lang."""
    current.catalogue = catalogue(language)
    current.option = "" if language == choose(None, environ) else f"--lang {language}"


def language() -> str:
    return current.catalogue.language


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Speak `language` (None: the locale's) inside the block, then the
    language spoken before: for a call from a notebook, whose process has
    no command line to choose one."""
    before = current.catalogue, current.option
    set_language(choose(language))
    try:
        yield
    finally:
        current.catalogue, current.option = before


def _(english: str, **fields) -> str:
    """`english` in the current language, with `fields` filled in; the
    commands it quotes have their language option last, as the README
    writes every command ("`kata hint dot --lang ja`")."""
    text = current.catalogue.text(english, **fields)
    return OPTION_FIRST.sub(r"\1 \3 \2", text) if current.option else text


def status(status: str, short: bool = False) -> str:
    """A status word as the terminal shows it in the current language;
    `short`: without the key beside a translation, for a narrow table."""
    return current.catalogue.status(status, short)


def failure(message: str) -> str:
    """A test's failure explanation in the current language, the grader's
    commands it quotes with the option to speak it (see `command`)."""
    translated = current.catalogue.failure(message)
    if not current.option:
        return translated
    return QUOTED_COMMAND.sub(rf"\g<0> {current.option}", translated)


def command(prog: str) -> str:
    """How to run the grader, `prog`, in a command the learner is told to
    type: with the language option when the language was asked for and
    the locale would choose another, so that the command answers in the
    same language."""
    return f"{prog} {current.option}" if current.option else prog


def title(exercise) -> str:
    """An exercise's title in the current language."""
    localized = getattr(exercise, f"title_{language()}", "")
    return localized or exercise.title


def hints(exercise) -> tuple[str, ...]:
    """An exercise's hints in the current language: the English ones
    unless there is a translation of each."""
    localized = getattr(exercise, f"hints_{language()}", ())
    return localized if len(localized) == len(exercise.hints) else exercise.hints


def listed(items: Iterable[str]) -> str:
    """`items` as a list in a sentence of the current language: "a, b, c",
    "a、b、c" in Japanese."""
    return _(", ").join(items)


def N_(english: str) -> str:
    """Mark `english` as a text to translate where it is shown, later, with
    `_`: it is returned unchanged (gettext's convention)."""
    return english

"""What the grader says when it runs in a Python that lacks its packages:
most often a new shell in which the project's environment is not active.

Only the standard library and the parts of the grader that need nothing
more are imported here: `grader.i18n`, and `grader.cli`, whose own imports
put off every outside package until a command needs it.
"""

import importlib.util
import os
import sys

from grader import i18n

# What the grader and the tests import; looked up, not imported.
PACKAGES = ("numpy", "pytest", "hypothesis", "rich")

# The exit code of a usage error (see `grader.cli`).
EXIT_USAGE = 2

ENGLISH = (
    "nn-kata needs the package {package}, which this Python ({python}) does "
    "not have. Activate the project's environment first "
    "(`. .venv/bin/activate`), or set it up as README.md says."
)
JAPANESE = (
    "nn-kata にはパッケージ {package} が必要ですが、この Python ({python}) "
    "にはありません。先にプロジェクトの環境を有効にしてください"
    "(`. .venv/bin/activate`)。まだなら README.ja.md のとおりに準備してください。"
)


def missing_package() -> str | None:
    """The first of the packages the grader needs that this Python cannot
    import, or None when it has them all."""
    for package in PACKAGES:
        if importlib.util.find_spec(package) is None:
            return package
    return None


def tell_missing(package: str, argv: list[str]) -> int:
    """Say which package is missing and how to get the environment that
    has it, in the language asked for; return the exit code."""
    # The command line's own reading of --lang: "--lang=ja_JP" and "--lnag
    # ja" are answered in Japanese here too.
    from grader.cli import language_asked

    language = i18n.choose(language_asked(argv))
    text = JAPANESE if language == i18n.JAPANESE else ENGLISH
    told = text.format(package=package, python=sys.executable)
    # After "error: ", as the grader says every error that stops a command
    # (`grader.render.Screen.problem`, which needs rich: not here).
    with i18n.speaking(language):
        said = i18n._("error: {text}", text=told)
        columns = _terminal_columns()
        if columns:
            # Broken between words here: the terminal would break it
            # inside one. Rich, which fits the grader's other output,
            # is not at hand.
            said = i18n.fill(said, columns - 1, commands=True)
        print(said, file=sys.stderr)
    return EXIT_USAGE


def _terminal_columns() -> int | None:
    """How wide the terminal standard error goes to is, or None when it
    goes to none (a pipe or a file: a line there stays whole, to search
    for)."""
    try:
        if not sys.stderr.isatty():
            return None
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None

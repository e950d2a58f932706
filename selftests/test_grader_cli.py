"""The command line end to end: arguments, exit codes, hints, reports and
what the terminal shows."""

import argparse
import json
import os
import pty
import re
import subprocess
import sys

import pytest

from grader import i18n
from grader.exercises import EXERCISES, NAMES
from selftests import forkserver
from selftests.grader_support import (
    GRADER_TIMEOUT,
    ROOT,
    build_tree,
    check_junit_report,
    clean_environment,
    kata,
    run_grader,
    snapshot,
    solution,
)

ESCAPE = "\x1b"
# Select Graphic Rendition: the escape sequences that set colours and styles.
SGR = re.compile(r"\x1b\[[0-9;]*m")
WRONG_DOT = "import numpy as np\n\n\ndef dot(a, b):\n    return np.dot(b, a)\n"


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A project of stubs, except for a wrong dot, for commands that only
    read it."""
    return build_tree(tmp_path_factory.mktemp("cli") / "kata", {"dot": WRONG_DOT})


@pytest.fixture
def fresh_tree(tmp_path):
    """A project of stubs of its own, for commands that write state."""
    return build_tree(tmp_path / "kata")


def test_an_unknown_exercise_is_one_line_naming_the_valid_ones(tree):
    result = kata("--root", str(tree), "check", "dott", cwd=tree)

    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "did you mean dot?" in result.stderr
    assert all(name in result.stderr for name in NAMES)


def test_a_path_to_an_exercise_file_is_guessed_by_its_name(tree):
    result = kata("--root", str(tree), "check", "exercises/dot.py", cwd=tree)

    assert result.returncode == 2
    assert "did you mean dot?" in result.stderr


def test_outside_a_project_it_says_where_it_looked(tmp_path):
    result = kata(cwd=tmp_path)

    assert result.returncode == 2
    assert str(tmp_path.resolve()) in result.stderr
    assert "--root" in result.stderr


@pytest.mark.parametrize("value", ["0", "-3", "soon"])
def test_a_timeout_that_is_not_a_positive_number_is_a_usage_error(tree, value):
    result = kata("--root", str(tree), "--timeout", value, cwd=tree)

    assert result.returncode == 2
    assert "positive number" in result.stderr


def test_help_describes_the_commands_and_exits_0(tree):
    result = kata("--help", cwd=tree)

    assert result.returncode == 0
    assert all(word in result.stdout for word in ("check", "hint", "list", "--json"))


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize(
    "args",
    [("--help",), ("check", "--help"), ("--bogus",), ("grade", "--help")],
    ids=["help", "check_help", "usage_error", "grade_help"],
)
def test_the_usage_and_the_help_fit_a_narrow_terminal(tree, args, language):
    env = {**clean_environment(), "COLUMNS": "40"}
    result = kata(*args, "--lang", language, cwd=tree, env=env)

    # An error's own line stays whole, to be searched for; the rest fits.
    shown = result.stdout.splitlines() + result.stderr.splitlines()[:-1]
    assert len(shown) > 3
    assert [line for line in shown if i18n.width(line) > 40] == []


@pytest.mark.parametrize("language, prefix", [("en", "usage: "), ("ja", "使い方: ")])
@pytest.mark.parametrize("command", ["", "check", "watch", "solution"])
def test_the_usage_starts_its_options_beside_the_program(
    tree, language, prefix, command
):
    env = {**clean_environment(), "COLUMNS": "80"}
    result = kata(
        *filter(None, [command]), "--help", "--lang", language, cwd=tree, env=env
    )

    first, second = result.stdout.splitlines()[:2]
    head = " ".join(filter(None, [f"{prefix}python -m grader", command])) + " "
    assert first.startswith(f"{head}[-h]"), first
    # The later rows stand under the first option, as argparse lines them up.
    assert second.startswith(" " * i18n.width(head) + "["), second


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("--bogus",)])
def test_the_usage_and_the_help_leave_the_maintainers_target_out(tree, args):
    result = kata(*args, cwd=tree)

    assert "usage: " in result.stdout + result.stderr
    assert "--target" not in result.stdout + result.stderr


def test_hints_come_one_more_each_time_and_are_remembered(fresh_tree):
    exercise = EXERCISES[0]
    before = snapshot(fresh_tree / "exercises")
    # Run from inside exercises/: the project is found by walking up.
    first = kata("hint", "dot", cwd=fresh_tree / "exercises")
    second = kata("hint", "dot", cwd=fresh_tree / "exercises")

    assert first.returncode == second.returncode == 0
    assert exercise.hints[0][:40] in first.stdout
    assert exercise.hints[1][:40] not in first.stdout
    assert exercise.hints[1][:40] in second.stdout
    assert f"2 of {len(exercise.hints)}" in second.stdout
    state = json.loads((fresh_tree / ".kata" / "hints.json").read_text())
    assert state == {"dot": 2}
    assert snapshot(fresh_tree / "exercises") == before


def test_hint_seen_shows_the_hints_seen_again_and_no_new_one(fresh_tree):
    exercise = EXERCISES[0]
    assert kata("hint", "dot", cwd=fresh_tree).returncode == 0
    again = kata("hint", "--seen", "dot", cwd=fresh_tree)

    assert again.returncode == 0
    assert exercise.hints[0][:40] in again.stdout
    assert exercise.hints[1][:40] not in again.stdout
    state = json.loads((fresh_tree / ".kata" / "hints.json").read_text())
    assert state == {"dot": 1}


def test_hint_seen_before_any_hint_shows_none_and_counts_none(fresh_tree):
    result = kata("hint", "--seen", "one_hot", cwd=fresh_tree)

    assert result.returncode == 0
    assert EXERCISES[3].hints[0][:40] not in result.stdout
    assert "No hint of one_hot seen yet" in result.stdout
    assert "`python -m grader hint one_hot` shows the first" in result.stdout
    hints = fresh_tree / ".kata" / "hints.json"
    assert not hints.exists() or "one_hot" not in json.loads(hints.read_text())


def test_hint_all_shows_every_hint_at_once(fresh_tree):
    result = kata("hint", "sigmoid", "--all", cwd=fresh_tree)
    hints = EXERCISES[1].hints

    assert all(hint[:40] in result.stdout for hint in hints)
    assert "last hint" in result.stdout


def test_the_last_hint_of_an_exercise_graded_done_says_it_is_done(tmp_path):
    tree = build_tree(tmp_path / "kata", {"dot": solution("dot")})
    before = kata("hint", "dot", "--all", cwd=tree)
    assert kata("check", "dot", cwd=tree).returncode == 0
    english = " ".join(kata("hint", "dot", "--all", cwd=tree).stdout.split())
    japanese = kata("--lang", "ja", "hint", "dot", "--all", cwd=tree).stdout

    # Before any grade, it is not known done, nor known to fail.
    assert "grades your code and explains each failing test, if any" in " ".join(
        before.stdout.split()
    )
    assert "Exercise dot is done already: every test passes." in english
    assert "failing" not in english
    assert "演習 dot はもう完了しています。" in japanese


def test_a_single_hint_of_an_exercise_graded_done_says_it_is_done(tmp_path):
    tree = build_tree(tmp_path / "kata", {"dot": solution("dot")})
    assert kata("check", "dot", cwd=tree).returncode == 0
    english = " ".join(kata("hint", "dot", cwd=tree).stdout.split())
    japanese = kata("--lang", "ja", "hint", "dot", cwd=tree).stdout

    # Asked for, the hint is given all the same.
    assert " ".join(EXERCISES[0].hints[0].split())[:40] in english
    assert "Exercise dot is done already: every test passes." in english
    assert "演習 dot はもう完了しています。" in japanese


def test_a_hint_is_shown_even_when_it_cannot_be_remembered(fresh_tree):
    (fresh_tree / ".kata").write_text("a file where a folder should be")
    result = kata("hint", "dot", cwd=fresh_tree)

    assert result.returncode == 0
    assert EXERCISES[0].hints[0][:40] in result.stdout
    assert "warning: could not remember" in result.stderr


def _hint_into_a_closed_pipe(tree, name: str) -> subprocess.CompletedProcess:
    """`kata hint NAME` whose reader is gone before it writes a byte."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "grader", "hint", name],
            cwd=tree,
            env=clean_environment(),
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=GRADER_TIMEOUT,
        )
    finally:
        os.close(write)


def test_a_hint_cut_short_by_its_reader_counts_as_seen(fresh_tree):
    # `kata hint dot | head -1` ends the printing early: the next run
    # must still show the next hint, with no word about the broken pipe.
    cut = [_hint_into_a_closed_pipe(fresh_tree, "dot") for _ in range(2)]
    head = subprocess.run(
        f"{sys.executable} -m grader hint dot | head -1",
        shell=True,
        cwd=fresh_tree,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )
    state = json.loads((fresh_tree / ".kata" / "hints.json").read_text())

    assert [result.stderr for result in cut] == ["", ""]
    assert [result.returncode for result in cut] == [141, 141]
    assert head.stdout.startswith("Hints for exercise 1, dot")
    assert f"3 of {len(EXERCISES[0].hints)}" in head.stdout
    assert head.stderr == ""
    assert state == {"dot": 3}


def test_check_explains_every_failing_test_and_exits_1(tree):
    result = kata("--root", str(tree), "check", "dot", cwd=tree)

    assert result.returncode == 1
    assert result.stdout.count("✗") >= 2
    assert "expected" in result.stdout
    assert "hint dot" in result.stdout


def test_options_may_follow_the_command(tree):
    result = kata(
        "check", "dot", "--root", str(tree), "--target", "solutions", cwd=tree
    )

    assert result.returncode == 0
    assert "done" in result.stdout


def test_list_shows_titles_and_statuses_and_exits_0(tree):
    result = kata("--root", str(tree), "list", cwd=tree)

    assert result.returncode == 0
    for exercise in EXERCISES:
        assert exercise.title in result.stdout
    assert "failing" in result.stdout and "not_started" in result.stdout


def test_an_unwritable_report_is_a_clear_error_and_the_others_are_written(tree):
    blocker = tree.parent / "not-a-folder"
    blocker.write_text("")
    # Folders that do not exist yet are made.
    junit = tree.parent / "reports" / "ci" / "junit.xml"
    result = kata(
        "--root",
        str(tree),
        "check",
        "dot",
        "--json",
        str(blocker / "grade.json"),
        "--junit",
        str(junit),
        cwd=tree,
    )

    assert result.returncode == 2
    assert f"could not write the JSON report to {blocker / 'grade.json'}" in (
        result.stderr
    )
    assert f"{blocker} is a file, not a folder" in result.stderr
    check_junit_report(junit.read_text(), names=["dot"])
    # Only the report written is said to be.
    assert result.stdout.splitlines()[-1] == f"Report written: {junit}"
    assert "grade.json" not in result.stdout


@pytest.mark.parametrize(
    "language, line",
    [
        ("en", "Reports written: {json}, {junit}"),
        ("ja", "レポートを書き出しました: {json}、{junit}"),
    ],
)
def test_the_reports_written_are_named_in_one_line_after_the_output(
    tree, tmp_path, language, line
):
    json_path, junit = tmp_path / "grade.json", tmp_path / "junit.xml"
    args = ["--root", str(tree), "--lang", language, "check", "dot"]
    reports = ["--json", str(json_path), "--junit", str(junit)]
    with_reports = kata(*args, *reports, cwd=tree)
    without = kata(*args, cwd=tree)

    assert with_reports.returncode == without.returncode == 1
    said = line.format(json=json_path, junit=junit)
    assert with_reports.stdout == f"{without.stdout}{said}\n"


@pytest.mark.parametrize(
    "language, line",
    [("en", "Report written: {path}"), ("ja", "レポートを書き出しました: {path}")],
)
def test_a_report_in_a_folder_not_made_yet_is_written_and_named(
    tree, tmp_path, language, line
):
    report = tmp_path / "not" / "made" / "grade.json"
    result = kata(
        "--root",
        str(tree),
        "--lang",
        language,
        "check",
        "dot",
        "--json",
        str(report),
        cwd=tree,
    )

    assert result.returncode == 1
    assert json.loads(report.read_text())["exercises"][0]["name"] == "dot"
    assert result.stdout.splitlines()[-1] == line.format(path=report)


@pytest.mark.parametrize(
    "readme, heading, said",
    [
        (
            "README.md",
            "### Reports",
            "Folders on the way that do\n  not exist yet are made",
        ),
        ("README.ja.md", "### レポート", "途中のフォルダがまだなければ作り"),
    ],
)
def test_the_readmes_say_that_a_reports_folders_are_made(readme, heading, said):
    text = (ROOT / readme).read_text(encoding="utf-8")
    reports = text[text.index(heading) :]
    assert said in reports[: reports.index("\n### ")]


@pytest.mark.parametrize(
    "language, csv, bundle",
    [
        ("en", "the gradebook to write", "the zip to write"),
        ("ja", "書き出す成績表", "書き出す zip"),
    ],
)
def test_the_teachers_files_to_write_are_explained_in_the_help(
    tmp_path, language, csv, bundle
):
    batch_help = kata("--lang", language, "batch", "--help", cwd=tmp_path)
    bundle_help = kata("--lang", language, "gradescope", "--help", cwd=tmp_path)

    assert batch_help.returncode == bundle_help.returncode == 0
    assert re.search(rf"^  --csv FILE +{csv}", batch_help.stdout, re.MULTILINE)
    assert re.search(rf"^  OUT\.zip +{bundle}", bundle_help.stdout, re.MULTILINE)


def test_every_argument_of_the_teachers_commands_has_a_help_text():
    from grader import tools

    commands = next(
        action for action in tools._parser("kata")._actions if action.dest == "command"
    )
    silent = [
        (name, action.metavar or action.dest)
        for name, command in commands.choices.items()
        for action in command._actions
        if not action.help
    ]
    assert silent == []


@pytest.mark.parametrize("command", ["grade", "release", "gradescope", "batch"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_teachers_commands_help_says_what_each_does_and_names_folders_dir(
    tmp_path, command, language
):
    result = kata(command, "--help", "--lang", language, cwd=tmp_path)

    assert result.returncode == 0
    # As the learner's commands: the usage, a blank line, one line of what.
    usage, what = result.stdout.split("\n\n")[:2]
    assert usage.split()[4] == command
    assert len(what.splitlines()) == 1
    assert not what.endswith(":")
    assert "ROOT" not in result.stdout
    assert "submission" not in usage


def test_a_report_below_a_file_says_which_file_is_in_the_way(tree):
    blocker = tree.parent / "r.json"
    blocker.write_text("")
    result = kata(
        "--root", str(tree), "check", "dot", "--json", str(blocker / "x.json"), cwd=tree
    )

    assert result.returncode == 2
    assert f"{blocker} is a file, not a folder" in result.stderr
    assert "File exists" not in result.stderr


@pytest.mark.parametrize(
    "command, args",
    [
        ("watch", ("watch", "--json", "out/w.json")),
        ("watch", ("--json", "out/w.json", "watch")),
        ("watch", ("watch", "--junit", "out/w.xml")),
        ("solution", ("solution", "dot", "--gradescope", "out/r.json")),
    ],
    ids=["watch-json", "json-watch", "watch-junit", "solution-gradescope"],
)
def test_a_report_asked_of_a_command_that_writes_none_is_refused(tree, command, args):
    result = kata("--root", str(tree), *args, cwd=tree.parent)

    assert result.returncode == 2
    assert f"{command} writes no reports" in result.stderr
    assert "`python -m grader --json FILE`" in result.stderr
    assert not (tree.parent / "out").exists()


def test_the_help_of_watch_offers_no_report(tree):
    result = kata("--root", str(tree), "watch", "--help", cwd=tree.parent)

    assert result.returncode == 0
    assert "--poll" in result.stdout
    assert "--json" not in result.stdout and "--junit" not in result.stdout


def test_a_report_inside_exercises_is_refused_before_grading(tree):
    before = snapshot(tree / "exercises")
    result = kata("--root", str(tree), "--json", "exercises/dot.py", cwd=tree)

    assert result.returncode == 2
    assert "inside exercises/" in result.stderr
    assert snapshot(tree / "exercises") == before


def test_the_step_summary_gets_a_table_appended(tree, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    env = clean_environment(GITHUB_STEP_SUMMARY=str(summary))
    outcome = run_grader(tree, "check", "dot", env=env)
    text = summary.read_text()

    assert outcome.code == 1
    assert text.startswith("earlier step\n")
    assert "| 1 | dot | failing |" in text


def test_piped_output_is_plain_text(tree):
    result = kata("--root", str(tree), "check", "dot", cwd=tree)

    assert ESCAPE not in result.stdout + result.stderr


def test_piped_output_wraps_no_row_and_ends_no_line_in_a_space(tree):
    check = kata("--root", str(tree), "check", "dot", cwd=tree)
    listing = kata("--root", str(tree), "list", cwd=tree)
    rows = [line.split() for line in listing.stdout.splitlines()]

    assert check.stdout.splitlines()[0].endswith(" points")
    assert [row[1] for row in rows if len(row) > 1 and row[1] in NAMES] == NAMES
    text = check.stdout + listing.stdout
    assert [line for line in text.splitlines() if line != line.rstrip()] == []


def test_piped_hints_wrap_between_words_with_no_trailing_space(fresh_tree):
    result = kata("hint", "softmax", "--all", cwd=fresh_tree)
    lines = result.stdout.splitlines()

    assert max(map(len, lines)) <= 79
    assert [line for line in lines if line != line.rstrip()] == []
    text = " ".join(line.strip() for line in lines)
    assert all(hint in text for hint in EXERCISES[2].hints)


def on_terminal(args, cwd, **env):
    """Run the grader on a pseudo-terminal; everything it wrote there."""
    main, secondary = pty.openpty()
    process = forkserver.popen(
        args,
        cwd,
        clean_environment(TERM="xterm-256color", **env),
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closes when the grader exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    process.wait(timeout=60)
    return b"".join(chunks).decode(errors="replace")


def test_a_terminal_gets_colour(tree):
    output = on_terminal(["--root", str(tree), "check", "dot"], tree)

    assert SGR.search(output)
    assert "failing" in output


def test_no_color_on_a_terminal_means_no_colour(tree):
    output = on_terminal(["--root", str(tree), "check", "dot"], tree, NO_COLOR="1")

    assert not SGR.search(output)
    assert "failing" in output


ENDLESS_SGD = "def sgd_update(params, grads, lr):\n    while True:\n        pass\n"


@pytest.fixture(scope="module")
def endless_tree(tmp_path_factory):
    """A project of stubs, except for an sgd that never returns."""
    folder = tmp_path_factory.mktemp("endless") / "kata"
    return build_tree(folder, {"sgd": ENDLESS_SGD})


@pytest.mark.parametrize(
    "language, status, stop",
    [
        (
            "en",
            r"grading sgd: (\d of (?P<total>\d+) tests ended, )?[12] s",
            "Ctrl+C stops it",
        ),
        (
            "ja",
            r"sgd を採点中: ((?P<total>\d+) 個中 \d 個のテストが終了、)?[12] 秒",
            "Ctrl+C で中止",
        ),
    ],
)
def test_a_long_check_on_a_terminal_counts_its_seconds_and_says_how_to_stop(
    endless_tree, language, status, stop
):
    args = ["check", "sgd", "--timeout", "2", "--lang", language]
    output = on_terminal(["--root", str(endless_tree), *args], endless_tree)
    plain = SGR.sub("", output)

    shown = re.search(status, plain)
    assert shown
    assert stop in plain
    # The count of ended tests never reaches the whole while one runs.
    total = shown["total"]
    assert total is None or f"{total} of {total}" not in plain
    assert total is None or f"{total} 個中 {total} 個" not in plain
    assert "1/1" not in plain


def test_a_long_grade_on_a_terminal_names_the_exercise_still_running(endless_tree):
    output = on_terminal(["--root", str(endless_tree), "--timeout", "2"], endless_tree)
    plain = SGR.sub("", output)

    assert re.search(r"grading: \d of 10 finished, [12] s", plain)
    assert "still running: sgd" in " ".join(plain.split())
    assert "10 of 10" not in plain


def test_a_long_check_piped_shows_no_status_line(endless_tree):
    args = ["check", "sgd", "--timeout", "2"]
    result = kata("--root", str(endless_tree), *args, cwd=endless_tree)

    assert "Ctrl+C" not in result.stdout + result.stderr
    assert "grading sgd" not in result.stdout
    assert "was still running after 2 s" in result.stdout


def test_check_without_a_name_checks_the_first_exercise_not_done(tmp_path):
    dot = (ROOT / "solutions" / "dot.py").read_text()
    tree = build_tree(tmp_path / "kata", {"dot": dot, "softmax": WRONG_DOT})

    result = kata("check", cwd=tree)

    assert result.returncode == 1
    first, *rest = result.stdout.splitlines()
    assert first == "check sigmoid: grading exercise 2, the first one not done."
    assert "2. sigmoid" in "\n".join(rest)


def test_hint_without_a_name_gives_a_hint_for_the_first_exercise_not_done(
    fresh_tree,
):
    result = kata("hint", cwd=fresh_tree)

    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first == "hint dot: the hints of exercise 1, the first one not done."
    assert "Hints for exercise 1, dot" in result.stdout


@pytest.mark.parametrize("command", ["reset", "solution", "doc"])
def test_a_command_that_must_not_guess_asks_for_a_name_in_one_line(tree, command):
    result = kata("--root", str(tree), command, cwd=tree)

    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"`{command}` needs the name of an exercise" in result.stderr
    assert all(name in result.stderr for name in NAMES)
    assert "usage:" not in result.stderr


@pytest.mark.parametrize("value", ["jp", "ja_JP", "ja-JP", "JA_jp.UTF-8"])
def test_lang_takes_a_country_or_locale_name_for_japanese(tree, value):
    before = kata("--root", str(tree), "--lang", value, "--help", cwd=tree)
    after = kata("--root", str(tree), "--help", f"--lang={value}", cwd=tree)

    for result in (before, after):
        assert result.returncode == 0, result.stderr
        assert "使い方" in result.stdout


def test_an_unknown_language_is_refused_in_the_locales_language(tree):
    english = kata("--root", str(tree), "--lang", "xx", "list", cwd=tree)
    japanese = kata(
        "--root",
        str(tree),
        "--lang",
        "xx",
        "list",
        cwd=tree,
        env=clean_environment(LANG="ja_JP.UTF-8"),
    )

    assert english.returncode == japanese.returncode == 2
    assert "invalid choice: 'xx'" in english.stderr
    assert "'xx' は選べません" in japanese.stderr


@pytest.mark.parametrize(
    "typed",
    [
        ["hint", "\uff13"],
        ["hint\u3000softmax"],
        ["\uff48\uff49\uff4e\uff54", "softmax"],
    ],
    ids=["full-width digit", "full-width space", "full-width letters"],
)
def test_arguments_typed_with_an_input_method_on_are_read_as_meant(fresh_tree, typed):
    result = kata("--root", str(fresh_tree), *typed, cwd=fresh_tree)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Hints for exercise 3, softmax")


@pytest.mark.parametrize(
    ("typed", "meant"), [("chek", "check"), ("lst", "list"), ("relase", "release")]
)
def test_a_misspelled_command_gets_a_guess(tree, typed, meant):
    result = kata("--root", str(tree), typed, "dot", cwd=tree)

    assert result.returncode == 2
    assert result.stdout == ""
    assert f"unknown command '{typed}' (did you mean {meant}?)" in result.stderr


@pytest.mark.parametrize(
    "before",
    [
        ["--timeout", "20", "--lang", "ja"],
        ["--json", "x.json"],
        ["--junit=x.xml", "--gradescope", "r.json"],
        ["--mem", "512"],
    ],
    ids=["limits and language", "json", "junit and gradescope", "a prefix"],
)
def test_options_before_grade_mean_what_they_mean_after_it(tree, before):
    # The tree is no release: grade refuses it, once it has read its options.
    result = kata(*before, "grade", cwd=tree)

    assert result.returncode == 2
    assert "MANIFEST.json" in result.stderr
    assert "must come first" not in result.stderr
    assert "先に書きます" not in result.stderr


def test_a_limit_before_batch_is_batch_own(tree):
    result = kata("--timeout", "0", "batch", "subs", "--csv", "g.csv", cwd=tree)

    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m grader batch ")
    assert "argument --timeout: '0' is not a positive number" in result.stderr


def test_root_before_grade_is_refused_naming_it_and_what_grade_takes(tree):
    result = kata("--timeout", "20", "--root", str(tree), "grade", cwd=tree)
    japanese = kata("--lang", "ja", "--root", str(tree), "grade", cwd=tree)

    assert result.returncode == japanese.returncode == 2
    assert "grade has no option --root; grade takes the folder to grade" in (
        result.stderr
    )
    assert "`python -m grader grade DIR`" in result.stderr
    assert "--timeout" not in result.stderr.splitlines()[-1]
    assert "grade に --root というオプションはありません。" in japanese.stderr
    assert "`python -m grader grade DIR --lang ja`" in japanese.stderr
    assert "先に書きます" not in japanese.stderr


def test_help_before_a_course_command_is_the_grader_help(tree):
    result = kata("--help", "grade", cwd=tree)

    assert result.returncode == 0
    assert "commands:" in result.stdout


@pytest.mark.parametrize(
    ("command", "option", "use"),
    [
        ("grade", "--root", "grade takes the folder to grade as its argument"),
        ("grade", "--target", "`python -m grader grade DIR`"),
        ("release", "--timeout", "`python -m grader release OUT`"),
        ("gradescope", "--target", "`python -m grader gradescope OUT.zip`"),
        ("batch", "--root", "`python -m grader batch DIR --csv FILE`"),
    ],
)
def test_an_option_a_course_command_lacks_gets_its_usage_and_what_it_takes(
    tree, command, option, use
):
    # batch's required --csv is given: argparse asks for it first.
    needed = ["--csv", "grades.csv"] if command == "batch" else []
    result = kata(command, *needed, option, "5", cwd=tree)

    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: python -m grader {command} ")
    assert "{grade,release,gradescope,batch}" not in result.stderr
    assert f"{command} has no option {option}; " in result.stderr
    assert use in result.stderr
    assert f"`python -m grader {command} --help` lists the options" in result.stderr


def test_an_option_grade_lacks_is_explained_in_japanese(tree):
    result = kata("grade", "--root", ".", "--lang", "ja", cwd=tree)

    assert result.returncode == 2
    assert result.stderr.startswith("使い方: python -m grader grade ")
    assert "grade に --root というオプションはありません。" in result.stderr
    assert "採点するフォルダを引数として渡します" in result.stderr


def test_a_syntax_error_shows_its_line_and_a_caret_once(tmp_path):
    source = "import numpy as np\n\n\ndef dot(a, b)\n    return np.dot(a, b)\n"
    tree = build_tree(tmp_path / "kata", {"dot": source})

    result = kata("--root", str(tree), "check", "dot", cwd=tree)
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "dot", cwd=tree)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    start = lines.index("exercises/dot.py has a syntax error on line 4: expected ':'")
    assert lines[start + 1 : start + 3] == ["    def dot(a, b)", "                 ^"]
    assert "✗" not in result.stdout and "x test_" not in result.stdout
    assert "failed the same way" not in result.stdout
    # Translated, the sentence is longer: the code and its caret move
    # together.
    ja_lines = japanese.stdout.splitlines()
    at = next(i for i, line in enumerate(ja_lines) if line.endswith("def dot(a, b)"))
    code, caret = ja_lines[at : at + 2]
    assert caret.index("^") == code.index("def dot(a, b)") + len("def dot(a, b)")


def test_the_json_report_gives_a_syntax_error_as_the_terminal_does(tmp_path):
    source = "import numpy as np\n\n\ndef dot(a, b)\n    return np.dot(a, b)\n"
    tree = build_tree(tmp_path / "kata", {"dot": source})
    report = tmp_path / "r.json"

    result = kata("--root", str(tree), "check", "dot", "--json", str(report), cwd=tree)

    dot = json.loads(report.read_text())["exercises"][0]
    assert dot["status"] == "error"
    assert dot["error"] == (
        "exercises/dot.py has a syntax error on line 4: expected ':'\n"
        "    def dot(a, b)\n"
        "                 ^"
    )
    assert dot["error"] in result.stdout


@pytest.mark.parametrize(
    "source, told",
    [
        (
            "import numpy as np\n\n\ndef dot(a, b):\n    return a @ b\0\n",
            "exercises/dot.py holds a NUL byte (\\x00) on line 5, which Python "
            "source cannot contain:",
        ),
        (
            "# -*- coding: no-such-codec -*-\ndef dot(a, b):\n    return a @ b\n",
            "exercises/dot.py has a syntax error on line 1, its coding comment: "
            "unknown encoding: no-such-codec.",
        ),
    ],
    ids=["nul-byte", "unknown-coding"],
)
def test_a_syntax_error_python_gives_no_line_is_told_at_its_line(
    tmp_path, source, told
):
    tree = build_tree(tmp_path / "kata", {"dot": ""})
    (tree / "exercises" / "dot.py").write_bytes(source.encode())

    result = kata("--root", str(tree), "check", "dot", cwd=tree)

    assert told in result.stdout
    assert "line None" not in result.stdout and "line 0" not in result.stdout


def test_a_tab_among_spaces_in_the_indentation_is_drawn(tmp_path):
    source = (
        "import numpy as np\n\n\ndef dot(a, b):\n"
        "    a = np.asarray(a)\n\treturn a @ b\n"
    )
    tree = build_tree(tmp_path / "kata", {"dot": source})

    result = kata("--root", str(tree), "check", "dot", cwd=tree)
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "dot", cwd=tree)

    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "syntax error on line 6" in line)
    # Python's own line, its tab expanded, would look like the one above.
    assert lines[at + 1 : at + 3] == [
        "    5 | ····a = np.asarray(a)",
        "    6 | →   return a @ b",
    ]
    assert lines[at + 3].startswith(
        "  likely mistake: line 6 is indented with a tab (→), line 5 with "
        "spaces (·), and Python cannot tell how many spaces a tab stands for."
    )
    assert "6 行目の字下げはタブ(→)、5 行目はスペース(·)ですが、" in japanese.stdout
    assert "6 | →   return a @ b" in japanese.stdout


def test_a_missing_exercise_file_is_said_to_be_missing(fresh_tree):
    (fresh_tree / "exercises" / "dot.py").unlink()

    result = kata("--root", str(fresh_tree), "check", "dot", cwd=fresh_tree)

    assert result.returncode == 1
    assert "exercises/dot.py is missing: was it moved or deleted?" in result.stdout
    assert "FileNotFoundError" not in result.stdout


def test_an_import_that_fails_names_its_line(tmp_path):
    source = "import numpy as np\nimport no_such_package_here\n"
    tree = build_tree(tmp_path / "kata", {"dot": source})

    result = kata("--root", str(tree), "check", "dot", cwd=tree)
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "dot", cwd=tree)

    assert (
        "exercises/dot.py could not be imported: ModuleNotFoundError: there is no "
        "module named no_such_package_here to import\n"
        "  where     exercises/dot.py, line 2: import no_such_package_here"
    ) in result.stdout
    assert "exercises/dot.py の 2 行目: import no_such_package_here" in japanese.stdout
    assert "no_such_package_here という名前のモジュールはありません" in japanese.stdout
    assert "likely mistake: a package nn-kata does not install" in result.stdout
    assert "nn-kata ではインストールされないパッケージです" in japanese.stdout


def test_a_name_numpy_has_not_is_said_plainly_not_to_import(tmp_path):
    source = "from numpy import exx\n"
    tree = build_tree(tmp_path / "kata", {"sigmoid": source})

    result = kata("--root", str(tree), "check", "sigmoid", cwd=tree)
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "sigmoid", cwd=tree)

    assert (
        "exercises/sigmoid.py could not be imported: ImportError: the name exx "
        "could not be imported from numpy: it has no exx\n"
    ) in result.stdout
    assert "__init__.py" not in result.stdout + japanese.stdout
    assert "numpy から名前 exx を import できませんでした" in japanese.stdout


def test_an_exercise_imported_without_its_leading_dot_is_told_to_add_it(tmp_path):
    source = solution("forward").replace(
        "from .softmax import softmax", "from softmax import softmax"
    )
    tree = build_tree(tmp_path / "kata", {"forward": source})

    english = kata("--root", str(tree), "check", "forward", cwd=tree).stdout
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "forward", cwd=tree)

    assert (
        "likely mistake: softmax is one of the exercises, and an import of another "
        "exercise needs a leading dot: `from .softmax import softmax`."
    ) in english
    assert "does not install" not in english
    assert "名前の前にドットを付けて `from .softmax import softmax` と書きます" in (
        japanese.stdout
    )


def test_an_exercise_misspelled_in_an_import_is_told_the_one_meant(tmp_path):
    source = solution("forward").replace(
        "from .softmax import softmax", "from .softmx import softmax"
    )
    tree = build_tree(tmp_path / "kata", {"forward": source})

    english = kata("--root", str(tree), "check", "forward", cwd=tree).stdout

    assert (
        "likely mistake: a typo? There is no exercise named softmx; did you mean "
        "softmax? Write `from .softmax import softmax`."
    ) in english


def test_a_name_misspelled_in_an_import_of_another_exercise_is_named(tmp_path):
    source = solution("train").replace("import sgd_update", "import sgd_updat")
    tree = build_tree(tmp_path / "kata", {"train": source})

    english = kata("--root", str(tree), "check", "train", cwd=tree).stdout
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "train", cwd=tree)

    # The module imported from is the trusted version, which has no file:
    # Python's "(unknown location)" would read as a file gone missing.
    assert "unknown location" not in english + japanese.stdout
    assert "exercises.sgd is the trusted version of exercise sgd" in english
    assert "did you mean sgd_update?" in english
    assert "exercises.sgd は演習 sgd の信頼できる実装" in japanese.stdout
    assert "sgd_updat は、sgd_update の打ち間違いではありませんか？" in japanese.stdout


def test_a_misspelled_function_of_an_exercise_gets_the_import_to_write(tmp_path):
    source = solution("cross_entropy").replace(
        "import numpy as np\n", "import numpy as np\n\nfrom .one_hot import onehot\n", 1
    )
    tree = build_tree(tmp_path / "kata", {"cross_entropy": source})

    english = kata("--root", str(tree), "check", "cross_entropy", cwd=tree).stdout
    japanese = kata(
        "--root", str(tree), "--lang", "ja", "check", "cross_entropy", cwd=tree
    ).stdout

    assert "exercise one_hot, whose function is one_hot." in english
    assert (
        "likely mistake: a typo? There is no onehot in exercises.one_hot; did you "
        "mean one_hot? Write `from .one_hot import one_hot`."
    ) in english
    assert "その関数は one_hot です。" in japanese
    assert "`from .one_hot import one_hot` と書いてください。" in japanese


def test_an_exercise_imported_as_a_module_and_called_is_told_to_import_its_function(
    tmp_path,
):
    source = (
        solution("forward")
        .replace("from .softmax import softmax", "from . import softmax as sm")
        .replace("return softmax(", "return sm(")
    )
    tree = build_tree(tmp_path / "kata", {"forward": source})

    english = kata("--root", str(tree), "check", "forward", cwd=tree).stdout
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "forward", cwd=tree)

    assert (
        "likely mistake: sm here is the module exercises/softmax.py, not its "
        "function: write from .softmax import softmax as sm (or call "
        "sm.softmax(...))."
    ) in english
    assert "ここの sm は関数ではなく、モジュール exercises/softmax.py です。" in (
        japanese.stdout
    )


def test_a_module_called_that_is_no_exercise_is_not_named_as_one(tmp_path):
    source = solution("forward").replace(
        "return softmax(", "return softmax(np.random(1) + "
    )
    tree = build_tree(tmp_path / "kata", {"forward": source})

    english = kata("--root", str(tree), "check", "forward", cwd=tree).stdout

    assert "'module' object is not callable" in english
    assert "here is the module" not in english
    assert "likely mistake: a function called with the wrong arguments" in english


@pytest.mark.parametrize(
    "typed, column",
    [("\u3000\u3000return np.dot(a, b)", 4), ("    return np.dot（a, b)", 4 + 13)],
    ids=["full-width space", "full-width bracket"],
)
def test_a_full_width_character_in_the_code_is_named_with_its_caret(
    tmp_path, typed, column
):
    source = f"import numpy as np\n\n\ndef dot(a, b):\n{typed}\n"
    tree = build_tree(tmp_path / "kata", {"dot": source})

    result = kata("--root", str(tree), "check", "dot", cwd=tree)
    japanese = kata("--root", str(tree), "--lang", "ja", "check", "dot", cwd=tree)

    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "syntax error on line 5" in line)
    code, caret = lines[at + 1 : at + 3]
    # The caret sits under the character Python points at, the full-width
    # space itself included.
    assert caret.index("^") == column
    assert code.strip(" ") == typed.strip(" ")
    assert lines[at + 3] == (
        "  likely mistake: a full-width character, typed with a Japanese input "
        "method on: type it again with the input method off."
    )
    assert "日本語入力をオフにして打ち直してください。" in japanese.stdout


@pytest.mark.parametrize(
    "language, said",
    [
        ("en", "error: nn-kata needs the package numpy, which this Python"),
        ("ja", "エラー: nn-kata にはパッケージ numpy が必要ですが、この Python"),
    ],
)
def test_a_python_without_the_packages_is_told_to_activate_the_environment(
    language, said
):
    # -S leaves site-packages out, as a Python outside the environment is.
    result = subprocess.run(
        [sys.executable, "-S", "-m", "grader", "--lang", language, "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )

    assert result.returncode == 2
    # Said as every error that stops a command is: after "error: ".
    assert result.stderr.startswith(said)
    assert "`. .venv/bin/activate`" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_python_without_the_packages_is_told_so_in_rows_a_terminal_holds(
    language,
):
    import fcntl
    import pty
    import struct
    import termios

    from grader import i18n

    # Standard error on a terminal 60 columns wide: the message breaks
    # between words there, rather than where the terminal would cut it.
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    try:
        result = subprocess.run(
            [sys.executable, "-S", "-m", "grader", "--lang", language, "list"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=GRADER_TIMEOUT,
        )
        os.close(follower)
        said = b""
        while chunk := _read_or_end(leader):
            said += chunk
    finally:
        os.close(leader)

    assert result.returncode == 2
    rows = said.decode().replace("\r\n", "\n").rstrip("\n").split("\n")
    assert len(rows) > 2, rows
    assert all(i18n.width(row) < 60 for row in rows), rows
    words = " ".join(said.decode().split()).replace("。 ", "。")
    assert "`. .venv/bin/activate`" in words


def _read_or_end(fd: int) -> bytes:
    """The next bytes a terminal's leader side reads, b"" at its end."""
    try:
        return os.read(fd, 4096)
    except OSError:  # the follower side closed, on Linux
        return b""


@pytest.mark.parametrize(
    "asked", [["--lang=ja_JP"], ["--lang", "jp"], ["--lnag", "ja"]]
)
def test_a_python_without_the_packages_reads_the_language_as_the_grader_does(asked):
    result = subprocess.run(
        [sys.executable, "-S", "-m", "grader", *asked, "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=GRADER_TIMEOUT,
    )

    assert result.returncode == 2
    assert "nn-kata にはパッケージ numpy が必要ですが" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "error: the folder {root} does not exist\n"),
        ("ja", "エラー: フォルダ {root} は存在しません。\n"),
    ],
)
def test_a_root_that_does_not_exist_is_said_not_to_exist(tmp_path, language, said):
    root = tmp_path / "nowhere"

    result = kata("--root", str(root), "list", "--lang", language, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr == said.format(root=root)


def test_a_root_that_is_a_file_is_said_to_be_one(tmp_path):
    root = tmp_path / "kata.py"
    root.write_text("")

    result = kata("--root", str(root), "list", cwd=tmp_path)

    assert result.returncode == 2
    assert f"{root} is a file, not a project folder" in result.stderr


@pytest.mark.parametrize(
    "args, said",
    [
        (
            ("--all", "hint", "dot"),
            "Hints for exercise 1, dot (The matrix product): 4 of 4",
        ),
        (
            ("--lang", "en", "--seen", "hint", "sigmoid"),
            "No hint of sigmoid seen yet",
        ),
    ],
    ids=["all", "seen"],
)
def test_a_commands_flag_may_come_before_the_command(tree, args, said):
    result = kata(*args, cwd=tree)

    assert result.returncode == 0, result.stderr
    assert said in result.stdout


def test_the_flags_moved_after_their_command_are_the_commands_own():
    from grader import cli

    commands = next(
        action for action in cli._parser("kata")._actions if action.dest == "command"
    )
    for name, parser in commands.choices.items():
        own = {
            option
            for action in parser._actions
            if isinstance(action, argparse._StoreTrueAction)
            for option in action.option_strings
        }
        assert set(cli.COMMAND_FLAGS.get(name, ())) == own - {"--separate"}, name


# What `hint` and `check` say of an exercise whose file is gone, by
# language: the file named missing.
MISSING_SGD = {
    "en": "exercises/sgd.py is missing",
    "ja": "exercises/sgd.py がない",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_missing_file_gets_no_hint_only_the_way_back_to_its_stub(fresh_tree, lang):
    (fresh_tree / "exercises" / "sgd.py").unlink()

    checked = kata("--lang", lang, "check", "sgd", cwd=fresh_tree)
    hinted = kata("--lang", lang, "hint", "sgd", cwd=fresh_tree)

    # `check` points to `reset` only: a hint on code that is not there
    # would lead away from the way back to it.
    assert checked.returncode == 1
    assert "reset sgd" in checked.stdout, checked.stdout
    assert "hint sgd" not in checked.stdout, checked.stdout
    # `hint` says so, as the watch does, and counts no hint as seen.
    assert hinted.returncode == 0  # as every `hint`: nothing is graded
    assert MISSING_SGD[lang] in hinted.stdout, hinted.stdout
    assert "reset sgd" in hinted.stdout, hinted.stdout
    assert EXERCISES[8].hints[0][:20] not in hinted.stdout
    hints = fresh_tree / ".kata" / "hints.json"
    assert not hints.exists() or "sgd" not in json.loads(hints.read_text())

"""Machine-readable reports of a gradebook: JSON, JUnit XML, Gradescope's
results.json, all in English; and a Markdown table for a CI job's summary,
in the grader's language.

Each function turns a gradebook into text and writes nothing. Points stay
exact fractions until here, where they are rounded for the format. What
changes from one run of the same code to the next (durations, the time of
the run) is kept in fields of its own, listed in each function's docstring.
"""

import json
import platform
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone
from fractions import Fraction

from grader import i18n
from grader.grading import (
    DONE,
    ERROR_KINDS,
    Grade,
    Gradebook,
    exercise_error,
    first_line,
)
from grader.i18n import _

SCHEMA_VERSION = 1
# Points are written with this many decimals: enough to tell 1/3 from
# 0.33, few enough to read.
DECIMALS = 4
UNIT = Fraction(1, 10**DECIMALS)
# XML 1.0 cannot hold most control characters, which learner output may
# contain (colour codes, stray bytes): they are written as \xNN instead.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Timing:
    """When the grade was taken and how long it took."""

    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    duration: float = 0.0

    @property
    def timestamp(self) -> str:
        return self.started.astimezone(timezone.utc).isoformat(timespec="seconds")


def number(value: Fraction) -> int | float:
    """A fraction as JSON shows it: an int when whole, else rounded.

    The fraction itself is rounded, not its nearest float: a total and the
    parts made to add up to it (see `to_gradescope`) round alike."""
    if value.denominator == 1:
        return int(value)
    return float(round(value, DECIMALS))


def to_json(book: Gradebook, timing: Timing) -> str:
    """The full grade as JSON.

    Varies between runs of the same code: ``timing`` only.
    """
    report = {
        "schema_version": SCHEMA_VERSION,
        "target": book.target,
        "score": number(book.score),
        "max_score": number(book.max_score),
        "done": book.done,
        "exercises_total": len(book.grades),
        "all_done": book.all_done,
        "exercises": [_exercise_json(grade) for grade in book.grades],
        "timing": {
            "started": timing.timestamp,
            "duration": round(timing.duration, 3),
            "exercises": {g.name: round(g.run.duration, 3) for g in book.grades},
        },
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _exercise_json(grade: Grade) -> dict:
    return {
        "number": grade.exercise.number,
        "name": grade.name,
        "title": grade.exercise.title,
        "status": grade.status,
        "passed": grade.passed,
        "failed": grade.failed,
        "total": grade.total,
        "points": number(grade.points),
        "max_points": number(grade.max_points),
        "message": grade.message,
        "error": exercise_error(grade),
        "tests": [
            {
                "name": test.name,
                "passed": test.passed,
                "kind": test.kind,
                "message": test.message,
                "output": test.output,
            }
            for test in grade.run.tests
        ],
    }


def to_junit(book: Gradebook, timing: Timing) -> str:
    """JUnit XML: one test suite per exercise, one test case per test.

    Failed properties are ``<failure>``; tests the exercise's process did
    not survive, or that could not load it, are ``<error>``. An exercise
    with no test results at all gets one test case carrying its error, so
    that nothing missing can look like a pass.

    Varies between runs of the same code: the ``time`` and ``timestamp``
    attributes only.
    """
    suites = ET.Element("testsuites", name=f"nn-kata ({book.target})")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for grade in book.grades:
        suite = _junit_suite(grade, timing)
        suites.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        suites.set(key, str(value))
    suites.set("skipped", "0")
    suites.set("time", _seconds(timing.duration))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def junit_error(target: str, reason: str) -> str:
    """JUnit XML for a submission that could not be graded: one test case,
    named "grading", in error with `reason`, so that a CI that reads the
    file shows why instead of nothing, and nothing reads as a pass."""
    suites = ET.Element("testsuites", name=f"nn-kata ({target})")
    suite = ET.SubElement(suites, "testsuite", name="grading")
    case = ET.SubElement(suite, "testcase", classname="grading", name="grading")
    case.set("time", "0")
    error = ET.SubElement(case, "error", message=_xml_text(reason), type="error")
    error.text = _xml_text(reason)
    for element in (suites, suite):
        for key, value in (("tests", 1), ("failures", 0), ("errors", 1)):
            element.set(key, str(value))
        element.set("skipped", "0")
        element.set("time", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _junit_suite(grade: Grade, timing: Timing) -> ET.Element:
    suite = ET.Element("testsuite", name=grade.name)
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("title", grade.exercise.title),
        ("status", grade.status),
        ("points", str(number(grade.points))),
        ("max_points", str(number(grade.max_points))),
    ):
        ET.SubElement(properties, "property", name=name, value=_xml_text(value))

    classname = f"tests.test_{grade.name}"
    failures = errors = 0
    for test in grade.run.tests:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=classname,
            name=test.name,
            time=_seconds(test.duration),
        )
        if not test.passed:
            tag = "error" if test.kind in ERROR_KINDS else "failure"
            failures += tag == "failure"
            errors += tag == "error"
            problem = ET.SubElement(
                case,
                tag,
                message=_xml_text(first_line(test.message)),
                type=test.kind or "failure",
            )
            problem.text = _xml_text(test.message)
        if test.output:
            ET.SubElement(case, "system-out").text = _xml_text(test.output)
    tests = len(grade.run.tests)
    if grade.run.error and not grade.run.tests:
        case = ET.SubElement(
            suite, "testcase", classname=classname, name=grade.name, time="0"
        )
        error = ET.SubElement(case, "error", message=_xml_text(grade.run.error))
        error.set("type", "error")
        error.text = _xml_text(grade.run.error)
        tests, errors = 1, 1

    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", _seconds(grade.run.duration))
    suite.set("timestamp", timing.started.strftime("%Y-%m-%dT%H:%M:%S"))
    suite.set("hostname", platform.node() or "localhost")
    ET.SubElement(suite, "system-out")
    ET.SubElement(suite, "system-err")
    return suite


def to_gradescope(book: Gradebook, timing: Timing) -> str:
    """Gradescope's results.json: one entry per test, worth its share of
    the exercise's points, and the total score.

    The total is the exact score rounded once, as every other report and
    the summary line show it. The tests' scores add up to it to the last
    decimal, and each test scores all of its share or nothing: each
    exercise's shares add up to its points, and the odd units of the last
    decimal go to its passed tests or to its failed ones so that its
    passed tests make up its exact points rounded down or up, whichever
    brings the sum to the total (see `_earned`).

    Varies between runs of the same code: ``execution_time`` only.
    """
    earned = _earned(book)
    scored = [
        pair
        for grade, units in zip(book.grades, earned, strict=True)
        for pair in _gradescope_tests(grade, units)
    ]
    total = sum((score for score, _ in scored), Fraction(0))
    results = {
        "score": number(total),
        "execution_time": round(timing.duration, 3),
        "output": summary_line(book),
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [entry for _, entry in scored],
    }
    return json.dumps(results, indent=2, ensure_ascii=False) + "\n"


def _gradescope_tests(grade: Grade, earned: int) -> list[tuple[Fraction, dict]]:
    """Each entry of one exercise, with its exact score; its passed tests
    score `earned` units of the last decimal in all."""
    label = f"{grade.exercise.number}. {grade.name}"
    tags = [grade.name, grade.status]
    if not grade.run.tests:
        entry = {
            "name": label,
            "number": str(grade.exercise.number),
            "score": 0,
            "max_score": number(shares(grade.max_points, 1)[0]),
            "status": "failed",
            "output": exercise_error(grade) or grade.message,
            "tags": tags,
            "visibility": "visible",
        }
        return [(Fraction(0), entry)]
    tests = grade.run.tests
    passed = [test.passed for test in tests]
    pairs = []
    for index, (test, share) in enumerate(
        zip(tests, _shares_for(grade.max_points, passed, earned), strict=True),
        start=1,
    ):
        output = test.message
        if test.output:
            output += f"\n\nYour code printed:\n{test.output}"
        score = share if test.passed else Fraction(0)
        entry = {
            "name": f"{label}: {test.name}",
            "number": f"{grade.exercise.number}.{index}",
            "score": number(score),
            "max_score": number(share),
            "status": "passed" if test.passed else "failed",
            "output": output.strip(),
            "tags": tags,
            "visibility": "visible",
        }
        pairs.append((score, entry))
    return pairs


def shares(total: Fraction, count: int) -> list[Fraction]:
    """`total`, rounded to DECIMALS decimals, split into `count` equal
    shares of DECIMALS decimals that add up to it exactly.

    This is largest-remainder rounding: each share is rounded down, and the
    units of the last decimal left over go one each to the shares with the
    largest remainders. The shares being equal, so are their remainders:
    the earliest take the extra units.
    """
    base, extra = divmod(_units(total), count)
    return [(base + (index < extra)) * UNIT for index in range(count)]


def _shares_for(total: Fraction, passed: list[bool], earned: int) -> list[Fraction]:
    """`shares` of `total` for tests that `passed` or not, the odd units
    dealt so that the passed tests' shares make `earned` units: to the
    first passed tests, then to the first failed ones.

    `earned` must lie within what the odd units allow (see `_earned`)."""
    base, extra = divmod(_units(total), len(passed))
    to_passed = earned - base * sum(passed)
    to_failed = extra - to_passed
    units = []
    for test_passed in passed:
        odd = to_passed if test_passed else to_failed
        units.append(base + (odd > 0))
        if test_passed:
            to_passed -= 1
        else:
            to_failed -= 1
    return [unit * UNIT for unit in units]


def _earned(book: Gradebook) -> list[int]:
    """How many units of the last decimal each exercise's passed tests
    score in Gradescope's report.

    Each exercise gets its exact points rounded down, and the units still
    missing from the exact score rounded once go, one each, to the
    exercises whose points were rounded down the most (the earlier on a
    tie). Either way an exercise's passed tests can make it up: with the
    odd units of its shares all on its passed tests, they make its exact
    points or more; with none, its exact points or less.
    """
    exact = [
        Fraction(_units(grade.max_points) * grade.passed, grade.total)
        if grade.total
        else Fraction(0)
        for grade in book.grades
    ]
    earned = [int(value) for value in exact]  # never negative: rounds down
    missing = round(sum(exact)) - sum(earned)
    order = sorted(range(len(exact)), key=lambda i: -(exact[i] - earned[i]))
    for index in order[:missing]:
        earned[index] += 1
    return earned


def _units(value: Fraction) -> int:
    """`value` in units of the last decimal written, rounded."""
    return round(value / UNIT)


def to_markdown(book: Gradebook) -> str:
    """A Markdown table of the exercises, for a CI job's summary page.

    The one report written for people only: it speaks the grader's
    language, as the terminal does, where the others keep to English.
    """
    heading = _(
        "nn-kata grade: {done} of {total} exercises done, score {score}/{max_score}",
        done=book.done,
        total=len(book.grades),
        score=number(book.score),
        max_score=number(book.max_score),
    )
    if book.target != "exercises":
        heading += f" ({book.target})"
    columns = (_("exercise"), _("status"), _("tests"), _("points"), _("note"))
    lines = [
        f"### {heading}",
        "",
        f"| # | {' | '.join(columns)} |",
        "|--:|:--|:--|--:|--:|:--|",
    ]
    for grade in book.grades:
        status = i18n.status(grade.status)
        status = f"**{status}**" if grade.status == DONE else status
        lines.append(
            f"| {grade.exercise.number} | {grade.name} | {status} "
            f"| {grade.passed}/{grade.total} "
            f"| {number(grade.points)}/{number(grade.max_points)} "
            f"| {_markdown_cell(i18n.failure(_(grade.message)))} |"
        )
    return "\n".join(lines) + "\n\n"


def summary_line(book: Gradebook) -> str:
    """'3 of 10 exercises done, score 35/100', with the target if unusual."""
    line = (
        f"{book.done} of {len(book.grades)} exercises done, "
        f"score {number(book.score)}/{number(book.max_score)}"
    )
    if book.target != "exercises":
        line += f" ({book.target})"
    return line


def _markdown_cell(text: str) -> str:
    text = i18n.collapsed(text)
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _seconds(value: float) -> str:
    return f"{value:.3f}"

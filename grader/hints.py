"""Hints, one more each time they are asked for.

How many hints of each exercise the learner has seen is remembered in a
small JSON file in the project's state folder (``.kata/hints.json``), so
that asking again shows the next one. A missing or damaged file counts as
no hints seen: losing it costs nothing but a repeat.
"""

import json
from pathlib import Path

from grader.exercises import ExerciseInfo
from grader.files import write_atomically

STATE_FILE = "hints.json"


def seen(state_dir: Path) -> dict[str, int]:
    """How many hints of each exercise have been shown."""
    try:
        data = json.loads((state_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(name): count
        for name, count in data.items()
        if isinstance(count, int) and count >= 0
    }


def reveal(
    exercise: ExerciseInfo, already: int, everything: bool = False
) -> tuple[str, ...]:
    """The hints to show now: those already seen and the next one (or all)."""
    count = len(exercise.hints) if everything else already + 1
    return exercise.hints[: min(count, len(exercise.hints))]


def remember(state_dir: Path, name: str, count: int) -> None:
    """Record that `count` hints of exercise `name` have been shown.

    Raises OSError when the state folder cannot be written.
    """
    counts = seen(state_dir)
    counts[name] = max(count, counts.get(name, 0))
    text = json.dumps(counts, indent=2, sort_keys=True) + "\n"
    write_atomically(state_dir / STATE_FILE, text)

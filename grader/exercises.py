"""The exercise list: order, titles, points and hints, read from exercises.toml."""

import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CATALOGUE = Path(__file__).with_name("exercises.toml")


@dataclass(frozen=True)
class ExerciseInfo:
    """One exercise of the kata, as the catalogue describes it."""

    number: int
    name: str
    title: str
    points: Fraction
    hints: tuple[str, ...]
    # The same in Japanese (see grader.i18n); empty where not translated.
    title_ja: str = ""
    hints_ja: tuple[str, ...] = ()

    @property
    def module_file(self) -> str:
        return f"exercises/{self.name}.py"

    @property
    def test_file(self) -> str:
        return f"tests/test_{self.name}.py"


def load_catalogue(path: Path = CATALOGUE) -> list[ExerciseInfo]:
    """Return the exercises in learning order."""
    with open(path, "rb") as file:
        data = tomllib.load(file)
    return [
        ExerciseInfo(
            number=number,
            name=entry["name"],
            title=entry["title"],
            points=Fraction(str(entry["points"])),
            hints=tuple(entry.get("hints", ())),
            title_ja=entry.get("title_ja", ""),
            hints_ja=tuple(entry.get("hints_ja", ())),
        )
        for number, entry in enumerate(data["exercise"], start=1)
    ]


EXERCISES = load_catalogue()
NAMES = [exercise.name for exercise in EXERCISES]


def find(name: str) -> ExerciseInfo | None:
    """The exercise called `name`, or None."""
    return next((e for e in EXERCISES if e.name == name), None)

"""How fast the grader gives feedback, against the least it could cost.

    python benchmarks/bench.py [--repeat N] [--exercise NAME]

Times, in fresh processes, from the project root:

- the floor: starting Python and importing numpy, pytest and hypothesis,
  which every grade pays before any test runs;
- a full grade of the model answers (``python -m grader --target
  solutions``);
- a single check (``python -m grader --target solutions check NAME``);
- both again on a copy of the project whose tests are one trivial test
  per exercise: the cost of the grader alone;

and prints each time, its ratio to the floor, and whether it meets its
target. Then it checks each exercise alone, to show where the time goes.

Each figure is the median of several runs (the median ignores a slow
outlier). Wall time is what the learner waits; CPU time, that of the
grader and every process it starts, hardly depends on what else the
machine is doing, so it is the figure to compare between machines.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "import numpy, pytest, hypothesis.extra.numpy"
# Feedback that feels instant, on a 2-core machine.
FULL_GRADE_TARGET = 2.0  # seconds, all ten exercises
ONE_EXERCISE_TARGET = 1.0  # seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure")
    parser.add_argument("--exercise", default="dot", help="the one to check")
    args = parser.parse_args(argv)

    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    # The copy of the project has no grader package: use this one.
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), env.get("PYTHONPATH")])
    )
    grader = [sys.executable, "-m", "grader", "--target", "solutions"]
    grader_text = "python -m grader --target solutions"
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "grade.json"
        floor = median_time([sys.executable, "-c", FLOOR], args.repeat, env)
        full = median_time([*grader, "--json", str(report)], args.repeat, env)
        one = median_time([*grader, "check", args.exercise], args.repeat, env)
        grade = json.loads(report.read_text())
        names = list(grade["timing"]["exercises"])
        bare = ["--root", str(trivial_project(Path(scratch) / "kata", names))]
        bare_full = median_time([*grader, *bare], args.repeat, env)
        bare_one = median_time([*grader, *bare, "check", names[0]], args.repeat, env)

    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"median of {args.repeat} runs each\n")
    print(f"{'':32}{'wall s':>8}{'x floor':>9}{'CPU s':>8}  target (wall)")
    for label, (wall, cpu), target in (
        ("start Python, import the libs", floor, None),
        ("full grade (10 exercises)", full, FULL_GRADE_TARGET),
        (f"check {args.exercise}", one, ONE_EXERCISE_TARGET),
        ("grader alone: full grade", bare_full, FULL_GRADE_TARGET),
        (f"grader alone: check {names[0]}", bare_one, ONE_EXERCISE_TARGET),
    ):
        line = f"{label:32}{wall:8.2f}{wall / floor[0]:9.1f}{cpu:8.2f}"
        if target is not None:
            line += f"  <= {target:g} s {'met' if wall <= target else 'MISSED'}"
        print(line)

    print("(grader alone: one trivial test per exercise)")

    print(f"\nper exercise: {grader_text} check NAME, slowest first")
    print(f"  {'':20}{'wall s':>8}{'CPU s':>8}{'CPU - floor':>13}")
    checks = {
        name: median_time([*grader, "check", name], args.repeat, env)
        for name in grade["timing"]["exercises"]
    }
    for name, (wall, cpu) in sorted(checks.items(), key=lambda item: -item[1][1]):
        print(f"  {name:20}{wall:8.2f}{cpu:8.2f}{cpu - floor[1]:13.2f}")
    if grade["done"] != len(grade["exercises"]):
        print("\nwarning: not every model answer is done; the times mean little")
    return 0


def trivial_project(folder: Path, names: list[str]) -> Path:
    """A copy of the project whose test modules each hold one test that
    passes at once: grading it costs what the grader itself costs."""
    for item in ("conftest.py", "pyproject.toml", "grader/exercises.toml"):
        (folder / item).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / item, folder / item)
    for package in ("exercises", "solutions"):
        shutil.copytree(ROOT / package, folder / package)
    tests = folder / "tests"
    shutil.copytree(ROOT / "tests", tests, ignore=shutil.ignore_patterns("test_*"))
    for name in names:
        (tests / f"test_{name}.py").write_text("def test_nothing():\n    pass\n")
    return folder


def median_time(command: list[str], repeat: int, env: dict) -> tuple[float, float]:
    """The median wall time and the median CPU time (of the process and
    every process it started) of `command`, run `repeat` times from the
    root. CPU time hardly depends on what else the machine is doing."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())

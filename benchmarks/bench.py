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

    python benchmarks/bench.py --watch [--repeat N] [--exercise NAME]

times the watch instead: how long after an exercise file is saved the
watch (``python -m grader watch``) shows its new grade, with file events
and with polling; then both again on a copy whose test is one trivial
test (the watch's own cost). It saves the model answer, slightly changed
each time, into a copy of the project and waits for the redraw.

Each figure is the median of several runs (the median ignores a slow
outlier). Wall time is what the learner waits; CPU time, that of the
grader and every process it starts, hardly depends on what else the
machine is doing, so it is the figure to compare between machines.
"""

import argparse
import json
import os
import queue
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "import numpy, pytest, hypothesis.extra.numpy"
# Feedback that feels instant, on a 2-core machine.
FULL_GRADE_TARGET = 2.0  # seconds, all ten exercises
ONE_EXERCISE_TARGET = 1.0  # seconds
WATCH_TARGET = 0.3  # seconds from saving a file to seeing its grade
# Far longer than a watch takes to start or to grade one exercise.
WATCH_TIMEOUT = 120.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure")
    parser.add_argument("--exercise", default="dot", help="the one to check")
    parser.add_argument(
        "--watch", action="store_true", help="time the watch's save-to-result"
    )
    args = parser.parse_args(argv)

    # Python caches compiled modules unless told not to: time the grader as
    # a learner's Python runs it, whatever this shell says.
    unset = ("GITHUB_STEP_SUMMARY", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    # The copy of the project has no grader package: use this one.
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), env.get("PYTHONPATH")])
    )
    if args.watch:
        return watch_report(args.exercise, args.repeat, env)
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


def watch_report(name: str, repeat: int, env: dict) -> int:
    """Print the watch's save-to-result latency, with events and polling."""
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"watch: saving exercises/{name}.py until its grade is shown,")
    print(f"median of {repeat} saves (the grade alone, as the watch times it)\n")
    for alone in (False, True):
        for mode in ([], ["--poll"]):
            with tempfile.TemporaryDirectory() as scratch:
                folder = Path(scratch) / "kata"
                if alone:
                    trivial_project(folder, [name])
                else:
                    full_copy(folder)
                saves, grades = watch_latency(folder, name, repeat, env, mode)
            wall = statistics.median(saves)
            label = ("watch alone, " if alone else "") + (
                "polling" if mode else "file events"
            )
            verdict = "met" if wall <= WATCH_TARGET else "MISSED"
            print(
                f"  {label:26}{wall:6.2f} s  "
                f"(grade {statistics.median(grades):.2f} s)"
                f"  <= {WATCH_TARGET:g} s {verdict}"
            )
    print("(watch alone: one trivial test in place of the exercise's tests)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


def full_copy(folder: Path) -> Path:
    """A copy of the project to save files into, with its real tests."""
    for item in ("conftest.py", "pyproject.toml", "grader/exercises.toml"):
        (folder / item).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / item, folder / item)
    for package in ("exercises", "solutions", "tests", "data"):
        shutil.copytree(
            ROOT / package, folder / package, ignore=shutil.ignore_patterns("__py*")
        )
    return folder


def watch_latency(
    folder: Path, name: str, repeat: int, env: dict, mode: list[str]
) -> tuple[list[float], list[float]]:
    """Seconds from each save of exercise `name` to the end of the screen
    showing its grade, and the grade's own time as the screen states it."""
    command = [sys.executable, "-m", "grader", "watch", "--root", str(folder)]
    watch = subprocess.Popen(
        [*command, *mode],
        cwd=folder,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in watch.stdout], daemon=True
    ).start()
    answer = (ROOT / "solutions" / f"{name}.py").read_text()
    saves, grades = [], []
    try:
        _next_screen(lines)
        for number in range(repeat):
            # A new comment each time: the content changes, the grade not.
            (folder / "exercises" / f"{name}.py").write_text(
                f"{answer}\n# save {number}\n"
            )
            start = time.perf_counter()
            screen = _next_screen(lines)
            saves.append(time.perf_counter() - start)
            graded = re.search(r"graded in ([0-9.]+) s", screen)
            grades.append(float(graded.group(1)) if graded else float("nan"))
    finally:
        watch.kill()
        watch.wait()
    return saves, grades


def _next_screen(lines: queue.Queue) -> str:
    """The watch's output up to the end of its next screen (its keys)."""
    deadline = time.monotonic() + WATCH_TIMEOUT
    screen = []
    while not (screen and screen[-1].startswith("keys:")):
        screen.append(lines.get(timeout=max(0.0, deadline - time.monotonic())))
    return "".join(screen)


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

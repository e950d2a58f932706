"""How long batch grading takes for a class of 100.

    python benchmarks/batch.py [--students N] [--jobs J] [--kind KIND]

Makes a student release of this project, then N submissions from it, and
times ``python -m grader batch`` on them with J grades at a time. The class
is a mix, as at the middle of a course: a fifth each with every exercise
solved, half of them solved, two solved, none started, and a module that
does not even import. ``--kind`` makes every submission one kind instead
(``complete`` is the slowest: every test runs to the end).

The target is 100 submissions on 2 cores in at most 2 minutes. Besides
the wall time it prints the CPU time of the batch and every process it
started, which does not depend on what else the machine is doing.
"""

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.exercises import NAMES  # noqa: E402
from grader.release import release  # noqa: E402

TARGET_SECONDS = 120.0
KINDS = {
    "complete": len(NAMES),
    "halfway": len(NAMES) // 2,
    "started": 2,
    "untouched": 0,
    "broken": -1,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2, help="grades at a time")
    parser.add_argument("--kind", choices=sorted(KINDS), help="one kind for all")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kata-batch-bench-") as scratch:
        scratch = Path(scratch)
        pristine = release(ROOT, scratch / "release")
        kinds = [args.kind] if args.kind else list(KINDS)
        for number in range(args.students):
            kind = kinds[number % len(kinds)]
            make_submission(scratch / "class" / f"s{number:03d}-{kind}", kind)
        seconds, cpu = grade(scratch, pristine, args.jobs)
        counts = tally(scratch / "grades.csv")

    cores = os.cpu_count()
    verdict = "meets" if seconds <= TARGET_SECONDS else "misses"
    print(f"{args.students} submissions ({', '.join(kinds)}), {args.jobs} at a time")
    print(f"wall: {seconds:.1f} s on {cores} cores ({verdict} the 2-minute target)")
    # On a machine shared with other work the wall time grows; the CPU
    # time does not, and divided by the jobs it bounds from below the wall
    # time of the same batch on that many idle cores.
    print(
        f"CPU: {cpu:.1f} s, {cpu / args.students:.2f} s a submission; "
        f"at best {cpu / args.jobs:.0f} s on {args.jobs} idle cores"
    )
    print(f"statuses: {counts}")
    return 0 if seconds <= TARGET_SECONDS else 1


def make_submission(folder: Path, kind: str) -> None:
    """A submission of `kind`: only exercises/, as a student hands it in."""
    exercises = folder / "exercises"
    exercises.mkdir(parents=True)
    solved = KINDS[kind]
    for number, name in enumerate(NAMES):
        source = "solutions" if number < solved else "exercises"
        text = (ROOT / source / f"{name}.py").read_text()
        if solved < 0 and number == 0:
            text = "def dot(a, b)\n    return a @ b\n"  # a syntax error
        (exercises / f"{name}.py").write_text(text)


def grade(scratch: Path, pristine: Path, jobs: int) -> tuple[float, float]:
    """Run the batch; its wall time and CPU time (of every process it
    started), in seconds."""
    command = [sys.executable, "-m", "grader", "batch", str(scratch / "class")]
    command += ["--csv", str(scratch / "grades.csv"), "--jobs", str(jobs)]
    command += ["--tests-from", str(pristine)]
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    before = _children_cpu()
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started, _children_cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tally(gradebook: Path) -> dict[str, int]:
    with gradebook.open() as file:
        rows = list(csv.DictReader(file))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


if __name__ == "__main__":
    sys.exit(main())

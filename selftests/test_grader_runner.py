"""The runner on small test modules written for the purpose: what comes
back from a child process, whatever becomes of it."""

import os
import re
import tempfile
from dataclasses import replace

import pytest

from grader import i18n, runner
from grader.results import ExerciseRun, TestResult, lines_cut
from grader.runner import Job, WarmSession, run_many
from grader.session import _reader_gone
from selftests.grader_support import runner_project

# Test modules that take no time, so that only the runner is being timed.
PASSING = "def test_one():\n    pass\n\n\ndef test_two():\n    pass\n"
PRINTS_AND_FAILS = """
def test_fine():
    pass


def test_noisy_failure():
    print("printed before failing")
    assert 1 == 2, "one is not two"
"""
HANGS_AFTER_A_PASS = """
import time


def test_quick():
    pass


def test_slow():
    time.sleep(60)


def test_in_the_other_share():
    pass


def test_never_reached():
    pass
"""
PRINTS_500_LINES = """
def test_noisy():
    for epoch in range(500):
        print(f"epoch {epoch}: loss {1 / (epoch + 1):.6f}")
    assert False, "the loss did not fall"
"""
KILLS_ITS_SESSION = """
import os
import signal


def test_ends_the_process_that_started_it():
    os.kill(os.getppid(), signal.SIGKILL)
"""
# Long enough to start a child and run a passing test on a busy machine.
SHORT_TIMEOUT = 3.0


project = runner_project


def test_runs_come_back_in_job_order_and_each_is_announced_once(tmp_path):
    root = project(tmp_path, {"a": PASSING, "b": PRINTS_AND_FAILS, "c": PASSING})
    finished = []
    runs = run_many(
        [Job(name, root) for name in "abc"],
        on_finish=lambda index, run: finished.append(index),
    )

    assert [run.name for run in runs] == ["a", "b", "c"]
    assert sorted(finished) == [0, 1, 2]


def test_each_test_brings_back_its_outcome_and_its_output(tmp_path):
    root = project(tmp_path, {"b": PRINTS_AND_FAILS})
    (run,) = run_many([Job("b", root)])
    fine, noisy = run.tests

    assert not run.error
    assert (fine.name, fine.passed, fine.output) == ("test_fine", True, "")
    assert (noisy.passed, noisy.kind) == (False, "failure")
    assert "one is not two" in noisy.message
    assert noisy.output == "printed before failing\n"


def test_terminal_escapes_in_output_and_messages_come_back_harmless(tmp_path):
    # A learner's print (or exception) could clear the screen and draw a
    # fake score on the terminal of whoever reads the grade.
    escapes = """
def test_escapes():
    print("\\x1b[2J\\x1b[Hscore 100/100\\r\\n")
    assert False, "\\x1b[31mred\\x07"
"""
    root = project(tmp_path, {"e": escapes})
    (run,) = run_many([Job("e", root)])
    (test,) = run.tests

    assert test.output == "\\x1b[2J\\x1b[Hscore 100/100\n\n"
    assert "\\x1b[31mred\\x07" in test.message
    assert "\x1b" not in test.output + test.message


def test_a_hung_test_is_stopped_and_the_tests_before_it_still_count(tmp_path):
    root = project(tmp_path, {"h": HANGS_AFTER_A_PASS})
    (run,) = run_many([Job("h", root, timeout=SHORT_TIMEOUT)])
    outcomes = {test.name: (test.passed, test.kind) for test in run.tests}

    assert run.error == (
        f"exercises/h.py was still running after {SHORT_TIMEOUT:g} s in test_slow: "
        "an endless loop?"
    )
    # The tests are dealt out to two workers: the first and the third to
    # one, the second and the fourth to the other.
    assert outcomes == {
        "test_quick": (True, ""),
        "test_slow": (False, "timeout"),
        "test_in_the_other_share": (True, ""),
        "test_never_reached": (False, "not_run"),
    }
    assert list(outcomes) == [
        "test_quick",
        "test_slow",
        "test_in_the_other_share",
        "test_never_reached",
    ]
    assert run.duration < SHORT_TIMEOUT + 5


LOOPS_IN_THE_MODULE = """
from exercises.spin import spin


def test_spins():
    spin()
"""
SPINS = """
def spin():
    n = 0
    while n >= 0:
        n += 1
"""


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
def test_a_timeout_says_which_line_of_the_module_was_running(
    tmp_path, monkeypatch, separate
):
    # The stacks' files go here, to be seen removed afterwards.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    root = project(tmp_path, {"spin": LOOPS_IN_THE_MODULE})
    (root / "exercises" / "spin.py").write_text(SPINS.lstrip())
    job = Job("spin", root, timeout=SHORT_TIMEOUT, separate=separate)
    (run,) = run_many([job])

    # The line it was stopped at says so; stopped inside the loop, below
    # its first line, that line is shown too.
    loop = "an endless loop? The loop on lines 3-4 did not end in time.\n"
    assert run.error.endswith(loop + "  stopped at line 3: while n >= 0:") or (
        run.error.endswith(
            loop + "  line 3: while n >= 0:\n  stopped at line 4: n += 1"
        )
    )
    assert not list(scratch.iterdir())


# A loop whose every pass calls a function of the module: the time goes
# into the call, and the loop is still the one to name.
CALLS_IN_A_LOOP = """
def spin():
    n = 0
    while n >= 0:
        n = step(n)


def step(n):
    n = n + 1
    return n - 1
"""


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
def test_a_timeout_in_a_function_the_loop_calls_names_the_loop(tmp_path, separate):
    root = project(tmp_path, {"spin": LOOPS_IN_THE_MODULE})
    (root / "exercises" / "spin.py").write_text(CALLS_IN_A_LOOP.lstrip())
    job = Job("spin", root, timeout=SHORT_TIMEOUT, separate=separate)
    (run,) = run_many([job])
    *sentence, stopped = run.error.splitlines()

    assert sentence[0].endswith("The loop on lines 3-4 did not end in time.")
    assert re.fullmatch(r"  stopped at line [3-9]: .+", stopped)
    if stopped != "  stopped at line 3: while n >= 0:":
        assert sentence[1:] == ["  line 3: while n >= 0:"]


# A while loop whose condition tests a counter the body never increases,
# with a for loop inside it, where the time limit is likely to stop it.
NEVER_COUNTS = """
def spin():
    epoch, epochs, total = 0, 3, 0
    while epoch < epochs:
        for step in range(1000):
            total = total + step
"""


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
def test_a_timeout_in_a_while_loop_that_changes_no_name_of_its_condition_names_it(
    tmp_path, separate
):
    root = project(tmp_path, {"spin": LOOPS_IN_THE_MODULE})
    (root / "exercises" / "spin.py").write_text(NEVER_COUNTS.lstrip())
    job = Job("spin", root, timeout=SHORT_TIMEOUT, separate=separate)
    (run,) = run_many([job])

    assert run.error.startswith(
        f"exercises/spin.py was still running after {SHORT_TIMEOUT:g} s in "
        "test_spins: nothing inside the while loop changes `epoch`, which its "
        "condition tests, so the loop never ends. "
        "The loop on lines 3-5 did not end in time.\n"
    )


@pytest.mark.parametrize(
    "body, stuck",
    [
        ("    while epoch < epochs:\n        print(epoch, len(x))\n", "epoch"),
        ("    while epoch < epochs:\n        epoch += 1\n", None),
        ("    while epoch < epochs:\n        epoch, y = step(epoch)\n", None),
        ("    while epoch < epochs:\n        if x:\n            break\n", None),
        ("    while epoch < epochs:\n        return x\n", None),
        ("    while len(x) < epochs:\n        x.append(1)\n", None),
        ("    while len(x) < epochs:\n        y = x\n        y.append(1)\n", None),
        ("    while x:\n        pop(x)\n", None),
        ("    while not done():\n        pass\n", None),
        ("    while True:\n        pass\n", None),
        ("    while epoch < epochs:\n        bump()\n", None),  # global
        ("    while i < n:\n        for j in x:\n            break\n", "i"),
        ("    while i < len(x):\n        k = x[i]\n        k.append(1)\n", "i"),
        ("    while i < len(x):\n        del x[i]\n", None),
        ("    while i < len(x):\n        x[i:] = []\n", None),
        ("    while x != y:\n        k = x[0]\n        k.append(1)\n", None),
        # Writing into an array changes neither its size nor its shape.
        ("    while i < x.size:\n        k = x[i]\n        x[i] = k + 1\n", "i"),
        ("    while i < x.size:\n        x[i] += 1\n", "i"),
        ("    while i < x.shape[0]:\n        x[i] = 0\n", "i"),
        ("    while i < x.size:\n        x.flat[i] = x.flat[i] + 1\n", "i"),
        ("    while i < x.size:\n        y = f(x.shape)\n", "i"),
        # A name read in an index of several parts, or a slice, is read.
        ("    while i < x.shape[0]:\n        x[i, j] += h\n", "i"),
        ("    while i < epochs:\n        y = x[i, :j]\n", "i"),
        ("    while i < epochs:\n        y = x[i:epochs]\n", "i"),
        ("    while i < epochs:\n        y = f((i, j))\n", None),
        ("    while i < epochs:\n        x[(i, j)], i = 0, 1\n", None),
        ("    while i < x.size:\n        i += 1\n", None),
        ("    while i < x.size:\n        x = step(x)\n", None),
        ("    while i < x.size:\n        x.resize(9)\n", "i?"),
        ("    while i < x.size:\n        x.shape = (9,)\n", "i?"),
        ("    while i < x.size:\n        del x[i]\n", "i?"),
        ("    while i < x.size:\n        x.append(1)\n", "i?"),
        ("    while i < x.size:\n        y = x\n        y.resize(9)\n", "i?"),
        # A counter that never moves, beside an array whose size might
        # change in place (a call it is passed to, a method of it): the
        # counter is named, without saying that the loop cannot end.
        ("    while i < x.size:\n        x.flat[i] = 0\n        y = f(x)\n", "i?"),
        ("    while i < x.shape[0]:\n        y = f(x)\n", "i?"),
        ("    while i < len(x.ravel()):\n        y = f(x)\n", "i?"),
        ("    while i < len(x.flat):\n        y = f(x=x)\n", "i?"),
        ("    while i < x.size:\n        y = f(x)\n        i += 1\n", None),
        ("    while i < x.size:\n        x = f(x)\n", None),
        ("    while i < len(x):\n        y = f(x)\n", None),
        ("    while i < epochs:\n        y = f(epochs)\n", None),
        # Read flattened, an array's length is its size.
        ("    while i < len(x.ravel()):\n        x.flat[i] += 1\n", "i"),
        ("    while i < len(x.flatten()):\n        y = x[i]\n", "i"),
        ("    while i < len(x.ravel()[0]):\n        y = 1\n", None),
        ("    while i < len(x.ravel(order)):\n        y = 1\n", None),
        # A dict grows by an item: its length is not an array's size.
        ("    while len(x) < epochs:\n        x[len(x)] = 0\n", None),
        # An np.nditer ends only as iternext() moves it on.
        ("    while not it.finished:\n        y = it.multi_index\n", "it"),
        ("    while not it.finished:\n        x[it.multi_index] = 0\n", "it"),
        ("    while not it.finished:\n        it.iternext()\n", None),
        ("    while not it.finished:\n        next(it)\n", None),
        ("    while not it.finished:\n        it = step(it)\n", None),
    ],
)
def test_a_while_loop_is_stuck_only_where_its_body_cannot_change_its_condition(
    tmp_path, body, stuck
):
    module = tmp_path / "loop.py"
    source = "def spin(x, epochs):\n    epoch = 0\n" + body
    source += (
        "\n\ndef bump():\n    global epoch\n    epoch = 9\n" if "bump" in body else ""
    )
    module.write_text(source)
    found = runner._while_stuck(module, ((4, ""),))
    # "i?": `i` named, as the counter that never moves of a loop that
    # might end otherwise.
    name, sure = (stuck.rstrip("?"), not stuck.endswith("?")) if stuck else ("", 1)

    assert (found and found[3]) == (name or None)
    if found and "finished" not in body:
        guess = runner.WHILE_GUESS if sure else runner.COUNTER_GUESS
        assert found[4] == guess.format(name=name)


def test_a_while_loop_over_an_nditer_never_moved_on_says_iternext_is_missing(
    tmp_path,
):
    module = tmp_path / "loop.py"
    module.write_text(
        "def spin(x):\n    it = np.nditer(x, flags=['multi_index'])\n"
        "    while not it.finished:\n        x[it.multi_index] += 1\n"
    )
    found = runner._while_stuck(module, ((4, ""),))

    assert found[4] == (
        "nothing inside the while loop calls `it.iternext()`, so "
        "`it.finished`, which its condition tests, stays False and the loop "
        "never ends."
    )


# A loop whose every pass prints (nothing, so that no output limit stops
# it first): the time it takes goes into print.
PRINTS_IN_A_LOOP = """
def spin():
    while True: print(end="")
"""


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
def test_a_timeout_on_a_line_that_prints_says_printing_is_slow(tmp_path, separate):
    root = project(tmp_path, {"spin": LOOPS_IN_THE_MODULE})
    (root / "exercises" / "spin.py").write_text(PRINTS_IN_A_LOOP.lstrip())
    job = Job("spin", root, timeout=SHORT_TIMEOUT, separate=separate)
    (run,) = run_many([job])

    assert run.error.startswith(
        f"exercises/spin.py was still running after {SHORT_TIMEOUT:g} s in "
        f"test_spins: {runner.PRINT_GUESS}"
    )
    assert run.error.endswith(
        "The loop on line 2 did not end in time.\n"
        '  stopped at line 2: while True: print(end="")'
    )


@pytest.mark.parametrize(
    "code, prints",
    [
        ("print(x)", True),
        ("for v in x: print (v)", True),
        ("out = x  # print(x) left for later", False),
        ("self.print(x)", False),
        ("blueprint(x)", False),
        ("n += 1", False),
    ],
)
def test_a_line_is_said_to_print_where_it_calls_print(code, prints):
    assert runner._prints(code) is prints


def test_long_output_comes_back_in_whole_lines_with_those_cut_counted(tmp_path):
    root = project(tmp_path, {"n": PRINTS_500_LINES})
    (run,) = run_many([Job("n", root)])
    lines = run.tests[0].output.splitlines()
    cut = [lines_cut(line) for line in lines if lines_cut(line) is not None]
    kept = [line for line in lines if lines_cut(line) is None]

    assert len(cut) == 1 and len(kept) + cut[0] == 500
    assert all(re.fullmatch(r"epoch \d+: loss \d\.\d{6}", line) for line in kept)
    assert kept[0] == "epoch 0: loss 1.000000"
    assert kept[-1] == "epoch 499: loss 0.002000"


def test_a_test_module_that_does_not_load_is_an_error(tmp_path):
    root = project(tmp_path, {"s": "def test_broken(:\n    pass\n"})
    (run,) = run_many([Job("s", root)])

    assert "the tests could not be loaded" in run.error
    assert run.tests == []


def test_a_missing_test_module_is_an_error_without_a_process(tmp_path):
    root = project(tmp_path, {})
    (run,) = run_many([Job("nothing", root)])

    assert run.error == "no tests found: tests/test_nothing.py does not exist"


@pytest.mark.parametrize("workers", [1, 3])
def test_pytest_refusing_to_start_is_an_error_not_a_pass(tmp_path, workers):
    # Without conftest.py, pytest does not know the --target option.
    root = project(tmp_path, {"a": PASSING}, conftest=False)
    (run,) = run_many([Job("a", root)], workers=workers)

    assert "pytest could not run the tests" in run.error
    assert "--target" in run.error


def outcomes(run):
    return [(test.name, test.passed, test.kind, test.output) for test in run.tests]


def test_a_warm_session_brings_back_what_a_grade_of_its_own_does(tmp_path):
    root = project(tmp_path, {"a": PASSING, "b": PRINTS_AND_FAILS, "s": "x = (\n"})
    jobs = [Job(name, root) for name in "abs"]
    alone = run_many(jobs)
    session = WarmSession(root)
    try:
        first = session.run(jobs)
        again = session.run(jobs[1:2])
    finally:
        session.close()

    assert [outcomes(run) for run in first] == [outcomes(run) for run in alone]
    assert [run.error for run in first] == [run.error for run in alone]
    assert outcomes(again[0]) == outcomes(alone[1])


def test_a_warm_session_killed_by_the_code_it_runs_is_started_again(tmp_path):
    root = project(tmp_path, {"a": PASSING, "k": KILLS_ITS_SESSION})
    session = WarmSession(root)
    try:
        session.start()
        killed = session.pid
        session.run([Job("k", root)])
        (after,) = session.run([Job("a", root)])
        started_again = session.pid not in (0, killed)
    finally:
        session.close()

    assert started_again
    assert not after.error
    assert [(t.name, t.passed) for t in after.tests] == [
        ("test_one", True),
        ("test_two", True),
    ]


LOOPS_AND_PRINTS = """
from exercises.chatter import chatter


def test_chatters():
    chatter()
"""
# Slowly enough not to reach the output limit before the time limit.
CHATTERS = """
import time


def chatter():
    epoch = 0
    while True:
        print("loss", epoch)
        epoch += 1
        time.sleep(0.001)
"""


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
def test_a_timeout_shows_the_last_lines_printed_before_the_kill(tmp_path, separate):
    root = project(tmp_path, {"chatter": LOOPS_AND_PRINTS})
    (root / "exercises" / "chatter.py").write_text(CHATTERS.lstrip())
    job = Job("chatter", root, timeout=SHORT_TIMEOUT, separate=separate)
    (run,) = run_many([job])
    (test,) = run.tests
    lines = test.output.splitlines()
    kept = [line for line in lines if lines_cut(line) is None]

    assert run.timed_out and test.kind == "timeout"
    assert kept[0] == "loss 0"
    assert all(re.fullmatch(r"loss \d+", line) for line in kept)
    assert len(test.output) <= 2000 + 100


# Two tests that never end, dealt out one to each worker, and one more.
BOTH_SPIN = """
from exercises.spin import spin


def test_spins_here():
    spin()


def test_spins_there():
    spin()


def test_never_reached():
    pass
"""


def test_a_loop_that_both_workers_reach_is_one_stop_naming_both_tests(tmp_path):
    root = project(tmp_path, {"spin": BOTH_SPIN})
    (root / "exercises" / "spin.py").write_text(SPINS.lstrip())
    (run,) = run_many([Job("spin", root, timeout=SHORT_TIMEOUT)])
    here, there, never = run.tests

    # One time limit, reached in two processes: one stop, both tests named,
    # and each line they were running (the same one, or the loop's two).
    assert re.fullmatch(
        rf"exercises/spin\.py was still running after {SHORT_TIMEOUT:g} s: an "
        r"endless loop\? The loop on lines 3-4 did not end in time\. This "
        r"happened in both tests that were running: test_spins_here and "
        r"test_spins_there\.\n(?P<rows>.*)",
        run.error,
        re.DOTALL,
    )
    # Each worker was stopped at the loop's test or in its body: the rows
    # mark every line one of them was stopped at, and the test stopped
    # there when they were stopped at two lines.
    rows = run.error.split("\n", 1)[1]
    assert re.fullmatch(
        r"  stopped at line 3: while n >= 0:"
        r"|  stopped at line 3 in test_spins_(here|there): while n >= 0:\n"
        r"  stopped at line 4 in test_spins_(here|there): n \+= 1"
        r"|  line 3: while n >= 0:\n  stopped at line 4: n \+= 1",
        rows,
    ), rows
    blame = re.sub(r" This happened.*there\.", "", run.error)
    assert (
        (here.kind, here.message)
        == (there.kind, there.message)
        == (
            "timeout",
            blame,
        )
    )
    assert never.kind == "not_run"
    assert run.timed_out and run.stopped_at_limit


# Prints without end, in both workers, until the output limit stops them.
BOTH_FLOOD = """
def test_floods_here():
    while True:
        print("loss" * 100)


def test_floods_there():
    while True:
        print("loss" * 100)


def test_never_reached():
    pass
"""


def test_printing_past_the_limit_in_both_workers_is_one_stop(tmp_path):
    root = project(tmp_path, {"flood": BOTH_FLOOD})
    (run,) = run_many([Job("flood", root)])

    assert run.error == (
        "exercises/flood.py printed more than 4 MB: a print in a loop? This "
        "happened in both tests that were running: "
        "test_floods_here and test_floods_there."
    )
    assert run.stopped_at_limit and not run.timed_out
    assert [test.kind for test in run.tests] == ["crash", "crash", "not_run"]


# A module that prints without end, and a test that calls it.
FLOODS = """
def flood():
    while True:
        print("loss" * 100)
"""
CALLS_THE_FLOOD = """
from exercises.flooder import flood


def test_floods():
    flood()
"""


def test_printing_past_the_limit_names_the_line_that_printed(tmp_path):
    root = project(tmp_path, {"flooder": CALLS_THE_FLOOD})
    (root / "exercises" / "flooder.py").write_text(FLOODS.lstrip())
    (run,) = run_many([Job("flooder", root)])

    assert run.error == (
        "exercises/flooder.py printed more than 4 MB in test_floods: a print in a "
        "loop?\n"
        '  line 3: print("loss" * 100)'
    )
    assert run.stopped_at_limit and not run.timed_out


ENDS_THE_PROGRAM = """
from exercises.quitter import quitter


def test_quits():
    quitter()
"""


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("exit()", "called exit()"),
        ("sys.exit(3)", "called sys.exit(3)"),
        ("raise SystemExit('done')", "raised SystemExit('done')"),
    ],
)
def test_a_call_that_ends_the_program_is_named_as_written_with_its_line(
    tmp_path, separate, written, named
):
    root = project(tmp_path, {"quitter": ENDS_THE_PROGRAM})
    source = f"import sys\n\n\ndef quitter():\n    {written}\n"
    (root / "exercises" / "quitter.py").write_text(source)
    (run,) = run_many([Job("quitter", root, separate=separate)])
    (test,) = run.tests

    assert test.kind == "crash"
    assert test.message.splitlines() == [
        f"exercises/quitter.py {named}, which ends the whole program: to leave "
        "a function, return (or raise an exception to report a problem).",
        f"  where     exercises/quitter.py, line 5: {written}",
    ]


def _stopped_part(test: str, stop: runner._Stop) -> ExerciseRun:
    """The run of a worker that `stop` cut short in `test`."""
    blamed = TestResult(test, False, "timeout", stop.blame())
    return ExerciseRun("dot", [blamed], stop.error(), timed_out=True)


def test_parts_that_stopped_differently_keep_their_own_stops():
    late = runner._Stop("exercises/dot.py was still running after 5 s", "late?")
    crash = runner._Stop("exercises/dot.py was killed", "out of memory?")
    stops = [replace(late, tests=("test_a",)), replace(crash, tests=("test_b",))]
    runs = [_stopped_part(f"test_{n}", s) for n, s in zip("ab", stops, strict=True)]
    run = runner.merge(runs, stops)

    assert run.error == "exercises/dot.py was still running after 5 s in test_a: late?"
    assert [test.message for test in run.tests] == [stop.blame() for stop in stops]


def test_parts_that_stopped_alike_tell_each_line_once_in_order():
    stop = runner._Stop("exercises/dot.py was still running after 5 s", "loop?")
    stops = [
        replace(stop, tests=("test_a",), lines=((9, "pass"),)),
        replace(stop, tests=("test_b",), lines=((8, "while True:"), (9, "pass"))),
    ]
    runs = [_stopped_part(f"test_{n}", s) for n, s in zip("ab", stops, strict=True)]
    run = runner.merge(runs, stops)

    # One line per row: code and prose never run together.
    blame = (
        "exercises/dot.py was still running after 5 s: loop?\n"
        "  line 8: while True:\n"
        "  line 9: pass"
    )
    both = runner.BOTH_RUNNING.format(tests="test_a and test_b")
    assert run.error == blame.replace("loop?", f"loop? {both}")
    assert [test.message for test in run.tests] == [blame, blame]


def test_parts_stopped_at_their_time_limit_mark_each_line_they_were_stopped_at():
    stop = runner._Stop("exercises/dot.py was still running after 5 s", "loop?")
    inner = (5, 6, "for k in range(n):")
    stops = [
        replace(stop, tests=("test_a",)).at((6, "total += k"), inner),
        replace(stop, tests=("test_b",)).at(
            (4, "while i < n:"), (4, 7, "while i < n:")
        ),
    ]
    runs = [_stopped_part(f"test_{n}", s) for n, s in zip("ab", stops, strict=True)]
    run = runner.merge(runs, stops)

    # The outer loop holds the inner one: it did not end either, and stands
    # for both; the inner loop's first line is still shown. Each line a
    # test was stopped at names that test.
    blame = (
        "exercises/dot.py was still running after 5 s: loop? The loop on "
        "lines 4-7 did not end in time.\n"
        "  stopped at line 4 in test_b: while i < n:\n"
        "  line 5: for k in range(n):\n"
        "  stopped at line 6 in test_a: total += k"
    )
    assert [test.message for test in run.tests] == [blame, blame]
    assert stops[0].blame() == (
        "exercises/dot.py was still running after 5 s: loop? The loop on "
        "lines 5-6 did not end in time.\n"
        "  line 5: for k in range(n):\n"
        "  stopped at line 6: total += k"
    )


def test_parts_stopped_in_two_loops_apart_name_both():
    stop = runner._Stop("exercises/dot.py was still running after 5 s", "loop?")
    stops = [
        replace(stop, tests=("test_a",)).at(
            (3, "while True: pass"), (3, 3, "while True: pass")
        ),
        replace(stop, tests=("test_b",)).at((9, "i = i"), (8, 9, "while i < n:")),
    ]
    runs = [_stopped_part(f"test_{n}", s) for n, s in zip("ab", stops, strict=True)]
    run = runner.merge(runs, stops)

    together = run.tests[0].message.splitlines()[0]
    alone = stops[0].blame().splitlines()[0]

    assert together.endswith("The loops on lines 3, 8-9 did not end in time.")
    assert alone.endswith("The loop on line 3 did not end in time.")


# The learner's one_hot and sigmoid, called through the harness: in grading
# mode (`separate`) they run in the learner's process.
RUNS_OUT = """
from tests.harness import Exercise

learner = Exercise("one_hot")


def test_hogs():
    learner.one_hot([0], 1)


def test_never_reached():
    pass
"""


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
@pytest.mark.parametrize(
    "written", ["x = [0] * 10**10", "x = np.zeros((10**6, 10**6))"]
)
def test_running_out_of_memory_names_the_line_that_asked_for_it(
    tmp_path, separate, written
):
    root = project(tmp_path, {"one_hot": RUNS_OUT})
    source = (
        f"import numpy as np\n\n\ndef one_hot(labels, num_classes):\n    {written}\n"
    )
    (root / "exercises" / "one_hot.py").write_text(source)
    job = Job("one_hot", root, separate=separate, memory_mb=512, parts=1)
    (run,) = run_many([job])

    stop = (
        "exercises/one_hot.py ran out of memory (the limit is 512 MB){}: too "
        f"large an array or list?\n  line 5: {written}"
    )
    assert run.error == stop.format(" in test_hogs")
    assert run.tests[0].kind == "crash"
    assert run.tests[0].message == stop.format("")


# Memory that RLIMIT_AS counts is the whole address space, the grader's
# own Python, NumPy and pytest included (some 130 MB). A limit smaller than
# that share still leaves its tests the memory it names.
SMALL_LIMIT_MB = 96


@pytest.mark.parametrize("separate", [False, True], ids=["here", "separate"])
def test_the_memory_limit_is_what_the_tests_may_take_beyond_the_graders_own(
    tmp_path, separate
):
    root = project(tmp_path, {"one_hot": RUNS_OUT})
    # 64 MB of ones, written to so that the pages are really taken.
    source = (
        "import numpy as np\n\n\ndef one_hot(labels, num_classes):\n"
        "    x = np.ones(8 * 2**20)\n    x[::512] = 2.0\n    return x\n"
    )
    (root / "exercises" / "one_hot.py").write_text(source)
    fits = Job("one_hot", root, separate=separate, memory_mb=SMALL_LIMIT_MB)
    short = replace(fits, memory_mb=SMALL_LIMIT_MB // 2)

    (ran, stopped) = run_many([replace(fits, parts=1), replace(short, parts=1)])

    assert not ran.error and ran.tests[0].passed, ran.tests[0].message
    limit = f"(the limit is {SMALL_LIMIT_MB // 2} MB)"
    assert stopped.error.startswith(f"exercises/one_hot.py ran out of memory {limit}")


EXITS = """
from tests.harness import Exercise

learner = Exercise("sigmoid")


def test_leaves():
    learner.sigmoid(0.0)
"""


@pytest.mark.parametrize(
    "written", ["import os\n    os._exit(3)", "from os import _exit\n    _exit(3)"]
)
def test_os_exit_is_named_with_the_line_that_called_it(tmp_path, written):
    root = project(tmp_path, {"sigmoid": EXITS})
    source = f"def sigmoid(x):\n    {written}\n"
    (root / "exercises" / "sigmoid.py").write_text(source)
    (run,) = run_many([Job("sigmoid", root)])

    called = written.splitlines()[-1].strip()
    assert run.error == (
        "exercises/sigmoid.py ended the Python process with exit code 3 in "
        f"test_leaves: it called os._exit.\n  line 3: {called}"
    )


def test_os_exit_in_grading_mode_is_named_with_its_line(tmp_path):
    root = project(tmp_path, {"sigmoid": EXITS})
    (root / "exercises" / "sigmoid.py").write_text(
        "import os\n\n\ndef sigmoid(x):\n    os._exit(3)\n"
    )
    (run,) = run_many([Job("sigmoid", root, separate=True)])
    (test,) = run.tests

    assert test.kind == "crash"
    assert test.message.splitlines() == [
        "The exercise's code ended its own process: the process running it "
        "exited with code 3.",
        "  where     exercises/sigmoid.py, line 5: os._exit(3)",
    ]


def test_os_exit_at_import_in_grading_mode_is_the_exercises_error(tmp_path):
    root = project(tmp_path, {"sigmoid": EXITS})
    (root / "exercises" / "sigmoid.py").write_text(
        "import os\n\nos._exit(3)\n\n\ndef sigmoid(x):\n    return x\n"
    )
    (run,) = run_many([Job("sigmoid", root, separate=True)])

    assert run.error.splitlines() == [
        "exercises/sigmoid.py ended its own process as it was imported: the "
        "process running it exited with code 3.",
        "  where     exercises/sigmoid.py, line 3: os._exit(3)",
    ]


def test_an_exit_the_module_did_not_call_is_still_a_guess(tmp_path):
    test = "import os\n\n\ndef test_a():\n    os._exit(4)\n"
    root = project(tmp_path, {"sigmoid": test})
    (run,) = run_many([Job("sigmoid", root)])

    assert run.error == (
        "exercises/sigmoid.py ended the Python process with exit code 4 in "
        "test_a: a call to os._exit?"
    )


def test_every_first_share_comes_before_any_second_share():
    jobs = [Job(name, "root") for name in "abc"]
    parts, owners = runner.split(jobs)

    assert [(job.name, job.part) for job in parts] == [
        ("a", 0),
        ("b", 0),
        ("c", 0),
        ("a", 1),
        ("b", 1),
        ("c", 1),
    ]
    assert owners == [0, 1, 2, 0, 1, 2]


# Every test of the module never ends: each share of it holds its worker to
# the time limit.
ALL_SPIN = """
from exercises.spin import spin


def test_spins_here():
    spin()


def test_spins_there():
    spin()
"""


@pytest.mark.parametrize("warm", [False, True])
def test_a_loop_holds_one_worker_while_the_other_grades_the_rest(tmp_path, warm):
    modules = {"spin": ALL_SPIN, **{name: PASSING for name in "abcdef"}}
    root = project(tmp_path, modules)
    (root / "exercises" / "spin.py").write_text(SPINS.lstrip())
    jobs = [Job(name, root, timeout=SHORT_TIMEOUT) for name in ["spin", *"abcdef"]]
    order = []

    def finished(index, run):
        order.append(jobs[index].name)

    if warm:
        session = WarmSession(root, workers=2)
        try:
            session.run(jobs, on_finish=finished)
        finally:
            session.close()
    else:
        run_many(jobs, workers=2, on_finish=finished)

    # With both shares of the loop side by side, every other exercise
    # waited for the time limit; one worker is enough for them all.
    assert order[-1] == "spin", order


def test_a_queued_job_whose_grader_stopped_listening_is_told_apart():
    read, write = os.pipe()
    try:
        assert not _reader_gone(write)
        os.close(read)
        assert _reader_gone(write)
    finally:
        os.close(write)


def _share(name: str, started: bool, ended: bool):
    """A worker's record as `runner.running_now` reads it."""
    from types import SimpleNamespace

    return SimpleNamespace(
        job=SimpleNamespace(name=name), pid=1234 if started else 0, ended=ended
    )


def test_between_its_shares_an_exercise_is_still_to_run_not_running():
    children = [
        _share("cross_entropy", started=True, ended=True),  # its first share
        _share("dot", started=True, ended=False),
        _share("sgd", started=True, ended=True),
        _share("cross_entropy", started=False, ended=False),  # waits a worker
        _share("train", started=False, ended=False),
    ]

    # Only dot has a worker now: never more said to run than there are
    # workers.
    assert runner.running_now(children) == ["dot"]


def test_the_status_line_puts_every_exercise_in_one_group():
    import io
    from types import SimpleNamespace

    from rich.console import Console

    from grader.commands import running_names
    from grader.render import GradeStatus

    children = [
        _share("cross_entropy", started=True, ended=True),
        _share("dot", started=True, ended=False),
        _share("cross_entropy", started=False, ended=False),
        _share("train", started=False, ended=False),
    ]
    grading = SimpleNamespace(sessions=[SimpleNamespace(children=children)])
    names = ["dot", "cross_entropy", "train"]
    status = GradeStatus(Console(file=io.StringIO()), names, 30)
    status.running = lambda: running_names(grading)

    assert status.line(3).endswith(
        "still running: dot; still to run: cross_entropy, train"
    )


@pytest.mark.parametrize("language", ["en", "ja"])
def test_an_exploration_is_said_to_be_explored_not_graded(language):
    import io

    from rich.console import Console

    from grader.render import GradeStatus

    status = GradeStatus(Console(file=io.StringIO()), ["train"], 300)
    status.exploring = True
    with i18n.speaking(language):
        before = status.line(2)
        status.tests = lambda: (3, 21)
        during = status.line(4)

    if language == "en":
        assert before.startswith("exploring train: 2 s (time limit 300 s;")
        assert during.startswith("exploring train: 3 of 21 tests ended, 4 s")
    else:
        assert before.startswith("train を探索中: 2 秒")
        assert during.startswith("train を探索中: 21 個中 3 個のテストが終了")


def test_an_exercise_runs_for_the_seconds_of_its_oldest_share_still_running():
    children = [
        _share("cross_entropy", started=True, ended=True),  # stopped at 6 s
        _share("cross_entropy", started=True, ended=False),
        _share("dot", started=True, ended=False),
        _share("dot", started=True, ended=False),
        _share("sgd", started=False, ended=False),
    ]
    for child, started in zip(children, [100.0, 104.0, 107.0, 108.5, 0.0], strict=True):
        child.started = started

    assert runner.running_for(children, 110.0) == {"cross_entropy": 6.0, "dot": 3.0}


LOOPS_AROUND_A_CALL = """
def gradient(f, x):
    i = 0
    while i < len(x):
        for step in (1, -1):
            f(x)
        total = f(x)
    return total
"""


def test_a_time_limit_names_the_loop_around_the_line_it_stopped_at(tmp_path):
    module = tmp_path / "gradient.py"
    module.write_text(LOOPS_AROUND_A_CALL.lstrip())

    assert runner._loop_around(module, 5) == (4, 5, "for step in (1, -1):")
    assert runner._loop_around(module, 6) == (3, 6, "while i < len(x):")
    # Its own first line is the loop's: it tests the condition again.
    assert runner._loop_around(module, 3) == (3, 6, "while i < len(x):")
    assert runner._loop_around(module, 4) == (4, 5, "for step in (1, -1):")
    assert runner._loop_around(module, 2) is None  # no loop around it
    assert runner._loop_around(tmp_path / "gone.py", 5) is None


def test_the_loop_around_the_call_counts_where_the_line_has_none(tmp_path):
    module = tmp_path / "gradient.py"
    module.write_text(LOOPS_AROUND_A_CALL.lstrip())
    stacks = (
        "Thread 0x00007f01 (most recent call first):\n"
        '  File "/usr/lib/python3/threading.py", line 320 in wait\n'
        "\n"
        "Current thread 0x00007f02 (most recent call first):\n"
        '  File "/usr/lib/python3/numpy/core.py", line 12 in sum\n'
        f'  File "{module}", line 2 in helper\n'
        '  File "/usr/lib/python3/numpy/core.py", line 40 in apply\n'
        f'  File "{module}", line 6 in gradient\n'
        '  File "tests/test_gradient.py", line 9 in test_gradient\n'
    )
    frames = runner._module_frames(stacks, module)

    # The innermost line of the module first, then the line that called it.
    assert frames == ((2, "i = 0"), (6, "total = f(x)"))
    assert runner._loop_held(module, frames) == (3, 6, "while i < len(x):")
    assert runner._loop_held(module, frames[:1]) is None
    assert runner._module_frames(stacks, tmp_path / "other.py") == ()

"""The learner's process of grading mode: what crosses back, and how.

Each test starts a `Student` whose exercise module is a few lines of
source, calls into it as the tests do, and looks at what this process
gets: plain data, the learner's exceptions under their own names, and
nothing the learner's code did to its own process.
"""

import os
import textwrap
import types

import numpy as np
import pytest

from tests import confine
from tests.sandbox import Opaque, Student, StudentError, StudentProcessEnded


def student(source, prepare=None):
    """A learner's process whose exercise "kata" is `source`."""

    def load(name):
        module = types.ModuleType(name)
        exec(textwrap.dedent(source), module.__dict__)
        return module

    return Student(load, prepare=prepare)


def call(process, function, *args, **kwargs):
    """Call `function` of the learner's module; its result only."""
    return process.call("kata", function, args, kwargs)[0]


@pytest.fixture
def running():
    started = []

    def start(source, prepare=None):
        started.append(student(source, prepare))
        return started[-1]

    yield start
    for process in started:
        process.close()


def test_plain_values_come_back_as_the_plain_types(running):
    process = running(
        """
        import numpy as np

        class Loose(float):
            def __eq__(self, other):
                return True

        class Odd(np.ndarray):
            pass

        def values():
            return {"f": Loose(0.5), "a": np.zeros(2).view(Odd),
                    "s": np.float64(2.0), "t": (1, [True, None], "x")}
        """
    )

    result = call(process, "values")

    assert type(result["f"]) is float and result["f"] == 0.5
    assert type(result["a"]) is np.ndarray and result["a"].tolist() == [0.0, 0.0]
    assert type(result["s"]) is np.float64
    assert result["t"] == (1, [True, None], "x")


def test_anything_else_is_an_opaque_value_equal_to_nothing(running):
    process = running(
        """
        class Anything:
            def __eq__(self, other):
                return True

        def cheat():
            return Anything()
        """
    )

    result = call(process, "cheat")

    assert isinstance(result, Opaque) and result.type_name == "Anything"
    assert result != 0 and result != result.text
    assert np.asarray(result).dtype == object


def test_exceptions_keep_the_learners_class_name_and_nearest_known_base(running):
    process = running(
        """
        class Oops(ValueError):
            pass

        class Strange(Exception):
            pass

        def oops():
            raise Oops("bad shape")

        def strange():
            raise Strange("who knows")

        def missing(d):
            return d["w1"]
        """
    )

    with pytest.raises(ValueError, match="bad shape") as raised:
        call(process, "oops")
    assert type(raised.value).__name__ == "Oops"
    with pytest.raises(StudentError) as raised:
        call(process, "strange")
    assert type(raised.value).__name__ == "Strange"
    with pytest.raises(KeyError) as raised:
        call(process, "missing", {})
    assert str(raised.value) == "'w1'"


def test_changes_to_arguments_and_identity_come_back(running):
    process = running(
        """
        def step(params):
            params["w"] -= 1.0
            params["b"] = params["b"] * 2
            return params
        """
    )
    w, b = np.ones(2), np.ones(1)
    params = {"w": w, "b": b}

    result = call(process, "step", params)

    assert result is params
    assert params["w"] is w and w.tolist() == [0.0, 0.0]
    assert params["b"] is not b and params["b"].tolist() == [2.0]


def test_changes_to_arguments_come_back_when_the_call_raises(running):
    # A call may change its arguments before it raises: the tests tell
    # that as they do in one process (see `harness.modified_by`).
    process = running(
        """
        import numpy as np

        def check(labels):
            np.rint(labels, out=labels)
            raise ValueError("no fractions")
        """
    )
    labels = np.array([0.5, 1.0])

    with pytest.raises(ValueError, match="no fractions") as raised:
        process.call("kata", "check", (labels,), {})
    assert labels.tolist() == [0.0, 1.0]
    assert raised.value.kata_parameters == ["labels"]


def test_the_same_object_sent_twice_is_the_same_object_over_there(running):
    process = running(
        """
        seen = {}

        def remembers(x):
            first = id(x) in seen
            seen[id(x)] = x
            return first
        """
    )
    x = np.arange(3.0)

    assert call(process, "remembers", x) is False
    assert call(process, "remembers", x) is True
    assert call(process, "remembers", x.copy()) is False


def test_a_result_a_later_call_overwrites_changes_here_too(running):
    process = running(
        """
        import numpy as np

        buffer = np.zeros(4)

        def product(x, fails=False):
            buffer[...] = 2.0 * x.ravel()
            if fails:
                raise ValueError("no")
            # A new view of the same buffer each call, as a reshape gives.
            return buffer.reshape(x.shape)
        """
    )

    first = call(process, "product", np.ones((2, 2)))
    second = call(process, "product", np.full((2, 2), 3.0))
    assert first.tolist() == second.tolist() == [[6.0, 6.0], [6.0, 6.0]]

    first[0, 0] = 1.0  # goes over, to be overwritten there by the next call
    with pytest.raises(ValueError):
        call(process, "product", np.zeros((2, 2)), fails=True)
    assert first.tolist() == second.tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_a_function_passed_in_is_called_back_and_sees_the_learners_changes(
    running,
):
    process = running(
        """
        def nudge(f, x):
            x[0] += 1.0
            value = f()
            x[0] -= 1.0
            return value
        """
    )
    x = np.zeros(2)

    assert call(process, "nudge", lambda: float(x[0]), x) == 1.0
    assert x.tolist() == [0.0, 0.0]


def test_patching_numpy_over_there_changes_nothing_here(running):
    process = running(
        """
        import numpy as np

        np.allclose = lambda *args, **kwargs: True

        def allclose_there():
            return np.allclose(0.0, 1.0)
        """
    )

    assert call(process, "allclose_there") is True
    assert np.allclose(0.0, 1.0) is False


def test_a_process_that_exits_ends_every_later_call(running):
    process = running(
        """
        import os

        def leave():
            os._exit(0)

        def fine():
            return 1
        """
    )

    with pytest.raises(StudentProcessEnded, match="exited with code 0"):
        call(process, "leave")
    with pytest.raises(StudentProcessEnded):
        call(process, "fine")


def test_bytes_that_are_not_an_answer_end_the_process(running):
    process = running(
        """
        import os

        def forge(pipe):
            # Answer first, on the pipe to the tests' process, with what is
            # not an answer.
            for fd in range(3, 256):
                try:
                    if os.fstat(fd).st_ino == pipe:
                        os.write(fd, (7).to_bytes(8, "little") + b"{score}")
                except OSError:
                    pass
            return 1
        """
    )
    pipe = os.fstat(process._reader.fileno()).st_ino

    with pytest.raises(StudentProcessEnded, match="not an answer"):
        call(process, "forge", pipe)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root gives up root")
def test_under_root_the_learner_runs_as_a_user_of_its_own(running, tmp_path):
    secret = tmp_path / "private" / "answers.txt"
    secret.parent.mkdir(mode=0o700)
    secret.write_text("the model answers")
    process = running(
        f"""
        import os

        def rights():
            try:
                os.kill(os.getppid(), 0)
                signals = True
            except OSError:
                signals = False
            try:
                reads = open({str(secret)!r}).read()
            except OSError:
                reads = None
            return [os.getuid(), signals, reads]
        """,
        prepare=confine.drop_privileges,
    )

    uid, signals, reads = call(process, "rights")

    assert uid >= confine.UID_BASE
    assert not signals
    assert reads is None

"""How the tests' failure messages show values and name mistakes: numbers
compact and as returned, arrays shortened between elements, exceptions of
the learner's own code told apart from NumPy's, and, through the mutants,
which failure comes first and whose output a test shows."""

from pathlib import Path

import numpy as np
import pytest

from conftest import explain
from grader import i18n
from grader.render import aligned
from selftests.mutant_checks import ROOT, run_mutants
from tests import harness, reference, test_softmax
from tests.harness import Call, InputModified, closest_name, kept_in_source, short
from tests.judge import (
    INTEGER_RESULT,
    LIST_OPERAND_ADVICE,
    KataFailure,
    advice_for,
    code_mistake,
    expect_close,
    expect_not_a_list,
    float_index,
    self_call,
    when_shown,
)
from tests.test_softmax import MAX_LOST_AXIS, SUMS_LOST_AXIS

MUTANTS = ROOT / "selftests" / "mutants"


def test_numbers_are_shown_without_padding():
    assert short(np.array([0.09, 0.2447, 0.6652])) == "[0.09, 0.2447, 0.6652]"
    assert short(np.array(75.0)) == "75.0"
    assert short(np.float64(0.5)) == "0.5"
    assert short(np.array([1e-7, 1.0, -3e9])) == "[1.0e-07, 1.0, -3.0e+09]"


def test_a_negative_zero_is_shown_as_zero():
    assert short(-0.0) == "0.0"
    assert short(np.float64(-0.0)) == "0.0"
    assert short(np.array([-0.0, 1.0])) == "[0.0, 1.0]"


def test_long_arrays_are_shortened_between_elements_with_their_shape():
    params = {"w1": np.linspace(-0.83, 0.6, 12).reshape(4, 3), "b1": np.ones(3)}
    text = short(params)
    assert "shape (4, 3)" in text
    assert "'b1': [1.0, 1.0, 1.0]" in text
    assert "-0...." not in text
    huge = short(np.arange(10_000.0).reshape(100, 100), limit=60)
    assert huge.endswith("...] shape (100, 100)"), huge
    assert len(huge) <= 60


def test_a_long_call_is_laid_out_an_argument_to_a_line_under_its_label():
    a = np.arange(16.0).reshape(2, 8) / 4
    b = np.arange(24.0).reshape(8, 3) - 9
    failure = KataFailure("Wrong.", call=Call("dot", (a, b), {}), actual="1.0")
    shown = aligned(str(failure)).splitlines()
    call = next(i for i, line in enumerate(shown) if "call      dot(" in line)
    column = shown[call].index("[[0.0")

    assert shown[call + 1].index("[2.0") == column + 1
    assert shown[call + 2].index("[[-9.0") == column
    assert all(line.index("[") == column + 1 for line in shown[call + 3 : call + 10])
    assert shown[call + 9].endswith("[12.0, 13.0, 14.0]])")
    assert all(len(line) <= 88 for line in shown)


def test_a_long_call_that_raised_says_what_it_raised_on_its_first_line():
    params = {"w1": np.ones((4, 3)), "b1": np.zeros(3)}
    error = KeyError("w2")
    error.kata_call = Call("sgd_update", (params, params, 0.5), {})

    kind, message = explain(error)
    first, label, *rest = message.splitlines()

    assert first == "sgd_update(...) raised KeyError: 'w2'"
    assert label.startswith("  call      sgd_update({'w1': [[1.0, 1.0, 1.0],")
    # Too wide for one line beside its call, w1 is laid out by rows.
    assert rest[0] == " " * 31 + "[1.0, 1.0, 1.0],"
    assert rest[3] == " " * 24 + "'b1': [0.0, 0.0, 0.0]},"
    assert rest[-1] == " " * 23 + "0.5)"
    assert str(Call("f", (1.0,), {})) == "f(1.0)"


def raised_in_loss(error):
    """`error` as if raised by a line of the learner's loss, called with
    arguments too long for one line."""
    params = {"w1": np.ones((4, 3)), "b1": np.zeros(3)}
    error.kata_call = Call("loss", (params, np.zeros((2, 4)), [0, 2]), {})
    path = harness.config.target / "forward.py"
    error.kata_traceback = (
        f'File "{path}", line 93, in loss\n'
        "    return cross_entropy(foward(params, x), t)\n"
    )
    return error


def labels_in_order(message):
    """The labels of `message`'s lines ("call", "where", "likely
    mistake"), each once, in the order they first come."""
    labels = [line[2:].split(":")[0].split("  ")[0] for line in message.splitlines()]
    found = [label for label in labels if label in ("call", "where", "likely mistake")]
    return list(dict.fromkeys(found))


@pytest.mark.parametrize(
    "error",
    [
        NameError("name 'foward' is not defined"),
        UnboundLocalError("cannot access local variable 'total'"),
        AttributeError("module 'numpy' has no attribute 'matmull'"),
        ModuleNotFoundError("No module named 'torch'"),
        SyntaxError("'(' was never closed"),
        ValueError("shapes (2,4) and (3,3) not aligned"),
        KeyError("w2"),
        AttributeError("'list' object has no attribute 'T'"),
    ],
    ids=[
        "NameError",
        "UnboundLocalError",
        "AttributeError-of-a-module",
        "ModuleNotFoundError",
        "SyntaxError",
        "ValueError",
        "KeyError",
        "AttributeError-of-a-value",
    ],
)
def test_every_error_shows_its_call_then_its_line_then_the_likely_mistake(error):
    # A name not defined raises whatever the input, a shape error because
    # of it: both are laid out alike, the call under the first line.
    _, message = explain(raised_in_loss(error))
    first, call, *_ = message.splitlines()

    assert first.startswith(f"loss(...) raised {type(error).__name__}: ")
    assert call.startswith("  call      loss({'w1': [[1.0, 1.0, 1.0],")
    assert labels_in_order(message)[:2] == ["call", "where"]
    assert message.splitlines()[-1].startswith(("  where ", "  likely mistake: "))


def test_a_name_error_in_sgd_update_shows_params_grads_and_lr_laid_out():
    params = {"w1": np.ones((4, 3)), "b1": np.zeros(3)}
    grads = {"w1": np.full((4, 3), 2.0), "b1": np.ones(3)}
    error = NameError("name 'grad' is not defined")
    error.kata_call = Call("sgd_update", (params, grads, 0.5), {})
    path = harness.config.target / "sgd.py"
    error.kata_traceback = (
        f'File "{path}", line 33, in sgd_update\n    param -= lr * grad[key]\n'
    )

    _, message = explain(error)
    lines = message.splitlines()
    where = next(i for i, line in enumerate(lines) if line.startswith("  where "))
    shown = "\n".join(lines[1:where])

    assert lines[0] == "sgd_update(...) raised NameError: name 'grad' is not defined"
    assert lines[1].startswith("  call      sgd_update({'w1': [[1.0, 1.0, 1.0],")
    assert "'b1': [0.0, 0.0, 0.0]}," in shown
    assert "{'w1': [[2.0, 2.0, 2.0]," in shown
    assert lines[where - 1] == " " * 23 + "0.5)"
    assert labels_in_order(message) == ["call", "where", "likely mistake"]
    # The prose below is wrapped when shown; the call is laid out already.
    assert all(len(line) <= 88 for line in lines[:where])


SIGMOID_THROUGH_MASKS = """
import numpy as np

def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    pos = x >= 0
    x[pos] = 1 / (1 + np.exp(-x[pos]))
    x[~pos] = np.exp(x[~pos]) / (1 + np.exp(x[~pos]))
    return x

def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
"""


def test_a_mask_written_through_asarray_is_told_asarray_gave_the_same_array():
    through = kept_in_source(SIGMOID_THROUGH_MASKS, "sigmoid")
    old = np.array([-1.0, 0.0, 1.0])
    changed = InputModified("sigmoid", 0, old, old / 2, "x", through)
    mistake = changed.mistake()

    assert through.target == "x[pos]"
    assert "given a float64 array, it returns that very array" in mistake
    assert "x = np.array(x, dtype=np.float64)" in mistake
    assert "out = np.empty_like(x), then out[pos] = ..." in mistake
    assert "np.clip" not in mistake
    with i18n.speaking("ja"):
        japanese = i18n.failure(str(changed))
    assert "float64 の配列を渡すとその配列そのものを返します" in japanese
    assert "x = np.array(x, dtype=np.float64) でコピーするか" in japanese
    assert "writes into" not in japanese


def test_asarray_is_followed_through_other_names_and_into_the_functions_called():
    source = """
import numpy as np

def sigmoid(x):
    z = np.asarray(x)
    negative = z < 0
    z[negative] = 0.0
    return z
"""
    through = kept_in_source(source, "sigmoid")
    assert (through.line, through.target) == ("z = np.asarray(x)", "z[negative]")
    assert through.copy == "z = np.array(x)"
    # sigmoid_grad writes into x through the sigmoid it calls, unless the
    # test runs a trusted sigmoid in its place.
    assert kept_in_source(SIGMOID_THROUGH_MASKS, "sigmoid_grad").target == "x[pos]"
    assert kept_in_source(SIGMOID_THROUGH_MASKS, "sigmoid_grad", ("sigmoid",)) is None


@pytest.mark.parametrize(
    "body",
    [
        "x = np.array(x, dtype=float)\n    x[x < 0] = 0.0",  # a copy
        "x = np.asarray(x).copy()\n    x[x < 0] = 0.0",
        "x = np.asarray(x)\n    x = x * 2\n    x[x < 0] = 0.0",  # rebound
        "x[x < 0] = 0.0",  # no asarray: the plain advice is right
    ],
)
def test_no_asarray_is_blamed_where_it_did_not_keep_the_callers_array(body):
    assert kept_in_source(f"import numpy as np\ndef f(x):\n    {body}\n", "f") is None


def test_a_name_bound_again_under_an_if_may_still_be_the_callers_array():
    source = (
        "import numpy as np\ndef f(t, c):\n    t = np.asarray(t)\n"
        "    if t.ndim == 1:\n        t = np.eye(c)[t]\n    t /= 2\n"
    )
    through = kept_in_source(source, "f")

    assert through is not None and through.line == "t = np.asarray(t)"
    assert through.target == ""


def test_another_write_through_asarray_keeps_the_advice_and_adds_a_note():
    source = "import numpy as np\ndef f(x):\n    x = np.asarray(x)\n    x -= 1\n"
    through = kept_in_source(source, "f")
    old = np.array([1.0, 2.0])
    mistake = InputModified("f", 0, old, old - 1, "x", through).mistake()

    assert through.target == ""
    assert mistake.startswith("x itself was changed: an in-place operator")
    assert mistake.endswith(
        "np.asarray made no copy in x = np.asarray(x): given a float64 array, "
        "it returns that very array."
    )
    with i18n.speaking("ja"):
        japanese = i18n.failure(
            f"f changed its argument x in place.\n  likely mistake: {mistake}"
        )
    assert "x = np.asarray(x) の np.asarray はコピーを作っていません" in japanese
    assert "itself was changed" not in japanese


def test_a_numpy_number_in_a_call_is_marked_as_one():
    # A Python number has no .shape; a NumPy scalar and a 0-d array do.
    assert str(Call("dot", (np.float64(2.0), [1.0]), {})) == (
        "dot(2.0 (np.float64), [1.0] (list))"
    )
    assert str(Call("f", (np.array(-2.5),), {"n": np.int64(3)})) == (
        "f(-2.5 (0-d array), n=3 (np.int64))"
    )
    assert str(Call("f", (np.array(3, dtype=np.uint8), 2.0), {})) == (
        "f(3 (0-d uint8 array), 2.0)"
    )
    assert str(Call("f", (np.array([1.5]), np.float32(0.5)), {})) == (
        "f([1.5], 0.5 (np.float32))"
    )


@pytest.mark.parametrize(
    "message, code, mistake",
    [
        (
            "not enough values to unpack (expected 2, got 1)",
            "n, k = a.shape",
            "a.shape was unpacked into 2 names, but a is a vector here (1-D, "
            "one axis): look at a.ndim first.",
        ),
        (
            "not enough values to unpack (expected 2, got 0)",
            "rows, cols = np.shape(x)",
            "x.shape was unpacked into 2 names, but x is a single number here "
            "(a 0-d array, shape ()): look at x.ndim first.",
        ),
        (
            "not enough values to unpack (expected 3, got 2)",
            "n, k, m = b.shape",
            "b.shape was unpacked into 3 names, but b has only 2 axes here: "
            "look at b.ndim first.",
        ),
        (
            "too many values to unpack (expected 2)",
            "k2, m = b.shape",
            "b.shape was unpacked into 2 names, but b has more axes than that "
            "here: look at b.ndim first.",
        ),
        (
            "too many values to unpack (expected 2, got 3)",
            "k2, m = b.shape",
            "b.shape was unpacked into 2 names, but b has more axes than that "
            "here: look at b.ndim first.",
        ),
        # Two shapes on one line: which one did not fit is unknown.
        (
            "not enough values to unpack (expected 2, got 1)",
            "(n, k), (j, m) = a.shape, b.shape",
            "a shape with fewer axes than names was unpacked",
        ),
        # Not a shape: no advice about one.
        ("too many values to unpack (expected 2)", "a, b = pair", None),
    ],
)
def test_an_unpacked_shape_is_named_after_its_array(
    monkeypatch, message, code, mistake
):
    # The learner's line that raised reads `code`.
    monkeypatch.setattr("tests.judge.learner_code", lambda error: code)
    advice = advice_for(ValueError(message))
    if mistake is None:
        assert advice is None
    else:
        assert advice.startswith(mistake)
        assert i18n.catalogue("ja").sentence(advice), advice


def test_a_dict_too_long_to_show_is_cut_between_its_items():
    params = {f"w{i}": np.arange(6.0) + i for i in range(20)}
    text = short(params)

    assert text.endswith(", ...}") and len(text) <= 300
    assert text[: -len(", ...}")].endswith("]")


def test_a_tuple_of_arrays_is_shown_item_by_item_as_arrays_are():
    small = (np.array([[0.5, 0.5]]), np.array([0.25, 0.75]))
    assert short(small) == "([[0.5, 0.5]], [0.25, 0.75])"
    assert short((np.ones(2),)) == "([1.0, 1.0],)"
    assert short([np.float64(1.5), 2]) == "[1.5, 2]"
    assert short([1, 2.5]) == "[1, 2.5]"

    grads = tuple(
        np.linspace(-1, 1, n).reshape(shape) for n, shape in [(12, (4, 3)), (3, 3)]
    )
    text = short(grads)
    assert "array(" not in text and "  0" not in text
    lines = text.splitlines()
    assert lines[0] == "([[-1.0, -0.8182, -0.6364],"
    # Each item under the first bracket, its rows under its own.
    assert lines[1].startswith("  [") and lines[-1] == " [-1.0, 0.0, 1.0])"


def test_an_integer_result_is_shown_as_returned_and_named():
    with pytest.raises(KataFailure) as failure:
        expect_close(
            np.array([[0, 0], [0, 1]]),
            [[0.31, 0.38], [1.02, 1.36]],
            "dot(a, b)",
            rtol=1e-9,
            atol=1e-9,
        )
    assert failure.value.actual == "[[0, 0], [0, 1]] (int64)"
    assert failure.value.mistake == INTEGER_RESULT


def test_a_python_int_is_labelled_as_pythons_own_type():
    for value, shown in ((0, "0 (int)"), (np.int64(0), "0 (int64)")):
        with pytest.raises(KataFailure) as failure:
            expect_close(value, 0.75, "accuracy(params, x, labels)", rtol=0, atol=0)
        assert failure.value.actual == shown


@pytest.mark.parametrize(
    "callee, wrong, meant",
    [
        ("np.max", "keepdim", "keepdims"),
        ("e.sum", "keepdim", "keepdims"),
        ("np.argmax", "axes", "axis"),
        ("rng.normal", "sizes", "size"),
        ("np.zeros", "dtyp", "dtype"),
    ],
)
def test_a_misspelled_keyword_is_matched_to_one_the_function_takes(
    callee, wrong, meant
):
    import difflib

    from tests.judge import KEYWORD_CUTOFF, keyword_callee, keywords_of

    code = f"e = {callee}(x, {wrong}=True)"
    assert keyword_callee(code, wrong) == callee
    close = difflib.get_close_matches(wrong, keywords_of(callee), 1, KEYWORD_CUTOFF)
    assert close == [meant]


def test_a_typo_gets_a_hint_about_names_not_about_the_input():
    typo = NameError("name 'num_clases' is not defined")
    assert "a typo" in code_mistake(typo)
    assert "a typo" in advice_for(typo)
    # Raised by the tests' own code, it is not the learner's typo.
    assert advice_for(typo, learners=False) is None


def raised(function):
    """The exception `function()` raises."""
    with pytest.raises(Exception) as caught:
        function()
    return caught.value


def test_a_name_that_is_not_defined_is_told_the_name_it_most_likely_is():
    def softmax(x):
        return np.exp(X)  # noqa: F821

    def forward(x, softmax):
        return sofmax(x)  # noqa: F821

    assert code_mistake(raised(lambda: softmax(1.0))) == (
        "a typo? X is not defined here; did you mean x?"
    )
    assert "did you mean softmax?" in code_mistake(raised(lambda: forward(1.0, np.exp)))
    typo = raised(lambda: np.sqare(2.0))
    assert "no attribute sqare here; did you mean square?" in advice_for(typo)


def test_a_name_misspelled_in_an_import_inside_a_function_is_told_the_one_meant():
    # As Python words it when a function of train (in the package under
    # test, exercises/ or the one --target names) imports from the trusted
    # sgd, which has no file.
    sgd = f"{harness.config.target.name}.sgd"
    stand_in = ImportError(
        f"cannot import name 'sgd_updat' from '{sgd}' (unknown location)"
    )
    numpys = raised(lambda: exec("from numpy import argmx"))
    unlike = ImportError(f"cannot import name 'step' from '{sgd}' (unknown location)")

    assert code_mistake(stand_in) == (
        f"a typo? There is no sgd_updat in {sgd}; did you mean sgd_update? "
        "Write `from .sgd import sgd_update`."
    )
    assert "did you mean argmax?" in code_mistake(numpys)
    assert code_mistake(unlike) is None


def test_a_numpy_function_called_without_np_is_told_to_write_np():
    def sigmoid(x):
        return 1 / (1 + exp(-x))  # noqa: F821

    def relu(x):
        return maximum(x, 0)  # noqa: F821

    assert code_mistake(raised(lambda: sigmoid(1.0))) == (
        "exp is a NumPy function, not one of Python's own: write np.exp."
    )
    assert "write np.maximum" in advice_for(raised(lambda: relu(1.0)))
    # NumPy's constants and types are no functions to call.
    for name in ("pi", "float64"):
        assert "NumPy function" not in code_mistake(raised(lambda n=name: eval(n)))


def test_an_exercise_imported_without_its_leading_dot_is_told_to_add_it():
    package = harness.config.target.name
    no_dot = ModuleNotFoundError("No module named 'softmax'")
    misspelled = ModuleNotFoundError(f"No module named '{package}.softmx'")

    assert code_mistake(no_dot) == (
        "softmax is one of the exercises, and an import of another exercise "
        "needs a leading dot: `from .softmax import softmax`."
    )
    assert code_mistake(misspelled) == (
        "a typo? There is no exercise named softmx; did you mean softmax? "
        "Write `from .softmax import softmax`."
    )
    # A package nn-kata does not install, and a module of one it does.
    assert "does not install" in code_mistake(
        ModuleNotFoundError("No module named 'torch'")
    )
    assert code_mistake(ModuleNotFoundError("No module named 'numpy.fft2'")) is None


@pytest.mark.parametrize(
    ("code", "name", "fix"),
    [
        ("from .one_hot import onehot", "onehot", "from .one_hot import one_hot"),
        (
            "from .one_hot import onehot as oh",
            "onehot",
            "from .one_hot import one_hot as oh",
        ),
        (
            "from .forward import forwrd, loss",
            "forwrd",
            "from .forward import forward, loss",
        ),
        ("from .one_hot import (", "onehot", "from .one_hot import one_hot"),
    ],
)
def test_a_misspelled_function_of_an_exercise_is_fixed_in_the_line_imported(
    code, name, fix
):
    exercise, meant = fix.split()[1][1:], fix.split()[3].rstrip(",")
    assert harness._function_import(code, exercise, name, meant) == fix


def test_the_trusted_stand_in_of_an_exercise_of_one_function_names_it_singly():
    package = harness.config.target.name
    one = ImportError(
        f"cannot import name 'onehot' from '{package}.one_hot' (unknown location)"
    )
    three = ImportError(
        f"cannot import name 'forwrd' from '{package}.forward' (unknown location)"
    )

    assert harness._missing_import(one, "cross_entropy").endswith(
        "the trusted version of exercise one_hot, whose function is one_hot."
    )
    assert harness._missing_import(three, "train").endswith(
        "whose functions are init_params, forward, loss."
    )


def raised_in_trusted_backward(code):
    """An IndexError as if raised inside the trusted backward, called by
    the line `code` of the learner's train."""
    error = IndexError("index 2 is out of bounds for axis 1 with size 2")
    mine = harness.config.target / "train.py"
    trusted = Path(reference.__file__).resolve()
    error.kata_traceback = (
        f'File "{mine}", line 15, in train\n    {code}\n'
        f'File "{trusted}", line 80, in backward\n    grad = probs[rows, t]\n'
    )
    return error


@pytest.mark.parametrize(
    ("code", "order_in_doubt"),
    [
        ("grads = backward(params, x, t)", False),
        ("grads = backward(params, x=x, t=t)", False),
        ("grads = backward(x, params, t)", True),
        ("grads = backward(params, x[idx], t)", True),
        ("grads = backward(", True),
    ],
)
def test_a_trusted_callee_is_told_of_the_order_of_its_arguments_only_in_doubt(
    code, order_in_doubt
):
    _, message = explain(raised_in_trusted_backward(code))

    assert "the error comes from inside backward" in message
    assert ("and their order: backward(params, x, t)" in message) == order_in_doubt
    assert ("passes it backward(params, x, t) in order" in message) != order_in_doubt


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        ("from softmax import softmax", "from .softmax import softmax"),
        ("from  softmx import softmax as s", "from .softmax import softmax as s"),
        ("import softmax", "from . import softmax"),
        ("import softmax  as  s", "from . import softmax as s"),
        ("from softmax import (", "from .softmax import softmax"),
    ],
)
def test_the_import_of_an_exercise_suggested_keeps_what_the_line_imported(code, fix):
    assert harness._exercise_import(code, "softmax") == fix


def test_only_a_close_name_is_suggested():
    known = ["x", "labels", "num_classes", "np"]
    assert closest_name("X", known) == "x"
    assert closest_name("num_clases", known) == "num_classes"
    assert closest_name("lables", known) == "labels"
    assert closest_name("weights", known) is None
    assert closest_name("x", known) is None  # defined: nothing to suggest


def test_numpys_type_errors_are_not_taken_for_bugs_in_the_code():
    numpys = TypeError("'float' object cannot be interpreted as an integer")
    pythons = TypeError("one_hot() takes 2 positional arguments but 3 were given")
    assert code_mistake(numpys) is None
    assert "wrong arguments" in code_mistake(pythons)


def test_arithmetic_on_a_list_is_told_to_convert_it_to_an_array():
    for error in (
        raised(lambda: -[1, -2, 0]),
        raised(lambda: 1 - [1, -2, 0]),
        raised(lambda: [2, 0] < 0),
        raised(lambda: 3 <= [2, 0]),
        raised(lambda: [2, 0] + 1),
        raised(lambda: [2, 0] * 0.5),
    ):
        assert code_mistake(error) == LIST_OPERAND_ADVICE, error
        assert advice_for(error) == LIST_OPERAND_ADVICE
    # Not a list: the advice about arguments stays.
    assert "wrong arguments" in code_mistake(raised(lambda: 1 - "a"))


def test_a_list_returned_for_an_array_is_marked_as_a_list_as_arguments_are():
    with pytest.raises(KataFailure) as caught:
        expect_not_a_list([[0.5, 0.25]], Call("softmax", ([[1.0, 0.0]],), {}))
    assert "call      softmax([[1.0, 0.0]] (list))" in str(caught.value)
    assert "actual    [[0.5, 0.25]] (list)" in str(caught.value)


def test_a_function_calling_itself_is_told_the_function_meant_where_known():
    assert "call sigmoid there, not sigmoid_grad." in self_call("sigmoid_grad")
    # No exercise's function begins the name: none is guessed.
    for name in ("softmax", "my_helper"):
        assert f"(another of yours, another exercise's or NumPy's), not {name}." in (
            self_call(name)
        )


def test_an_argument_given_another_shape_in_place_is_told_to_reshape_instead():
    old = np.array([1.0, -1.0])
    changed = InputModified("dot", 1, old, old.reshape(2, 1), "b")
    assert "b.shape = ..." in changed.mistake()
    assert "b = b.reshape(...)" in changed.mistake()
    # Other numbers in another shape: not a reshape alone.
    other = InputModified("dot", 1, old, np.zeros((2, 1)), "b")
    assert "b.shape" not in other.mistake()


def test_an_argument_changed_in_place_is_named_with_every_way_to_do_it():
    old = np.array([0.0, 1.0])
    changed = InputModified("cross_entropy", 0, old, np.array([1e-7, 1.0]), "y")
    mistake = changed.mistake()
    for way in ("y -= ...", "y[...] = ...", "out=y"):
        assert way in mistake
    assert "x -= ..." not in mistake


def test_an_entry_of_a_dict_changed_in_place_is_named_with_every_way_to_do_it():
    old = {"w": np.array([2.0, -4.0])}
    changed = InputModified("sgd_update", 1, old, {"w": old["w"] * 0.5}, "grads")
    mistake = changed.mistake()
    for way in ("grads['w'] *= ...", "w = grads['w'], then w -= ...", "= ...)"):
        assert way in mistake
    with i18n.speaking("ja"):
        japanese = i18n.failure(str(changed))
    assert "grads['w'] *= ... や、w = grads['w'] のあとで w -= ..." in japanese


def test_a_long_dict_changed_in_place_is_shown_one_key_to_a_line():
    old = {"w1": np.arange(8.0).reshape(4, 2) - 8, "b1": np.ones(2)}
    old["w2"] = np.arange(6.0).reshape(2, 3) - 5
    new = {key: value / 2 for key, value in old.items()}
    shown = aligned(str(InputModified("sgd_update", 1, old, new, "grads")))
    lines = shown.splitlines()
    before = next(i for i, line in enumerate(lines) if "before" in line)
    column = lines[before].index("{")

    assert lines[before + 1] == " " * (column + 1) + "'b1': [1.0, 1.0],"
    assert lines[before + 2].index("'w2'") == column + 1
    assert lines[before + 3].lstrip().startswith("after   {'w1': [[-4.0, -3.5],")
    assert all(len(line) <= 88 for line in lines[: before + 6])
    # Translated, the values keep their layout under the wider labels.
    with i18n.speaking("ja"):
        japanese = i18n.failure(shown).splitlines()
    before = next(i for i, line in enumerate(japanese) if "{'w1'" in line)
    column = i18n.width(japanese[before].partition("{")[0])
    assert japanese[before + 1] == " " * (column + 1) + "'b1': [1.0, 1.0],"


def test_the_values_under_a_call_with_start_alike_and_keep_their_rows():
    from tests.test_forward import NetworkCall
    from tests.test_numerical_gradient import describe

    params = {"w1": np.linspace(-0.2, 0.2, 20).reshape(4, 5) + 0.0123}
    network = str(NetworkCall("forward", params, np.zeros((2, 4)))).splitlines()
    gradient = describe(np.array([1.0, -2.0]), None).splitlines()

    assert network[1].startswith("  x  = [[0.0,")
    assert gradient[1] == "  x = [1.0, -2.0]"
    assert network[2].startswith("  w1 = [[-0.1877, ")
    rows = network[3:6]
    assert all(row.startswith(" " * 8 + "[") for row in rows), network
    assert all(len(line) <= 76 for line in network)


def test_the_rows_of_a_value_stand_under_its_first_even_unaligned():
    # As pytest shows the message and a JSON report keeps it: no grader's
    # screen lines the rows up afterwards.
    rows = np.linspace(0.0101, 0.2, 20).reshape(4, 5)
    failure = KataFailure("Wrong.", expected=short(rows), actual=short(-rows))
    lines = str(failure).splitlines()

    assert lines[1].startswith("  expected  [[0.0101, ")
    assert all(line.startswith(" " * 13 + "[0.") for line in lines[2:5])
    assert lines[5].startswith("  actual    [[-0.0101, ")
    assert all(line.startswith(" " * 13 + "[-0.") for line in lines[6:9])
    assert aligned(str(failure)) == str(failure)


@pytest.fixture(scope="module")
def runs():
    return run_mutants(
        separate=False,
        paths=[
            MUTANTS / "backprop" / "wrong_transposed_dw2.py",
            MUTANTS / "train" / "wrong_prints_and_counts_classes_by_unique.py",
            MUTANTS / "forward" / "wrong_second_generator_other_seed.py",
            MUTANTS / "forward" / "wrong_seed_ignored.py",
            MUTANTS / "forward" / "wrong_same_stream_per_layer.py",
            MUTANTS / "cross_entropy" / "wrong_labels_times_log_mean.py",
            MUTANTS / "numerical_gradient" / "wrong_copies_divides_by_h.py",
            MUTANTS / "softmax" / "wrong_global_max_then_sum_without_keepdims.py",
            MUTANTS / "sigmoid" / "wrong_grad_s_times_one_minus_x.py",
            MUTANTS / "sigmoid" / "wrong_grad_s_times_one_minus_x_own_type.py",
            MUTANTS / "dot" / "wrong_unpacks_shape_without_ndim_check.py",
            MUTANTS / "train" / "wrong_loss_after_step.py",
            MUTANTS / "train" / "wrong_fixed_small_lr.py",
            MUTANTS / "softmax" / "wrong_sum_without_keepdims.py",
            MUTANTS / "softmax" / "wrong_max_without_keepdims.py",
            MUTANTS / "sigmoid" / "wrong_grad_one_plus_s.py",
            MUTANTS / "cross_entropy" / "wrong_epsilon_after_the_log_summed.py",
            MUTANTS / "cross_entropy" / "wrong_labels_times_log_row_sums.py",
            MUTANTS / "cross_entropy" / "wrong_divides_by_n_twice.py",
            MUTANTS / "backprop" / "wrong_transposed_dw2_undivided.py",
            MUTANTS / "sgd" / "wrong_plus_sign.py",
            MUTANTS / "numerical_gradient" / "wrong_restores_by_subtracting.py",
            MUTANTS / "one_hot" / "wrong_pauses_for_input.py",
            MUTANTS / "train" / "wrong_fixed_lr_half.py",
            MUTANTS / "softmax" / "wrong_sum_axis_zero_shift_right.py",
            MUTANTS / "cross_entropy" / "wrong_mean_over_all_entries.py",
            MUTANTS / "cross_entropy" / "wrong_classes_from_second_axis.py",
            MUTANTS / "sigmoid" / "wrong_math_exp_on_arrays.py",
            MUTANTS / "sigmoid" / "wrong_abs_into_its_argument.py",
            MUTANTS / "backprop" / "wrong_labels_not_converted.py",
            MUTANTS / "forward" / "wrong_loss_without_softmax.py",
        ],
    )


def failures(runs, name):
    return [
        test
        for path, run in runs.items()
        if path.stem == name
        for test in run.tests
        if not test.passed
    ]


def test_a_test_of_a_label_dtype_shows_a_call_on_labels_of_that_dtype(runs):
    # A loss wrong on every dtype fails the dtype's own test too: the call
    # shown is the one made on labels of the test's dtype, not on int64.
    tests = [
        test
        for test in failures(runs, "wrong_loss_without_softmax")
        if "integer_dtype[" in test.name
    ]
    assert tests
    for test in tests:
        dtype = test.name.split("[")[1].rstrip("]")
        assert f"t  = [4, 0] ({dtype})" in test.message, test.message


def test_the_plainest_failing_test_comes_first(runs):
    first = failures(runs, "wrong_transposed_dw2")[0]
    assert first.name == "test_backward_gives_the_docstring_example"
    assert first.message.startswith("The gradient for w2 has the wrong shape.")


def test_a_test_shows_only_what_its_own_calls_printed(runs):
    (missing,) = [
        test
        for test in failures(runs, "wrong_prints_and_counts_classes_by_unique")
        if test.name == "test_a_class_missing_from_the_labels_still_has_its_output"
    ]
    # The failing call trains on 68 flowers; a second run on all 102, made
    # only to tell the mistake apart, printed nothing into this test.
    assert "training on 68 flowers" in missing.output
    assert "102" not in missing.output


def test_two_arrays_are_shown_one_line_each_in_both_languages(runs):
    first = failures(runs, "wrong_second_generator_other_seed")[0]
    assert first.name.startswith("test_w1_and_w2_are_drawn_from_one_generator")
    english = aligned(first.message).splitlines()
    japanese = i18n.catalogue("ja").failure(aligned(first.message)).splitlines()
    for lines, label in ((english, "  actual    "), (japanese, "  実際の値  ")):
        (w1,) = [line for line in lines if "w1 = [[" in line]
        (w2,) = [line for line in lines if "w2 = [[" in line]
        assert w1.startswith(f"{label}w1 = [[") and "w2" not in w1
        # w2 starts under w1, not at the end of its line.
        assert w2.index("w2") == i18n.width(label)


def test_names_listed_in_a_failure_are_joined_as_each_language_lists_them(runs):
    differed = next(
        test
        for test in failures(runs, "wrong_seed_ignored")
        if "twice" in test.message and "differed" in test.message
    )
    assert "  actual    w1 and w2 differed" in differed.message
    japanese = i18n.catalogue("ja").failure(differed.message)
    assert "  実際の値  w1 と w2 が違いました" in japanese


def test_an_x_too_long_for_one_line_is_shown_a_row_to_a_line(runs):
    first = failures(runs, "wrong_restores_by_subtracting")[0]
    lines = first.message.splitlines()
    (expected,) = [i for i, line in enumerate(lines) if "expected  x = [[" in line]
    column = lines[expected].index("[[")

    assert lines[expected + 1].index("[") == column + 1
    assert lines[expected + 2].startswith("  actual    x = [[0.19999999999999998")
    assert lines[expected + 3].index("[") == column + 1
    assert all(len(line) <= 88 for line in lines if "mistake" not in line)


def mistake_of(runs, mutant, test_name):
    (test,) = [test for test in failures(runs, mutant) if test.name == test_name]
    return test.message.partition("likely mistake: ")[2]


@pytest.mark.parametrize(
    "mutant, test_name, named_as",
    [
        (
            "wrong_same_stream_per_layer",
            "test_w1_and_w2_are_drawn_from_one_generator[2-3-2]",
            "test_w2_does_not_repeat_the_draws_of_w1",
        ),
        (
            "wrong_labels_times_log_mean",
            "test_the_loss_falls_as_the_true_class_gains_probability",
            "test_cross_entropy_gives_the_docstring_example",
        ),
        (
            "wrong_copies_divides_by_h",
            "test_a_float32_x_gets_a_float64_gradient[argument]",
            "test_numerical_gradient_gives_the_docstring_example",
        ),
        (
            "wrong_global_max_then_sum_without_keepdims",
            "test_softmax_stays_finite_for_huge_scores[mixed-scales]",
            "test_softmax_gives_the_docstring_example",
        ),
        (
            "wrong_grad_s_times_one_minus_x",
            "test_sigmoid_grad_is_symmetric_and_at_most_one_quarter",
            "test_sigmoid_grad_gives_the_docstring_example",
        ),
        # A broadcast error on a batch that is not square.
        (
            "wrong_sum_without_keepdims",
            "test_softmax_is_unchanged_by_adding_a_constant_to_a_slice",
            "test_softmax_gives_the_docstring_example",
        ),
        (
            "wrong_max_without_keepdims",
            "test_softmax_leaves_its_argument_unchanged",
            "test_softmax_gives_the_docstring_example",
        ),
        # A plus in place of the minus: no block that reads as an overflow.
        (
            "wrong_grad_one_plus_s",
            "test_sigmoid_grad_has_no_overflow_for_any_finite_x",
            "test_sigmoid_grad_gives_the_docstring_example",
        ),
        (
            "wrong_grad_one_plus_s",
            "test_sigmoid_grad_is_symmetric_and_at_most_one_quarter",
            "test_sigmoid_grad_gives_the_docstring_example",
        ),
        # 1 - x wrapped in uint8: the same formula, in x's own type.
        (
            "wrong_grad_s_times_one_minus_x_own_type",
            "test_sigmoid_grad_accepts_numbers_lists_integers_and_float32[uint8-array]",
            "test_sigmoid_grad_gives_the_docstring_example",
        ),
        # Python's ValueError from unpacking, for a 0-d and for a 1-D a.
        (
            "wrong_unpacks_shape_without_ndim_check",
            "test_operands_that_are_not_1d_or_2d_raise_value_error[scalar-left]",
            "test_mismatched_inner_sizes_raise_value_error",
        ),
        # Losses shifted by an epoch, not a default changed.
        (
            "wrong_loss_after_step",
            "test_train_uses_the_defaults_of_its_signature",
            "test_the_first_loss_is_that_of_the_initial_params[0]",
        ),
        # A fixed step too small for the loss to fall: lr ignored.
        (
            "wrong_fixed_small_lr",
            "test_training_classifies_80_percent_of_unseen_flowers[0]",
            "test_a_zero_learning_rate_leaves_the_weights_where_they_started",
        ),
        # nan (0 * -inf) on a wrong class, inf on the true one: one cause.
        (
            "wrong_epsilon_after_the_log_summed",
            "test_a_zero_probability_on_the_true_class_costs_a_large_finite_loss"
            "[2x2-labels]",
            "test_a_certain_right_prediction_costs_nothing[labels]",
        ),
        # A crash, a wrong batch, a wrong single sample, a wrong zero loss.
        (
            "wrong_labels_times_log_row_sums",
            "test_int_labels_give_the_mean_of_minus_log_true_class_probability",
            "test_cross_entropy_gives_the_docstring_example",
        ),
        (
            "wrong_labels_times_log_row_sums",
            "test_one_sample_takes_a_plain_int_label_or_a_one_hot_vector",
            "test_cross_entropy_gives_the_docstring_example",
        ),
        (
            "wrong_labels_times_log_row_sums",
            "test_a_zero_probability_on_the_true_class_costs_a_large_finite_loss"
            "[2x2-labels]",
            "test_cross_entropy_gives_the_docstring_example",
        ),
        # Transposed, and wrong in value too where N > 1.
        (
            "wrong_transposed_dw2_undivided",
            "test_gradients_follow_params_changed_in_place",
            "test_backward_gives_the_docstring_example",
        ),
        (
            "wrong_plus_sign",
            "test_each_parameter_takes_the_gradient_of_its_own_key",
            "test_sgd_update_gives_the_docstring_example",
        ),
        # input() stops the call before any check: not a missing check.
        (
            "wrong_pauses_for_input",
            "test_one_hot_rejects_labels_outside_the_classes[minus-one]",
            "test_one_hot_gives_the_docstring_example",
        ),
        # An unused seed, with no seed given or with one given twice.
        (
            "wrong_seed_ignored",
            "test_init_params_gives_the_docstring_shapes_and_a_default_seed",
            "test_the_same_seed_gives_the_same_parameters",
        ),
        # A fixed step of 0.5: neither lr, twice lr nor lr's default.
        (
            "wrong_fixed_lr_half",
            "test_every_epoch_on_one_sample_is_one_step_of_lr",
            "test_a_zero_learning_rate_leaves_the_weights_where_they_started",
        ),
        (
            "wrong_fixed_lr_half",
            "test_train_uses_the_defaults_of_its_signature",
            "test_a_zero_learning_rate_leaves_the_weights_where_they_started",
        ),
        # Right shift, sums down the columns: a one-row batch's 0 / 0.
        (
            "wrong_sum_axis_zero_shift_right",
            "test_softmax_stays_finite_for_huge_scores[wide-row]",
            "test_softmax_matches_its_definition_for_any_shape",
        ),
        # A mean over every entry: C of them for one sample, N * C for a batch.
        (
            "wrong_mean_over_all_entries",
            "test_one_sample_takes_a_plain_int_label_or_a_one_hot_vector",
            "test_cross_entropy_gives_the_docstring_example",
        ),
        # A loss divided by N twice: in a square batch (N == C) too, where
        # it is also 1/C of the right one.
        (
            "wrong_divides_by_n_twice",
            "test_one_hot_targets_of_ints_count_as_one_hot[tall]",
            "test_cross_entropy_gives_the_docstring_example",
        ),
        # A crash on one sample, not on its zero probability.
        (
            "wrong_classes_from_second_axis",
            "test_a_zero_probability_on_the_true_class_costs_a_large_finite_loss"
            "[1-D-one-hot]",
            "test_one_sample_takes_a_plain_int_label_or_a_one_hot_vector",
        ),
        # math.exp of an array, raised through a test that lets it through.
        (
            "wrong_math_exp_on_arrays",
            "test_sigmoid_has_no_overflow_for_any_finite_x",
            "test_sigmoid_gives_the_docstring_example",
        ),
        # A copied input, overwritten: wrong values, not a wrong sign.
        (
            "wrong_abs_into_its_argument",
            "test_sigmoid_accepts_numbers_lists_integers_and_float32[int-list]",
            "test_sigmoid_gives_the_docstring_example",
        ),
        # Int labels as one-hot: N = 1 broadcasts, N = 2 clashes.
        (
            "wrong_labels_not_converted",
            "test_backward_gives_the_docstring_example",
            "test_two_calls_give_the_same_gradients",
        ),
    ],
)
def test_one_mistake_is_named_alike_in_every_test_it_fails(
    runs, mutant, test_name, named_as
):
    mistake = mistake_of(runs, mutant, test_name)
    assert mistake and mistake == mistake_of(runs, mutant, named_as)


@pytest.mark.parametrize(
    "code, lost",
    [
        ("return e / np.sum(e, axis=-1)", "sums"),
        ("return np.exp(x) / np.exp(x).sum(axis=1)", "sums"),
        ("e = np.exp(x - x.max(axis=-1))", "maxima"),
        ("e = np.exp(x - np.max(x, axis=-1)) / e.sum(axis=-1)", "maxima"),
        ("return e / e.sum(axis=-1, keepdims=True)", None),
        ("e = np.exp(x - np.max(x, axis=-1, keepdims=True))", None),
        ("return e / s", None),
    ],
)
def test_a_broadcast_error_names_the_axis_its_line_lost(monkeypatch, code, lost):
    error = ValueError("operands could not be broadcast together")
    named = {"sums": SUMS_LOST_AXIS, "maxima": MAX_LOST_AXIS, None: None}[lost]
    # The learner's line that raised reads `code`.
    monkeypatch.setattr(test_softmax, "learner_code", lambda error: code)
    assert test_softmax.lost_axis_on_line(error) == named


def test_an_index_of_floats_is_put_down_to_labels_made_floats():
    error = IndexError("arrays used as indices must be of integer (or boolean) type")
    advice = advice_for(error)

    assert advice.startswith("an array of floats was used as an index")
    assert i18n.catalogue("ja").sentence(advice), advice
    # Labels given as ints: the learner's code made them floats.
    assert float_index(error, np.array([2, 0])) == advice
    # Floats given: the caller's, not a conversion of the learner's.
    assert float_index(error, np.array([[0.0, 1.0]])) is None
    assert float_index(ValueError("bad"), np.array([2, 0])) is None


def test_a_function_written_under_another_name_is_named():
    import types

    from tests.harness import no_function

    module = types.ModuleType("kata_softmax")
    module.__file__ = "exercises/softmax.py"
    exec("import numpy as np\ndef soft_max(x):\n    return x\n", module.__dict__)

    assert no_function(module, "softmax") == (
        "exercises/softmax.py has no function named softmax, but one named "
        "soft_max: the tests call it by the name the stub gave it, softmax."
    )
    assert no_function(module, "sigmoid_grad") == (
        "exercises/softmax.py has no function named sigmoid_grad"
    )


def test_the_accuracy_test_is_named_for_the_share_it_asks():
    from tests import test_train

    share = f"{test_train.MIN_ACCURACY * 100:.0f}_percent"
    named = [name for name in vars(test_train) if "_percent_" in name]

    assert named == [f"test_training_classifies_{share}_of_unseen_flowers"]


def test_mistakes_are_looked_for_only_in_the_failure_shown():
    """Hypothesis runs a failing test on many examples (those that pass,
    and those it fails on while it looks for the smallest): the mistakes
    are looked for once, on the example shown, and named there."""
    from hypothesis import given
    from hypothesis import strategies as st

    searched = []

    @when_shown
    def search(value):
        searched.append(value)
        return [("one added to the double", 2 * value + 1)]

    @given(st.integers(0, 1000))
    def doubles(value):
        expect_close(
            value + value + (value > 5),
            2 * value,
            "double(...)",
            rtol=0,
            atol=0,
            mistakes=search(value),
        )

    with pytest.raises(KataFailure) as failure:
        doubles()
    assert searched == [6]  # the smallest that fails, and nothing else
    assert "likely mistake: one added to the double" in str(failure.value)
    assert search(3) == [("one added to the double", 7)]  # outside hypothesis

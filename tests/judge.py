"""Judge results: compare what the learner's code gave with what was expected,
and explain any difference in words a beginner can act on."""

import ast
import difflib
import functools
import inspect
import math
import re
import warnings
from contextlib import contextmanager

import numpy as np
from hypothesis.control import current_build_context
from hypothesis.errors import InvalidArgument

from tests import reference
from tests.harness import (
    TRUSTED,
    ExerciseImportError,
    InputModified,
    called_module,
    calls_itself,
    closest_name,
    contrast,
    import_typo,
    learner_code,
    learner_defs,
    learner_line,
    learner_source,
    marked,
    meant_name,
    module_mistake,
    quietly,
    raised_by_learner,
    reads_the_keyboard,
    short,
)


def failure_shown() -> bool:
    """Whether a failure of the running test would be shown to the learner.

    Under hypothesis it is not while examples are being tried: hypothesis
    runs every passing example, and every failing one it tries on its way
    to the smallest, only to learn whether it fails; the smallest is run
    once more, to be shown (as is each explicit example). Outside
    hypothesis, every failure is shown."""
    try:
        return current_build_context().is_final
    except InvalidArgument:  # no example is being tried
        return True


def when_shown(search):
    """`search`, a function that lists the mistakes a result may show, run
    only where a failure would be shown (see `failure_shown`); elsewhere it
    lists none. Naming a mistake takes probes of the learner's code and the
    results of every known mistake, and says only why a test fails, never
    whether: worked out for every example tried, it would make the grade of
    a wrong answer many times slower (seconds, for one that fails on a few
    examples only), and that of a right one slower too."""

    @functools.wraps(search)
    def searched(*args, **kwargs):
        return search(*args, **kwargs) if failure_shown() else []

    return searched


class KataFailure(AssertionError):
    """A property of the exercise does not hold.

    Rendered as: the property in plain words, then the input that shows it,
    what was expected, what came back, where the two differ most when they
    print alike, the line of the learner's code that raised the exception
    `raised` when the failure is about one, and the likely mistake when
    known.
    """

    def __init__(
        self,
        what,
        *,
        call=None,
        expected=None,
        actual=None,
        mistake=None,
        differs=None,
        raised=None,
        where=None,
    ):
        self.what = what
        self.call = call
        self.expected = expected
        self.actual = actual
        self.mistake = mistake
        self.differs = differs
        # Found now, while the exception still holds its traceback: the
        # innermost line of the learner's, even when the exception came
        # from NumPy's code or a trusted function it called.
        # `where`, when the test found the line itself (as "exercises/
        # sgd.py, line 9: ..."), for a failure that raised nothing.
        if raised is not None:
            where = learner_line(raised)
        self.where = where
        super().__init__(self.render())

    def render(self):
        lines = [self.what]
        if self.call is not None:
            lines.append(labelled_call(self.call))
        if self.expected is not None:
            lines.append(labelled("  expected  ", self.expected))
        if self.actual is not None:
            lines.append(labelled("  actual    ", self.actual))
        if self.differs:
            lines.append(labelled("  differs   ", self.differs))
        if self.where:
            lines.append(labelled("  where     ", self.where))
        if self.mistake:
            lines.append(f"  likely mistake: {self.mistake}")
        return "\n".join(lines)


def labelled(head, value):
    """A labelled line of a message, `head` ("  expected  ") then `value`:
    the later lines of `value`, indented from its start (an array's rows),
    are moved right with it, so that they stay under its first line
    wherever the message is read (under pytest, in a JSON report), not
    only on the grader's screen."""
    first, *later = str(value).split("\n")
    later = [" " * len(head) + line if line.strip() else line for line in later]
    return "\n".join([head + first, *later])


def labelled_call(call):
    """The line of a message that shows `call`: its later lines, indented
    from the start of the call, are put under it."""
    return labelled("  call      ", call)


# Exceptions that carry their own explanation: a test that expects the
# learner's code to raise must let these through rather than report them as
# the wrong exception.
PASS_THROUGH = (NotImplementedError, ExerciseImportError, InputModified, KataFailure)


def fail(
    what,
    call=None,
    expected=None,
    actual=None,
    mistake=None,
    differs=None,
    raised=None,
    where=None,
):
    raise KataFailure(
        what,
        call=call,
        expected=expected,
        actual=actual,
        mistake=mistake,
        differs=differs,
        raised=raised,
        where=where,
    )


def as_array(value, call, what="a number or an array"):
    """Return `value` as a numeric array, or fail saying what came back."""
    if value is None:
        fail(
            f"{function_name(call)} returned None instead of {what}.",
            call=call,
            mistake=printed_instead(function_name(call))
            or "a missing return statement.",
        )
    try:
        array = np.asarray(value)
    except Exception:
        array = None
    if array is None or array.dtype.kind not in "biuf":
        fail(
            f"{function_name(call)} returned {type(value).__name__}, not {what}.",
            call=call,
            actual=short(value),
        )
    return array


def printed_instead(function):
    """The mistake of a learner's `function` that prints its result and
    returns none: its source holds a print() call and no return of a
    value. None where it does not, or the source cannot be read."""
    printed = printed_value(function)
    if printed is None:
        return None
    if not printed:
        return (
            f"{function} prints its result instead of returning it: print "
            "shows it on the screen, and the caller gets None. Return the "
            "result instead of printing it."
        )
    return (
        f"{function} prints its result instead of returning it: print shows "
        f"it on the screen, and the caller gets None. Write return "
        f"{printed} in place of the print."
    )


def printed_value(function):
    """What the learner's `function` prints, as source text ('' for a
    print of several values), where that function prints and returns no
    value anywhere; else None."""
    exercise = TRUSTED.get(function)
    if exercise is None:
        return None
    text, defined = learner_defs(exercise, function)
    if not defined:
        return None
    nodes = list(ast.walk(defined[-1]))  # the last def of a name is the one run
    if any(isinstance(node, ast.Return) and node.value for node in nodes):
        return None
    prints = [
        node
        for node in nodes
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]
    if not prints:
        return None
    if len(prints[-1].args) != 1 or prints[-1].keywords:
        return ""
    return " ".join((ast.get_source_segment(text, prints[-1].args[0]) or "").split())


def expect_not_a_list(value, call):
    """Fail if a list or tuple came back where the docstring promises a
    NumPy array: the values may be right, but the caller cannot use it as
    an array (x.shape, x * 2, x[:, 0])."""
    if isinstance(value, (list, tuple)):
        fail(
            f"{function_name(call)} must return a NumPy array, not a "
            f"{type(value).__name__}.",
            call=call,
            actual=marked(value),
            mistake="the result was built as Python lists (.tolist(), a list "
            "comprehension, rows.append): return a NumPy array; np.array(rows) "
            "turns the lists into one.",
        )


def function_name(call):
    """The name of the function a call (a `Call` or its text) is of."""
    return getattr(call, "function", str(call).split("(")[0])


TRANSPOSED = "the result is transposed: check the order of the axes."


def expect_shape(actual, shape, call, mistakes=(), what=None, transposed=None):
    """Fail unless `actual` has `shape`; name a transpose or lost axis.
    `what` says whose shape it is ("The gradient for w2 has the wrong
    shape."); by default, the result's. `transposed` names the transpose
    in the exercise's own words, so that a transposed result reads alike
    whether or not its values match one of `mistakes` too."""
    if actual.shape == tuple(shape):
        return
    mistake = named_mistake(mistakes, actual)
    if mistake is None and actual.shape == tuple(shape)[::-1] and actual.ndim > 1:
        mistake = transposed or TRANSPOSED
    elif mistake is None and actual.ndim > len(shape):
        mistake = (
            f"expected ndim {len(shape)}, got {actual.ndim}: an axis too many "
            "was kept or added (keepdims=True where none is needed? a reshape "
            "or x[:, None]?)."
        )
    elif mistake is None and actual.ndim < len(shape):
        mistake = lost_axes(shape, actual)
    fail(
        what or "The result has the wrong shape.",
        call=call,
        expected=str(tuple(shape)),
        actual=str(actual.shape),
        mistake=mistake,
    )


def lost_axes(shape, actual):
    """Why the array `actual` has fewer axes than `shape`. keepdims=True is
    named only where it may give the axis back: not where the values are
    all there (a squeeze or ravel dropped an axis of length 1, or merged
    two), nor where every axis was reduced to one number, which keepdims
    would keep as axes of length 1 ((1, C) for a vector of C wanted)."""
    wanted, ndim = len(shape), actual.ndim
    if actual.size == math.prod(shape):
        return (
            f"expected ndim {wanted}, got {ndim}: an axis was lost, its values "
            "kept (a squeeze, ravel, flatten or reshape?)."
        )
    if ndim == 0:
        return (
            f"expected ndim {wanted}, got 0: every axis was reduced to one "
            "number (a sum, max or argmax with no axis=?): pass the axis to "
            "reduce, such as axis=0 or axis=-1."
        )
    return (
        f"expected ndim {wanted}, got {ndim}: an axis was lost (a sum or max "
        "without keepdims=True? a squeeze, ravel or flatten?)."
    )


def expect_close(
    value,
    expected,
    call,
    *,
    rtol,
    atol,
    mistakes=(),
    what=None,
    shape_what=None,
    transposed=None,
    otherwise=None,
):
    """Fail unless `value` matches `expected` in shape and, within the
    tolerances, in every element.

    `mistakes` pairs a description with the result that mistake would give;
    the ones that match `value` (and not `expected`) are named in the
    failure. `what` states the property a wrong value breaks, `shape_what`
    the one a wrong shape breaks, `transposed` the mistake a transposed
    shape is (see expect_shape). `otherwise` is the mistake named for wrong
    values that none of `mistakes` gives: one the learner's code shows.
    """
    # Compared as float64; shown as given when whole numbers are meant (the
    # classes predict gives), so that they do not read as floats.
    wanted = np.asarray(expected)
    expected = wanted.astype(np.float64)
    shown = wanted if wanted.dtype.kind in "iu" else expected
    returned = as_array(value, call)
    expect_shape(returned, expected.shape, call, mistakes, shape_what, transposed)

    # Compared as float64, shown as returned: an integer result reads as
    # the integers it holds, with its dtype.
    actual = returned.astype(np.float64)
    tolerance = {"rtol": rtol, "atol": atol}
    if not np.all(np.isfinite(actual)) and np.all(np.isfinite(expected)):
        fail(
            what or "The result contains nan or inf where it should be finite.",
            call=call,
            expected=short(shown),
            actual=short(returned),
            mistake=named_mistake(mistakes, actual, expected, **tolerance)
            or otherwise
            or "an overflow in exp or a division by zero: see the docstring "
            "for how to keep the numbers in range.",
        )
    if not np.allclose(actual, expected, **tolerance):
        expected_text, actual_text, differs = contrast(shown, as_given(value, returned))
        if isinstance(value, int) and not isinstance(value, bool):
            actual_text += " (int)"  # Python's own type, not NumPy's
        fail(
            what or "The result has the wrong values.",
            call=call,
            expected=expected_text,
            actual=actual_text,
            differs=differs,
            mistake=named_mistake(mistakes, actual, expected, **tolerance)
            or integer_mistake(returned, expected)
            or otherwise,
        )
    return actual


def as_given(value, returned):
    """What to show of `value`, which came back as the array `returned`: a
    Python number as itself, not as the 0-d array it was made (whose dtype,
    int64, it never had)."""
    return value if isinstance(value, (int, float)) else returned


INTEGER_RESULT = (
    "an integer array accumulates: the fractions are cut off. Start from "
    "float zeros, np.zeros(shape), whose dtype is float64."
)


def integer_mistake(returned, expected):
    """INTEGER_RESULT where an integer array came back for an answer with
    fractions, else None."""
    if returned.dtype.kind in "iub" and np.any(expected != np.round(expected)):
        return INTEGER_RESULT
    return None


# A mistake's result matches the learner's when they agree this closely:
# loose enough for a different order of the same arithmetic, tight enough
# that two different mistakes rarely agree by chance.
MATCH_RTOL = 1e-6
MATCH_ATOL = 1e-9


def named_mistake(mistakes, actual, expected=None, *, rtol=0.0, atol=0.0):
    """Describe the mistakes whose result matches `actual`, or return None.

    A mistake is named only where it shows: its result must differ from
    `expected` beyond the test's tolerance (transposing a 1x1 result changes
    nothing, so it cannot be what went wrong), and lie nearer to `actual`
    than `expected` does. When several mistakes give the same result on
    this input, all of them are named. A mistake may carry a third item, a
    function that tells whether the learner's code can make it at all (a
    loop one short, where the code has no loop), asked only where its
    result matches.
    """
    # A copy: asking whether a mistake can be made may call the learner's
    # code again, which may refill the very array it returned before.
    actual = np.array(actual, dtype=np.float64)
    found = []
    for description, result, *possible in mistakes:
        if description in found or not _matches(result, actual):
            continue
        if expected is not None and not _shows(result, actual, expected, rtol, atol):
            continue
        if possible and not possible[0]():
            continue
        found.append(description)
    if len(found) > 1:
        listed = " ".join(f"({n}) {text}" for n, text in enumerate(found, 1))
        return f"on this input these mistakes give the same result: {listed}"
    return found[0] if found else None


def _matches(result, actual):
    """Whether a mistake's `result` is what came back, `actual`."""
    if result is None:  # the variant could not even run on this input
        return False
    try:
        result = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    if result.shape != actual.shape:
        return False
    if not np.all(np.isfinite(result)) and np.all(np.isfinite(actual)):
        return False
    return bool(
        np.allclose(actual, result, rtol=MATCH_RTOL, atol=MATCH_ATOL, equal_nan=True)
    )


def _shows(result, actual, expected, rtol, atol):
    """Whether a mistake's `result` tells itself apart from `expected` here,
    and explains `actual` better than `expected` does."""
    result = np.asarray(result, dtype=np.float64)
    if result.shape != expected.shape:
        return True  # a wrong shape is never the right answer
    if np.allclose(result, expected, rtol=rtol, atol=atol, equal_nan=True):
        return False
    return _gap(actual, result) < _gap(actual, expected)


def _gap(first, second):
    """The largest difference between two arrays of one shape; two nans at
    the same place are alike."""
    with np.errstate(invalid="ignore"):
        gap = np.array(np.abs(first - second))
    gap[np.isnan(gap)] = np.inf
    gap[np.isnan(first) & np.isnan(second)] = 0.0
    return float(gap.max()) if gap.size else 0.0


def variant(function, *args):
    """The result of a wrong variant, or None where it cannot even run."""
    try:
        with np.errstate(all="ignore"):
            return function(*args)
    except Exception:
        return None


# The nodes of a loop, however it is written: a for or while statement, a
# comprehension, or a call of range() (as in map(f, range(k - 1))).
LOOP_NODES = (ast.For, ast.While, ast.comprehension)


def loops_in(exercise):
    """Whether the learner's module of `exercise` holds a loop anywhere (a
    helper of the function may hold it); True where the source cannot be
    read or parsed, as a loop cannot be ruled out then."""
    text = learner_source(exercise)
    try:
        tree = ast.parse(text) if text is not None else None
    except (SyntaxError, ValueError):
        tree = None
    if tree is None:
        return True
    return any(
        isinstance(node, LOOP_NODES)
        or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "range"
        )
        for node in ast.walk(tree)
    )


# NumPy's words for an index of floats, and what is likely behind one.
FLOAT_INDEX = "arrays used as indices must be of integer"
FLOAT_INDEX_ADVICE = (
    "an array of floats was used as an index, and only ints (or booleans) "
    "can index: 2.0 is a float. Were the labels made floats "
    "(np.asarray(labels, dtype=np.float64))? Keep them ints: np.asarray(labels) "
    "keeps their dtype. Convert with .astype(int) only after checking that "
    "every label is a whole number."
)


def float_index(error, t):
    """FLOAT_INDEX_ADVICE where `error` is NumPy's refusal of an index of
    floats and `t`, the labels the learner's function was given, holds ints
    (so the learner's code made them floats); else None."""
    if FLOAT_INDEX not in str(error):
        return None
    return FLOAT_INDEX_ADVICE if np.asarray(t).dtype.kind in "iu" else None


# Advice for exceptions NumPy raises on common beginner mistakes, matched by
# a fragment of the exception's message.
EXCEPTION_ADVICE = [
    (FLOAT_INDEX, FLOAT_INDEX_ADVICE),
    (
        "could not be broadcast",
        "two arrays' shapes do not line up: a sum or max without "
        "keepdims=True, or a missing transpose?",
    ),
    (
        "mismatch in its core dimension",
        "the inner sizes of a matrix product differ: check which factor "
        "needs a transpose (.T).",
    ),
    (
        "is out of bounds for array of dimension",
        "that axis does not exist for this input: axis=-1 always means the "
        "last axis, whatever the number of dimensions.",
    ),
    (
        "too many indices",
        "the code indexes more axes than the array has: does it handle 1-D "
        "input (and 0-d input, where allowed)?",
    ),
    (
        "not enough values to unpack",
        "a shape with fewer axes than names was unpacked (k, m = b.shape): an "
        "argument may be a vector, b of shape (K,); look at b.ndim before "
        "unpacking its shape.",
    ),
    (
        "'NoneType' object",
        "a value is None: a function missing its return statement?",
    ),
    (
        "only integer scalar arrays can be converted",
        "an array was used where a single number was expected: loop over "
        "its elements, or use NumPy's elementwise functions.",
    ),
    (
        "len() of unsized object",
        "a single number (a 0-d array) has no length: np.asarray(x) and "
        "NumPy's elementwise functions handle every shape.",
    ),
    (
        "truth value of an array",
        "an `if` or `and`/`or` on a whole array: use np.where, a boolean mask, "
        "or np.any/np.all.",
    ),
    (
        "only 0-dimensional arrays can be converted",
        "an array was passed where a single number was expected (math "
        "functions, float(), int()): use NumPy's elementwise functions.",
    ),
    (
        "math range error",
        "math.exp overflows for large inputs: use np.exp on arrays, and keep "
        "the exponent small (see the docstring).",
    ),
]


# Advice for exceptions that say the code itself is broken, whatever the
# input: Python's own, raised by a line of the learner's.
CODE_ERROR_ADVICE = [
    (
        NameError,
        "a name that is not defined: a typo, or a variable used before it "
        "is given a value?",
    ),
    (
        AttributeError,
        "an attribute or method this value does not have: a typo, or a list "
        "or number where an array was meant (np.asarray)?",
    ),
    (
        TypeError,
        "a function called with the wrong arguments, or an operation on a "
        "value of the wrong type: check the names and order of the arguments.",
    ),
]
# How Python's own TypeErrors begin or end, unlike NumPy's: a call with the
# wrong arguments, an operator or subscript the value does not support.
PYTHON_TYPE_ERROR = re.compile(
    r"positional argument|keyword argument|required argument|object is not "
    r"(callable|subscriptable|iterable)|unsupported operand|can only "
    r"concatenate|not supported between"
)


# How Python says an operator met a list or tuple: "bad operand type for
# unary -: 'list'", "unsupported operand type(s) for -: 'int' and 'list'",
# "'<' not supported between instances of 'list' and 'int'", "can only
# concatenate list (not "int") to list", "can't multiply sequence by
# non-int of type 'float'" (a list times a float).
LIST_OPERAND = re.compile(
    r"(?:operand|between instances of).+'(?:list|tuple)'"
    r"|can only concatenate (?:list|tuple)|can't multiply sequence"
)
LIST_OPERAND_ADVICE = (
    "a list where an array was meant: Python's lists have no arithmetic and "
    "cannot be compared with a number. Convert the argument to an array first "
    "with np.asarray (for example x = np.asarray(x)), and work with the array."
)


# Python's words for a call that left out an argument, and what to pass,
# by function and argument.
MISSING_ARGUMENT = re.compile(
    r"(\w+)\(\) missing \d+ required positional arguments?: '(\w+)'"
)
ARGUMENT_ADVICE = {
    ("one_hot", "num_classes"): (
        "one_hot needs num_classes: one_hot(t, probs.shape[1]), the number "
        "of classes C as its second argument."
    ),
}


def missing_argument(error):
    """The advice for a call of a function of the kata's that left out an
    argument it needs (ARGUMENT_ADVICE), or None."""
    found = MISSING_ARGUMENT.search(str(error))
    return None if found is None else ARGUMENT_ADVICE.get(found.groups())


NO_KEYBOARD_ADVICE = (
    "input() waits for a keyboard, which a test does not have: remove the input() call."
)


def code_mistake(error):
    """The hint for an exception the learner's code raised through a bug of
    its own (a typo, a call with the wrong arguments, a leftover input()),
    or None: advice about the input does not apply to it."""
    if reads_the_keyboard(error):
        return NO_KEYBOARD_ADVICE
    recursive = calls_itself(error)
    if recursive is not None:
        return self_call(recursive)
    if isinstance(error, TypeError) and LIST_OPERAND.search(str(error)):
        return LIST_OPERAND_ADVICE
    if isinstance(error, TypeError) and not PYTHON_TYPE_ERROR.search(str(error)):
        return None  # NumPy's, about a value the input brought
    missing = missing_argument(error) if isinstance(error, TypeError) else None
    if missing is not None:
        return missing
    exercise = TRUSTED.get(getattr(error, "name", None))
    if isinstance(error, NameError) and exercise is not None:
        name = error.name
        return (
            f"{name} is not imported here: it is another exercise's function, "
            f"which this file must import first: `from .{exercise} import {name}`."
        )
    if isinstance(error, NameError) and numpy_function(error.name):
        name = error.name
        return f"{name} is a NumPy function, not one of Python's own: write np.{name}."
    if isinstance(error, NameError) and error.name in NOT_IMPORTED:
        return NOT_IMPORTED[error.name](error)
    typo = import_typo(error) or module_mistake(error)
    if typo is not None:
        return typo
    module = called_module(error)
    if module is not None:
        return module_called(*module)
    keyword = keyword_typo(error)
    if keyword is not None:
        return keyword
    entry = dict_attribute(error)
    if entry is not None:
        return entry
    meant = meant_name(error)
    if meant is not None:
        name = error.name
        if isinstance(error, NameError):
            return f"a typo? {name} is not defined here; did you mean {meant}?"
        return f"a typo? There is no attribute {name} here; did you mean {meant}?"
    key = key_typo(error)
    if key is not None:
        return key
    for kind, advice in CODE_ERROR_ADVICE:
        if isinstance(error, kind):
            return advice
    return None


# How Python says a dict lacks an attribute: "'dict' object has no
# attribute 'w1'".
DICT_ATTRIBUTE = re.compile(r"^'dict' object has no attribute '(\w+)'")


def dict_attribute(error):
    """The mistake of an entry of a dict read as an attribute (params.w1
    for params["w1"]), where `error` is Python's AttributeError for it and
    the attribute is none of an array's (grads.T means an array). Else
    None."""
    found = DICT_ATTRIBUTE.match(str(error))
    if not isinstance(error, AttributeError) or found is None:
        return None
    attr = found.group(1)
    if hasattr(np.ndarray, attr):
        return None
    read = re.search(rf"\b(\w+)\.{attr}\b", learner_code(error))
    if read is None:
        return None
    owner = read.group(1)
    return (
        f"{owner} is a dict, whose entries are not attributes: write "
        f"{owner}[{attr!r}], not {owner}.{attr}."
    )


def key_typo(error):
    """The mistake behind a KeyError of the learner's for a key close to
    one of a dict the call was given (params["W1"] for "w1"): the key asked
    for and the keys there are. None when no dict of the call has a key
    that close: a key the function's own dict lacks is another mistake."""
    call = getattr(error, "kata_call", None)
    if not isinstance(error, KeyError) or call is None or len(error.args) != 1:
        return None
    (key,) = error.args
    if not isinstance(key, str):
        return None
    for value in [*call.args, *call.kwargs.values()]:
        if not isinstance(value, dict) or key in value:
            continue
        meant = closest_name(key, list(value))
        if meant is not None:
            keys = ", ".join(repr(name) for name in value)
            return (
                f"a typo in a key? The code asked for {key!r}, which the dict "
                f"it was given does not have: its keys are {keys}. Did you "
                f"mean {meant!r}? (Keys tell capitals from small letters.)"
            )
    return None


def math_not_imported(error):
    """The mistake of a math function called where math was never
    imported: NumPy's function of that name does better, on arrays too."""
    found = MATH_CALL.search(learner_code(error))
    if found is None or not hasattr(np, found.group(1)):
        return (
            "math is not imported: the file has no import math. Add it at "
            "the top, or better, use NumPy's functions (np.exp and the "
            "like), which work on whole arrays."
        )
    name = found.group(1)
    return (
        f"math is not imported: the file has no import math. Better than "
        f"importing it, use np.{name}: math.{name} takes one number only, "
        f"np.{name} works on whole arrays too."
    )


def numpy_not_imported(error):
    """The mistake of NumPy used by a name the file never imported."""
    return (
        f"{error.name} is not defined: NumPy is not imported in this file. "
        "Put import numpy as np at its top, and call NumPy's functions "
        "through np (np.exp, np.sum)."
    )


# Modules a learner uses without importing them, by the name left
# undefined: the mistake each is.
NOT_IMPORTED = {
    "math": math_not_imported,
    "np": numpy_not_imported,
    "numpy": numpy_not_imported,
}


# How Python says a call was given a keyword its function does not take.
UNEXPECTED_KEYWORD = re.compile(r"got an unexpected keyword argument '(\w+)'")
# How close a keyword must be to one the function takes to be its typo
# (difflib's ratio): keepdim for keepdims, axes for axis, dtyp for dtype.
KEYWORD_CUTOFF = 0.7


def keyword_typo(error):
    """The mistake of a keyword argument misspelled on the learner's line
    that raised `error` (keepdim=True for keepdims=True), where the
    function called takes a keyword close to it; else None."""
    found = UNEXPECTED_KEYWORD.search(str(error))
    if not isinstance(error, TypeError) or found is None:
        return None
    wrong = found.group(1)
    callee = keyword_callee(learner_code(error), wrong)
    if callee is None:
        return None
    close = difflib.get_close_matches(
        wrong, keywords_of(callee), n=1, cutoff=KEYWORD_CUTOFF
    )
    if not close:
        return None
    return f"a typo? {callee}() takes no keyword {wrong}; did you mean {close[0]}?"


def keyword_callee(code, keyword):
    """The function called with `keyword` on the line of code `code`, as
    written there ("np.max", "e.sum"); None where the line does not parse
    or holds no such call."""
    try:
        tree = ast.parse(code.strip().rstrip(":"))
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and any(
            word.arg == keyword for word in node.keywords
        ):
            return ast.unparse(node.func)
    return None


# NumPy's functions whose keywords a method of an array or of a random
# generator takes alike: x.max(...) as np.max(...).
METHOD_OWNERS = (np, np.random.Generator)


def keywords_of(callee):
    """The keywords the function written as `callee` ("np.max", "x.sum",
    "rng.normal", "softmax") takes, as far as can be told: NumPy's own by
    their name, a method by the NumPy function or Generator method of its
    name, another exercise's function by its trusted one."""
    *owner, name = callee.split(".")
    candidates = []
    if owner and owner[0] in ("np", "numpy"):
        found = np
        for part in [*owner[1:], name]:
            found = getattr(found, part, None)
        candidates.append(found)
    elif owner:
        candidates += [getattr(place, name, None) for place in METHOD_OWNERS]
    elif name in TRUSTED:
        candidates.append(getattr(reference, name, None))
    words = []
    for function in candidates:
        try:
            parameters = inspect.signature(function).parameters.values()
        except (TypeError, ValueError):
            continue
        words += [
            p.name
            for p in parameters
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "self"
        ]
    return words


def self_call(name):
    """The mistake of a function `name` that calls itself where another
    function was meant: for an exercise's function, the exercise's function
    whose name begins its own, where there is one (sigmoid for
    sigmoid_grad)."""
    others = [
        f for f in TRUSTED if name in TRUSTED and f != name and name.startswith(f)
    ]
    if others:
        meant = max(others, key=len)
        return (
            f"{name} calls itself on the line shown, and each call calls it "
            f"again until Python gives up: call {meant} there, not {name}."
        )
    return (
        f"{name} calls itself on the line shown, and each call calls it again "
        "until Python gives up: call the function meant there (another of "
        f"yours, another exercise's or NumPy's), not {name}."
    )


def module_called(name, exercise):
    """The mistake of calling `name`, bound to the module of `exercise` by
    an import, as if it were the exercise's function."""
    functions = [f for f, owner in TRUSTED.items() if owner == exercise]
    function = exercise if exercise in functions else functions[0]
    alias = "" if name == function else f" as {name}"
    return (
        f"{name} here is the module exercises/{exercise}.py, not its function: "
        f"write from .{exercise} import {function}{alias} (or call "
        f"{name}.{function}(...))."
    )


def numpy_function(name):
    """Whether NumPy has a function called `name` (np.exp, np.maximum): a
    name left undefined by a call written without its np."""
    if not isinstance(name, str) or name.startswith("_"):
        return False
    # A few of NumPy's names warn as they are looked up (deprecated), and
    # the tests may run with warnings made errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = getattr(np, name, None)
    return callable(found) and not isinstance(found, type)


# Python's own words for a shape unpacked into the wrong number of names:
# "not enough values to unpack (expected 2, got 1)", "too many values to
# unpack (expected 2)" (3.12 and later add ", got 3").
UNPACKING = re.compile(
    r"(?:not enough|too many) values to unpack \(expected (\d+)(?:, got (\d+))?\)"
)
# A shape read on a line of code: a.shape, np.shape(a).
SHAPE_READ = re.compile(r"\bnp\.shape\((\w+)\)|\b(\w+)\.shape\b")


def unpacked_shape(error):
    """The name whose shape the learner's line unpacked into more (or
    fewer) names than it has axes, when `error` is Python's complaint about
    that and the line reads the shape of one name only; else None."""
    if not isinstance(error, ValueError) or not UNPACKING.search(str(error)):
        return None
    names = {a or b for a, b in SHAPE_READ.findall(learner_code(error))}
    return names.pop() if len(names) == 1 else None


def unpack_mistake(error):
    """The mistake of unpacking a shape into as many names as the axes some
    inputs have, named after the array whose shape it was and what that
    array was here; None when `error` is not that."""
    name = unpacked_shape(error)
    if name is None:
        return None
    expected, got = UNPACKING.search(str(error)).groups()
    if got is None or int(got) > int(expected):
        return (
            f"{name}.shape was unpacked into {expected} names, but {name} has "
            f"more axes than that here: look at {name}.ndim first."
        )
    if got == "0":
        return (
            f"{name}.shape was unpacked into {expected} names, but {name} is a "
            f"single number here (a 0-d array, shape ()): look at {name}.ndim "
            "first."
        )
    if got == "1":
        return (
            f"{name}.shape was unpacked into {expected} names, but {name} is "
            f"a vector here (1-D, one axis): look at {name}.ndim first."
        )
    return (
        f"{name}.shape was unpacked into {expected} names, but {name} has "
        f"only {got} axes here: look at {name}.ndim first."
    )


def wrong_exception_raised(error, promised="ValueError"):
    """The mistake of raising `error` by a `raise` of the learner's own
    where the docstring promises `promised`, or None when NumPy or Python
    raised it. A name or attribute that Python found missing while the
    `raise` line built its message (B for b) is the typo it is, named as
    any other (see `code_mistake`): Python sets .name on the NameError and
    AttributeError it raises itself, one raised by hand has none."""
    if not raised_by_learner(error):
        return None
    if isinstance(error, (NameError, AttributeError)) and getattr(error, "name", None):
        return code_mistake(error)
    if failed := message_failed(error, promised):
        return failed
    kind = type(error).__name__
    return (
        f"the check is there, but it raises {kind} where the docstring "
        f"promises {promised}: raise {promised}(...) instead."
    )


# An axis of a shape taken by its index, in the message a `raise` builds:
# a.shape[0], b.shape[-1].
SHAPE_INDEX = re.compile(r"\b(\w+)\.shape\[\s*-?\d+\s*\]")
# The exception a `raise` line names: ValueError in raise ValueError(...).
RAISED_TYPE = re.compile(r"raise\s+(\w+)")


# How Python refuses len() of a 0-d array ("len() of unsized object") and
# of a number ("object of type 'int' has no len()").
NO_LENGTH = re.compile(r"len\(\) of unsized object|has no len\(\)")
# len() of a name, in the message a `raise` builds: len(a).
LENGTH_CALL = re.compile(r"\blen\(\s*(\w+)\s*\)")


def message_failed(error, promised):
    """The mistake where `error` is what Python raised while a
    `raise {promised}(...)` line of the learner's built its message: an
    IndexError from an axis (a.shape[0]) of a shape that has fewer, or a
    TypeError from len(a) of a single number (a 0-d array has no length).
    The check is right, its message is not. Else None."""
    code = learner_code(error)
    raised = RAISED_TYPE.match(code)
    if not raised or raised[1] != promised:
        return None
    # Whole sentences, one per way of failing: the catalogue translates
    # each as a whole.
    if isinstance(error, IndexError) and (taken := SHAPE_INDEX.search(code)):
        subscript = " ".join(taken.group(0).split())
        name = taken.group(1)
        return (
            f"building the error message failed: {subscript} on a shape of fewer "
            f"axes, so IndexError came before the {promised}. Build the message "
            f"from the shapes as they are, {name}.shape, which every array has."
        )
    if (
        isinstance(error, TypeError)
        and NO_LENGTH.search(str(error))
        and (taken := LENGTH_CALL.search(code))
    ):
        name = taken.group(1)
        return (
            f"building the error message failed: len({name}) of a single number "
            f"(a 0-d array has no length), so TypeError came before the "
            f"{promised}. Build the message from the shapes as they are, "
            f"{name}.shape, which every array has."
        )
    return None


# How NumPy refuses to turn an array of more than one number into a
# Python number (older versions say "length-1").
TO_SCALAR = re.compile(r"only (0-dimensional|length-1) arrays can be converted")
# A call of a function of Python's math module: math.exp(, math.log(.
MATH_CALL = re.compile(r"\bmath\.(\w+)\(")


def math_on_array(error):
    """The mistake of giving an array to a function of the math module,
    named after the one on the learner's line that raised `error`, when
    NumPy has one of that name to take its place; else None."""
    if not TO_SCALAR.search(str(error)):
        return None
    found = MATH_CALL.search(learner_code(error))
    if found is None or not hasattr(np, found.group(1)):
        return None
    name = found.group(1)
    return f"math.{name} takes one number: np.{name} works on whole arrays."


# A call of np.einsum on a line of code.
EINSUM_CALL = re.compile(r"(?<![\w])einsum\s*\(")
EINSUM_ADVICE = (
    "the subscripts of np.einsum do not fit the arrays: each operand needs "
    "one letter per axis, in the order of its axes, and a letter shared by "
    "two operands must name axes of one size: x (N, D) @ w1 (D, H) is "
    "np.einsum('nd,dh->nh', x, w1)."
)


def einsum_mistake(error):
    """The mistake behind a ValueError raised on a line of the learner's
    that calls np.einsum: its subscripts do not fit the operands (NumPy's
    words speak of broadcasting and remapped shapes). Else None."""
    if isinstance(error, ValueError) and EINSUM_CALL.search(learner_code(error)):
        return EINSUM_ADVICE
    return None


def advice_for(error, learners=True):
    """A likely mistake behind an exception, or None. `learners`: whether
    the learner's code raised it (and not the tests' own)."""
    if reads_the_keyboard(error):
        return NO_KEYBOARD_ADVICE
    if learners and einsum_mistake(error):
        return EINSUM_ADVICE
    if learners and math_on_array(error):
        return math_on_array(error)
    if learners and isinstance(error, NotImplementedError):
        return (
            "this input reaches a part of your function that still raises "
            "NotImplementedError: write that part too."
        )
    text = str(error)
    for fragment, advice in EXCEPTION_ADVICE:
        if fragment in text:
            return unpack_mistake(error) or advice
    return unpack_mistake(error) or (code_mistake(error) if learners else None)


@contextmanager
def strict_floats():
    """Make overflow, division by zero and invalid operations errors, whether
    NumPy reports them as errors or as warnings. Underflow is harmless: a
    result too small for a float64 is rightly rounded to 0."""
    with (
        warnings.catch_warnings(),
        np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"),
    ):
        warnings.simplefilter("error", RuntimeWarning)
        warnings.filterwarnings("ignore", ".*underflow", RuntimeWarning)
        yield


# What an overflow or a 0 / 0 looks like: NumPy's error or warning under
# strict_floats, or math.exp's own exception.
FLOAT_TROUBLE = (FloatingPointError, RuntimeWarning, OverflowError)


# Integer dtypes that labels may come in besides int64, NumPy's default
# int on most machines: `t.dtype == int` holds for int64 alone.
OTHER_LABEL_DTYPES = (np.int32, np.int16, np.uint8)
# Labels only pick entries: the same labels in another integer dtype must
# give the same numbers, to rounding at most.
SAME_RTOL = 1e-12


def labels_by_int64(dtype):
    """The mistake of code that takes only int64 labels for labels."""
    name = np.dtype(dtype).name
    return (
        f"labels told from one-hot by dtype == int: {name} labels are not "
        "int64; use np.issubdtype(t.dtype, np.integer) or compare ndim/shape."
    )


def same_numbers(first, second):
    """Whether two results (numbers, arrays, or dicts, tuples and lists of
    them) hold the same numbers, within SAME_RTOL."""
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(
            same_numbers(first[key], second[key]) for key in first
        )
    if isinstance(first, (tuple, list)) and isinstance(second, (tuple, list)):
        return len(first) == len(second) and all(
            same_numbers(a, b) for a, b in zip(first, second, strict=True)
        )
    try:
        first, second = np.asarray(first), np.asarray(second)
        return first.shape == second.shape and bool(
            np.allclose(first, second, rtol=SAME_RTOL, atol=0.0, equal_nan=True)
        )
    except (TypeError, ValueError):
        return False


def shown(result, otherwise):
    """A result for a message: a number or an array as it is, a dict or a
    tuple of them as the words `otherwise` (too long to show whole)."""
    if isinstance(result, (dict, tuple, list)):
        return otherwise
    return short(result)


def expect_labels_of_any_dtype(run, labels, dtype, call, function, first=None):
    """Fail, naming `labels_by_int64`, where `run(t)` (the learner's
    `function` on targets t) raises for `labels` in `dtype` or gives other
    numbers than for the same int64 labels. `first(t)`, run by default,
    makes the first call on the int64 labels, and fails as the exercise's
    other tests do where it raises. Where two calls on the int64 labels
    disagree (random numbers unseeded, state kept between calls), nothing
    is told here: other tests name that."""
    given = (first or run)(labels)
    with quietly():
        again = run(labels)
    if not same_numbers(given, again):
        return
    name = np.dtype(dtype).name
    what = f"{function} must take {name} labels as it takes the same labels in int64."
    expect_as_int64(
        run, labels, dtype, again, call, what, lambda: labels_by_int64(dtype)
    )


def expect_as_int64(run, labels, dtype, given, call, what, mistake):
    """Fail with `what` where `run(t)` raises for `labels` in `dtype` or
    gives other numbers than `given`, its result for the same labels in
    int64; `mistake()` names the likely cause, asked only on a failure
    (it may run the learner's code again)."""
    try:
        with quietly():
            other = run(labels.astype(dtype))
    except PASS_THROUGH:
        raise
    except Exception as error:
        fail(
            what,
            call=call,
            actual=f"raised {type(error).__name__}: {error}",
            mistake=mistake(),
            raised=error,
        )
    if not same_numbers(other, given):
        fail(
            what,
            call=call,
            expected=shown(given, "the numbers int64 labels give"),
            actual=shown(other, "other numbers"),
            mistake=mistake(),
        )

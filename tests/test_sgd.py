"""Exercise 9: sgd_update(params, grads, lr), one step of gradient descent."""

import ast
import copy
import re

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests import reference
from tests.harness import (
    Exercise,
    contrast,
    describe_call,
    learner_code,
    learner_defs,
    listed,
    quietly,
    short,
)
from tests.judge import PASS_THROUGH, expect_close, fail, failure_shown, when_shown
from tests.strategies import examples, float_arrays, sizes

# How Python says an operator met a dict: "unsupported operand type(s) for
# *: 'float' and 'dict'", "bad operand type for unary -: 'dict'".
DICT_OPERAND = re.compile(r"operand.+'dict'")
# A name used whole on a line, not one of its entries: grads, not grads[k].
WHOLE = r"\b{}\b(?!\s*\[)"
GRADS_WHOLE = (
    "grads is a dict of arrays, one per key, like params: arithmetic on the "
    "whole dict fails. Take the gradient of key k, grads[k]: params[k] -= "
    "lr * grads[k]."
)
PARAMS_WHOLE = (
    "params is a dict of arrays, one per key: arithmetic on the whole dict "
    "fails. Step the array of each key k, params[k] -= lr * grads[k]."
)


def dict_loop():
    """The loop of the learner's sgd_update that walks one of its dicts
    itself as if that gave arrays or pairs, as written, with what it
    does: ("zip", "zip(params, grads)") where the dicts are zipped,
    ("pairs", "for k, v in params") where two names are taken from each
    item (.items() left out); else None. Iterating a dict gives its keys,
    strings, and nothing else."""
    text, defined = learner_defs("sgd", "sgd_update")
    if not defined:
        return None
    dicts = {arg.arg for arg in defined[-1].args.args[:2]}

    def bare(node):
        return isinstance(node, ast.Name) and node.id in dicts

    for node in ast.walk(defined[-1]):
        if not isinstance(node, (ast.For, ast.comprehension)):
            continue
        walked, target = node.iter, node.target
        zipped = (
            isinstance(walked, ast.Call) and getattr(walked.func, "id", "") == "zip"
        )
        if zipped and any(bare(arg) for arg in walked.args):
            return "zip", ast.get_source_segment(text, walked)
        if bare(walked) and isinstance(target, ast.Tuple):
            name = ast.get_source_segment(text, target)
            return "pairs", f"for {name} in {walked.id}"
    return None


def dict_loop_mistake(error):
    """The mistake of a loop over a dict itself (see `dict_loop`) where
    `error` is what it leads to: arithmetic on a key (TypeError), a key
    unpacked into two names (ValueError) or the lookup of a piece of a
    key (KeyError). Else None."""
    loop = dict_loop()
    if loop is None:
        return None
    kind, written = loop
    if kind == "zip" and isinstance(error, TypeError):
        return (
            f"iterating a dict gives its keys, not its arrays: {written} "
            "pairs key strings such as 'w1', and the step then does "
            "arithmetic on a string. Loop over the keys and look each array "
            "up: for key in params: params[key] -= lr * grads[key]."
        )
    unpacked = isinstance(error, ValueError) and "values to unpack" in str(error)
    if kind == "pairs" and (unpacked or isinstance(error, (KeyError, TypeError))):
        return (
            f"iterating a dict gives its keys, strings, not pairs: {written} "
            "unpacks each key itself, 'w1' into 'w' and '1' (and fails on a "
            "key of another length). Take the pairs with params.items(), or "
            "loop over the keys: for key in params: params[key] -= lr * "
            "grads[key]."
        )
    return None


def explain(function, error):
    """The likely mistake behind an exception the learner's `function`
    raised: a loop over a dict itself, arithmetic on a whole dict, grads
    or params, where one of its arrays was meant, or a key written out
    where the loop's was meant; else None."""
    looped = dict_loop_mistake(error)
    if looped is not None:
        return looped
    if isinstance(error, ValueError) and "broadcast" in str(error):
        return key_in_loop(error)
    if not isinstance(error, TypeError) or not DICT_OPERAND.search(str(error)):
        return None
    code = learner_code(error)
    if re.search(WHOLE.format("grads"), code):
        return GRADS_WHOLE
    if re.search(WHOLE.format("params"), code):
        return PARAMS_WHOLE
    return None


# params is the one argument sgd_update is meant to change.
learner = Exercise("sgd", may_modify={"sgd_update": (0,)}, explain=explain)

# params[k] - lr * grads[k] is one multiplication and one subtraction; other
# correct orders (p += -lr * g, p -= g * lr) differ only in the last bit.
RTOL = 1e-12
ATOL = 1e-12
# A learning rate small enough that every step on the problem below lowers
# the loss: its gradient changes slowly compared with a step this size.
SMALL_LR = 0.1
STEPS = 10

# Drawing eight arrays per example is the cost: a quarter of the profile's
# examples (15 when grading, more with --explore) besides the pinned ones.
FEW = examples(15)

learning_rates = st.floats(1e-3, 10.0, allow_nan=False)

KEYS = ("w1", "b1", "w2", "b2")


@st.composite
def networks(draw, bound=10.0):
    """Parameters of a network (D, H, C) and gradients of the same shapes."""
    d, h, c = draw(sizes), draw(sizes), draw(sizes)
    shapes = dict(zip(KEYS, [(d, h), (h,), (h, c), (c,)], strict=True))
    params = {key: draw(float_arrays(shape, bound)) for key, shape in shapes.items()}
    grads = {key: draw(float_arrays(shape, bound)) for key, shape in shapes.items()}
    return params, grads


def fixed_network(d, h, c, scale=1.0, seed=0):
    """Reproducible parameters and gradients, every value nonzero."""
    rng = np.random.default_rng(seed)
    shapes = dict(zip(KEYS, [(d, h), (h,), (h, c), (c,)], strict=True))

    def values(shape):
        return scale * rng.choice([-1.0, 1.0], shape) * rng.integers(1, 9, shape)

    params = {key: values(shape) for key, shape in shapes.items()}
    grads = {key: values(shape) for key, shape in shapes.items()}
    return params, grads


# Must-catch inputs: a square network and a non-square one, and values in
# the thousands, where the step must still be exact.
SQUARE = fixed_network(3, 3, 3, seed=1)
NOT_SQUARE = fixed_network(4, 2, 3, seed=2)
LARGE = fixed_network(2, 3, 2, scale=1000.0, seed=3)


def stored_transposed(network):
    """The network with its weight matrices laid out column by column in
    memory, as a transposed array (w.T) is: the same values, but
    w.ravel() and w.reshape(-1) of them are copies, not views."""
    params, grads = network
    params = {key: np.asfortranarray(value) for key, value in params.items()}
    return params, grads


# Every size above 1, so that the weight matrices are not in row order.
TRANSPOSED = stored_transposed(fixed_network(3, 2, 4, seed=4))

# A learning rate at which no two of the mistakes below leave the same
# values in a network of four keys: at 0.5, four steps of lr * g are one
# step of g / lr, and at 0.25 one step of g.
LR = 0.2


MEAN_STEP = (
    "each parameter was stepped by the mean of its gradient, one number for "
    "the whole array (grads[k].mean()): every element takes a step of its "
    "own gradient, params[k] -= lr * grads[k]."
)
REPEATED_STEP = (
    "each parameter took the step once for every key of grads, not once: "
    "a loop over grads inside the loop over params? One loop is enough: "
    "for k in params: params[k] -= lr * grads[k]."
)
DOUBLED_STEP = (
    "each parameter moved 2 times as far as lr * grads[k]: a factor 2 in the "
    "step? The step is lr * grads[k] exactly: params[k] -= lr * grads[k]."
)
TRANSPOSED_GRADIENT = (
    "the gradient was transposed (.T) before the step: grads[k] already has "
    "the shape of params[k], so params[k] -= lr * grads[k] needs no "
    "transpose."
)


@when_shown
def mistakes(params, grads, lr, key, actual):
    """What the common wrong answers leave in params[key], which `actual`
    holds after the learner's step."""
    p, g = params[key], grads[key]
    kept = kept_lr(p, g, lr, actual)
    if kept is not None:
        # The one cause: any other mistake that gives these values here
        # (a step twice as long, say) gives them by chance of the lr.
        return [(lr_kept(kept), p - kept * g)]
    per_key = repeats_per_key(params, grads, lr, key, actual)
    # Where two of these agree on an input both would be named: the tests'
    # learning rates and key counts keep each one apart from the others,
    # but for a step twice as long with two keys, told apart by a call.
    return [
        (
            "the gradient was added: gradient descent steps against it, p - lr * g.",
            p + lr * g,
        ),
        (lr_mistake(p, g, key, actual), p - g),
        ("the gradient was divided by lr: the step is lr * g.", p - g / lr),
        (MEAN_STEP, p - lr * np.mean(g)),
        (REPEATED_STEP, p - len(grads) * lr * g if per_key else None),
        (DOUBLED_STEP, None if per_key else p - 2 * lr * g),
        (TRANSPOSED_GRADIENT, p - lr * g.T if g.T.shape == p.shape else None),
    ]


LR_IGNORED = "the learning rate was ignored: the step is lr * g."
LR_CAPPED = (
    "the learning rate was capped (min(lr, 1)?): a small lr gives the step "
    "lr * g, but this one gives g alone. Take lr as it is given, however "
    "large: the step is lr * g."
)
LR_WHOLE = (
    "the learning rate was made a whole number (int(lr) or round(lr)?): "
    "its fraction is lost, and here the step is g alone. Take lr as it is "
    "given, a float: the step is lr * g."
)
LR_CHANGED = (
    "the learning rate was changed before the step: a small lr gives the "
    "step lr * g, but this one gives g alone (capped at 1, or made a whole "
    "number?). Take lr as it is given: the step is lr * g."
)
# A learning rate that a cap meant to keep steps small leaves as it is.
UNCAPPED_LR = 0.5
# A learning rate that a cap at 1 takes to 1, int() to 2 and round() to 3.
LARGE_LR = 2.75


def lr_mistake(p, g, key, actual):
    """What to call a step of g alone, which `actual` (params[key] after
    the learner's step) took: LR_IGNORED unless the learner's sgd_update
    takes the step lr * g for UNCAPPED_LR, on a dict of that key alone.
    If it does, what LARGE_LR does tells how lr was changed: LR_CAPPED for
    a step of g again, LR_WHOLE for one of 2 g or 3 g, else LR_CHANGED."""
    try:
        if not np.allclose(actual, p - g):
            return LR_IGNORED
    except (TypeError, ValueError):
        return LR_IGNORED
    if np.allclose(g, 0) or step_taken(p, g, key, UNCAPPED_LR) != UNCAPPED_LR:
        return LR_IGNORED
    taken = step_taken(p, g, key, LARGE_LR)
    if taken == 1:
        return LR_CAPPED
    return LR_WHOLE if taken in (2, 3) else LR_CHANGED


# The learning rates the tests have passed to the learner's sgd_update in
# this process, in the order given.
lrs_given = []
# Two learning rates no test passes: a step that does not follow them is
# one of a learning rate kept from elsewhere.
PROBE_LRS = (0.3, 0.7)


def lr_kept(kept):
    return (
        f"the learning rate {kept} of an earlier call was kept (stored at the "
        "first call, say): whatever lr a later call is given, its step is "
        f"{kept} * grads[k]. Use the lr of each call, params[k] -= lr * "
        "grads[k], and keep nothing for the next one."
    )


def rate_taken(lr):
    """The learning rate the learner's sgd_update takes when given `lr`,
    as the step of one entry, 0, by a gradient of 1 shows; None if it
    raises."""
    params = {"w": np.array([0.0])}
    try:
        with quietly():
            learner.sgd_update(params, {"w": np.array([1.0])}, lr)
    except PASS_THROUGH:
        raise
    except Exception:
        return None
    return float(-params["w"][0])


def kept_lr(p, g, lr, actual):
    """The learning rate of an earlier call that the learner's sgd_update
    takes whatever lr it is given, where `actual` (the parameter p after a
    step by g with `lr`) shows a wrong step: the one that steps by both
    PROBE_LRS alike, where an earlier call was given it. Else None; a rate
    of 1 is a learning rate ignored (see `lr_mistake`)."""
    try:
        if np.allclose(actual, p - lr * g, rtol=RTOL, atol=ATOL):
            return None
    except (TypeError, ValueError):
        return None
    first, second = (rate_taken(rate) for rate in PROBE_LRS)
    if first is None or first != second or first == 1.0 or first == lr:
        return None
    return first if first in lrs_given else None


def step_taken(p, g, key, lr):
    """The learning rate the learner's sgd_update took, as far as it is
    one of 1, 2, 3 or `lr`, on a dict of `key` alone; else None."""
    alone = {key: np.array(p)}
    try:
        learner.sgd_update(alone, {key: np.array(g)}, lr)
    except Exception:
        return None
    for rate in (lr, 1, 2, 3):
        if np.allclose(alone[key], p - rate * g, rtol=RTOL, atol=ATOL):
            return rate
    return None


def repeats_per_key(params, grads, lr, key, actual):
    """Whether `actual`, params[key] after the learner's step, moved once
    for every key of grads, as a loop over grads inside the loop over
    params moves it: it moved len(grads) times lr * grads[key], and a dict
    of that key alone takes the right step. A step of a fixed size moves
    the key alone as far again."""
    p, g = params[key], grads[key]
    if len(grads) < 2 or np.shape(actual) != p.shape:
        return False
    try:
        if not np.allclose(actual, p - len(grads) * lr * g):
            return False
    except (TypeError, ValueError):
        return False
    alone = {key: np.array(p)}
    try:
        learner.sgd_update(alone, {key: np.array(g)}, lr)
    except Exception:
        return False
    return bool(np.allclose(alone[key], p - lr * g, rtol=RTOL, atol=ATOL))


COPIED = (
    "the step went into a copy: p.ravel() and p.reshape(-1) of an array laid "
    "out transposed (as w.T is) are copies, so the array itself never moves. "
    "Step the array itself: p -= lr * g."
)
STATE = (
    "state kept between calls (a velocity, as momentum keeps, or a global): "
    "each call must take the plain step params[k] -= lr * grads[k] and "
    "keep nothing for the next one."
)


# How many calls of the learner's sgd_update have returned in this process.
finished_calls = 0


OTHER_KEY = (
    "a parameter met the gradient of another key (a key typed wrong, or "
    "the two dicts walked side by side): params[k] takes grads[k], with the "
    "same k."
)
WRITTEN_KEYS = (
    'the keys were written out, such as for k in ["w1", "b1", "w2", '
    '"b2"]: sgd_update works for any dict of parameters, so loop over the '
    "keys params has, for k in params."
)


def key_in_loop(error, key=None):
    """The mistake where the line that raised `error` (a KeyError for `key`,
    or arrays of two keys that do not broadcast) looks a key up as written
    out (grads["w1"]): the loop may well go over the keys params has, but
    that one lookup takes the same key each time. Else None."""
    code = learner_code(error)
    if key is not None and not isinstance(key, str):
        return None
    key = r"\w+" if key is None else re.escape(key)
    written = re.search(rf"\b(\w+)\[\s*(['\"]){key}\2\s*\]", code)
    if written is None:
        return None
    lookup, name = written.group(0), written.group(1)
    return (
        f"a key written out: {lookup} on the line that raised takes the "
        f"same entry for every parameter. Use the key of the loop instead, "
        f"{name}[k] in for k in params, so that each parameter takes its own."
    )


BY_POSITION = (
    "the gradients were paired with the parameters by position, as "
    "zip(params.values(), grads.values()) does: grads may list its keys in "
    "another order. Look each gradient up by key: for k in params, "
    "params[k] -= lr * grads[k]."
)


NEW_DICT = (
    "a new dict with the stepped values, returned instead of a change to "
    "the arrays in params: step each array itself, for k in params: "
    "params[k] -= lr * grads[k], and return nothing."
)


def expect_no_new_dict(result, params, before, grads, lr, call):
    """Fail, naming the mistake, when sgd_update left every array in params
    as it was and returned a new dict holding the stepped values instead:
    every other failure would follow from that one cause."""
    if not isinstance(result, dict) or result is params or set(result) != set(before):
        return
    for key in before:
        stepped = before[key] - lr * grads[key]
        if not np.array_equal(params[key], before[key]):
            return
        try:
            value = np.asarray(result[key], dtype=np.float64)
        except (TypeError, ValueError):
            return
        if value.shape != stepped.shape or not np.allclose(
            value, stepped, rtol=RTOL, atol=ATOL
        ):
            return
    fail(
        "sgd_update must step the arrays in params, but it left them as they "
        "were and returned a new dict instead.",
        call=call,
        mistake=NEW_DICT,
    )


# A shape as NumPy writes it in a broadcast error: (4,2), (3,), ().
SHAPE_TEXT = re.compile(r"\(([\d,]*)\)")


def meets_its_transpose(error, params):
    """Whether the broadcast error `error` names the shape of a
    non-square weight matrix of params together with that shape reversed,
    as a step by grads[k].T does."""
    named = {
        tuple(int(n) for n in text.split(",") if n)
        for text in SHAPE_TEXT.findall(str(error))
    }
    return any(
        np.ndim(value) == 2
        and np.shape(value) in named
        and np.shape(value)[::-1] in named
        and np.shape(value)[0] != np.shape(value)[1]
        for value in params.values()
    )


def steps_by_the_transpose():
    """Whether the learner's sgd_update steps a square network's weights by
    their gradients transposed, lr * grads[k].T."""
    params, grads = copy.deepcopy(SQUARE)
    before = copy.deepcopy(params)
    try:
        learner.sgd_update(params, grads, 0.5)
    except Exception:
        return False
    return all(
        np.allclose(params[key], before[key] - 0.5 * grads[key].T, rtol=RTOL)
        for key in KEYS
    )


def broadcast_mistake(error, params):
    """The likely mistake behind a broadcast error of sgd_update on
    params, which always match grads key by key."""
    if meets_its_transpose(error, params) and steps_by_the_transpose():
        return TRANSPOSED_GRADIENT
    return STATE if finished_calls else OTHER_KEY


def update(params, grads, lr):
    """Run the learner's sgd_update; return what it returned and the call.

    params and grads always match key by key here, so arrays that do not
    line up were paired across keys, or, if an earlier call returned, may
    have come from it.
    """
    global finished_calls
    call = describe_call("sgd_update", (params, grads, lr), {})
    lrs_given.append(lr)
    try:
        result = learner.sgd_update(params, grads, lr)
    except KeyError as error:
        missing = error.args[0] if error.args else None
        if missing in params:
            raise
        fail(
            f"sgd_update looked up the key {missing!r}, which these dicts do not "
            f"have: their keys are {', '.join(map(repr, params))}.",
            call=call,
            actual=f"KeyError: {error}",
            mistake=dict_loop_mistake(error)
            or key_in_loop(error, missing)
            or WRITTEN_KEYS,
            raised=error,
        )
    except ValueError as error:
        if "could not be broadcast" not in str(error):
            raise
        fail(
            "sgd_update combined arrays whose shapes do not line up, though "
            "params and grads match key by key.",
            call=call,
            actual=f"ValueError: {error}",
            mistake=broadcast_mistake(error, params),
            raised=error,
        )
    finished_calls += 1
    return result, call


def take_step(params, grads, lr):
    """update(params, grads, lr), for a test of what it does to params:
    a new dict returned in place of any step fails it at once."""
    before = copy.deepcopy(params)
    result, call = update(params, grads, lr)
    expect_no_new_dict(result, params, before, grads, lr, call)
    return result, call


def expect_none(result, params, call):
    """Fail unless sgd_update returned None; name what came back instead."""
    if result is None:
        return
    if result is params:
        mistake = "a return statement that is not needed: the caller holds params."
    elif isinstance(result, dict):
        mistake = NEW_DICT
    else:
        mistake = "a return statement that is not needed."
    fail(
        "sgd_update must return None: the update of params is its effect.",
        call=call,
        expected="None",
        actual=short(result),
        mistake=mistake,
    )


def expect_same_arrays(params, arrays, call, step):
    """Fail if the dict now holds a new array where it held another; the
    failure shows the line that stored it, found by taking `step`, the
    call's (params as they were, grads, lr), once more."""
    if set(params) != set(arrays):
        fail(
            "sgd_update must keep the keys of params as they are.",
            call=call,
            expected=str(sorted(arrays)),
            actual=str(sorted(params, key=str)),
        )
    for key in arrays:
        if params[key] is not arrays[key]:
            # Looked for only in a failure shown: it calls sgd_update again.
            rebound = learner.sgd_update.rebound_at(*step) if failure_shown() else None
            fail(
                f"params[{key!r}] must stay the same array object, updated in "
                "place, so that whoever holds it sees the step.",
                call=call,
                expected=f"the array params[{key!r}] held before the call",
                actual=f"a new {type(params[key]).__name__}",
                where=rebound,
                mistake=f"params[{key!r}] = params[{key!r}] - ... binds a new "
                "array and leaves the old one as it was. Update the array "
                f"itself: params[{key!r}] -= lr * grads[{key!r}].",
            )


def steps_the_network_keys():
    """Whether the learner's sgd_update moves a network's parameters, named
    w1, b1, w2 and b2."""
    params, grads = copy.deepcopy(SQUARE)
    before = copy.deepcopy(params)
    try:
        learner.sgd_update(params, grads, 0.5)
    except Exception:
        return False
    return not any(np.array_equal(params[key], before[key]) for key in KEYS)


def stepped_by_the_mean(before, arrays, grads, lr):
    """Whether each array took the step lr * grads[k].mean(), as the
    learner's sgd_update does on other gradients too: an array whose
    gradient has mean 0 then does not move at all."""
    if not all(
        np.allclose(arrays[key], before[key] - lr * np.mean(grads[key]), rtol=RTOL)
        for key in before
    ):
        return False
    # A gradient whose mean, 20, is far from each of its elements: the
    # right step takes [1, 2] to [0, -1], a step by the mean to [-1, 0].
    params = {"w": np.array([1.0, 2.0])}
    try:
        learner.sgd_update(params, {"w": np.array([10.0, 30.0])}, 0.1)
    except Exception:
        return False
    return bool(np.allclose(params["w"], [-1.0, 0.0]))


def expect_every_key_moved(before, arrays, grads, lr, call):
    """Fail, naming them, if some parameters did not move at all."""
    stuck = [
        key
        for key in before
        if np.array_equal(arrays[key], before[key])
        and not np.array_equal(before[key] - lr * grads[key], before[key])
    ]
    if not stuck:
        return
    moved = [key for key in before if key not in stuck]
    if stepped_by_the_mean(before, arrays, grads, lr):
        mistake = MEAN_STEP
    elif moved and not any(arrays[key].flags.c_contiguous for key in stuck):
        mistake = COPIED
    elif moved:
        mistake = (
            "the loop skipped them: every parameter, biases included, takes a step."
        )
    elif set(before) != set(KEYS) and steps_the_network_keys():
        mistake = (
            "only the keys w1, b1, w2 and b2 are updated: loop over the keys "
            "of params itself (for key in params), whatever they are."
        )
    else:
        mistake = (
            "the step went into a new array that nothing keeps: inside a "
            "loop, p = p - lr * g rebinds the name p only. Write p -= lr * g "
            "to change the array itself."
        )
    fail(
        f"Every parameter must take a step, but {listed(stuck)} did not change at all.",
        call=call,
        mistake=mistake,
    )


def must_become(key, step=1):
    """What a wrong step breaks, in the same words in every test, so that
    one mistake made everywhere is shown once: the tests differ only in
    their inputs. After the first step of several, which one it was."""
    if step == 1:
        return f"params[{key!r}] must become params[{key!r}] - lr * grads[{key!r}]."
    return (
        f"Step {step}: params[{key!r}] must become params[{key!r}] - lr * "
        f"grads[{key!r}]."
    )


def expect_a_step_taken(before, params, grads, lr, call):
    """Fail as expect_every_key_moved does where each parameter of params
    either did not move at all or took the right step: the ones left
    behind are then the one cause, named in every test of the step. Where
    one moved wrongly, the values it took tell more (a step by lr * p
    leaves a zero bias where it was, but no loop skipped it)."""
    for key in before:
        right = np.allclose(
            params[key], before[key] - lr * grads[key], rtol=RTOL, atol=ATOL
        )
        if not right and not np.array_equal(params[key], before[key]):
            return
    expect_every_key_moved(before, params, grads, lr, call)


def expect_the_step(before, params, grads, lr, call, step):
    """Fail unless step number `step` made every params[key], which was
    before[key], into before[key] - lr * grads[key]."""
    expect_a_step_taken(before, params, grads, lr, call)
    expect_each_stepped(before, params, grads, lr, call, KEYS, step)


def expect_each_stepped(before, after, grads, lr, call, keys, step=1):
    """Fail, key by key in the order of `keys`, unless after[key] is
    before[key] - lr * grads[key], naming the likely mistake."""
    for key in keys:
        expect_close(
            after[key],
            before[key] - lr * grads[key],
            call,
            rtol=RTOL,
            atol=ATOL,
            mistakes=mistakes(before, grads, lr, key, after[key]),
            what=must_become(key, step),
        )


def check_update(network, lr):
    """params[k] becomes params[k] - lr * grads[k], in the same array."""
    params, grads = copy.deepcopy(network)
    before = copy.deepcopy(params)
    arrays = dict(params)
    result, call = take_step(params, grads, lr)

    # The update first: a return statement left in hides nothing else.
    expect_same_arrays(params, arrays, call, (before, grads, lr))
    expect_every_key_moved(before, arrays, grads, lr, call)
    expect_each_stepped(before, arrays, grads, lr, call, list(before))
    expect_none(result, params, call)


def test_two_identical_calls_take_identical_steps():
    # First in the module: state kept between calls shows here as such,
    # before it trips up the other tests in some other way.
    results = []
    for _ in range(2):
        params, grads = copy.deepcopy(NOT_SQUARE)
        _, call = update(params, grads, 0.5)
        results.append(params)
    first, second = results
    for key in KEYS:
        if np.allclose(second[key], first[key], rtol=RTOL, atol=ATOL):
            continue
        expected, actual, differs = contrast(first[key], second[key])
        fail(
            "The same call, made twice on fresh copies of the same params, "
            f"left different values in params[{key!r}].",
            call=f"{call}, twice",
            expected=f"{expected}, as after the first call",
            actual=actual,
            differs=differs,
            mistake=STATE,
        )


def test_sgd_update_gives_the_docstring_example():
    w = np.array([1.0, 2.0])
    params = {"w": w}
    grads = {"w": np.array([10.0, -10.0])}
    result, call = take_step(params, grads, 0.1)

    expect_same_arrays(
        params, {"w": w}, call, ({"w": np.array([1.0, 2.0])}, grads, 0.1)
    )
    expect_every_key_moved({"w": np.array([1.0, 2.0])}, {"w": w}, grads, 0.1, call)
    expect_close(
        w,
        [0.0, 3.0],
        call,
        rtol=RTOL,
        atol=ATOL,
        mistakes=mistakes({"w": np.array([1.0, 2.0])}, grads, 0.1, "w", w),
        what=must_become("w"),
    )
    expect_none(result, params, call)


@settings(max_examples=FEW)
@given(networks(), learning_rates)
@example(SQUARE, LR)
@example(NOT_SQUARE, 0.1)
@example(LARGE, 2.0)
def test_every_parameter_steps_against_its_gradient_in_place(network, lr):
    check_update(network, lr)


def test_weights_laid_out_transposed_are_stepped_in_place():
    # The docstring asks for any float arrays: a weight matrix may be a
    # transposed view, whose elements are not in row order in memory.
    check_update(TRANSPOSED, LR)


def test_each_parameter_takes_the_gradient_of_its_own_key():
    # grads lists its keys in the other order: the docstring pairs them by
    # key, not by position.
    # No two mistakes leave the same values here: neither gradient is the
    # other's mean repeated (a step by the mean would pass for keys paired
    # by position), and with two keys 2 * lr is not 1 (two steps would pass
    # for a learning rate ignored).
    params = {"w": np.array([1.0, 2.0]), "b": np.array([3.0, -1.0])}
    grads = {"b": np.array([1.0, 3.0]), "w": np.array([-2.0, 4.0])}
    before = copy.deepcopy(params)
    lr = 0.25
    _, call = take_step(params, grads, lr)
    expect_a_step_taken(before, params, grads, lr, call)
    for key, other in (("w", "b"), ("b", "w")):
        expect_close(
            params[key],
            before[key] - lr * grads[key],
            call,
            rtol=RTOL,
            atol=ATOL,
            # The step's own mistakes too: a flipped sign must read as
            # such here, not as keys paired wrongly.
            mistakes=[
                (BY_POSITION, before[key] - lr * grads[other]),
                *mistakes(before, grads, lr, key, params[key]),
            ],
            what=must_become(key),
        )


def test_sgd_update_returns_none():
    params, grads = copy.deepcopy(NOT_SQUARE)
    result, call = update(params, grads, 0.5)
    expect_none(result, params, call)


def test_grads_are_left_unchanged():
    # The harness compares every argument but params before and after.
    params, grads = copy.deepcopy(NOT_SQUARE)
    update(params, grads, 0.5)


SAME_GRADS_SKIPPED = (
    "the step was skipped because grads held the same arrays as at the last "
    "call (or arrays equal to them): a caller may well pass one gradient "
    "twice, and each call must take its step. Step every parameter at "
    "every call, params[k] -= lr * grads[k], and keep nothing for the next "
    "one."
)


def test_the_same_grads_given_twice_step_params_twice():
    # Two steps from one gradient, as a caller that computes it once and
    # steps twice makes them: each call takes its own step, whether or not
    # grads holds the very arrays of the call before.
    params, grads = copy.deepcopy(SQUARE)
    lr = LR
    for step in (1, 2):
        before = copy.deepcopy(params)
        _, call = take_step(params, grads, lr)
        if step == 2:
            call = f"{call}, a second time, with the same grads"
            stuck = [k for k in KEYS if np.array_equal(params[k], before[k])]
            if stuck:
                fail(
                    f"A second call with the same grads must step params "
                    f"again, but {listed(stuck)} did not change at all.",
                    call=call,
                    mistake=SAME_GRADS_SKIPPED,
                )
        expect_the_step(before, params, grads, lr, call, step)


def small_problem():
    """A small fixed classification problem: 12 samples, 3 classes."""
    rng = np.random.default_rng(0)
    labels = np.arange(12) % 3
    x = rng.normal(size=(12, 4)) + labels[:, None]
    params = reference.init_params(4, 5, 3, seed=0)
    return params, x, labels


def test_repeated_updates_make_the_loss_fall():
    params, x, labels = small_problem()
    losses = [reference.loss(params, x, labels)]
    for step in range(1, STEPS + 1):
        grads = reference.backward(params, x, labels)
        before = copy.deepcopy(params)
        _, call = take_step(params, grads, SMALL_LR)
        # The step itself first: a wrong one is named as such, not only
        # seen in the loss.
        expect_the_step(before, params, grads, SMALL_LR, call, step)
        losses.append(reference.loss(params, x, labels))
        if not losses[-1] < losses[-2]:
            fail(
                f"The loss must fall at every step of gradient descent with a "
                f"small learning rate, but step {step} did not lower it.",
                call=call,
                expected=f"a loss below {losses[-2]:.6f}",
                actual=f"{losses[-1]:.6f} (losses so far: "
                f"{', '.join(f'{value:.4f}' for value in losses)})",
            )

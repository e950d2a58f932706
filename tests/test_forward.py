"""Exercise 6: init_params, forward and loss of a 2-layer network."""

import ast
import copy
import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests import reference
from tests.harness import (
    Exercise,
    ExerciseImportError,
    InputModified,
    describe_call,
    learner_code,
    learner_source,
    listed,
    named,
    named_lines,
    quietly,
    short,
)
from tests.judge import (
    OTHER_LABEL_DTYPES,
    KataFailure,
    as_array,
    einsum_mistake,
    expect_close,
    expect_labels_of_any_dtype,
    expect_shape,
    fail,
    variant,
    when_shown,
)
from tests.strategies import examples, float_arrays, sizes

learner = Exercise("forward")

# What a product of mismatched shapes raises. Anything else (a NameError,
# say) is reported as it is.
SHAPE_ERRORS = (ValueError, IndexError)

KEYS = ("w1", "b1", "w2", "b2")
# Probabilities computed with different but correct formulas (sigmoid by
# exp or tanh, softmax shifted by the maximum or not, sums in any order)
# agree to about 1e-15: a thousand times that is still far below any mistake.
ATOL = 1e-12
# The loss tests keep every probability above 0.01 (small output weights),
# where a guard of eps <= 1e-7 in the log, or a clip, moves -log(p) by less
# than 1e-5.
LOSS_ATOL = 2e-5
# A standard normal has a root mean square of 1; Xavier and He scales give
# less for the 20 inputs of the smallness test. Twice that is lenient.
MAX_WEIGHT_RMS = 2.0
# Output weights of at most this size keep the logits within [-1.5, 1.5] for
# up to five hidden units, so every probability is at least e^-3 / 5 ~ 0.01.
SMALL_OUTPUT_WEIGHT = 0.25

ZERO_WEIGHTS = (
    "zero weights: every hidden unit then computes the same value and gets "
    "the same update, so they never differ. Draw small random numbers "
    "instead, e.g. 0.1 * rng.standard_normal((n_in, n_hidden))."
)

CONSTANT_WEIGHTS = (
    "the weights are constant, not drawn from the generator: every hidden "
    "unit then computes the same value and gets the same update, so they "
    "never differ. Draw every entry from rng, e.g. 0.1 * "
    "rng.standard_normal((n_in, n_hidden))."
)


def constant_mistake(*layers):
    """ZERO_WEIGHTS or CONSTANT_WEIGHTS where one of the weight arrays
    `layers` (w1, w2) has two entries or more, all equal: no generator drew
    them, so how they were drawn (seed, generators) is not in question.
    Else None."""
    for weights in map(np.asarray, layers):
        if weights.size > 1 and np.all(weights == weights.flat[0]):
            return CONSTANT_WEIGHTS if np.any(weights) else ZERO_WEIGHTS
    return None


seeds = st.integers(min_value=0, max_value=2**31 - 1)


def random_network(n, d, h, c, seed, bound=2.0):
    """Fixed params and x (N, D) for a pinned example, all nonzero."""
    rng = np.random.default_rng(seed)
    params = {
        "w1": rng.uniform(-bound, bound, (d, h)),
        "b1": rng.uniform(-bound, bound, h),
        "w2": rng.uniform(-bound, bound, (h, c)),
        "b2": rng.uniform(-bound, bound, c),
    }
    return params, rng.uniform(-bound, bound, (n, d))


@st.composite
def networks(draw, output_bound=3.0):
    """params for D -> H -> C and a batch x (N, D), every size from 1 to 5."""
    n, d, h, c = (draw(sizes) for _ in range(4))
    params = {
        "w1": draw(float_arrays((d, h), 3.0)),
        "b1": draw(float_arrays((h,), 3.0)),
        "w2": draw(float_arrays((h, c), output_bound)),
        "b2": draw(float_arrays((c,), output_bound)),
    }
    return params, draw(float_arrays((n, d), 5.0))


# Must-catch networks: the kata's 4 -> 5 -> 3 with a batch of one, D, H,
# C and N all different, and all equal (a transposed weight still runs).
NOTEBOOK = random_network(1, 4, 5, 3, seed=1)
ALL_DIFFERENT = random_network(2, 3, 4, 5, seed=2)
SQUARE = random_network(3, 3, 3, 3, seed=3)
ONE_HIDDEN_UNIT = random_network(4, 2, 1, 2, seed=4)


class NetworkCall:
    """`function(params, x)` and then each array on a line of its own.

    The text is built only when a failure message needs it: rendering the
    arrays costs more than the call it describes. The arrays are copied,
    so the text shows them as they were passed.
    """

    def __init__(self, function, params, x, t=None):
        self.function = function
        self.arrays = {"x": np.array(x), **copy.deepcopy(params)}
        self.names = "params, x"
        if t is not None:
            self.arrays["t"], self.names = np.array(t), "params, x, t"

    def __str__(self):
        function, names = self.function, self.names
        texts = {key: short(value) for key, value in self.arrays.items()}
        return "\n".join([f"{function}({names}) with", *named_lines(texts)])


def relu(z):
    return np.maximum(z, 0.0)


def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def softmax_columns(z):
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


RELU = "relu in the hidden layer: this network's hidden units use sigmoid."
TANH = "tanh in the hidden layer: this network's hidden units use sigmoid."
W1_TRANSPOSED = (
    "w1 was used transposed (w1.T, as if it were stored (H, D)): w1 is (D, "
    "H), and x (N, D) @ w1 gives (N, H) as it is, with no .T."
)
W2_TRANSPOSED = (
    "w2 was used transposed (w2.T, as if it were stored (C, H)): w2 is (H, "
    "C), and h (N, H) @ w2 gives (N, C) as it is, with no .T."
)
# Both mistakes at once. Inputs in the 1000s saturate the output, where a
# sigmoid on the output alone gives the same numbers: both are named there,
# and this alone on ordinary inputs.
SWAPPED = (
    "the two activations are swapped: softmax on the hidden layer and "
    "sigmoid on the output. The hidden units use sigmoid, h = sigmoid(x @ "
    "w1 + b1), and the output softmax, so that each row sums to 1: "
    "softmax(h @ w2 + b2)."
)
B1_COLUMN = (
    "b1 was made a column (H, 1): a bias is (H,) and is added as it is, "
    "x @ w1 + b1. A column does not broadcast along the rows of x @ w1 "
    "(N, H): its H values meet the N samples instead of the H units."
)
B2_COLUMN = (
    "b2 was made a column (C, 1): a bias is (C,) and is added as it is, "
    "h @ w2 + b2. A column does not broadcast along the rows of h @ w2 "
    "(N, C): its C values meet the N samples instead of the C classes."
)

B1_IN_SECOND = (
    "b1 was added in the second layer: the class scores h @ w2 (N, C) take "
    "b2 (C,), and b1 (H,) belongs in the first layer, x @ w1 + b1."
)
B2_IN_FIRST = (
    "b2 was added in the first layer: the hidden layer x @ w1 (N, H) takes "
    "b1 (H,), and b2 (C,) belongs in the second layer, h @ w2 + b2."
)
BIASES_SWAPPED = (
    "b1 and b2 were swapped: b1 (H,) goes in the first layer, "
    "sigmoid(x @ w1 + b1), and b2 (C,) in the second, h @ w2 + b2."
)


def precedence_slip(product):
    """The mistake of a bias multiplied by a weight matrix, `product` as
    written in the learner's code (b1 @ w2): x @ w1 + b1 @ w2 is read as
    (x @ w1) + (b1 @ w2), since @ binds tighter than +."""
    return (
        f"a bias multiplied by a weight matrix, {product}: @ binds tighter "
        "than +, so x @ w1 + b1 @ w2 is (x @ w1) + (b1 @ w2), and the hidden "
        "layer never reaches w2. Compute one layer at a time: h = sigmoid(x "
        "@ w1 + b1), then softmax(h @ w2 + b2)."
    )


def slipped_precedence(x, w1, b1, w2, b2):
    """What x @ w1 + b1 @ w2, with b2 added there or not, gives as the
    hidden layer (right in shape only where H == C), as (mistake, result)
    pairs; none where the learner's code multiplies no bias."""
    slip = bias_product()
    if slip is None:
        return []
    sigmoid, softmax = reference.sigmoid, reference.softmax
    hidden = [
        variant(lambda: sigmoid(x @ w1 + b1 @ w2 + b2)),
        variant(lambda: sigmoid(x @ w1 + b1 @ w2)),
    ]
    return [
        (precedence_slip(slip), variant(lambda h=h: softmax(h @ w2 + b2)))
        for h in hidden
        if h is not None
    ]


def slip_in_source():
    """The mistake of a bias multiplied by a weight matrix where the
    learner's forward module has such a product, else None: for a result
    that no computed variant gives, as where the slip sits elsewhere in
    the line (softmax(sigmoid(x @ w1 + b1 @ w2 + b2))) and H == C lets the
    sum broadcast. Its crashes on other shapes name it from the line."""
    slip = bias_product()
    return None if slip is None else precedence_slip(slip)


def is_bias(node):
    """Whether an expression names a bias: b1, b2 or params["b1"]."""
    if isinstance(node, ast.Name):
        return node.id in BIASES
    key = getattr(getattr(node, "slice", None), "value", None)
    return isinstance(node, ast.Subscript) and key in BIASES


BIASES = ("b1", "b2")


def bias_product():
    """The first product in the learner's forward module whose left
    factor is a bias (b1 @ w2), as written; None where there is none. No
    right forward pass multiplies a bias by anything: such a product is
    a layer's sum that lost its brackets."""
    text, tree = learner_source("forward"), source_tree()
    if tree is None:
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.MatMult)
            and is_bias(node.left)
        ):
            return ast.get_source_segment(text, node)
    return None


def column(bias):
    """A bias (K,) made a column (K, 1), as reshape(-1, 1) or [:, None] do."""
    return np.reshape(bias, (-1, 1))


@when_shown
def forward_mistakes(params, x):
    """What the common wrong forward passes give: those of another hidden
    activation only where the learner's source shows some sign of it (see
    `shown_in_source`), since values alone may not tell them from a
    transposed w1."""
    w1, b1, w2, b2 = (params[key] for key in KEYS)
    sigmoid, softmax = reference.sigmoid, reference.softmax
    z1 = x @ w1 + b1
    h = sigmoid(z1)
    z2 = h @ w2 + b2
    found = [
        (
            "a softmax without subtracting each row's maximum first: exp "
            "overflows to inf for scores in the hundreds. Use exercise 3's "
            "softmax, or subtract z.max(axis=1, keepdims=True) before exp.",
            variant(lambda: naive_softmax(z2)),
        ),
        (
            "softmax along axis 0, down the columns: each row (one sample's "
            "class scores) must sum to 1; use axis=-1.",
            softmax_columns(z2),
        ),
        (
            "sigmoid on the output: the output layer needs softmax, so that "
            "each row sums to 1.",
            sigmoid(z2),
        ),
        (
            "the class scores h @ w2 + b2 were returned without softmax.",
            z2,
        ),
        (
            "sigmoid was applied to the class scores as well: softmax takes "
            "h @ w2 + b2 as it is, and sigmoid belongs to the hidden layer only.",
            softmax(sigmoid(z2)),
        ),
        (
            "softmax on the hidden layer: the hidden units use sigmoid, and "
            "softmax comes only at the output.",
            softmax(softmax(z1) @ w2 + b2),
        ),
        (SWAPPED, sigmoid(softmax(z1) @ w2 + b2)),
        (RELU, softmax(relu(z1) @ w2 + b2)),
        (TANH, softmax(np.tanh(z1) @ w2 + b2)),
        (
            "no sigmoid on the hidden layer: h = sigmoid(x @ w1 + b1).",
            softmax(z1 @ w2 + b2),
        ),
        (
            "b1 was added after the sigmoid: it belongs inside, sigmoid(x @ w1 + b1).",
            softmax((sigmoid(x @ w1) + b1) @ w2 + b2),
        ),
        ("b1 is missing: sigmoid(x @ w1 + b1).", softmax(sigmoid(x @ w1) @ w2 + b2)),
        ("b2 is missing: softmax(h @ w2 + b2).", softmax(h @ w2)),
        (
            "b2 was added after the softmax, so each row sums to 1 + sum(b2): "
            "it belongs inside, softmax(h @ w2 + b2).",
            softmax(h @ w2) + b2,
        ),
        (
            "both biases are missing.",
            softmax(sigmoid(x @ w1) @ w2),
        ),
        (W1_TRANSPOSED, variant(lambda: softmax(sigmoid(x @ w1.T + b1) @ w2 + b2))),
        (W2_TRANSPOSED, variant(lambda: softmax(h @ w2.T + b2))),
        # Right shapes only where H == C, where a crash cannot name them.
        (B1_IN_SECOND, variant(lambda: softmax(h @ w2 + b1))),
        (B2_IN_FIRST, variant(lambda: softmax(sigmoid(x @ w1 + b2) @ w2 + b2))),
        (BIASES_SWAPPED, variant(lambda: softmax(sigmoid(x @ w1 + b2) @ w2 + b1))),
        *slipped_precedence(x, w1, b1, w2, b2),
        (B1_COLUMN, variant(lambda: softmax(sigmoid(x @ w1 + column(b1)) @ w2 + b2))),
        (B2_COLUMN, variant(lambda: softmax(h @ w2 + column(b2)))),
    ]
    return [
        (text, value)
        for text, value in found
        if value is not None and shown_in_source(text)
    ]


# The signs in the learner's code of another hidden activation: names it
# calls or defines, and for relu a comparison (z * (z > 0)) too.
ACTIVATION_SIGNS = {
    RELU: {"relu", "maximum", "clip", "where", "heaviside"},
    TANH: {"tanh"},
}
ORDERING = (ast.Gt, ast.GtE, ast.Lt, ast.LtE)


def shown_in_source(mistake):
    """Whether the learner's forward module shows a sign of `mistake`, for
    the mistakes of another hidden activation (ACTIVATION_SIGNS); True for
    every other mistake, and when the source cannot be read or parsed."""
    signs = ACTIVATION_SIGNS.get(mistake)
    tree = source_tree()
    if signs is None or tree is None:
        return True
    for node in ast.walk(tree):
        name = getattr(node, "id", None) or getattr(node, "attr", None)
        name = name or getattr(node, "name", None)
        if isinstance(name, str) and any(sign in name.lower() for sign in signs):
            return True
        if mistake == RELU and isinstance(node, ast.Compare):
            if any(isinstance(op, ORDERING) for op in node.ops):
                return True
    return False


def source_tree():
    """The parsed source of the learner's forward module, or None."""
    text = learner_source("forward")
    try:
        return None if text is None else ast.parse(text)
    except (SyntaxError, ValueError):
        return None


SHAPES_HINT = (
    "check the order of each product: x (N, D) @ w1 (D, H) gives (N, H), "
    "and h (N, H) @ w2 (H, C) gives (N, C)."
)


def crashes(params, x, product):
    """The wrong forward passes that crash on some shapes, as (mistake,
    function of no arguments) pairs; `product` multiplies two matrices
    (np.matmul or np.dot: their errors are worded differently)."""
    w1, b1, w2, b2 = (params[key] for key in KEYS)
    sigmoid = reference.sigmoid

    def h():
        return sigmoid(product(x, w1) + b1)

    return [
        (B2_IN_FIRST, lambda: product(x, w1) + b2),
        (B1_IN_SECOND, lambda: product(h(), w2) + b1),
        (W1_TRANSPOSED, lambda: product(x, w1.T)),
        (W2_TRANSPOSED, lambda: product(h(), w2.T)),
        (B1_COLUMN, lambda: product(x, w1) + column(b1)),
        (B2_COLUMN, lambda: product(h(), w2) + column(b2)),
    ]


# The shapes in NumPy's refusal to broadcast, "(2,5) (5,1)": compared in
# any order, as b1 + z and z + b1 give them in either.
SHAPE_TEXT = re.compile(r"\([\d,]*\)")


def error_text(error):
    """What tells one shape error from another: its type and message, the
    message reduced to its shapes, sorted, for a failed broadcast."""
    text = str(error)
    if "could not be broadcast" in text:
        text = " ".join(sorted(SHAPE_TEXT.findall(text)))
    return type(error).__name__, text


def crash_mistake(error, params, x):
    """The mistakes (see `crashes`) that raise what the learner's forward
    raised on this input, named as named_mistake names them; else
    SHAPES_HINT. A bias multiplied on the line that raised is named
    first: its crash looks like that of another mistake (b2 in the first
    layer), but the line shows which it is."""
    slip = bias_product()
    if slip is not None and slip in learner_code(error):
        return precedence_slip(slip)
    raised = error_text(error)
    found = []
    for product in (np.matmul, np.dot):
        for mistake, function in crashes(params, x, product):
            try:
                with np.errstate(all="ignore"):
                    function()
            except SHAPE_ERRORS as other:
                if error_text(other) == raised and mistake not in found:
                    found.append(mistake)
    if not found:
        return einsum_mistake(error) or SHAPES_HINT
    if len(found) == 1:
        return found[0]
    listed = " ".join(f"({n}) {text}" for n, text in enumerate(found, 1))
    return f"on this input these mistakes give the same trouble: {listed}"


def forward_of(params, x):
    """Call the learner's forward; a crash fails naming the shapes."""
    call = NetworkCall("forward", params, x)
    try:
        return call, learner.forward(params, x)
    except SHAPE_ERRORS as error:
        shapes = [f"{key} {params[key].shape}" for key in KEYS]
        fail(
            f"forward must work for x {x.shape}, with {listed(shapes)}.",
            call=call,
            actual=f"raised {type(error).__name__}: {error}",
            mistake=crash_mistake(error, params, x),
            raised=error,
        )


SEVERAL_RETURNED = (
    "a return of several values (return h, probs) gives a tuple: forward "
    "returns probs (N, C) alone, the one thing loss and predict use. "
    "backward computes h again for itself, from params and x."
)


def expect_one_array(result, call, shape):
    """Fail if forward returned a tuple holding arrays where one array of
    `shape` is asked: `return h, probs`, say."""
    if not isinstance(result, tuple) or not any(
        isinstance(item, np.ndarray) for item in result
    ):
        return
    fail(
        f"forward must return one array of probabilities, not a tuple of "
        f"{len(result)} values.",
        call=call,
        expected=f"an array of shape {shape}",
        actual=short(result),
        mistake=SEVERAL_RETURNED,
    )


def check_forward(params, x):
    call, result = forward_of(params, x)
    expect_one_array(result, call, reference.forward(params, x).shape)
    probs = as_array(result, call, "an array of probabilities")
    expected = reference.forward(params, x)
    mistakes = forward_mistakes(params, x)
    expect_shape(probs, expected.shape, call, mistakes)

    with np.errstate(all="ignore"):
        row_sums = probs.astype(np.float64).sum(axis=1)
    if np.allclose(row_sums, 1.0, rtol=0, atol=ATOL):
        what = "forward must give softmax(sigmoid(x @ w1 + b1) @ w2 + b2)."
    else:
        what = (
            "Each row of forward's result holds one sample's class "
            f"probabilities and must sum to 1; the rows sum to {short(row_sums)}."
        )
    expect_close(
        probs,
        expected,
        call,
        rtol=0,
        atol=ATOL,
        mistakes=mistakes,
        what=what,
        otherwise=slip_in_source(),
    )
    if probs.dtype != np.float64:
        fail(
            "forward must return float64 probabilities.",
            call=call,
            expected="float64",
            actual=str(probs.dtype),
        )


# The argument of init_params that gives each bias its size.
BIAS_SIZES = {"b1": "n_hidden", "b2": "n_out"}


def dtype_mistake(key, dtype):
    """The likely mistake behind a parameter `key` of a dtype not float64."""
    if dtype.kind not in "iub":
        return "use float64, NumPy's default float."
    size = BIAS_SIZES.get(key)
    if size is not None:
        return (
            f"{key} is made of ints: np.zeros({size}) is float64 already; "
            "drop dtype=int."
        )
    return "integer weights: draw floats, e.g. 0.1 * rng.standard_normal(...)."


def params_problem(params, d, h, c):
    """Say what is wrong with what init_params returned, or return None."""
    if not isinstance(params, dict):
        return (
            f"a dict with keys {', '.join(KEYS)}",
            type(params).__name__,
            None,
        )
    if set(params) != set(KEYS):
        return f"the keys {', '.join(KEYS)}", f"the keys {sorted(params)}", None
    wanted = {"w1": (d, h), "b1": (h,), "w2": (h, c), "b2": (c,)}
    for key, shape in wanted.items():
        value = params[key]
        if not isinstance(value, np.ndarray):
            return f"{key}: a float64 array", short(value), None
        if value.shape != shape:
            mistake = None
            if key.startswith("b") and value.size == shape[0]:
                mistake = f"biases are 1-D: np.zeros({shape[0]}), not {value.shape}."
            elif key.startswith("w") and value.shape == shape[::-1]:
                mistake = (
                    f"{key} is transposed: it takes {shape[0]} values in and "
                    f"gives {shape[1]} out, so x @ {key} needs shape {shape}."
                )
            return f"{key} of shape {shape}", f"{key} of shape {value.shape}", mistake
        if value.dtype != np.float64:
            mistake = dtype_mistake(key, value.dtype)
            return f"{key} of dtype float64", f"{key} of dtype {value.dtype}", mistake
    return None


def differing_keys(first, second):
    return [key for key in KEYS if not np.array_equal(first[key], second[key])]


def init_of(d, h, c, **seed):
    """`init_returned`, with a copy of the params: what a later call does
    to the dict returned (one kept between calls and filled again) cannot
    change what a test compares, and
    test_init_params_returns_a_new_dict_every_call alone names it."""
    call, params = init_returned(d, h, c, **seed)
    return call, copy.deepcopy(params)


def init_returned(d, h, c, **seed):
    """The call of the learner's init_params(d, h, c, **seed) and what it
    returned, itself; fail unless it is a dict of float64 arrays of the
    documented shapes."""
    call = describe_call("init_params", (d, h, c), seed)
    params = learner.init_params(d, h, c, **seed)
    problem = params_problem(params, d, h, c)
    if problem is not None:
        expected, actual, mistake = problem
        fail(
            "init_params must return a dict of float64 arrays: w1 (D, H), "
            "b1 (H,), w2 (H, C) and b2 (C,).",
            call=call,
            expected=expected,
            actual=actual,
            mistake=mistake,
        )
    return call, params


# One wording for every test a seed left unused fails, so that they are
# shown as one mistake.
SEED_UNUSED = (
    "the seed is not used: make a generator from it, "
    "rng = np.random.default_rng(seed), and draw every weight from rng."
)


SEED_ZERO_SKIPPED = (
    "seed 0 is treated as no seed: `if seed:` is False for 0. Test "
    "`seed is None`, or just pass the seed on: "
    "rng = np.random.default_rng(seed)."
)


def used_unless_zero(d, h, c):
    """Whether the learner's init_params, which drew different params twice
    for seed 0, draws the same ones twice for seed 1: then the seed is
    used, but 0 goes by as no seed (a test `if seed:`)."""
    _, first = init_of(d, h, c, seed=1)
    _, second = init_of(d, h, c, seed=1)
    return not differing_keys(first, second)


def seed_mistake(first, second, seed, sizes):
    """Why two calls of the learner's init_params(*sizes, seed=seed) gave
    the params `first` and `second`, not all alike: the seed is not used
    (or not when it is 0), or, where a weight repeated (drawn from the
    seeded generator), it is not used for the params that differed."""
    changed = differing_keys(first, second)
    kept = [k for k in ("w1", "w2") if k not in changed and np.any(first[k])]
    if not kept:
        if seed == 0 and used_unless_zero(*sizes):
            return SEED_ZERO_SKIPPED
        return SEED_UNUSED
    return (
        f"{listed(changed)} came out different for the same seed, "
        f"{listed(kept)} the same: the seed is used, but not for every "
        "parameter. Draw every random parameter from the one "
        "rng = np.random.default_rng(seed) (np.random.randn and the like draw "
        "from a generator of their own, unseeded), or start the biases at zero."
    )


DEFAULT_NOT_ZERO = (
    "the default of seed is not 0: keep the signature "
    "init_params(n_in, n_hidden, n_out, seed=0)."
)


def test_init_params_gives_the_docstring_shapes_and_a_default_seed():
    call, first = init_of(4, 5, 3)
    _, second = init_of(4, 5, 3)
    _, seeded = init_of(4, 5, 3, seed=0)
    if differing_keys(first, second):
        # Two draws with seed=0 that differ too say the seed is ignored,
        # not that its default is wrong (seed=None).
        _, again = init_of(4, 5, 3, seed=0)
        fail(
            "init_params without a seed must use seed 0, the same every time.",
            call=f"{call}, twice",
            expected="the same arrays both times",
            actual="different arrays",
            mistake=(
                seed_mistake(seeded, again, 0, (4, 5, 3))
                if differing_keys(seeded, again)
                else DEFAULT_NOT_ZERO
            ),
        )
    if differing_keys(first, seeded):
        fail(
            "init_params without a seed must use seed 0, its default in the signature.",
            call=f"{call} and init_params(4, 5, 3, seed=0)",
            expected="the same arrays both times",
            actual="different arrays",
            mistake=DEFAULT_NOT_ZERO,
        )


@settings(max_examples=examples(10))
@given(sizes, sizes, sizes, seeds)
@example(2, 3, 4, 0)
@example(1, 2, 1, 7)
def test_init_params_makes_float64_arrays_of_the_documented_shapes(d, h, c, seed):
    init_of(d, h, c, seed=seed)


# One wording for both tests a second generator fails, so that they are
# shown as one mistake.
TWO_GENERATORS = (
    "w1 and w2 came from two generators (two np.random.default_rng calls). "
    "From one generator, w2 goes on where w1's draws end; from two, w2 "
    "repeats w1's draws (the same seed) or another seed's w1 (seeds s and "
    "s + 1). Make one rng = np.random.default_rng(seed) and draw w1, then w2, "
    "from it."
)


@settings(max_examples=examples(10))
@given(sizes, sizes, sizes, seeds)
@example(4, 5, 3, 0)
def test_the_same_seed_gives_the_same_parameters(d, h, c, seed):
    call, first = init_of(d, h, c, seed=seed)
    _, second = init_of(d, h, c, seed=seed)
    changed = differing_keys(first, second)
    if changed:
        fail(
            "init_params must give the same parameters for the same seed.",
            call=f"{call}, twice",
            expected="the same arrays both times",
            actual=f"{listed(changed)} differed",
            mistake=seed_mistake(first, second, seed, (d, h, c)),
        )


@settings(max_examples=examples(10))
@given(sizes, sizes, sizes, seeds, seeds)
@example(4, 5, 3, 0, 1)
@example(1, 1, 1, 2, 3)
def test_different_seeds_give_different_weights(d, h, c, seed, other):
    if seed == other:
        other = seed + 1
    call, first = init_of(d, h, c, seed=seed)
    other_call, second = init_of(d, h, c, seed=other)
    if not {"w1", "w2"} & set(differing_keys(first, second)):
        constant = constant_mistake(first["w1"], first["w2"])
        if constant:
            mistake = constant
        elif not (np.any(first["w1"]) or np.any(first["w2"])):
            mistake = ZERO_WEIGHTS
        else:
            mistake = (
                "the seed is ignored: pass it on, "
                "rng = np.random.default_rng(seed), not a fixed number."
            )
        fail(
            "init_params must draw different weights for different seeds.",
            call=f"{call} and {other_call}",
            expected="different w1 or w2",
            actual="the same weights",
            mistake=mistake,
        )


@settings(max_examples=examples(10))
@given(sizes, sizes, sizes, seeds)
@example(4, 5, 3, 0)
@example(2, 3, 2, 1)
def test_initial_weights_of_each_layer_all_differ_from_one_another(d, h, c, seed):
    """No two weights alike within w1, nor within w2; w2 against w1 is
    test_w2_does_not_repeat_the_draws_of_w1's to check."""
    call, params = init_of(d, h, c, seed=seed)
    for key in ("w1", "w2"):
        weights = params[key]
        if np.unique(weights).size == weights.size:
            continue
        if constant_mistake(weights):
            mistake = constant_mistake(weights)
        elif not np.any(weights):
            mistake = ZERO_WEIGHTS
        else:
            mistake = (
                "repeated weights: hidden units that start alike stay alike. "
                "Draw every entry at random, e.g. 0.1 * "
                "rng.standard_normal((n_in, n_hidden))."
            )
        fail(
            f"The initial weights must be random, no two alike; {key} has repeats.",
            call=call,
            actual=named(key, weights),
            mistake=mistake,
        )


def repeats_the_draws(first, second):
    """Whether `second` starts with the same draws as `first`, up to one
    scale factor: what a generator made afresh from the same seed gives.
    It takes two draws to tell: any two single numbers are proportional."""
    first, second = first.ravel(), second.ravel()
    k = min(first.size, second.size)
    if k < 2 or not np.all(first[:k]):
        return False
    ratios = second[:k] / first[:k]
    return bool(np.allclose(ratios, ratios[0], rtol=1e-9, atol=0))


@settings(max_examples=examples(10))
@given(sizes, sizes, sizes, seeds)
@example(4, 5, 3, 0)
@example(2, 2, 1, 5)
def test_w2_does_not_repeat_the_draws_of_w1(d, h, c, seed):
    call, params = init_of(d, h, c, seed=seed)
    w1, w2 = params["w1"], params["w2"]
    shared = np.intersect1d(w1, w2)
    if constant_mistake(w1, w2):
        mistake = constant_mistake(w1, w2)
    elif repeats_the_draws(w1, w2):
        mistake = TWO_GENERATORS
    elif shared.size:
        mistake = "draw every weight at random, w2's apart from w1's."
    else:
        return
    fail(
        "The initial weights must be random, no two alike in w1 and w2 "
        "together; w2 repeats values of w1.",
        call=call,
        # One line for each: a matrix's rows would otherwise run into the next.
        actual=named("w1", w1) + "\n" + named("w2", w2),
        mistake=mistake,
    )


@pytest.mark.parametrize(
    "d, h, c, seed", [(2, 3, 2, 0), (3, 2, 4, 7)], ids=["2-3-2", "3-2-4"]
)
def test_w1_and_w2_are_drawn_from_one_generator(d, h, c, seed):
    # Drawn one after the other from one stream, the layer drawn second
    # depends on the size of the one drawn first: one more input changes
    # w2, or one more class changes w1.
    call, params = init_of(d, h, c, seed=seed)
    _, more_inputs = init_of(d + 1, h, c, seed=seed)
    _, more_classes = init_of(d, h, c + 1, seed=seed)
    if not (
        np.array_equal(params["w2"], more_inputs["w2"])
        and np.array_equal(params["w1"], more_classes["w1"])
    ):
        return
    w1, w2 = params["w1"], params["w2"]
    fail(
        "w1 and w2 must be drawn from one generator: here w2 stays the same "
        "with one more input, and w1 with one more class.",
        call=call,
        # One line for each, as where w2 repeats w1's draws.
        actual=named("w1", w1) + "\n" + named("w2", w2),
        mistake=constant_mistake(w1, w2) or TWO_GENERATORS,
    )


@pytest.mark.parametrize("seed", [0, 1])
def test_initial_weights_are_small(seed):
    call, params = init_of(20, 30, 10, seed=seed)
    for key in ("w1", "w2"):
        rms = float(np.sqrt(np.mean(params[key] ** 2)))
        if not rms <= MAX_WEIGHT_RMS:
            fail(
                f"The initial weights must be small; {key} has a root mean "
                f"square of {rms:.3g}.",
                call=call,
                expected=f"at most {MAX_WEIGHT_RMS:g} (0.1 for 0.1 * a standard "
                "normal)",
                actual=named(key, params[key]),
                mistake="large weights saturate the sigmoid units, whose "
                "slope is then near 0: scale standard normal draws by 0.1.",
            )


def test_forward_gives_the_docstring_example():
    check_forward(reference.init_params(4, 5, 3), np.zeros((2, 4)))


@settings(max_examples=examples(15))
@given(networks())
@example(NOTEBOOK)
@example(ALL_DIFFERENT)
@example(SQUARE)
@example(ONE_HIDDEN_UNIT)
def test_forward_computes_softmax_of_sigmoid_layers(network):
    check_forward(*network)


def extreme(params, x):
    """The network scaled so that x and the output weights reach 1000s."""
    scaled = dict(params)
    scaled["w2"] = 500.0 * params["w2"]
    return scaled, 1000.0 * np.sign(x)


@pytest.mark.parametrize(
    "network",
    [extreme(*NOTEBOOK), extreme(*ALL_DIFFERENT), extreme(*SQUARE)],
    ids=["4-5-3", "3-4-5", "3-3-3"],
)
def test_forward_stays_finite_for_extreme_inputs(network):
    check_forward(*network)


BY_POSITION = (
    "forward reads params by position, as w1, b1, w2, b2 = params.values() "
    "does: that holds only while the dict lists its keys in that order. "
    'Look them up by key: params["w1"], params["b1"], params["w2"], '
    'params["b2"].'
)
KEY_ORDER = (
    "the result changed with the order of the keys of params alone: look "
    'each parameter up by its key, params["w1"] and so on, and take nothing '
    "from the order of the dict."
)


def positional(params, x):
    """What forward gives when it takes the values of `params` in the
    order the dict lists them as w1, b1, w2 and b2; None where that
    crashes."""
    values = params.values()
    return variant(lambda: reference.forward(dict(zip(KEYS, values, strict=True)), x))


# The docstring names the parameters by key: a dict that lists them in
# another order (built by hand, or read back from a file) is the same
# network. Layers swapped on a square network give wrong values; the keys
# reversed on one of unequal sizes, wrong shapes.
@pytest.mark.parametrize(
    ("network", "keys"),
    [(SQUARE, ("w2", "b2", "w1", "b1")), (ALL_DIFFERENT, KEYS[::-1])],
    ids=["layers-swapped", "reversed"],
)
def test_forward_looks_params_up_by_key(network, keys):
    params, x = network
    check_forward(params, x)
    reordered = {key: params[key] for key in keys}
    call = NetworkCall("forward", reordered, x)
    what = "forward must give the same result whatever order params lists its keys in."
    try:
        probs = learner.forward(reordered, x)
    except SHAPE_ERRORS as error:
        by_position = positional(reordered, x) is None
        fail(
            what,
            call=call,
            actual=f"raised {type(error).__name__}: {error}",
            mistake=BY_POSITION if by_position else KEY_ORDER,
            raised=error,
        )
    expect_close(
        probs,
        reference.forward(params, x),
        call,
        rtol=0,
        atol=ATOL,
        mistakes=[(BY_POSITION, positional(reordered, x))],
        what=what,
        otherwise=KEY_ORDER,
    )


@when_shown
def loss_mistakes(params, x, labels):
    probs = reference.forward(params, x)
    n, c = probs.shape
    per_sample = -np.log(probs[np.arange(n), labels])
    return [
        ("the sum over the samples, not the mean.", per_sample.sum()),
        ("the loss of each sample, not their mean.", per_sample),
        ("a mean over all N * C entries, not over the samples.", per_sample.mean() / c),
        ("the minus sign is missing.", -per_sample.mean()),
        (
            "the mean divided by N once more: cross_entropy already returns "
            "the mean over the samples, so return it as it is.",
            per_sample.mean() / n,
        ),
    ]


SOFTMAX_SKIPPED = (
    "cross_entropy was given the scores h @ w2 + b2, without softmax: it "
    "takes probabilities, and the log of a score below 0 is nan. Pass it "
    "forward(params, x), which returns the probabilities."
)


def softmax_skipped(params, x, t, labels):
    """What loss gives when the scores, not forward's probabilities, go to
    cross_entropy: guarded by an epsilon or by clipping, on int `labels` or
    on the one-hot `t` (whose zeros times a nan log are nan too)."""
    h = reference.sigmoid(x @ params["w1"] + params["b1"])
    scores = h @ params["w2"] + params["b2"]
    picked = scores[np.arange(len(labels)), labels]
    eps = 1e-7
    return [
        (SOFTMAX_SKIPPED, result)
        for result in (
            variant(lambda: -np.mean(np.log(picked + eps))),
            variant(lambda: -np.mean(np.log(np.clip(picked, eps, 1.0)))),
            variant(lambda: -np.mean(np.sum(t * np.log(scores + eps), axis=-1))),
        )
    ]


def check_loss(params, x, labels, one_hot=True):
    """Compare the learner's loss with the network's on int `labels`, and
    then, if asked (`one_hot`), on the same labels one-hot."""
    forms = (labels, np.eye(params["b2"].size)[labels]) if one_hot else (labels,)
    for t in forms:
        call = NetworkCall("loss", params, x, t)
        try:
            expect_close(
                learner.trusting("forward").loss(params, x, t),
                reference.loss(params, x, labels),
                call,
                rtol=0,
                atol=LOSS_ATOL,
                mistakes=loss_mistakes(params, x, labels)
                + softmax_skipped(params, x, t, labels),
                what="loss must be the cross-entropy of forward's probabilities: "
                "cross_entropy(forward(params, x), t).",
            )
        except (NotImplementedError, ExerciseImportError, InputModified):
            raise
        except Exception as error:
            mistake = loss_interface_mistake(params, x, labels, t)
            if mistake is None:
                raise
            if not isinstance(error, KataFailure):
                error.kata_mistake = mistake
                raise
            fail(
                error.what,
                call=error.call,
                expected=error.expected,
                actual=error.actual,
                differs=error.differs,
                mistake=mistake,
            )


LOSS_UNPACKS = (
    "loss takes forward's result apart (_, probs = forward(params, x)), as "
    "your forward returns a tuple; forward must return probs (N, C) alone, "
    "and loss is tested with such a forward. Return probs alone from "
    "forward, and pass it to cross_entropy as it is."
)
ONLY_LABELS = (
    "only int labels are handled. When t has probs' shape (N, C) it is "
    "one-hot: pass t on to cross_entropy, which takes both forms, or use "
    "-np.sum(t * np.log(probs + 1e-7), axis=-1) for each sample's loss."
)
NARROW_ONE_HOT = (
    "int labels (N,) were turned into one-hot targets as wide as the "
    "largest label (labels.max() + 1), not as wide as probs: a batch may "
    "lack the last class. Make them C wide, C = probs.shape[1] (or "
    "len(params['b2'])), or pass int labels on to cross_entropy, which "
    "takes them as they are."
)


def loss_interface_mistake(params, x, labels, t):
    """The mistake behind a failure of loss on `t` that loss makes only
    with a forward of the docstring's (see LOSS_UNPACKS), only for a
    one-hot t (see ONLY_LABELS), or only for int labels that lack the last
    class (see NARROW_ONE_HOT); None when it is none of them, as the calls
    made to tell show."""
    spare = copy.deepcopy((params, x))
    with quietly():
        try:
            if isinstance(learner.forward(*spare), tuple) and close_loss(
                learner.loss(*spare, t), params, x, labels
            ):
                return LOSS_UNPACKS
        except Exception:
            pass
    if np.ndim(t) == 2 and labels_handled(params, x, labels):
        return ONLY_LABELS
    c = params["b2"].size
    if np.ndim(t) != 1 or c - 1 in labels:
        return None
    wider = np.array(labels)
    wider[-1] = c - 1
    with quietly():
        try:
            trusted = learner.trusting("forward")
            fits = close_loss(trusted.loss(*spare, wider), params, x, wider)
            one_hot = np.eye(c)[labels]
            fits = fits and close_loss(trusted.loss(*spare, one_hot), params, x, labels)
        except Exception:
            return None
    return NARROW_ONE_HOT if fits else None


def labels_handled(params, x, labels):
    """Whether the learner's loss (with the model forward) gives the right
    loss for int `labels`."""
    spare = copy.deepcopy((params, x))
    with quietly():
        try:
            value = learner.trusting("forward").loss(*spare, labels)
        except Exception:
            return False
    return close_loss(value, params, x, labels)


def close_loss(value, params, x, labels):
    """Whether `value` is the loss of the network on int `labels`."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return False
    return abs(value - reference.loss(params, x, labels)) <= LOSS_ATOL


def test_loss_gives_the_docstring_example():
    # Small weights and a zero input make every class about equally likely,
    # so the loss is close to log 3 = 1.0986. The docstring's int labels
    # only: one-hot targets are tested on the networks below.
    params = reference.init_params(4, 5, 3)
    check_loss(params, np.zeros((2, 4)), np.array([0, 2]), one_hot=False)


@st.composite
def labelled_networks(draw):
    params, x = draw(networks(output_bound=SMALL_OUTPUT_WEIGHT))
    c = params["b2"].size
    labels = draw(st.lists(st.integers(0, c - 1), min_size=len(x), max_size=len(x)))
    return params, x, np.array(labels)


def shrink_outputs(params, x):
    small = dict(params)
    for key in ("w2", "b2"):
        small[key] = params[key] * SMALL_OUTPUT_WEIGHT / 2.0
    return small, x


@settings(max_examples=examples(10))
@given(labelled_networks())
@example((*shrink_outputs(*NOTEBOOK), np.array([2])))
@example((*shrink_outputs(*ALL_DIFFERENT), np.array([4, 0])))
@example((*shrink_outputs(*SQUARE), np.array([0, 2, 1])))
# Labels short of the last class: C is not labels.max() + 1.
@example((*shrink_outputs(*ALL_DIFFERENT), np.array([1, 0])))
def test_loss_is_the_cross_entropy_of_forward(network):
    check_loss(*network)


@pytest.mark.parametrize(
    "dtype", OTHER_LABEL_DTYPES, ids=lambda dtype: np.dtype(dtype).name
)
def test_loss_takes_int_labels_of_every_integer_dtype(dtype):
    params, x = shrink_outputs(*ALL_DIFFERENT)
    labels = np.array([4, 0])
    call = NetworkCall("loss", params, x, labels.astype(dtype))

    def run(t):
        spare = copy.deepcopy((params, x))
        return learner.trusting("forward").loss(*spare, t)

    def first(t):
        # Fails, where loss is wrong on int64 labels too, as the other tests
        # of loss do: on int labels, not on their one-hot form, and of this
        # test's dtype, so that the call shown is one this test is about.
        # Right on int64 only, it is named below as such.
        if not labels_handled(params, x, t):
            check_loss(params, x, t.astype(dtype), one_hot=False)
        return run(t)

    expect_labels_of_any_dtype(run, labels, dtype, call, "loss", first)


# A network sure of the wrong class: both hidden units are 0.5, the scores
# [100, -100], so the true class 1 gets exp(-200), about 1e-87. Guarded by
# an epsilon of at most 1e-7, as cross_entropy's docstring asks, its loss
# is at least -log(1e-7 + 1e-87) = 16.1 (a smaller epsilon gives more, no
# guard 200); a guard of 1e-6 gives 13.8, of 1e-3 6.9.
CONFIDENT_WRONG = (
    {
        "w1": np.zeros((2, 2)),
        "b1": np.zeros(2),
        "w2": np.array([[100.0, -100.0], [100.0, -100.0]]),
        "b2": np.zeros(2),
    },
    np.zeros((1, 2)),
    np.array([1]),
)
# The bar between a guard of 1e-7 (16.12, 15.94 in float32) and one of
# 2e-7 (15.42), as in cross_entropy's tests.
LARGE_LOSS = 15.5


def guard_too_large(eps):
    """The mistake of a loss whose probabilities were guarded by `eps`
    (read back as exp(-loss)), above 1e-7."""
    return (
        f"the epsilon (or clip) guarding the log is too large ({eps:.2g}): "
        "keep it at most 1e-7, as cross_entropy's docstring asks, or a "
        "confident wrong prediction costs too little. Or return "
        "cross_entropy(forward(params, x), t), as loss's docstring says."
    )


def test_loss_of_a_confident_wrong_prediction_is_large():
    # Ordinary predictions first: a mistake there is named as it is
    # everywhere, not read as a guard.
    check_loss(*shrink_outputs(*ALL_DIFFERENT), np.array([4, 0]))
    params, x, labels = CONFIDENT_WRONG
    for t in (labels, np.eye(2)[labels]):
        spare = copy.deepcopy((params, x))
        value = float(learner.trusting("forward").loss(*spare, t))
        if not value >= LARGE_LOSS:
            fail(
                "loss must be large for a confident wrong prediction: a "
                "probability near 0 on the true class costs -log(eps), over "
                "16 for an epsilon of at most 1e-7.",
                call=NetworkCall("loss", params, x, t),
                expected=f"a loss of at least {LARGE_LOSS:g}",
                actual=f"{value:.4g}",
                mistake=guard_too_large(np.exp(-value)) if value > 0 else None,
            )


PARAMS_KEPT = (
    "the parameters are kept between calls and handed out again "
    "(functools.cache or lru_cache on init_params, or a dict in a global): "
    "training changes them in place, so the next network starts from "
    "trained weights. Make new arrays on every call; the same seed gives "
    "the same numbers anyway."
)


def test_init_params_makes_new_arrays_every_call():
    # Training changes the arrays init_params gave in place (sgd_update
    # does): a later call must start a new network all the same.
    call, first = init_returned(4, 5, 3)
    kept = copy.deepcopy(first)
    for key in KEYS:
        if first[key].flags.writeable:
            first[key] -= 1.0
    _, second = init_of(4, 5, 3)
    # Only the caller's change coming back counts here: draws that differ
    # from call to call (a seed ignored) have tests of their own.
    changed = [
        key
        for key in differing_keys(kept, second)
        if np.array_equal(second[key], first[key])
    ]
    if changed:
        fail(
            "Changing the arrays init_params returned (subtracting 1 from "
            "each, as a step of training would) changed what a later call "
            "returns.",
            call=f"{call}, twice",
            expected="the arrays the first call returned, as it returned them",
            actual=f"{listed(changed)} with 1 subtracted, as the caller left them",
            mistake=PARAMS_KEPT,
        )


DICT_KEPT = (
    "one dict is kept between calls and filled again by each one: a mutable "
    "default argument (params={} in the signature) is made once, when the "
    "function is defined, not at each call, and a dict in a global is kept "
    "alike. Each call then overwrites the params an earlier call returned, "
    "a network in training included. Make a new dict at every call: "
    "params = {} in the body, or return {'w1': ..., 'b1': ..., 'w2': ..., "
    "'b2': ...}."
)


def shapes_of(params):
    """The shapes of the arrays of `params`, as "w1 (4, 5), b1 (5,)..."."""
    return ", ".join(f"{key} {np.shape(params[key])}" for key in KEYS)


def test_init_params_returns_a_new_dict_every_call():
    # The caller may hold two networks at once (to compare two seeds or
    # two sizes, say): a later call must leave an earlier network alone.
    call, first = init_returned(4, 5, 3, seed=0)
    shapes = shapes_of(first)
    later, second = init_returned(2, 3, 2, seed=1)
    if second is not first:
        return
    fail(
        "A later call of init_params changed the dict an earlier call "
        "returned: both calls returned the same dict.",
        call=f"{call}, then {later}",
        expected=f"the first call's params as they were: {shapes}",
        actual=f"the same dict, now holding {shapes_of(second)}",
        mistake=DICT_KEPT,
    )


PROBS_KEPT = (
    "results kept between calls: forward gave the probabilities of params "
    "as they were before the change, found again by params or x (their "
    "id(), a cache, a dict keyed on them). An in-place step keeps the same "
    "objects and changes their values: compute the forward pass afresh on "
    "every call."
)


def test_forward_follows_params_changed_in_place():
    # Training changes the arrays of params in place between calls (as
    # sgd_update does): each call must work from the values they hold now.
    params, x = copy.deepcopy(ALL_DIFFERENT)
    check_forward(params, x)
    before = reference.forward(params, x)
    for key in KEYS:
        # Halving every weight moves each probability far beyond ATOL.
        params[key] *= 0.5
    call, result = forward_of(params, x)
    expect_close(
        as_array(result, call, "an array of probabilities"),
        reference.forward(params, x),
        call,
        rtol=0,
        atol=ATOL,
        mistakes=[(PROBS_KEPT, before), *forward_mistakes(params, x)],
        what="After an in-place change of params, forward must give the "
        "probabilities of the params as they are now.",
        otherwise=slip_in_source(),
    )


LOSS_KEPT = (
    "a loss kept from an earlier call: loss gave the loss of params as they "
    "were before the change, found again by params, x or t (their id(), a "
    "cache, a dict keyed on them). An in-place step keeps the same objects "
    "and changes their values: compute the loss afresh on every call."
)


def test_loss_follows_params_changed_in_place():
    # Training changes the arrays of params in place between calls (as
    # sgd_update does), and logs the loss of the same batch as it goes:
    # each call must work from the values params holds now.
    params, x = shrink_outputs(*copy.deepcopy(ALL_DIFFERENT))
    labels = np.array([4, 0])
    # The first call must be right on its own: a wrong loss is named as
    # such, not taken for one kept between calls.
    check_loss(params, x, labels, one_hot=False)
    before = reference.loss(params, x, labels)
    for key in KEYS:
        # Halving every parameter moves the loss far beyond LOSS_ATOL.
        params[key] *= 0.5
    call = NetworkCall("loss", params, x, labels)
    expect_close(
        learner.trusting("forward").loss(params, x, labels),
        reference.loss(params, x, labels),
        call,
        rtol=0,
        atol=LOSS_ATOL,
        mistakes=[(LOSS_KEPT, before), *loss_mistakes(params, x, labels)],
        what="After an in-place change of params, loss must be that of the "
        "params as they are now.",
    )

"""The trusted functions, rebuilt to stand in for the learner's while
another exercise is graded (see `harness._standing_in`).

A function of tests/reference.py sees the whole module through its
globals, the answer of every exercise among them: the learner's code,
handed one as its softmax, could read ``softmax.__globals__`` and find the
cross_entropy it is asked to write. So each stand-in is the same code with
globals of its own, holding NumPy, the builtins it uses and the stand-ins
it calls, and nothing else. A stand-in that calls a function of the
exercise under test calls the learner's own instead, as the import of it
would in the package: the answer graded is in reach of none of them.

Limitations: this closes the paths through the functions themselves, not
those through the rest of the process, which holds the tests (the
learner's own process in grading mode is forked from theirs): the frames
below the learner's call (``sys._getframe(1)`` and on), the objects the
garbage collector tracks (``gc.get_objects()``), and every loaded module,
pytest and hypothesis among them, which ``sys.modules`` lists and NumPy
leads to. Nor can the learner's code be kept from reading the file
tests/reference.py. What these paths need is a deliberate search of the
grader's insides, not a look at a function's globals.
"""

import builtins
import dis
import sys
import types

from tests import reference

# What the learner reads when its code looks in a stand-in's globals for a
# name that is not there: the answers, most likely.
OUT_OF_REACH = (
    "{name} is out of reach of {function}, which runs here as a trusted copy "
    "that holds only what it calls: an exercise may not take answers from "
    "the kata's own code. Write the exercise's code yourself (NumPy and "
    "your earlier exercises are there for that)."
)


def _with_globals(function, scope):
    """A copy of `function` whose globals are `scope`."""
    copy = types.FunctionType(
        function.__code__,
        scope,
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__qualname__ = function.__qualname__
    copy.__doc__ = function.__doc__
    return copy


class _Scope(dict):
    """The globals of one stand-in: a name it does not hold raises a
    LookupError that says why, rather than a bare KeyError."""

    __slots__ = ("function",)

    def __missing__(self, name):
        message = OUT_OF_REACH.format(name=name, function=self.function)
        # Not a KeyError: Python would take that as a global missing and
        # look for a builtin, but every name the code reads is held.
        raise LookupError(message)


# The method too: a function of this module would lead, through its
# globals, to every reference function.
_Scope.__missing__ = _with_globals(
    _Scope.__missing__, {"__builtins__": builtins, "OUT_OF_REACH": OUT_OF_REACH}
)


def _names_read(code):
    """The global names `code` (and any function nested in it) reads."""
    names = {
        step.argval
        for step in dis.get_instructions(code)
        if step.opname in ("LOAD_GLOBAL", "LOAD_NAME")
    }
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names_read(constant)
    return names


# The reference functions, by name, and the global names each reads: read
# from the bytecode once, so that a stand-in holds exactly what it uses.
_FUNCTIONS = {
    name: value
    for name, value in vars(reference).items()
    if isinstance(value, types.FunctionType)
}
_READS = {name: _names_read(f.__code__) for name, f in _FUNCTIONS.items()}
# The exercise of each function; a helper (as_labels) has none.
_EXERCISES = {
    function: exercise
    for exercise, functions in reference.MODULES.items()
    for function in functions
}


def functions(package, exercise, names):
    """The reference functions `names`, by name, rebuilt for the tests of
    `exercise` (the learner's module ``{package}.{exercise}``), each with
    globals of its own: NumPy, the builtins it uses and the functions it
    calls, rebuilt too, except that a call to a function of `exercise`
    goes to the learner's. Only what is asked for is made, so that no stand-in
    of an exercise's answer exists unless the tests hand it over."""
    graded = reference.MODULES.get(exercise, {})
    made = {}

    def reached(name):
        """What a stand-in finds under the global `name`."""
        if name in graded:
            return _calling_learners(f"{package}.{exercise}", name)
        if name in _FUNCTIONS:
            return made[name] if name in made else rebuilt(name)
        if hasattr(reference, name):
            return getattr(reference, name)  # np
        return getattr(builtins, name)

    def rebuilt(name):
        original = _FUNCTIONS[name]
        owner = _EXERCISES.get(name)
        scope = _Scope(
            __builtins__=builtins,
            __name__=f"{package}.{owner}" if owner else package,
        )
        scope.function = name
        made[name] = _with_globals(original, scope)
        # Filled after: a function that calls itself finds itself made.
        scope.update({read: reached(read) for read in _READS[name]})
        return made[name]

    return {name: made[name] if name in made else rebuilt(name) for name in names}


def _calling_learners(module, name):
    """A function that calls the learner's `name` of `module` (its full
    name), and reaches nothing of the kata's."""

    # Looked up at the call: the learner's module is the one in sys.modules
    # while its code runs, its functions perhaps swapped for trusted ones.
    def call(*args, **kwargs):
        return getattr(sys.modules[module], name)(*args, **kwargs)

    scope = _Scope(__builtins__=builtins, __name__=module, getattr=getattr, sys=sys)
    scope.function = name
    call = _with_globals(call, scope)
    call.__name__ = call.__qualname__ = name
    return call

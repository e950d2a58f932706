"""nn-kata's grader: runs the exercise tests and says where the learner stands.

In a notebook, ``from grader import check; check("softmax")`` grades one
exercise (see `grader.notebook`).
"""


def check(name, *functions, root=None, lang=None):
    """Grade exercise `name` (see `grader.notebook.check`)."""
    # Imported on first use: the command line does not need it, and it
    # brings in numpy, pytest and hypothesis.
    from grader.notebook import check as check_exercise

    return check_exercise(name, *functions, root=root, lang=lang)

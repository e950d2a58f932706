"""Your exercises: fill in each function, then run python -m grader."""

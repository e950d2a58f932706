"""nn-kata's grader: runs the exercise tests and says where the learner stands."""

"""Translations of what the grader shows: one catalogue per language."""

"""The kata's tests: one module per exercise, run against exercises/ by default."""

"""Model answers to the kata, one module per exercise (see exercises/)."""

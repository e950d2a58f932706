"""Cutting long texts: whole lines kept, and a note that counts the rest."""

from grader.results import lines_cut, trim

# As many lines as a training loop that prints every epoch might write.
PRINTED = "".join(f"epoch {i}: loss {1 / (i + 1):.6f}\n" for i in range(500))
LIMIT = 2000


def test_a_text_within_the_limit_is_kept_as_it_is():
    assert trim("short\ntext\n", LIMIT) == "short\ntext\n"


def test_a_long_text_keeps_whole_lines_from_both_ends():
    kept = trim(PRINTED, LIMIT).splitlines()
    lines = PRINTED.splitlines()
    note = next(i for i, line in enumerate(kept) if lines_cut(line) is not None)

    assert kept[:note] == lines[:note]
    assert kept[note + 1 :] == lines[-len(kept[note + 1 :]) :]


def test_the_note_counts_exactly_the_lines_cut():
    kept = trim(PRINTED, LIMIT).splitlines()
    notes = [lines_cut(line) for line in kept if lines_cut(line) is not None]

    assert len(notes) == 1
    assert len(kept) - 1 + notes[0] == 500


def test_the_kept_lines_fit_in_the_limit():
    kept = trim(PRINTED, LIMIT).splitlines(keepends=True)

    assert sum(len(line) for line in kept if lines_cut(line) is None) <= LIMIT


def test_a_first_line_longer_than_half_the_limit_is_shortened_and_says_so():
    text = "x" * 5000 + "\nthe end\n"
    kept = trim(text, LIMIT)

    assert kept.startswith("x" * (LIMIT // 2) + " [... 4000 characters cut]\n")
    assert kept.endswith("the end\n")


def test_only_the_note_reads_as_a_note():
    assert lines_cut("[... 3 lines (42 characters) cut ...]") == 3
    assert lines_cut("[... 1 line (7 characters) cut ...]") == 1
    assert lines_cut("[... 9390 characters cut ...]") is None
    assert lines_cut("epoch 3: loss 0.25") is None

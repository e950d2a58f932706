"""Builds nested lists of 0.0 and 1.0 and returns them."""

# expect: must return a NumPy array, not a list


def one_hot(labels, num_classes):
    rows = []
    for label in labels:
        if label != int(label):
            raise ValueError(f"not a whole number: {label}")
        if not 0 <= label < num_classes:
            raise ValueError(f"label {label} outside [0, {num_classes})")
        row = [0.0] * num_classes
        row[int(label)] = 1.0
        rows.append(row)
    return rows

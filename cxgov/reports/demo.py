"""Demo history of published reports."""


def load(users) -> None:
    """Last year's annual report, published."""

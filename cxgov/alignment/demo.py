"""Demo history of alignment reviews."""


def load(users) -> None:
    """Last year's signed-off review and this year's in review."""

"""Demo history of quarterly reviews."""


def load(users) -> None:
    """Past quarterly reviews with decisions, actions and published minutes."""

"""Demo history of the action tracker."""


def load(users) -> None:
    """Actions from workshop ideas, assessment gaps and by hand."""

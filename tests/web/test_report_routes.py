"""The report routes of the role × URL table in tests/web/test_access.py (merged there under its marker)."""


def routes(api) -> dict:
    """(method, rule) → (url builder, who may use it)."""
    return {}

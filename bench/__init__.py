"""The performance benchmark of issue 13: `python -m bench.run --help` (see the README's Performance section)."""

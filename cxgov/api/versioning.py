"""Optimistic locking over the API: the client sends back the version it read."""
from __future__ import annotations

from flask import request


def expected_version(body: dict) -> int | None:
    """The version the client read: the body's `version`, else the If-Match header (an ETag of the version)."""
    if body.get("version") is not None:
        return body["version"]
    match = (request.headers.get("If-Match") or "").strip().strip('"')
    return int(match) if match.isdigit() else None

"""Optimistic locking over the API: the client sends back the version it read."""
from __future__ import annotations

import marshmallow as ma
from flask import request
from flask_babel import lazy_gettext as _l

from cxgov.bounds import whole


def _if_match() -> int | None:
    """The version an If-Match header names (an ETag of the version, quoted or not)."""
    return whole((request.headers.get("If-Match") or "").strip().strip('"'))


class Version(ma.fields.Integer):
    """A change's required `version`: the one the client read, in the body or else as the If-Match header."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("metadata", {"description": (
            "The version you read (the record's `version`, or its ETag). Required: send it here or as If-Match; "
            "a stale one answers 409 with the current record.")})
        kwargs.setdefault("error_messages", {"required": _l("Send the version you read, in the body or as If-Match.")})
        super().__init__(required=True, **kwargs)

    def deserialize(self, value, attr=None, data=None, **kwargs):
        """Read If-Match when the body has no version."""
        if value is ma.missing and (header := _if_match()) is not None:
            value = header
        return super().deserialize(value, attr, data, **kwargs)


def expected_version(body: dict) -> int | None:
    """The version the client read: the body's `version` (a Version field fills it from If-Match)."""
    if body.get("version") is not None:
        return body["version"]
    return _if_match()

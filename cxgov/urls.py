"""Absolute addresses come from the configuration (CXGOV_BASE_URL), never from the Host header of a request.

A request's Host header is whatever the client wrote: trusting it for absolute links would let anyone make an API
answer, an .ics file or a cached page point elsewhere. `CxgovFlask.url_for(..., _external=True)` therefore builds
every absolute address under the configured base URL (or, without one, under `FALLBACK`, a fixed local address),
whichever door asked: a page, the API, a task or the CLI.
"""
from __future__ import annotations

from urllib.parse import quote, urlsplit

from flask import Flask, current_app, has_request_context, request
from werkzeug.routing import BuildError

# Used when no base URL is configured (development): fixed, so a request can never choose it.
FALLBACK = "http://localhost"


def configured_base(config) -> str:
    """The configured address of cxgov without a trailing slash, or the fixed fallback."""
    return (str(config.get("CXGOV_BASE_URL") or "").strip() or FALLBACK).rstrip("/")


def base_url() -> str:
    """The current app's base URL (see `configured_base`)."""
    return configured_base(current_app.config)


def host_name() -> str:
    """The host part of the base URL (for identifiers such as an .ics event's UID)."""
    return urlsplit(base_url()).hostname or "localhost"


class CxgovFlask(Flask):
    """Flask whose absolute URLs start with the configured base URL."""

    def url_for(self, endpoint: str, *, _anchor: str | None = None, _method: str | None = None,
                _scheme: str | None = None, _external: bool | None = None, **values) -> str:
        """As Flask's, except that an absolute address is built under the base URL (the base URL's scheme wins)."""
        in_request = has_request_context()
        if not (_external or _scheme or (_external is None and not in_request)):
            return super().url_for(endpoint, _anchor=_anchor, _method=_method, **values)
        if in_request and endpoint.startswith("."):
            endpoint = f"{request.blueprint}{endpoint}" if request.blueprint else endpoint[1:]
        parts = urlsplit(configured_base(self.config))
        adapter = self.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http")
        self.inject_url_defaults(endpoint, values)
        try:
            address = adapter.build(endpoint, values, method=_method, force_external=True)
        except BuildError as error:
            values.update(_anchor=_anchor, _method=_method, _scheme=_scheme, _external=_external)
            return self.handle_url_build_error(error, endpoint, values)
        return f"{address}#{quote(_anchor, safe='%!#$&()*+,/:;=?@')}" if _anchor else address

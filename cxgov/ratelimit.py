"""Rate limits (Flask-Limiter) on signing in and on the API, counted in Redis when CXGOV_REDIS_URL is set.

Two budgets, both read from the configuration at each request (so a change needs no restart of the limiter):
- CXGOV_RATELIMIT_SIGN_IN: sign-in attempts (POST /login) per client address;
- CXGOV_RATELIMIT_API: API requests per user (all of a user's tokens share one budget), per address without a
  usable token.
In Redis every instance of cxgov counts against the same budget; in memory (no Redis) each process counts its own.
An answer over the budget is a 429 with `Retry-After`: the API's JSON error body under /api/, the translated error
page elsewhere (cxgov/api/errors.py, cxgov/errors.py). The database's sign-in throttling (cxgov/auth/throttle.py)
still applies: this is an extra layer, in front of it.
"""
from __future__ import annotations

import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_login import current_user

from cxgov.api.errors import is_api_request

KEY = "cxgov_limiter"


def client_address() -> str:
    """The client's address (the proxy's X-Forwarded-For only from configured proxies: cxgov/security.py)."""
    return request.remote_addr or "unknown"


def api_caller() -> str:
    """Whom an API request is counted for: the token's user, or the address when no token was accepted."""
    if current_user.is_authenticated:
        return f"user:{current_user.get_id()}"
    return f"addr:{client_address()}"


def _sign_in_budget() -> str:
    return current_app.config["CXGOV_RATELIMIT_SIGN_IN"]


def _api_budget() -> str:
    return current_app.config["CXGOV_RATELIMIT_API"]


def storage_uri(app: Flask) -> str:
    """Redis when configured (several instances share one count), the process's memory otherwise."""
    return app.config.get("CXGOV_REDIS_URL") or "memory://"


def install(app: Flask) -> Limiter:
    """Bind a limiter to the app: after the API's token check (the key needs the user) and the routes."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app))
    limiter = Limiter(
        # No X-RateLimit-* headers: they cost two more reads of the count on every request (Retry-After: below).
        api_caller, app=None, key_prefix="cxgov-rl", headers_enabled=False,
        application_limits=[_api_budget], application_limits_exempt_when=lambda: not is_api_request(),
        # Redis out of reach: serve, unlimited, and log it, rather than answer 500 to everyone.
        swallow_errors=True,
    )
    # A route's own limit is checked by a wrapper around its view (Flask-Limiter's decorator), put in its place here.
    sign_in = limiter.limit(_sign_in_budget, key_func=client_address, methods=["POST"])
    app.view_functions["auth.login"] = sign_in(app.view_functions["auth.login"])
    limiter.init_app(app)
    app.extensions[KEY] = limiter

    @app.after_request
    def retry_after(response):
        """An answer over a budget says when the window ends (the count is read only then)."""
        limit = limiter.current_limit
        if response.status_code == 429 and limit is not None and limit.breached:
            response.headers["Retry-After"] = str(max(1, int(limit.reset_at - time.time())))
        return response

    return limiter


def limiter_of(app: Flask) -> Limiter:
    """The app's limiter (tests reset its counts)."""
    return app.extensions[KEY]

"""HTTP security headers on every response, no caching of what a signed-in person reads, trusted proxies only."""
from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

# Everything is served by the app itself, so the policy can be strict. Inline style *attributes* are allowed
# (heatmap colours, progress widths); <style> elements and inline scripts are not.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-elem 'self'; "
       "style-src-attr 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def register(app: Flask) -> None:
    """Trust the configured proxies, and add the headers after each request."""
    trust_proxies(app)

    @app.after_request
    def set_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE") or request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", f"max-age={app.config['CXGOV_HSTS_SECONDS']}")
        if not is_static(request.endpoint) and "no-store" not in (response.headers.get("Cache-Control") or ""):
            response.headers["Cache-Control"] = "no-store"
        return response


def is_static(endpoint: str | None) -> bool:
    """True for the app's (or a blueprint's) static files, which browsers and proxies may keep.

    Every other answer may be a signed-in person's page, export, PDF, feed or API answer: `no-store` keeps it out
    of the browser's history cache and out of any shared cache on the way (anonymous pages lose nothing by it).
    """
    return bool(endpoint) and (endpoint == "static" or endpoint.endswith(".static"))


def trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from X-Forwarded-For/-Proto only behind CXGOV_PROXY_COUNT proxies.

    Without a configured proxy the headers are ignored, so a client cannot pick the address sign-in throttling
    counts; behind one, every user would otherwise share the proxy's address. The Host is never taken from a
    header: absolute links come from CXGOV_BASE_URL (cxgov/urls.py).
    """
    count = int(app.config.get("CXGOV_PROXY_COUNT") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0, x_port=0, x_prefix=0)

"""HTTP security headers on every response."""
from flask import Flask

# Everything is served by the app itself, so the policy can be strict. Inline style *attributes* are allowed
# (heatmap colours, progress widths); <style> elements and inline scripts are not.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-elem 'self'; "
       "style-src-attr 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def register(app: Flask) -> None:
    """Add the headers after each request."""

    @app.after_request
    def set_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

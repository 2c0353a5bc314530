"""What the rate limits cost an API request, and that a budget holds: `python -m bench.ratelimits [--redis-url URL]`.

One app on a temporary SQLite database, one person with a token; N requests to /api/v1/me with the limits off, on
in memory and, given a Redis URL, on in Redis (or a redis-server started here on loopback, when one is installed).
Prints the median time per request of each and the statuses of a run against a budget of 50 a minute.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade


def _app(url: str, redis_url: str | None, enabled: bool, budget: str):
    from cxgov import create_app
    from cxgov.config import TestConfig

    config = TestConfig(url)
    config.CXGOV_REDIS_URL, config.RATELIMIT_ENABLED, config.CXGOV_RATELIMIT_API = redis_url, enabled, budget
    return create_app(config)


def _token(app) -> str:
    from cxgov.api.operations import create_token
    from cxgov.extensions import db
    from cxgov.org import operations

    with app.app_context():
        upgrade()
        user = operations.create_user({"email": "bench@example.com", "name": "Bench"}, ["member"], "bench-pass-0192")
        _row, plain = create_token(user, "bench")
        db.session.commit()
    return plain


def _median_ms(app, token: str, requests: int) -> float:
    client, headers, times = app.test_client(), {"Authorization": f"Bearer {token}"}, []
    for _ in range(requests):
        started = time.perf_counter()
        assert client.get("/api/v1/me", headers=headers).status_code == 200
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis-url", help="a Redis to count in (default: start redis-server on loopback)")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    server = None
    if not args.redis_url:
        from tests.redisserver import RedisServer

        server = RedisServer()
        server.start()
        args.redis_url = server.url
    try:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='cxgov-bench-rl-')) / 'bench.sqlite'}"
        token = _token(_app(url, None, False, "1 per minute"))
        kinds = (("off", None, False), ("memory", None, True), ("redis", args.redis_url, True))
        for label, redis_url, enabled in kinds:
            app = _app(url, redis_url, enabled, "100000 per minute")
            print(f"limits {label:6}: median {_median_ms(app, token, args.requests):.2f} ms a request "
                  f"({args.requests} requests)")
        app, headers = _app(url, args.redis_url, True, "50 per minute"), {"Authorization": f"Bearer {token}"}
        app.extensions["cxgov_limiter"].reset()
        statuses = [app.test_client().get("/api/v1/me", headers=headers).status_code for _ in range(60)]
        print(f"budget 50 per minute in Redis, 60 requests: {statuses.count(200)} × 200, {statuses.count(429)} × 429")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()

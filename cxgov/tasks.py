"""The task queue for long work (Huey): SQLite under instance/ by default, Redis with CXGOV_REDIS_URL.

Run the consumer beside the web server: `huey_consumer cxgov.worker.huey` (`make run` does). With
CXGOV_TASKS_IMMEDIATE=true tasks run in the request that queues them, and no consumer is needed.
"""
from __future__ import annotations

from contextlib import contextmanager, nullcontext
from pathlib import Path

from flask import Flask, has_app_context
from huey import RedisHuey, SqliteHuey
from huey.storage import RedisStorage

from cxgov.config import Config

INSTANCE = Path(__file__).resolve().parents[1] / "instance"


def _make_huey(config: Config):
    """The queue the configuration asks for."""
    if config.CXGOV_REDIS_URL:
        return RedisHuey("cxgov", url=config.CXGOV_REDIS_URL, immediate=config.CXGOV_TASKS_IMMEDIATE)
    INSTANCE.mkdir(exist_ok=True)
    return SqliteHuey("cxgov", filename=str(INSTANCE / "tasks.sqlite"), immediate=config.CXGOV_TASKS_IMMEDIATE)


huey = _make_huey(Config())
_consumer_app: Flask | None = None


def configure(app: Flask) -> None:
    """Follow the app's setting: immediate mode runs tasks in the request."""
    huey.immediate = bool(app.config.get("CXGOV_TASKS_IMMEDIATE"))


def app_context():
    """The app context a task runs in: the caller's in immediate mode, the consumer's own app otherwise."""
    global _consumer_app
    if has_app_context():
        return nullcontext()
    if _consumer_app is None:
        from cxgov import create_app

        _consumer_app = create_app()
    return _consumer_app.app_context()


@contextmanager
def only_one(name: str, seconds: int):
    """Yield True to the one holder of a named lock in Redis (one among every consumer on the queue), False to
    others meanwhile; the lock ends with the block, or after `seconds` if its holder was killed. Without Redis (the
    SQLite queue, immediate tasks) there is one consumer, and it always holds it."""
    if not isinstance(huey.storage, RedisStorage):
        yield True
        return
    lock = huey.storage.conn.lock(f"{huey.name}.only-one.{name}", timeout=seconds, blocking=False)
    held = lock.acquire()
    try:
        yield held
    finally:
        if held:
            lock.release()

"""cxgov.tasks.only_one: one holder at a time among every consumer of a Redis queue, and an expiry for a dead one."""
import pytest
import redis
from huey import RedisHuey

from cxgov import tasks


@pytest.mark.xdist_group("redis")
def test_a_named_lock_in_redis_has_one_holder_and_expires(redis_url, monkeypatch):
    monkeypatch.setattr(tasks, "huey", RedisHuey("cxgov-lock-test", url=redis_url))
    with tasks.only_one("tick", 60) as first:
        with tasks.only_one("tick", 60) as second, tasks.only_one("other", 60) as other:
            assert (first, second, other) == (True, False, True)
        ttl = redis.Redis.from_url(redis_url).ttl("cxgov-lock-test.only-one.tick")
        assert 0 < ttl <= 60  # a consumer killed while holding it blocks the others a minute at most here
    with tasks.only_one("tick", 60) as again:
        assert again  # released at the end of the block


def test_without_redis_the_one_consumer_always_holds_it():
    with tasks.only_one("tick", 60) as held:
        assert held

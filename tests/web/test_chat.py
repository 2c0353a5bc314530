"""Workplace chat against real HTTP receivers on loopback, one per service, each checking the signature the way
that service documents it (recomputed here from the shared secret, the timestamp's freshness included)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.rhythm import chat
from cxgov.rhythm.chat_models import ChatChannel, ChatDelivery
from cxgov.tasks import huey
from tests.factories import make_action, make_cycle, make_department, make_target, make_user

MONDAY = date(2026, 12, 14)
SECRET = "SEC-shared-between-cxgov-and-the-service"
HOUR = 3600


class Receiver:
    """A chat service on 127.0.0.1: verifies each request as the service would and records what it took."""

    def __init__(self, kind: str, secret: str = SECRET, key: str = "robot-key", fail_first: int = 0):
        self.kind, self.secret, self.key, self.fail_first = kind, secret, key, fail_first
        self.received: list[dict] = []  # accepted payloads
        self.rejected: list[str] = []
        self.requests = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, answer = receiver.handle(self.path, dict(self.headers), raw)
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        port = self.server.server_address[1]
        return {"dingtalk": f"http://127.0.0.1:{port}/robot/send?access_token=token-1",
                "feishu": f"http://127.0.0.1:{port}/open-apis/bot/v2/hook/hook-1",
                "wecom": f"http://127.0.0.1:{port}/cgi-bin/webhook/send?key={self.key}",
                "generic": f"http://127.0.0.1:{port}/hooks/cxgov"}[self.kind]

    def handle(self, path: str, headers: dict, raw: bytes) -> tuple[int, dict]:
        self.requests += 1
        if self.requests <= self.fail_first:
            return 500, {"error": "temporarily unavailable"}
        body = json.loads(raw)
        problem = getattr(self, f"_check_{self.kind}")(parse_qs(urlsplit(path).query), headers, raw, body)
        if problem is not None:
            self.rejected.append(json.dumps(problem[1]))
            return problem
        self.received.append(body)
        return 200, ({"code": 0, "msg": "success"} if self.kind == "feishu" else {"errcode": 0, "errmsg": "ok"})

    # DingTalk: sign = urlEncode(base64(HmacSHA256(key=secret, "timestamp\nsecret"))), timestamp in ms, ±1 hour.
    def _check_dingtalk(self, query, headers, raw, body):
        timestamp, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
        expected = base64.b64encode(hmac.new(self.secret.encode(), f"{timestamp}\n{self.secret}".encode(),
                                             hashlib.sha256).digest()).decode()
        fresh = timestamp.isdigit() and abs(time.time() * 1000 - int(timestamp)) < HOUR * 1000
        if query.get("access_token") != ["token-1"] or not fresh or not hmac.compare_digest(sign, expected):
            return 200, {"errcode": 310000, "errmsg": "sign not match"}
        if body.get("msgtype") != "markdown" or not body["markdown"].get("title"):
            return 200, {"errcode": 40035, "errmsg": "invalid msgtype"}
        return None

    # Feishu/Lark: sign = base64(HmacSHA256(key="timestamp\nsecret", message=empty)), timestamp in s, 1 hour.
    def _check_feishu(self, query, headers, raw, body):
        timestamp = str(body.get("timestamp", ""))
        expected = base64.b64encode(hmac.new(f"{timestamp}\n{self.secret}".encode(), b"",
                                             hashlib.sha256).digest()).decode()
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) < HOUR
        if not fresh or not hmac.compare_digest(str(body.get("sign", "")), expected):
            return 200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
        if body.get("msg_type") not in ("interactive", "post", "text"):
            return 200, {"code": 19002, "msg": "params error, msg_type need"}
        return None

    # WeCom: no signature; the key in the URL is the credential.
    def _check_wecom(self, query, headers, raw, body):
        if query.get("key") != ["robot-key"]:
            return 200, {"errcode": 93000, "errmsg": "invalid webhook url"}
        if body.get("msgtype") != "markdown":
            return 200, {"errcode": 40008, "errmsg": "invalid message type"}
        return None

    # Ours: X-Cxgov-Signature = sha256=hex(HMAC-SHA256(secret, raw body)), X-Cxgov-Timestamp fresh and in the body.
    def _check_generic(self, query, headers, raw, body):
        expected = "sha256=" + hmac.new(self.secret.encode(), raw, hashlib.sha256).hexdigest()
        timestamp = headers.get("X-Cxgov-Timestamp", "")
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) < 300 and body["timestamp"] == int(timestamp)
        if not fresh or not hmac.compare_digest(headers.get("X-Cxgov-Signature", ""), expected):
            return 401, {"error": "bad signature"}
        return None

    def text(self, index: int = -1) -> str:
        """The readable content of a received message, whatever the service's format."""
        body = self.received[index]
        if self.kind == "feishu":
            card = body["card"]
            return card["header"]["title"]["content"] + "\n" + card["elements"][0]["text"]["content"]
        if self.kind == "dingtalk":
            return body["markdown"]["text"]
        if self.kind == "wecom":
            return body["markdown"]["content"]
        return body["text"]


@pytest.fixture
def receivers():
    """Start receivers on demand; stop them after the test."""
    started: list[Receiver] = []

    def start(kind: str, **options) -> Receiver:
        started.append(Receiver(kind, **options))
        return started[-1]

    huey.flush()  # retries scheduled by earlier tests are theirs
    yield start
    for receiver in started:
        receiver.server.shutdown()
        receiver.server.server_close()


def run_retries() -> None:
    """Run every retry the queue has scheduled, as if their time had come."""
    far = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    while tasks := huey.read_schedule(far):
        for task in tasks:
            huey.execute(task, timestamp=far)


def make_channel(kind: str, url: str, department=None, **overrides) -> ChatChannel:
    data = {"name": f"{kind} channel", "kind": kind, "webhook_url": url, "secret": SECRET, "language": "en",
            "digest": True, "digest_weekday": MONDAY.weekday(), "events": True, "active": True,
            "department_id": department.id if department else None}
    data.update(overrides)
    channel = chat.save_channel(None, data)
    db.session.commit()
    return channel


def deliveries(channel=None) -> list[ChatDelivery]:
    db.session.expire_all()
    query = sa.select(ChatDelivery).order_by(ChatDelivery.id)
    if channel is not None:
        query = query.where(ChatDelivery.channel_id == channel.id)
    return list(db.session.scalars(query))


def service_department():
    """Customer service with a target gone quiet and an overdue action."""
    dept = make_department("CS", name_en="Customer service", name_zh="客服部")
    owner = make_user(department=dept)
    target = make_target(dept, month="2026-12", approved=True, title="First reply within 2 hours", owner_id=owner.id)
    target.approved_at = datetime(2026, 11, 28, 2, tzinfo=UTC)
    db.session.commit()
    make_action(owner, department=dept, due_on=MONDAY - timedelta(days=3), title="Call back every poor rating")
    return dept


@pytest.mark.parametrize("kind", ["dingtalk", "feishu", "wecom", "generic"])
def test_each_service_receives_the_department_digest_signed_as_it_documents(app, receivers, kind):
    receiver = receivers(kind)
    dept = service_department()
    make_channel(kind, receiver.url, department=dept)

    counts = chat.post_digests(MONDAY)

    assert counts == {"channels": 1, "queued": 1, "already": 0, "sent": 1, "failed": 0}
    assert receiver.rejected == [] and len(receiver.received) == 1
    text = receiver.text()
    assert "Customer service" in text
    assert "Targets not updated (1)" in text and "First reply within 2 hours: no update for" in text
    assert "Overdue actions (1)" in text and "Call back every poor rating" in text
    if kind == "generic":
        body = receiver.received[0]
        assert body["event"] == "digest" and body["language"] == "en" and body["department"] == "Customer service"
        assert body["data"]["targets_not_updated"] == 1 and body["data"]["overdue_actions"] == 1
    [delivery] = deliveries()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("sent", 1, "")


def test_a_chinese_channel_gets_the_digest_in_chinese(app, receivers):
    receiver = receivers("feishu")
    dept = service_department()
    make_channel("feishu", receiver.url, department=dept, language="zh")

    chat.post_digests(MONDAY)

    text = receiver.text()
    assert "客服部" in text and "Customer service" not in text
    assert "First reply within 2 hours" in text


def test_the_company_channel_gets_the_company_summary(app, receivers):
    receiver = receivers("dingtalk")
    service_department()
    make_channel("dingtalk", receiver.url)

    chat.post_digests(MONDAY)

    text = receiver.text()
    assert "The company's week of" in text
    assert "Customer service: targets not updated 1, overdue actions 1" in text


def test_the_weekly_digest_is_posted_once_a_week_however_often_the_job_runs(app, receivers):
    receiver = receivers("generic")
    make_channel("generic", receiver.url)

    first = chat.post_digests(MONDAY)
    second = chat.post_digests(MONDAY)
    not_its_day = chat.post_digests(MONDAY + timedelta(days=1))
    next_week = chat.post_digests(MONDAY + timedelta(days=7))

    assert (first["queued"], second["queued"], second["already"]) == (1, 0, 1)
    assert not_its_day["channels"] == 0
    assert next_week["queued"] == 1
    assert len(receiver.received) == 2
    assert [d.dedupe_key for d in deliveries()] == ["digest:2026-W51", "digest:2026-W52"]


@pytest.mark.parametrize("kind,answer", [("dingtalk", "310000"), ("feishu", "19021"), ("generic", "HTTP 401")])
def test_a_wrong_secret_is_refused_by_the_service_and_the_failure_recorded(app, receivers, kind, answer):
    receiver = receivers(kind, secret="the-secret-the-service-knows")
    make_channel(kind, receiver.url, secret="a-secret-that-was-mistyped")

    chat.post_digests(MONDAY)
    [delivery] = deliveries()
    assert (delivery.state, delivery.attempts) == ("queued", 1)
    assert answer in delivery.last_error and delivery.next_attempt_at is not None

    run_retries()

    [delivery] = deliveries()
    assert receiver.received == [] and len(receiver.rejected) == chat.MAX_ATTEMPTS
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("failed", chat.MAX_ATTEMPTS, None)
    assert answer in delivery.last_error


def test_a_wecom_robot_with_a_wrong_key_is_recorded_as_failing(app, receivers):
    receiver = receivers("wecom")
    make_channel("wecom", receiver.url.replace("key=robot-key", "key=old-key"), secret="")

    chat.post_digests(MONDAY)

    [delivery] = deliveries()
    assert "93000" in delivery.last_error and receiver.received == []


def test_an_endpoint_failing_then_recovering_is_retried_and_ends_sent(app, receivers):
    receiver = receivers("generic", fail_first=1)
    make_channel("generic", receiver.url)

    chat.post_digests(MONDAY)
    [delivery] = deliveries()
    assert (delivery.state, delivery.attempts) == ("queued", 1) and "HTTP 500" in delivery.last_error
    assert timedelta(seconds=50) < delivery.next_attempt_at - delivery.created_at < timedelta(seconds=70)

    run_retries()

    [delivery] = deliveries()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("sent", 2, "")
    assert len(receiver.received) == 1


def test_a_secret_named_in_the_environment_signs_the_message(app, receivers, monkeypatch):
    monkeypatch.setenv("CXGOV_CHAT_TEST_DINGTALK_SECRET", SECRET)
    receiver = receivers("dingtalk")
    channel = make_channel("dingtalk", receiver.url, secret="env:CXGOV_CHAT_TEST_DINGTALK_SECRET")
    assert channel.secret_stored == "env:CXGOV_CHAT_TEST_DINGTALK_SECRET"

    chat.post_digests(MONDAY)

    assert len(receiver.received) == 1


def test_the_secret_is_stored_encrypted(app):
    channel = make_channel("feishu", "https://example.invalid/hook")
    stored = db.session.scalar(sa.select(ChatChannel.secret_stored).where(ChatChannel.id == channel.id))
    assert stored.startswith("fernet:") and SECRET not in stored
    assert chat.chat_secrets.reveal(stored) == SECRET


def _cx_office(client):
    make_user("cx@example.com", roles=("cx_office",))
    client.login("cx@example.com")


def test_opening_a_cycle_announces_it_to_the_departments_taking_part(app, client, receivers):
    receiver = receivers("feishu")
    dept = make_department("CS", name_en="Customer service", name_zh="客服部")
    other = make_department("FIN")
    make_channel("feishu", receiver.url, department=dept, digest=False)
    make_channel("feishu", receiver.url.replace("hook-1", "hook-2"), department=other, digest=False)
    cycle = make_cycle([dept], name="Autumn 2026")
    _cx_office(client)

    client.submit(f"/assessments/{cycle.id}/state/open")

    assert len(receiver.received) == 1
    assert "The assessment Autumn 2026 is open" in receiver.text()


def test_an_unreachable_chat_service_neither_slows_nor_breaks_the_page(app, client, receivers):
    dept = make_department("CS")
    make_channel("dingtalk", "http://127.0.0.1:9/robot/send?access_token=x", department=dept, digest=False)
    cycle = make_cycle([dept], name="Autumn 2026")
    _cx_office(client)

    response = client.submit(f"/assessments/{cycle.id}/state/open", follow_redirects=True)

    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(type(cycle), cycle.id).state == "open"
    [delivery] = deliveries()
    assert delivery.state == "queued" and delivery.last_error  # retried later, recorded now


def test_with_a_worker_the_page_only_queues_the_delivery(app, client, receivers, monkeypatch):
    """As served (not in immediate mode), the page that triggers an event never calls the chat service itself."""
    receiver = receivers("generic")
    dept = make_department("CS")
    make_channel("generic", receiver.url, department=dept, digest=False)
    cycle = make_cycle([dept], name="Autumn 2026")
    _cx_office(client)
    monkeypatch.setattr(huey, "immediate", False)
    huey.flush()

    response = client.submit(f"/assessments/{cycle.id}/state/open", follow_redirects=True)

    assert response.status_code == 200 and receiver.requests == 0
    [delivery] = deliveries()
    assert (delivery.state, delivery.attempts) == ("queued", 0)
    assert huey.pending_count() == 1  # the worker sends it
    huey.flush()


def test_the_page_adds_a_channel_through_the_gate_and_never_shows_the_secret(app, client, receivers):
    receiver = receivers("generic")
    _cx_office(client)
    form = {"name": "CX office", "department_id": "", "kind": "generic", "webhook_url": "ftp://nowhere",
            "secret": SECRET, "language": "en", "digest": "y", "digest_weekday": "0", "events": "y", "active": "y"}

    refused = client.submit("/rhythm/chat/new", form)
    assert refused.status_code == 200 and "starting with https://" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ChatChannel.id))) == 0

    client.submit("/rhythm/chat/new", {**form, "webhook_url": receiver.url})
    [channel] = db.session.scalars(sa.select(ChatChannel)).all()
    page = client.text("/rhythm/chat")
    assert "CX office" in page and "Stored encrypted" in page
    assert SECRET not in page and SECRET not in client.text(f"/rhythm/chat/{channel.id}/edit")

    client.submit(f"/rhythm/chat/{channel.id}/test")
    assert "cxgov test message" in receiver.text()
    assert ">Sent<" in client.text("/rhythm/chat")


def test_an_unknown_department_or_kind_is_refused(app):
    from cxgov.rules import Invalid

    with pytest.raises(Invalid) as refused:
        chat.save_channel(None, {"name": "x", "kind": "slack", "webhook_url": "https://h/x", "language": "en",
                                 "digest_weekday": 0, "department_id": 999_999})
    assert refused.value.problems == {"kind": "chat_kind", "department_id": "chat_department"}


def test_only_admins_and_the_cx_office_see_the_chat_page(app, client):
    make_user("member@example.com")
    client.login("member@example.com")
    assert client.get("/rhythm/chat").status_code == 403


def test_publishing_results_is_announced(app, receivers):
    from cxgov.assessments import operations

    receiver = receivers("wecom")
    dept = make_department("CS")
    make_channel("wecom", receiver.url, department=dept, digest=False, secret="")
    cycle = make_cycle([dept], state="calibration", name="Autumn 2026")

    operations.move(cycle, "published")
    assert receiver.received == []  # nothing leaves before the change commits
    db.session.commit()

    assert "The results of Autumn 2026 are published" in receiver.text()


def test_the_demo_channels_are_off_and_show_a_failed_delivery(app, client):
    from cxgov.rhythm import chat_demo

    make_department("CS", name_en="Customer service", name_zh="客服部")
    chat_demo.load({})
    db.session.commit()

    channels = db.session.scalars(sa.select(ChatChannel)).all()
    assert len(channels) == 2 and not any(c.active for c in channels)
    assert {d.state for d in deliveries()} == {"sent", "failed"}
    assert chat.post_digests(MONDAY)["channels"] == 0  # switched off: the demo never calls out
    _cx_office(client)
    page = client.text("/rhythm/chat")
    assert "客服部 周报群" in page and "310000: sign not match" in page and "access_token" not in page


def test_a_service_answering_garbage_is_a_recorded_failure_not_a_crash(app):
    """A status line that is not HTTP (a proxy or a port that speaks something else) is one more failed attempt."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        for _ in range(2):
            try:
                conn, _address = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    try:
        make_channel("generic", f"http://127.0.0.1:{listener.getsockname()[1]}/hook")
        chat.post_digests(MONDAY)
        [delivery] = deliveries()
        assert (delivery.state, delivery.attempts) == ("queued", 1) and "BadStatusLine" in delivery.last_error
    finally:
        listener.close()


@pytest.mark.parametrize("reference", ["env:SECRET_KEY", "env:CXGOV_SMTP_PASSWORD", "env:cxgov_chat_x"])
def test_a_secret_may_name_only_a_chat_variable_of_the_environment(app, reference):
    from cxgov.rules import Invalid

    with pytest.raises(Invalid) as refused:
        make_channel("generic", "https://hooks.example.com/x", secret=reference)
    assert refused.value.problems == {"secret": "chat_secret_env"}
    assert deliveries() == [] and db.session.scalar(sa.select(sa.func.count()).select_from(ChatChannel)) == 0


def test_a_webhook_that_redirects_has_failed_and_the_redirect_is_not_followed(app, receivers):
    target = receivers("generic")

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            self.send_response(307)
            self.send_header("Location", target.url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        channel = make_channel("generic", f"http://127.0.0.1:{server.server_address[1]}/hook")
        chat.send_test(channel)
        db.session.commit()
        run_retries()
    finally:
        server.shutdown()
        server.server_close()
    [delivery] = deliveries()
    assert delivery.state == "failed" and "307" in delivery.last_error
    assert target.received == [] and target.requests == 0

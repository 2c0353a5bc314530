"""Demo chat: a company channel and the customer-service department's, switched off so the demo never calls out.

Their webhooks point at a closed port on this machine; a few past deliveries (one failed, with the service's
answer) show the page as it looks after a few weeks.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.rhythm import chat
from cxgov.rhythm.chat_digest import event_message
from cxgov.rhythm.chat_formats import Message, Section
from cxgov.rhythm.chat_models import (
    CYCLE_OPENED,
    DIGEST,
    DINGTALK,
    FAILED,
    FEISHU,
    SENT,
    ChatChannel,
    ChatDelivery,
)

NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens, nothing leaves the machine


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=clock.zone())


def _channels() -> tuple[ChatChannel, ChatChannel]:
    cs = db.session.scalar(sa.select(Department).where(Department.code == "CS"))
    company = chat.save_channel(None, {
        "name": "全员群 · 体验治理", "kind": FEISHU, "webhook_url": f"{NOWHERE}/open-apis/bot/v2/hook/demo-company",
        "secret": "env:CXGOV_CHAT_DEMO_FEISHU_SECRET", "language": "zh", "digest": True, "digest_weekday": 0,
        "events": True, "active": False, "department_id": None})
    service = chat.save_channel(None, {
        "name": "客服部 周报群", "kind": DINGTALK, "webhook_url": f"{NOWHERE}/robot/send?access_token=demo-cs",
        "secret": "SECdemo-not-a-real-secret", "language": "zh", "digest": True, "digest_weekday": 0,
        "events": True, "active": False, "department_id": cs.id if cs else None})
    return company, service


def _past(channel: ChatChannel, kind: str, message: Message, created: datetime, state: str, attempts: int,
          error: str = "", key: str | None = None) -> None:
    db.session.add(ChatDelivery(
        channel=channel, kind=kind, summary=message.title[:300], message_json=message.to_json(), state=state,
        attempts=attempts, last_error=error, dedupe_key=key, created_at=created,
        sent_at=created + timedelta(seconds=2) if state == SENT else None))


def load(users: dict[str, User], today: date | None = None) -> None:
    """The two channels and their last weeks of deliveries."""
    today = today or clock.today()
    company, service = _channels()
    monday = today - timedelta(days=today.weekday())
    for weeks in (2, 1):
        day = monday - timedelta(weeks=weeks)
        for channel in (company, service):
            message = Message(event=DIGEST, title=f"{channel.name}：{day.isoformat()} 周报", language="zh",
                              sections=(Section("本周", ("2 个指标超过 7 天未更新", "1 项行动已逾期")),))
            failed = weeks == 1 and channel is service  # the robot's secret was changed on the DingTalk side
            _past(channel, DIGEST, message, _moment(day, 9), FAILED if failed else SENT, 4 if failed else 1,
                  error="310000: sign not match" if failed else "", key=chat.week_key(day))
    from cxgov.assessments.models import Cycle

    cycle = db.session.scalar(sa.select(Cycle).where(Cycle.state == "open").order_by(Cycle.opens_on.desc()))
    if cycle is not None:
        opened = _moment(max(cycle.opens_on, today - timedelta(days=20)), 10)
        _past(company, CYCLE_OPENED, event_message(company, CYCLE_OPENED, cycle=cycle), opened, SENT, 1)
    db.session.flush()

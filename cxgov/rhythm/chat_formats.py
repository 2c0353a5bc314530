"""Each chat service's message format and signing scheme, as that service documents it (pure: no Flask, no db).

A message is plain data: a title, sections of lines, an optional link, and for the generic webhook its event
and language. `request(kind, url, message, secret, now)` returns what to POST: the URL, the body bytes and the
headers, signed; `problem(kind, status, body)` reads the service's answer (the Chinese services answer HTTP 200
with an error code when a signature does not match).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from urllib.parse import quote_plus

WECOM_MAX_BYTES = 4096  # WeCom refuses a markdown content longer than this


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Message:
    """What to say, before any service's format."""

    event: str
    title: str
    language: str
    sections: tuple[Section, ...] = ()
    link_text: str = ""
    link_url: str = ""
    department: str = ""
    data: dict = field(default_factory=dict)  # the figures, for the generic webhook's machines

    def to_json(self) -> str:
        """Stored once on the delivery, so every retry sends the same words."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Message:
        """The stored message back."""
        values = json.loads(text)
        values["sections"] = tuple(Section(s["heading"], tuple(s["lines"])) for s in values.get("sections", ()))
        return cls(**values)


# Titles and names people typed go into the markdown: a bracket or an angle bracket would let them make a link
# ("[x](url)"), a tag (<font>) or a mention (Feishu's <at id=all>, WeCom's <@all>). The services differ in what
# escapes they honour, so these become their full-width forms, which every service shows as they are.
_MARKUP = str.maketrans({"[": "［", "]": "］", "<": "＜", ">": "＞"})


def plain(text: str) -> str:
    """Typed text made inert in any service's markdown: on one line (no heading or list of its own), no markup."""
    return " ".join(str(text).translate(_MARKUP).split())


def markdown(message: Message, heading: str = "###", bullet: str = "- ") -> str:
    """The message as markdown; services differ in headings and lists, so both are parameters."""
    title = plain(message.title)
    parts = [f"{heading} {title}" if heading else f"**{title}**"]
    for section in message.sections:
        block = [f"**{plain(section.heading)}**"] if section.heading else []
        block += [f"{bullet}{plain(line)}" for line in section.lines]
        parts.append("\n".join(block))
    if message.link_url:
        parts.append(f"[{plain(message.link_text) or message.link_url}]({message.link_url})")
    return "\n\n".join(parts)


# --- the bodies, one per service ---
def dingtalk_body(message: Message) -> dict:
    """DingTalk custom robot: msgtype markdown with a title (the notification) and the text."""
    return {"msgtype": "markdown", "markdown": {"title": message.title, "text": markdown(message)}}


def feishu_body(message: Message) -> dict:
    """Feishu/Lark custom bot: an interactive card, the title in its header and the text as lark_md."""
    text = markdown(message, heading="")
    text = text.split("\n\n", 1)[1] if "\n\n" in text else ""  # the header already shows the title
    return {"msg_type": "interactive",
            "card": {"config": {"wide_screen_mode": True},
                     "header": {"title": {"tag": "plain_text", "content": message.title}, "template": "blue"},
                     "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": text}}]}}


def wecom_body(message: Message) -> dict:
    """WeCom group robot: msgtype markdown, content within its size limit."""
    content = markdown(message, heading="##", bullet="> ")
    encoded = content.encode()
    if len(encoded) > WECOM_MAX_BYTES:
        content = encoded[:WECOM_MAX_BYTES - 3].decode(errors="ignore") + "…"
    return {"msgtype": "markdown", "markdown": {"content": content}}


def generic_body(message: Message, timestamp: int) -> dict:
    """Our own webhook: the message as data plus its markdown; the timestamp inside the signed body too."""
    return {"event": message.event, "title": message.title, "language": message.language,
            "department": message.department, "text": markdown(message),
            "sections": [{"heading": s.heading, "lines": list(s.lines)} for s in message.sections],
            "url": message.link_url, "data": message.data, "timestamp": timestamp}


# --- the signatures ---
def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """HMAC-SHA256 of "timestamp\\nsecret" keyed with the secret, base64, then URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """HMAC-SHA256 keyed with "timestamp\\nsecret" over an empty message, base64."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def generic_sign(secret: str, body: bytes) -> str:
    """sha256=<hex HMAC-SHA256 of the raw body keyed with the secret>."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _dumps(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


def request(kind: str, url: str, message: Message, secret: str, now: datetime) -> tuple[str, bytes, dict]:
    """The signed request for a service: (URL, body, headers)."""
    headers = {"Content-Type": "application/json; charset=utf-8"}
    seconds = int(now.timestamp())
    if kind == "dingtalk":
        if secret:
            millis = int(now.timestamp() * 1000)
            url += f"{'&' if '?' in url else '?'}timestamp={millis}&sign={dingtalk_sign(secret, millis)}"
        return url, _dumps(dingtalk_body(message)), headers
    if kind == "feishu":
        body = feishu_body(message)
        if secret:
            body = {"timestamp": str(seconds), "sign": feishu_sign(secret, seconds), **body}
        return url, _dumps(body), headers
    if kind == "wecom":
        return url, _dumps(wecom_body(message)), headers
    raw = _dumps(generic_body(message, seconds))
    headers["X-Cxgov-Timestamp"] = str(seconds)
    if secret:
        headers["X-Cxgov-Signature"] = generic_sign(secret, raw)
    return url, raw, headers


def problem(kind: str, status: int, body: bytes) -> str | None:
    """What went wrong according to the service's answer, or None when it took the message."""
    text = body.decode(errors="replace")
    if not 200 <= status < 300:
        return f"HTTP {status}: {text[:300]}".strip()
    if kind == "generic":
        return None
    try:
        answer = json.loads(text or "{}")
    except ValueError:
        return f"unreadable answer: {text[:300]}"
    code = answer.get("code", answer.get("errcode", 0)) if isinstance(answer, dict) else 0
    if code not in (0, None):
        return f"{code}: {answer.get('msg') or answer.get('errmsg') or ''}".strip()
    return None

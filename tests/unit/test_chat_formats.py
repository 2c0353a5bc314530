"""What people typed (a target's title, a department's name) reaches a chat group as text: never a link, a tag, a
mention or a block of its own, in any service's format."""
import json
from datetime import UTC, datetime

import pytest

from cxgov.rhythm import chat_formats
from cxgov.rhythm.chat_formats import Message, Section

HOSTILE = '[click me](http://evil.example.com) <font color="warning">red</font> <at id=all></at> <@all>\n\n# Boss'
OURS = "[Open the targets](https://cxgov.example.com/targets)"


def _text(kind: str) -> str:
    message = Message(event="digest", title=HOSTILE, language="en", department=HOSTILE,
                      sections=(Section(HOSTILE, (HOSTILE, "fine")),),
                      link_text="Open the targets", link_url="https://cxgov.example.com/targets")
    _url, body, _headers = chat_formats.request(kind, "http://127.0.0.1/hook", message, "", datetime.now(UTC))
    payload = json.loads(body)
    if kind == "feishu":
        return payload["card"]["elements"][0]["text"]["content"]
    if kind == "generic":
        return payload["text"]
    return payload["markdown"]["text" if kind == "dingtalk" else "content"]


@pytest.mark.parametrize("kind", ["dingtalk", "feishu", "wecom", "generic"])
def test_typed_text_cannot_make_links_tags_mentions_or_blocks(kind):
    text = _text(kind)
    assert text.count("](") == 1 and text.endswith(OURS)  # only our own link
    assert "<" not in text and ">" not in text.replace("\n> ", "\n").removeprefix("> ")
    assert "\n# Boss" not in text and "\n\n# Boss" not in text
    assert "click me" in text and "Boss" in text  # the words themselves still arrive

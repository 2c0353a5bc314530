"""The words of workplace chat: services, messages, states and the gate's refusals."""
from flask_babel import lazy_gettext as _l

from cxgov.rhythm import chat_models as m
from cxgov.rules import wordings

KIND_LABELS = {m.DINGTALK: _l("DingTalk custom robot"), m.FEISHU: _l("Feishu / Lark custom bot"),
               m.WECOM: _l("WeCom group robot"), m.GENERIC: _l("Generic JSON webhook")}
LANGUAGE_LABELS = {"zh": _l("Chinese"), "en": _l("English")}
MESSAGE_LABELS = {m.DIGEST: _l("Weekly digest"), m.CYCLE_OPENED: _l("Assessment opened"),
                  m.RESULTS_PUBLISHED: _l("Results published"), m.MINUTES_PUBLISHED: _l("Review minutes published"),
                  m.TEST: _l("Test message")}
STATE_LABELS = {m.QUEUED: _l("Queued"), m.SENT: _l("Sent"), m.FAILED: _l("Failed")}
SECRET_LABELS = {"none": _l("No secret"), "env": _l("From the environment"), "encrypted": _l("Stored encrypted")}
WEEKDAY_LABELS = (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"), _l("Saturday"),
                  _l("Sunday"))

wordings({
    "chat_name": _l("Give the channel a name."),
    "chat_kind": _l("Choose DingTalk, Feishu/Lark, WeCom or a generic webhook."),
    "chat_url": _l("Enter the webhook address, starting with https:// (or http://)."),
    "chat_language": _l("Choose Chinese or English."),
    "chat_weekday": _l("Choose the day of the week for the digest."),
    "chat_department": _l("Choose an existing department, or none for the whole company."),
    "chat_secret_env": _l("After env: write the name of an environment variable starting with CXGOV_CHAT_, "
                           "such as env:CXGOV_CHAT_FEISHU_SECRET."),
    "chat_inactive": _l("%(channel)s is switched off: switch it on before sending a test message."),
})

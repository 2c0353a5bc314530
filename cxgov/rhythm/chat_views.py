"""The chat channels page (administrators and the CX office): channels, their gate, a test message, deliveries."""
from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import selectinload
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import Optional

from cxgov.bounds import whole
from cxgov.extensions import db
from cxgov.formtools import options, strip
from cxgov.org.forms import ConfirmForm
from cxgov.org.models import Department
from cxgov.permissions import can_manage_chat, require
from cxgov.rhythm import chat, chat_labels, chat_secrets
from cxgov.rhythm.chat_models import ChatChannel, ChatDelivery
from cxgov.rhythm.views import bp
from cxgov.webtools import attempt, saved

RECENT = 50  # deliveries shown on the page


class ChannelForm(FlaskForm):
    """A channel as its page edits it; the gate (chat.save_channel) decides what is valid."""

    name = StringField(_l("Name"), filters=[strip], description=_l("How this page names the group chat."))
    department_id = SelectField(_l("Scope"), validators=[Optional()])
    kind = SelectField(_l("Service"), choices=options(chat_labels.KIND_LABELS))
    webhook_url = StringField(_l("Webhook address"), filters=[strip],
                              description=_l("The robot's address as the service shows it (https://…)."))
    secret = PasswordField(_l("Signing secret"), filters=[strip], description=_l(
        "DingTalk's SEC… secret, Feishu's signature secret or the generic webhook's key; or env:NAME to read it "
        "from an environment variable. Left empty, the stored secret is kept. WeCom needs none."))
    clear_secret = BooleanField(_l("Remove the stored secret"))
    language = SelectField(_l("Language"), choices=options(chat_labels.LANGUAGE_LABELS))
    digest = BooleanField(_l("Post the weekly digest"), default=True)
    digest_weekday = SelectField(_l("Digest day"), coerce=int,
                                 choices=options(dict(enumerate(chat_labels.WEEKDAY_LABELS))))
    events = BooleanField(_l("Announce events (assessment opened, results and minutes published)"), default=True)
    active = BooleanField(_l("Active"), default=True)


def _form(channel: ChatChannel | None) -> ChannelForm:
    form = ChannelForm(obj=channel)
    departments = db.session.scalars(sa.select(Department).where(Department.archived_at.is_(None))
                                     .order_by(Department.code))
    form.department_id.choices = options({"": _("The whole company"),
                                          **{str(d.id): d.display_name(_locale()) for d in departments}})
    if channel is not None and not form.is_submitted():
        form.department_id.data = str(channel.department_id or "")
        form.secret.data = ""
    return form


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "en")


def _data(form: ChannelForm) -> dict:
    department = form.department_id.data or ""
    return {"name": form.name.data, "kind": form.kind.data, "webhook_url": form.webhook_url.data,
            "secret": form.secret.data, "clear_secret": form.clear_secret.data, "language": form.language.data,
            "digest": form.digest.data, "digest_weekday": form.digest_weekday.data, "events": form.events.data,
            "active": form.active.data, "department_id": whole(department)}


def masked_url(url: str) -> str:
    """The webhook's host and path only: its query (DingTalk's token, WeCom's key) is as secret as a secret."""
    parts = urlsplit(url)
    path = parts.path if len(parts.path) <= 24 else parts.path[:12] + "…"
    return f"{parts.scheme}://{parts.netloc}{path}{'?…' if parts.query else ''}"


@bp.route("/rhythm/chat")
@require(can_manage_chat)
def chat_channels():
    """The channels and the latest deliveries with their state and error."""
    channels = list(db.session.scalars(sa.select(ChatChannel).options(selectinload(ChatChannel.department))
                                       .order_by(ChatChannel.department_id.is_not(None), ChatChannel.name)))
    deliveries = list(db.session.scalars(sa.select(ChatDelivery).options(selectinload(ChatDelivery.channel))
                                         .order_by(ChatDelivery.created_at.desc(), ChatDelivery.id.desc())
                                         .limit(RECENT)))
    return render_template("rhythm/chat_channels.html", channels=channels, deliveries=deliveries, form=_form(None),
                           confirm=ConfirmForm(), labels=chat_labels, masked_url=masked_url,
                           secret_kind=chat_secrets.kind_of, loc=_locale())


@bp.route("/rhythm/chat/new", methods=["POST"])
@require(can_manage_chat)
def new_chat_channel():
    """Add a channel; a refused one comes back with the problems beside its fields."""
    form = _form(None)
    if form.validate_on_submit():
        channel = saved(lambda: chat.save_channel(None, _data(form)), form)
        if channel is not None:
            flash(_("%(name)s has been added.", name=channel.name), "success")
            return redirect(url_for("rhythm.chat_channels"))
    return render_template("rhythm/chat_form.html", form=form, channel=None)


@bp.route("/rhythm/chat/<int:channel_id>/edit", methods=["GET", "POST"])
@require(can_manage_chat)
def edit_chat_channel(channel_id: int):
    """Change a channel; its secret is never shown, only replaced or removed."""
    channel = db.get_or_404(ChatChannel, channel_id)
    form = _form(channel)
    if form.validate_on_submit():
        if saved(lambda: chat.save_channel(channel, _data(form)), form) is not None:
            flash(_("%(name)s has been saved.", name=channel.name), "success")
            return redirect(url_for("rhythm.chat_channels"))
    return render_template("rhythm/chat_form.html", form=form, channel=channel,
                           secret_kind=chat_secrets.kind_of(channel.secret_stored), labels=chat_labels)


@bp.route("/rhythm/chat/<int:channel_id>/active", methods=["POST"])
@require(can_manage_chat)
def toggle_chat_channel(channel_id: int):
    """Switch a channel off (kept with its history) or on again."""
    channel = db.get_or_404(ChatChannel, channel_id)
    if ConfirmForm().validate_on_submit():
        now_active = not channel.active
        attempt(lambda: chat.set_active(channel, now_active),
                _("%(name)s is on.", name=channel.name) if now_active else
                _("%(name)s is off: it is sent nothing until switched on.", name=channel.name))
    return redirect(url_for("rhythm.chat_channels"))


@bp.route("/rhythm/chat/<int:channel_id>/test", methods=["POST"])
@require(can_manage_chat)
def test_chat_channel(channel_id: int):
    """Queue a test message; the deliveries below say whether it arrived."""
    channel = db.get_or_404(ChatChannel, channel_id)
    if ConfirmForm().validate_on_submit():
        attempt(lambda: chat.send_test(channel),
                _("A test message to %(name)s is on its way; its delivery is listed below.", name=channel.name))
    return redirect(url_for("rhythm.chat_channels"))

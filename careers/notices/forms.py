"""The notice settings form and the unsubscribe confirmation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField

from careers.forms import MultiCheckboxField
from careers.notices.models import NOTICES, NoticeKind


class NoticeSettingsForm(FlaskForm):
    """One checkbox per notice kind the account's role can get; a kind left unticked is switched off."""

    notices = MultiCheckboxField("Mail me about", choices=[])
    save = SubmitField("Save notice settings")

    def __init__(self, kinds: list[NoticeKind], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.notices.choices = [(kind.value, kind.label) for kind in kinds]
        self.descriptions = {kind.value: NOTICES[kind].description for kind in kinds}


class UnsubscribeForm(FlaskForm):
    """The button on the unsubscribe page. The route is exempt from CSRF: mail clients POST to it (RFC 8058
    one-click) without a token, and the signed token in the URL is what authorises the change."""

    class Meta:
        csrf = False

    submit = SubmitField("Stop these mails")

"""Notice settings (signed in) and the one-click unsubscribe link (no login)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from careers.extensions import csrf
from careers.notices.forms import NoticeSettingsForm, UnsubscribeForm
from careers.notices.models import NOTICES, kinds_for
from careers.notices.services import (
    BadUnsubscribeLink,
    UnknownUnsubscribeLink,
    preferences,
    read_unsubscribe_token,
    save_preferences,
    switch_off,
)
from careers.web import run_service

bp = Blueprint("notices", __name__)


@bp.route("/me/notifications", methods=["GET", "POST"])
@login_required
def settings() -> str | Response:
    kinds = kinds_for(current_user.role)
    # A POST is the whole choice: a box left unticked is a kind switched off (never the stored value).
    stored = None if request.method == "POST" else {
        "notices": [kind.value for kind, on in preferences(current_user).items() if on]}
    form = NoticeSettingsForm(kinds, data=stored)
    if form.validate_on_submit() and run_service(lambda: save_preferences(current_user, form.notices.data or []),
                                                 "Notice settings saved."):
        return redirect(url_for("notices.settings"))
    return render_template("notices/settings.html", form=form, kinds=kinds)


@bp.route("/notices/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str) -> str | tuple[str, int]:
    """GET asks (mail scanners follow links); POST, from the page's button or a mail client's RFC 8058
    one-click request, switches the notice off."""
    try:
        user, kind = read_unsubscribe_token(token)
    except BadUnsubscribeLink as exc:
        return render_template("notices/bad_link.html", message=str(exc)), 400
    except UnknownUnsubscribeLink as exc:
        return render_template("notices/bad_link.html", message=str(exc)), 404
    spec = NOTICES[kind]
    if request.method == "GET":
        return render_template("notices/unsubscribe.html", form=UnsubscribeForm(), spec=spec, email=user.email,
                               done=False)
    run_service(lambda: switch_off(user, kind), None)
    return render_template("notices/unsubscribe.html", form=None, spec=spec, email=user.email, done=True)

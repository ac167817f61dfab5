"""Admin-only pages over the mail catcher's folder (MAIL_DIR): what the board sent, as received."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template

from careers.auth.access import admin_required
from careers.mail.catcher import NAME_PATTERN as NAME
from careers.mail.catcher import SUFFIX

bp = Blueprint("mail", __name__, url_prefix="/admin/mail")

LIST_LIMIT = 200
LINK = re.compile(r"https?://[^\s<>\"']+")
SHOWN_HEADERS = ("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post")


@dataclass
class CaughtMail:
    name: str
    to: str
    subject: str
    date: str


def _directory() -> Path:
    return Path(current_app.config["MAIL_DIR"])


def _summary(path: Path) -> CaughtMail:
    with path.open("rb") as f:
        headers = BytesHeaderParser(policy=email.policy.default).parse(f)
    try:
        date = parsedate_to_datetime(str(headers["Date"])).strftime("%Y-%m-%d %H:%M:%S %Z")
    except (TypeError, ValueError):
        date = ""
    return CaughtMail(path.name, str(headers["To"] or ""), str(headers["Subject"] or ""), date)


def caught_mails(limit: int = LIST_LIMIT) -> tuple[list[CaughtMail], int]:
    """The newest `limit` .eml files (names sort by arrival) and how many there are in all."""
    directory = _directory()
    names = sorted((p.name for p in directory.glob(f"*{SUFFIX}") if NAME.fullmatch(p.name)),
                   reverse=True) if directory.is_dir() else []
    return [_summary(directory / name) for name in names[:limit]], len(names)


def _part(message: EmailMessage, subtype: str) -> str | None:
    body = message.get_body(preferencelist=(subtype,))
    if body is None or body.get_content_subtype() != subtype:
        return None
    return body.get_content()


@bp.route("")
@admin_required
def index() -> str:
    mails, total = caught_mails()
    return render_template("mail/index.html", mails=mails, total=total, directory=_directory())


@bp.route("/<name>")
@admin_required
def show(name: str) -> str:
    if not NAME.fullmatch(name):
        abort(404)
    path = _directory() / name
    if not path.is_file():
        abort(404)
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text = _part(message, "plain")
    headers = [(h, str(message[h])) for h in SHOWN_HEADERS if message[h] is not None]
    links = list(dict.fromkeys(m.rstrip(".,;:)") for m in LINK.findall(text or "")))
    return render_template("mail/show.html", name=name, headers=headers, text=text,
                           html=_part(message, "html"), links=links)

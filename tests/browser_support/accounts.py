"""Account steps in the browser that need the mail: open the link of the newest account mail to an address,
as its owner would from the mail catcher (read from the mail outbox, which holds the same text)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect
from sqlalchemy import select

from careers.extensions import db
from careers.mail.models import MailMessage
from tests.browser_support.ui import Person

LINK = re.compile(r"https?://\S+")


def mail_link(to: str, kind: str, path_prefix: str) -> str:
    """The path of the link to `path_prefix...` in the newest `kind` mail to `to`."""
    db.session.remove()  # a fresh read of what the server committed
    mail = db.session.scalars(select(MailMessage).where(MailMessage.to_addr == to, MailMessage.kind == kind)
                              .order_by(MailMessage.id.desc())).first()
    db.session.remove()
    assert mail is not None, f"no {kind} mail to {to}"
    paths = [urlsplit(u).path for u in LINK.findall(mail.text) if urlsplit(u).path.startswith(path_prefix)]
    assert len(paths) == 1, (kind, paths)
    return paths[0]


def confirm_email(who: Person, email: str) -> None:
    """Open the verification link mailed to `email` and see the address confirmed."""
    who.page.goto(mail_link(email, "account_verify", "/verify/"))
    expect(who.flash()).to_contain_text("Your email address is confirmed.")

"""SMTP: MAIL_URL parsed once, a message built from an outbox row, and smtplib to send it.

MAIL_URL forms: smtp://host:port (plain), smtp://host:587?starttls=1 (STARTTLS), smtps://host:465
(implicit TLS); user:password@ before the host logs in (percent-encode special characters).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

TIMEOUT = 10.0  # seconds for connect and each SMTP command: the consumer, not a request, waits


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    implicit_tls: bool = False
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = TIMEOUT


def parse_mail_url(url: str) -> SmtpSettings:
    """smtp://[user:pass@]host[:port][?starttls=1] or smtps://...; ValueError for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"MAIL_URL must be smtp://host:port or smtps://host:port, not {url!r}")
    implicit = parts.scheme == "smtps"
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["0"])[-1].lower() in ("1", "true", "yes", "on")
    if implicit and starttls:
        raise ValueError("MAIL_URL: smtps:// is already TLS; drop ?starttls=1")
    timeout = float(query.get("timeout", [TIMEOUT])[-1])
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or (465 if implicit else 25),
        implicit_tls=implicit,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        timeout=timeout,
    )


def build_message(*, sender: str, to: str, subject: str, text: str, html: str,
                  headers: dict[str, str]) -> EmailMessage:
    """A multipart/alternative message: the text part first, the HTML part preferred by mail readers."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    for name, value in headers.items():
        message[name] = value
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send(settings: SmtpSettings, message: EmailMessage) -> None:
    """Deliver one message; raises smtplib.SMTPException or OSError when the server refuses or is down."""
    context = ssl.create_default_context()
    if settings.implicit_tls:
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        client.ehlo()
        if settings.starttls:
            client.starttls(context=context)
            client.ehlo()
        if settings.username is not None:
            client.login(settings.username, settings.password or "")
        client.send_message(message)


def sender_domain(sender: str) -> str:
    """The domain of MAIL_FROM's address, for Message-IDs (never a DNS lookup of our own host name)."""
    _, at, domain = parseaddr(sender)[1].rpartition("@")
    return domain if at and domain else "localhost"

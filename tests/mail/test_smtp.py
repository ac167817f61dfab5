"""MAIL_URL as the SMTP client reads it, and sending over plain SMTP, STARTTLS and implicit TLS with a
login, each against a real aiosmtpd server (a self-signed certificate made with the openssl command)."""

from __future__ import annotations

import shutil
import smtplib
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from careers.mail import smtp
from tests.conftest import _free_port


@pytest.mark.parametrize("url, expected", [
    ("smtp://127.0.0.1:8025", smtp.SmtpSettings("127.0.0.1", 8025)),
    ("smtp://mail.example", smtp.SmtpSettings("mail.example", 25)),
    ("smtps://mail.example", smtp.SmtpSettings("mail.example", 465, implicit_tls=True)),
    ("smtp://mail.example:587?starttls=1", smtp.SmtpSettings("mail.example", 587, starttls=True)),
    ("smtp://me%40corp.example:p%3Ass%40w@mail.example:587?starttls=true&timeout=3",
     smtp.SmtpSettings("mail.example", 587, starttls=True, username="me@corp.example", password="p:ss@w",
                       timeout=3.0)),
    ("smtps://apikey:@mail.example:2465", smtp.SmtpSettings("mail.example", 2465, implicit_tls=True,
                                                            username="apikey", password="")),
])
def test_parse_mail_url(url: str, expected: smtp.SmtpSettings) -> None:
    assert smtp.parse_mail_url(url) == expected


@pytest.mark.parametrize("url", ["http://mail.example", "mail.example:25", "smtp://", "smtp://:25",
                                 "smtps://mail.example?starttls=1", ""])
def test_bad_mail_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        smtp.parse_mail_url(url)


def test_sender_domain() -> None:
    assert smtp.sender_domain("CodeCareers <no-reply@codecareers.example>") == "codecareers.example"
    assert smtp.sender_domain("nobody") == smtp.sender_domain("x@") == "localhost"


# -- TLS and login against real servers -----------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = auth_data.login == b"me@corp.example" and auth_data.password == b"p:ss@w"
    return AuthResult(success=ok, handled=False)


@pytest.fixture()
def tls_server(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """start(implicit=...) runs a server that needs TLS (STARTTLS, or implicit) and a login; our client
    trusts its certificate through SSL_CERT_FILE, as it would a real CA-signed one."""
    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controllers: list[Controller] = []

    def start(implicit: bool) -> tuple[Inbox, int]:
        inbox, port = Inbox(), _free_port()
        options: dict[str, Any] = {"authenticator": _authenticator, "auth_required": True}
        if implicit:
            controller = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=context,
                                    auth_require_tls=False, **options)
        else:
            controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context,
                                    require_starttls=True, **options)
        controller.start()
        controllers.append(controller)
        return inbox, port

    yield start
    for controller in controllers:
        controller.stop()


def _message() -> Any:
    return smtp.build_message(sender="CodeCareers <no-reply@codecareers.example>", to="coder@mail.example",
                              subject="Over TLS", text="text part", html="<p>html part</p>",
                              headers={"Message-ID": "<1@codecareers.example>"})


def test_starttls_with_login(tls_server) -> None:
    inbox, port = tls_server(implicit=False)
    smtp.send(smtp.parse_mail_url(f"smtp://me%40corp.example:p%3Ass%40w@127.0.0.1:{port}?starttls=1"), _message())
    [(recipients, content)] = inbox.received
    assert recipients == ["coder@mail.example"] and b"Subject: Over TLS" in content


# aiosmtpd counts only STARTTLS as TLS for its AUTH check, so a login over implicit TLS needs
# auth_require_tls=False, which it warns about.
IMPLICIT_TLS_AUTH = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


@IMPLICIT_TLS_AUTH
def test_implicit_tls_with_login(tls_server) -> None:
    inbox, port = tls_server(implicit=True)
    smtp.send(smtp.parse_mail_url(f"smtps://me%40corp.example:p%3Ass%40w@127.0.0.1:{port}"), _message())
    assert len(inbox.received) == 1


def test_wrong_password_and_missing_starttls_are_errors(tls_server) -> None:
    inbox, port = tls_server(implicit=False)
    with pytest.raises(smtplib.SMTPAuthenticationError):
        smtp.send(smtp.parse_mail_url(f"smtp://me%40corp.example:wrong@127.0.0.1:{port}?starttls=1"), _message())
    with pytest.raises(smtplib.SMTPException):  # the server insists on STARTTLS before anything else
        smtp.send(smtp.parse_mail_url(f"smtp://me%40corp.example:p%3Ass%40w@127.0.0.1:{port}"), _message())
    assert inbox.received == []


@IMPLICIT_TLS_AUTH
def test_untrusted_certificate_is_refused(tls_server, monkeypatch) -> None:
    inbox, port = tls_server(implicit=True)
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(ssl.SSLCertVerificationError):
        smtp.send(smtp.parse_mail_url(f"smtps://me%40corp.example:p%3Ass%40w@127.0.0.1:{port}"), _message())
    assert inbox.received == []

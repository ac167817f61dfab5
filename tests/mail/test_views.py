"""/admin/mail: the catcher's folder (MAIL_DIR) as the admin sees it; mails arrive there over real SMTP."""

from __future__ import annotations

import re
from html import unescape

from careers.extensions import db as _db
from careers.mail import external_url, queue_mail
from tests import factories


def _send(subject: str, to: str = "coder@mail.example", name: str = "Dana") -> None:
    queue_mail(to, "mail_check", {"name": name, "link": external_url("jobs.index")}, subject=subject,
               unsubscribe_url="http://localhost/notices/off/tok")
    _db.session.commit()


def test_admin_lists_caught_mail_newest_first_and_shows_one(client, login, mailbox):
    _send("First mail", to="first@mail.example")
    _send("Second mail", to="second@mail.example")
    assert len(list(mailbox.directory.glob("*.eml"))) == 2
    login(factories.admin())

    listing = client.get("/admin/mail")
    assert listing.status_code == 200
    page = listing.get_data(as_text=True)
    assert page.index("Second mail") < page.index("First mail")
    assert "second@mail.example" in page and "first@mail.example" in page
    names = re.findall(r'href="/admin/mail/([^"]+\.eml)"', page)
    assert len(names) == 2

    shown = client.get(f"/admin/mail/{names[0]}")
    assert shown.status_code == 200
    page = shown.get_data(as_text=True)
    assert "<h1>Second mail</h1>" in page
    assert "List-Unsubscribe-Post" in page and "&lt;http://localhost/notices/off/tok&gt;" in page
    assert "<pre>Hello Dana," in page
    assert '<a href="http://localhost/jobs" rel="noopener noreferrer">' in page  # links from the text part
    iframe = re.search(r'<iframe sandbox="" srcdoc="([^"]*)"', page)
    assert iframe, "the HTML part is shown in a sandboxed iframe"
    assert "<p>Hello Dana,</p>" in unescape(iframe.group(1))
    assert "script-src 'self'" in shown.headers["Content-Security-Policy"]


def test_hostile_mail_cannot_run_or_break_out(client, login, mailbox):
    """The catcher saves whatever it is sent: a raw <script> in the HTML part stays inside the escaped
    srcdoc of a sandboxed iframe, and the text part and headers are escaped."""
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    (mailbox.directory / "20260101T000000.000000Z-0badc0de.eml").write_text(
        f"From: x@evil.example\nTo: {hostile}\nSubject: {hostile}\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="b"\n\n'
        f"--b\nContent-Type: text/plain\n\ntext {hostile}\n"
        f"--b\nContent-Type: text/html\n\n<p>html</p>{hostile}\n--b--\n")
    login(factories.admin())
    listing = client.get("/admin/mail").get_data(as_text=True)
    page = client.get("/admin/mail/20260101T000000.000000Z-0badc0de.eml").get_data(as_text=True)
    for html in (listing, page):
        assert "<script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    srcdoc = re.search(r'<iframe sandbox="" srcdoc="([^"]*)"', page).group(1)
    assert unescape(srcdoc).strip() == f"<p>html</p>{hostile}"


def test_empty_or_missing_folder_and_bad_names(client, login, mailbox, app):
    login(factories.admin())
    assert "No mail caught yet." in client.get("/admin/mail").get_data(as_text=True)
    (mailbox.directory / "notes.txt").write_text("not a mail")
    (mailbox.directory / ".hidden.eml").write_text("Subject: hidden\n\nx")
    assert "No mail caught yet." in client.get("/admin/mail").get_data(as_text=True)
    for name in ("notes.txt", ".hidden.eml", "..%2Fsecret_key", "%2e%2e.eml", "nothing.eml"):
        assert client.get(f"/admin/mail/{name}").status_code == 404, name


def test_only_admins(client, login, mailbox):
    _send("For admins")
    [path] = mailbox.directory.glob("*.eml")
    assert client.get("/admin/mail").status_code == 302
    login(factories.employer_user())
    assert client.get("/admin/mail").status_code == 403
    assert client.get(f"/admin/mail/{path.name}").status_code == 403

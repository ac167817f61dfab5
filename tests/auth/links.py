"""Reading account mails in tests: the links they carry and the flash messages of the pages they open."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

LINK = re.compile(r"https?://[^\s<>\"']+")


def mails_to(mailbox, address: str) -> list:
    """Messages the test SMTP server received for `address`, oldest first."""
    return [m for m in mailbox.messages if address in m.rcpt_tos]


def link_in(mail, path_prefix: str) -> str:
    """The path of the one link to `path_prefix...` in the mail; the same link must be in both parts."""
    found = {part: {urlsplit(u).path for u in LINK.findall(unescape(getattr(mail, part)))
                    if urlsplit(u).path.startswith(path_prefix)} for part in ("text", "html")}
    assert len(found["text"]) == 1 and found["text"] == found["html"], found
    return found["text"].pop()


def flashes(html: str) -> list[str]:
    """The texts of the page's flash messages."""
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", m))).strip()
            for m in re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', html, re.DOTALL)]

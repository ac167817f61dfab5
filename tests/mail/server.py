"""A real SMTP server in the test process: the dev catcher's handler (saves .eml files) that also keeps
each message in memory for the tests to read."""

from __future__ import annotations

import email
import email.policy
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from careers.mail import catcher


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    def part(self, subtype: str) -> str:
        """The text/<subtype> part's content ("plain" or "html")."""
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None and body.get_content_subtype() == subtype, f"no text/{subtype} part"
        return body.get_content()

    @property
    def text(self) -> str:
        return self.part("plain")

    @property
    def html(self) -> str:
        return self.part("html")


class _Handler(catcher.SaveToDirectory):
    def __init__(self, server: SmtpServer) -> None:
        super().__init__(server.directory)
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = await super().handle_DATA(server, session, envelope)
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self.server.lock:
            self.server.messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return reply


class SmtpServer:
    """aiosmtpd on 127.0.0.1:<port>; stop() and start() again on the same port (the SMTP server going down)."""

    def __init__(self, port: int, directory: Path) -> None:
        self.port = port
        self.url = f"smtp://127.0.0.1:{port}"
        self.directory = directory
        self.messages: list[ReceivedMail] = []
        self.lock = threading.Lock()
        self._controller: Any = None

    def start(self) -> None:
        self._controller = catcher.start("127.0.0.1", self.port, self.directory, handler=_Handler(self))

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def clear(self) -> None:
        """Forget received messages and delete the saved .eml files."""
        with self.lock:
            self.messages.clear()
        for path in self.directory.glob("*"):
            path.unlink()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """Wait until at least `count` messages arrived (for mail sent by a consumer thread or process)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.messages)

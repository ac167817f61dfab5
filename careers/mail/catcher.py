"""The development mail catcher: an SMTP server (aiosmtpd) that saves each message as one .eml file.

    python scripts/mail_catcher.py --port 8025 --dir instance/mail

`make run` starts it on 127.0.0.1:$MAIL_PORT (8025) with MAIL_DIR; /admin/mail lists what it caught.
The tests run the same handler in the test process as their real SMTP server. This module imports
nothing from the app, so scripts/mail_catcher.py loads it alone and starts in a fraction of a second.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

SUFFIX = ".eml"
# The names /admin/mail accepts: what eml_name() writes, or any plain name (no dot file, no separator).
NAME_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*\.eml")


def eml_name() -> str:
    """A file name that sorts by arrival time: 20261130T101502.123456Z-1a2b3c4d.eml."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(4)}{SUFFIX}"


class SaveToDirectory:
    """aiosmtpd handler: write every accepted message to `directory` (atomically: temp file, then rename)."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.save(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    def save(self, content: bytes) -> Path:
        path = self.directory / eml_name()
        partial = path.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(path)
        return path


def start(host: str, port: int, directory: str | os.PathLike[str], handler: Any = None) -> Controller:
    """Start an SMTP server in a background thread; stop it with .stop()."""
    controller = Controller(handler or SaveToDirectory(directory), hostname=host, port=port)
    controller.start()
    return controller


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Catch mail over SMTP and save each message as an .eml file.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--dir", required=True, help="where to write the .eml files (MAIL_DIR)")
    args = parser.parse_args(argv)
    controller = start(args.host, args.port, args.dir)
    print(f"mail catcher: smtp://{args.host}:{args.port} -> {Path(args.dir).resolve()}", flush=True)
    stopped = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main()
